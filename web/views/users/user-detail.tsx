import { useEffect, useState } from "preact/hooks";
import type { ActionId, ActionInput } from "../../../shared/actions/types";
import { callAction } from "../../api";
import { CliCommand } from "../../components/cli-command";
import { ServerConfirmDialog } from "../../components/confirm";
import { CopyId } from "../../components/copy";
import { JsonView } from "../../components/json-view";
import { useRunAction } from "../../components/run-action";
import { queryClient, useQuery } from "../../query";
import { navigate } from "../../router";
import { formatDate, primaryEmail, retryServerErrors } from "../shared/common";
import { DeleteCard, Form, RecordPending, SkeletonCard } from "../shared/parts";
import { Avatar, StatusBadges, storeUser, type User, userKey, userLabel, usersListUrl } from "./common";
import { Identifiers } from "./identifiers";
import { MetadataEditor } from "./metadata-editor";
import { Memberships, Sessions } from "./sessions";

/** `/users/:user_id`. */
export function UserDetail({ userId }: { userId: string }) {
  const user = useQuery({
    queryKey: userKey(userId),
    queryFn: ({ signal }) => callAction("users.get", { user_id: userId }, { signal }),
    retry: retryServerErrors,
  });
  if (!user.data) {
    return (
      <RecordPending
        result={user}
        pageClass="users-page"
        back={<BackLink />}
        record={{ noun: "user", id: userId, pronoun: "They" }}
        list={{ href: usersListUrl(), label: "users" }}
        skeleton={
          <>
            <SkeletonCard lines={2} />
            <div class="grid-2">
              <SkeletonCard lines={6} />
              <SkeletonCard lines={6} />
            </div>
          </>
        }
      />
    );
  }
  return <UserPage user={user.data} />;
}

function BackLink() {
  return (
    <a href={usersListUrl()} class="users-back">
      ← Users
    </a>
  );
}

function UserPage({ user }: { user: User }) {
  const email = primaryEmail(user);
  return (
    <section class="users-page" aria-labelledby="user-title">
      <BackLink />
      <div class="page-header users-detail-header">
        <Avatar user={user} large />
        <div class="users-title">
          <h1 id="user-title" data-testid="user-name">
            {userLabel(user)}
          </h1>
          <div class="users-subtitle">
            {email && email !== userLabel(user) && <span class="muted">{email}</span>}
            <CopyId id={user.id} />
            <span data-testid="user-status">
              <StatusBadges user={user} />
            </span>
          </div>
        </div>
      </div>

      <div class="grid-2">
        <Overview user={user} />
        <Profile user={user} />
      </div>
      <Identifiers user={user} />
      <MetadataEditor user={user} />
      <Sessions user={user} />
      <Memberships user={user} />
      <Access user={user} />
      <DeleteUser user={user} />
    </section>
  );
}

function Overview({ user }: { user: User }) {
  return (
    <section class="card" aria-labelledby="user-overview">
      <h2 id="user-overview">Overview</h2>
      <dl class="fields">
        <dt>ID</dt>
        <dd>
          <CopyId id={user.id} />
        </dd>
        <dt>External ID</dt>
        <dd>{user.external_id ? <CopyId id={user.external_id} /> : <span class="muted">—</span>}</dd>
        <dt>Username</dt>
        <dd>{user.username ?? <span class="muted">—</span>}</dd>
        <dt>Password</dt>
        <dd>{user.password_enabled ? "Set" : <span class="muted">Not set</span>}</dd>
        <dt>Two-factor</dt>
        <dd>{user.two_factor_enabled ? "Enabled" : <span class="muted">Off</span>}</dd>
        <dt>Created</dt>
        <dd>{formatDate(user.created_at, true)}</dd>
        <dt>Updated</dt>
        <dd>{formatDate(user.updated_at, true)}</dd>
        <dt>Last sign-in</dt>
        <dd>{user.last_sign_in_at ? formatDate(user.last_sign_in_at, true) : <span class="muted">never</span>}</dd>
        <dt>Last active</dt>
        <dd>{user.last_active_at ? formatDate(user.last_active_at, true) : <span class="muted">never</span>}</dd>
      </dl>
      <JsonView
        value={user}
        label="User JSON (as --json)"
        command={{ action: "users.get", input: { user_id: user.id } }}
      />
    </section>
  );
}

const PROFILE_FIELDS = [
  { name: "first_name", label: "First name" },
  { name: "last_name", label: "Last name" },
  { name: "username", label: "Username" },
  { name: "external_id", label: "External ID" },
] as const;
type ProfileField = (typeof PROFILE_FIELDS)[number]["name"];

