import { useState } from "preact/hooks";
import { CliCommand } from "../../components/cli-command";
import { ServerConfirmDialog } from "../../components/confirm";
import { CopyId } from "../../components/copy";
import { type Column, DataTable } from "../../components/data-table";
import { JsonView } from "../../components/json-view";
import { useRunAction } from "../../components/run-action";
import { EmptyState, ErrorState } from "../../components/states";
import { formatDate, type Page, userName } from "../shared/common";
import { Form, Options, Pages } from "../shared/parts";
import {
  type Organization,
  type OrganizationMembership,
  type PickedUser,
  ROLES,
  RoleBadge,
  RoleSelect,
  run,
  UserPicker,
} from "./common";

/** Members shown a page at a time (`?members_offset=`). */
export const MEMBERS_PAGE = 10;

export interface MembersQuery {
  data?: Page<OrganizationMembership> | undefined;
  error: Error | null;
  isPending: boolean;
  refetch(): unknown;
}

/** A member's user page (a membership of a deleted user has none). */
const memberPath = (member: OrganizationMembership) =>
  member.public_user_data && `/users/${encodeURIComponent(member.public_user_data.user_id)}`;

function memberLabel(member: OrganizationMembership): string {
  const user = member.public_user_data;
  if (!user) return "(unknown user)";
  return userName(user) || user.identifier || user.username || user.user_id;
}

export function Members({
  org,
  members,
  input,
}: {
  org: Organization;
  members: MembersQuery;
  /** The `orgs.members.list` input of the page shown. */
  input: { organization_id: string; limit: number; offset: number };
}) {
  const { offset } = input;
  const [pending, setPending] = useState<{ member: OrganizationMembership; role: string } | null>(null);
  const [removing, setRemoving] = useState<OrganizationMembership | null>(null);
  const changeRole = useRunAction("orgs.members.update", {
    success: (m) => `${memberLabel(m)} is now ${m.role}`,
    invalidate: [["orgs"]],
    onSuccess: () => setPending(null),
  });
  const remove = useRunAction("orgs.members.remove", {
    success: (m) => `Removed ${memberLabel(m)} from ${org.name}`,
    invalidate: [["orgs"]],
    onSuccess: () => setRemoving(null),
  });
  const rows = members.data?.data;
  const total = members.data?.total_count ?? 0;

  const columns: Column<OrganizationMembership>[] = [
    {
      key: "member",
      header: "Member",
      render: (m) => (
        <span class="orgs-member">
          {m.public_user_data ? (
            <a href={memberPath(m)}>
              <strong>{memberLabel(m)}</strong>
            </a>
          ) : (
            <strong>{memberLabel(m)}</strong>
          )}
          <span class="muted">{m.public_user_data?.identifier ?? ""}</span>
        </span>
      ),
    },
    {
      key: "user",
      header: "User ID",
      render: (m) => (m.public_user_data ? <CopyId id={m.public_user_data.user_id} /> : "—"),
    },
    {
      key: "role",
      header: "Role",
      render: (m) => {
        const roles = ROLES.includes(m.role as (typeof ROLES)[number]) ? ROLES : [...ROLES, m.role];
        const value = pending?.member.id === m.id ? pending.role : m.role;
        return (
          <select
            class={`orgs-role-select ${value === "org:admin" ? "orgs-role-admin" : ""}`}
            aria-label={`Role of ${memberLabel(m)}`}
            data-testid="member-role"
            value={value}
            onClick={(event) => event.stopPropagation()}
            onChange={(event) => {
              const role = (event.target as HTMLSelectElement).value;
              setPending(role === m.role ? null : { member: m, role });
            }}
          >
            <Options values={roles} />
          </select>
        );
      },
    },
    { key: "since", header: "Member since", render: (m) => formatDate(m.created_at) },
    {
      key: "actions",
      header: "",
      render: (m) => (
        <button
          type="button"
          class="orgs-danger-button"
          aria-label={`Remove ${memberLabel(m)}`}
          onClick={(event) => {
            event.stopPropagation();
            setRemoving(m);
            // The server asks to confirm (yes/no, naming them); the dialog below shows it.
            run(remove, {
              input: { organization_id: org.id, user_id: m.public_user_data?.user_id ?? "" },
            });
          }}
        >
          Remove
        </button>
      ),
    },
  ];

  const pendingUser = pending?.member.public_user_data?.user_id ?? "";
  const removingUser = removing?.public_user_data?.user_id ?? "";

  return (
    <section class="card" aria-labelledby="org-members">
      <div class="orgs-section-head">
        <h2 id="org-members">Members {members.data && <span class="muted">({total})</span>}</h2>
      </div>
      <AddMember org={org} />

      {pending && (
        <section class="orgs-pending" aria-label="Role change">
          <span>
            Change <strong>{memberLabel(pending.member)}</strong> from <RoleBadge role={pending.member.role} /> to{" "}
            <RoleBadge role={pending.role} />
          </span>
          <CliCommand
            action="orgs.members.update"
            input={{ organization_id: org.id, user_id: pendingUser, role: pending.role }}
          />
          <div class="actions">
            <button type="button" onClick={() => setPending(null)}>
              Cancel
            </button>
            <button
              type="button"
              class="primary"
              disabled={changeRole.isPending}
              onClick={() =>
                run(changeRole, { input: { organization_id: org.id, user_id: pendingUser, role: pending.role } })
              }
            >
              {changeRole.isPending ? "Changing…" : "Change role"}
            </button>
          </div>
        </section>
      )}

      {members.error && !members.data ? (
        <ErrorState error={members.error} retry={() => void members.refetch()} />
      ) : rows && rows.length === 0 && offset === 0 ? (
        <EmptyState title="No members yet.">Add one above by searching a user’s email or name.</EmptyState>
      ) : (
        <>
          <DataTable
            label={`Members of ${org.name}`}
            rows={rows}
            columns={columns}
            rowKey={(m) => m.id}
            loading={members.isPending}
            href={memberPath}
          />
          <Pages offset={offset} limit={MEMBERS_PAGE} total={total} param="members_offset" whenSeveral />
          {members.data && (
            <JsonView value={members.data} label="Members as JSON" command={{ action: "orgs.members.list", input }} />
          )}
        </>
      )}

      {removing && remove.confirming && (
        <ServerConfirmDialog confirming={remove.confirming} confirmLabel="Remove member">
          <p class="orgs-dialog-text">
            They lose access to {org.name} and its data at once. They can be added again later; their role is not kept.
          </p>
          <CliCommand action="orgs.members.remove" input={{ organization_id: org.id, user_id: removingUser }} />
        </ServerConfirmDialog>
      )}
    </section>
  );
}

function AddMember({ org }: { org: Organization }) {
  const [user, setUser] = useState<PickedUser | null>(null);
  const [role, setRole] = useState<string>("org:member");
  const [formKey, setFormKey] = useState(0);
  const input = { organization_id: org.id, user_id: user?.id ?? "", role };
  const add = useRunAction("orgs.members.add", {
    success: (m) => `Added ${memberLabel(m)} as ${m.role}`,
    invalidate: [["orgs"]],
    onSuccess: () => {
      setUser(null);
      setFormKey((k) => k + 1);
    },
  });
  return (
    <Form
      class="inline-form orgs-inline-form"
      aria-label="Add a member"
      onSubmit={() => {
        if (user) run(add, { input });
      }}
    >
      <div class="inline-fields">
        <UserPicker
          key={formKey}
          label="Add a member"
          value={user}
          onChange={setUser}
          required
          search
          busy={add.isPending}
          focus={formKey > 0}
          testId="member-picker"
        />
        <RoleSelect value={role} onChange={setRole} />
        <button type="submit" class="primary" disabled={!user || add.isPending}>
          {add.isPending ? "Adding…" : "Add member"}
        </button>
      </div>
      {user && <CliCommand action="orgs.members.add" input={input} />}
    </Form>
  );
}