function Profile({ user }: { user: User }) {
  const stored = (name: ProfileField) => user[name] ?? "";
  const initial = () => Object.fromEntries(PROFILE_FIELDS.map((f) => [f.name, stored(f.name)]));
  const [form, setForm] = useState<Record<string, string>>(initial);
  // A refetch (or someone else's change) resets the form to what Clerk has.
  useEffect(() => setForm(initial()), [user.updated_at, user.id]);

  const changes = PROFILE_FIELDS.filter((f) => (form[f.name] ?? "").trim() !== stored(f.name));
  const input: ActionInput<"users.update"> = { user_id: user.id };
  for (const f of changes) input[f.name] = (form[f.name] ?? "").trim();
  // The CLI line leaves out empty values, so a cleared field is spelled out as `--flag ''`.
  const cleared = changes.filter((f) => input[f.name] === "");
  const update = useRunAction("users.update", {
    success: (u) => `Saved ${userLabel(u)}`,
    onSuccess: storeUser,
  });

  return (
    <Form
      class="card users-form"
      aria-labelledby="user-profile"
      onSubmit={() => {
        if (changes.length) update.mutate({ input });
      }}
    >
      <h2 id="user-profile">Profile</h2>
      {PROFILE_FIELDS.map((f) => (
        <label key={f.name}>
          {f.label}
          <input
            value={form[f.name]}
            autoComplete="off"
            spellcheck={f.name.endsWith("name") && f.name !== "username"}
            onInput={(event) => setForm({ ...form, [f.name]: (event.target as HTMLInputElement).value })}
          />
        </label>
      ))}
      <div class="users-submit-row users-submit-stack">
        {changes.length ? (
          <CliCommand
            action="users.update"
            input={input}
            extra={cleared.flatMap((f) => [`--${f.name.replace(/_/g, "-")}`, "''"])}
          />
        ) : (
          <span class="muted users-grow">No changes yet.</span>
        )}
        <button type="submit" class="primary" disabled={!changes.length || update.isPending}>
          {update.isPending ? "Saving…" : "Save profile"}
        </button>
      </div>
    </Form>
  );
}

/** Ban/unban and lock/unlock: reversible, so a plain yes/no (no typed name); each with its CLI line. */
function Access({ user }: { user: User }) {
  const label = userLabel(user);
  const banVerb = user.banned ? "unban" : "ban";
  const lockVerb = user.locked ? "unlock" : "lock";
  const ban = useRunAction(`users.${banVerb}`, {
    success: (u) => (u.banned ? `Banned ${label}` : `Lifted the ban on ${label}`),
    onSuccess: (u) => {
      storeUser(u);
      // Banning ends the user's sessions.
      void queryClient.invalidateQueries({ queryKey: ["users", "sessions", u.id] });
    },
  });
  const lock = useRunAction(`users.${lockVerb}`, {
    success: (u) => (u.locked ? `Locked ${label}` : `Unlocked ${label}`),
    onSuccess: storeUser,
  });
  const input = { user_id: user.id };
  return (
    <section class="card" aria-labelledby="user-access">
      <h2 id="user-access">Access</h2>
      <AccessRow
        state={user.banned ? "Banned" : "Not banned"}
        explanation={
          user.banned
            ? "They cannot sign in. Unbanning lets them sign in again."
            : "Banning signs them out everywhere and stops them from signing in."
        }
        action={`users.${banVerb}`}
        input={input}
        danger={!user.banned}
        busy={ban.isPending}
        label={user.banned ? "Unban user" : "Ban user"}
        onClick={() => ban.mutate({ input })}
      />
      <AccessRow
        state={user.locked ? "Locked" : "Not locked"}
        explanation={
          user.locked
            ? "Sign-in is blocked (e.g. after too many failed attempts). Unlocking lifts it now."
            : "Locking blocks sign-in until unlocked, as after too many failed attempts."
        }
        action={`users.${lockVerb}`}
        input={input}
        danger={!user.locked}
        busy={lock.isPending}
        label={user.locked ? "Unlock user" : "Lock user"}
        onClick={() => lock.mutate({ input })}
      />
      {/* Banning and locking ask yes/no, naming the user (the server says so); lifting them does not. */}
      {ban.confirming && (
        <ServerConfirmDialog confirming={ban.confirming} confirmLabel="Ban user">
          <p class="users-dialog-text">
            They are signed out everywhere and cannot sign in until unbanned. Unbanning lets them back in.
          </p>
          <CliCommand action="users.ban" input={input} />
        </ServerConfirmDialog>
      )}
      {lock.confirming && (
        <ServerConfirmDialog confirming={lock.confirming} confirmLabel="Lock user">
          <p class="users-dialog-text">They cannot sign in until unlocked.</p>
          <CliCommand action="users.lock" input={input} />
        </ServerConfirmDialog>
      )}
    </section>
  );
}

/** One of the user's access switches (ban, lock): where it stands, the CLI line, the button. */
function AccessRow(props: {
  state: string;
  explanation: string;
  action: ActionId;
  input: { user_id: string };
  danger: boolean;
  busy: boolean;
  label: string;
  onClick(): void;
}) {
  return (
    <div class="users-access-row">
      <div class="users-access-text">
        <strong>{props.state}</strong>
        <span class="muted">{props.explanation}</span>
      </div>
      <CliCommand action={props.action} input={props.input} />
      <button
        type="button"
        class={props.danger ? "users-danger-button" : ""}
        disabled={props.busy}
        onClick={props.onClick}
      >
        {props.busy ? "Working…" : props.label}
      </button>
    </div>
  );
}

function DeleteUser({ user }: { user: User }) {
  const label = userLabel(user);
  const remove = useRunAction("users.delete", {
    success: () => `Deleted ${label}`,
    invalidate: [["users", "list"]],
    onSuccess: () => {
      navigate(usersListUrl());
      // Once this page is gone, forget the deleted user.
      setTimeout(() => queryClient.removeQueries({ queryKey: userKey(user.id) }), 0);
    },
  });
  const input = { user_id: user.id };
  return (
    <DeleteCard
      noun="user"
      sectionClass="users-danger"
      submitRowClass="users-submit-row"
      dialogTextClass="users-dialog-text"
      headingId="user-delete"
      summary={`Deletes ${label} with their identifiers, sessions and organization memberships. This cannot be undone.`}
      dialogText={`${label} is deleted for good, with their sessions and memberships. They can sign up again as a new user.`}
      action="users.delete"
      input={input}
      runner={remove}
    />
  );
}
