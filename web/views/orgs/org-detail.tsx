import { keepPreviousData } from "@tanstack/query-core";
import { useEffect, useState } from "preact/hooks";
import type { ActionInput } from "../../../shared/actions/types";
import { callAction } from "../../api";
import { CliCommand } from "../../components/cli-command";
import { ConfirmDialog } from "../../components/confirm";
import { CopyButton, CopyId } from "../../components/copy";
import { type Column, DataTable, Pagination } from "../../components/data-table";
import { JsonView } from "../../components/json-view";
import { useRunAction } from "../../components/run-action";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { queryClient, useQuery } from "../../query";
import { navigate, useLocation } from "../../router";
import { formatDate, oneOf, type Page, retryServerErrors, setParams, userName } from "../shared/common";
import { Form, Options, RecordPending, SkeletonCard } from "../shared/parts";
import {
  type Organization,
  type OrganizationInvitation,
  type OrganizationMembership,
  optionalInt,
  type PickedUser,
  ROLES,
  RoleBadge,
  run,
  StatusBadge,
  UserPicker,
} from "./common";

const MEMBERS_PAGE = 10;
const INVITATIONS_PAGE = 10;
const INVITATION_STATUSES = ["pending", "accepted", "revoked", "expired"] as const;

/** `/orgs/:organization_id` (an id or a slug). */
export function OrgDetail({ organizationId }: { organizationId: string }) {
  const org = useQuery({
    queryKey: ["orgs", "get", organizationId],
    queryFn: ({ signal }) => callAction("orgs.get", { organization_id: organizationId }, { signal }),
    retry: retryServerErrors,
  });
  if (!org.data) {
    return (
      <RecordPending
        result={org}
        pageClass="orgs-page"
        back={<BackLink />}
        record={{ noun: "organization", id: organizationId }}
        list={{ href: "/orgs", label: "organizations" }}
        skeleton={
          <>
            <SkeletonCard lines={2} />
            <SkeletonCard lines={6} />
          </>
        }
      />
    );
  }
  return <OrgPage org={org.data} />;
}

function BackLink() {
  return (
    <a href="/orgs" class="orgs-back">
      ← Organizations
    </a>
  );
}

function OrgPage({ org }: { org: Organization }) {
  const { query } = useLocation();
  const membersOffset = Math.max(0, Number.parseInt(query.get("members_offset") ?? "0", 10) || 0);
  const membersInput = { organization_id: org.id, limit: MEMBERS_PAGE, offset: membersOffset };
  const members = useQuery({
    queryKey: ["orgs", "members", org.id, membersOffset],
    queryFn: ({ signal }) => callAction("orgs.members.list", membersInput, { signal }),
    placeholderData: keepPreviousData,
  });
  const membersCount = members.data?.total_count ?? org.members_count;

  return (
    <section class="orgs-page" aria-labelledby="org-title">
      <BackLink />
      <div class="page-header orgs-detail-header">
        <span class="orgs-avatar orgs-avatar-lg" aria-hidden="true">
          {org.name.slice(0, 1).toUpperCase()}
        </span>
        <div class="orgs-title">
          <h1 id="org-title" data-testid="org-name">
            {org.name}
          </h1>
          <div class="orgs-subtitle">
            <span class="mono muted">{org.slug}</span>
            <CopyId id={org.id} />
          </div>
        </div>
      </div>

      <div class="grid-2">
        <Overview org={org} membersCount={membersCount} />
        <EditOrganization org={org} />
      </div>

      <Members org={org} members={members} input={membersInput} />
      <Invitations org={org} />
      <DangerZone org={org} />
    </section>
  );
}

function Overview({ org, membersCount }: { org: Organization; membersCount: number | undefined }) {
  const limit = org.max_allowed_memberships;
  return (
    <section class="card" aria-labelledby="org-overview">
      <h2 id="org-overview">Overview</h2>
      <dl class="fields">
        <dt>ID</dt>
        <dd>
          <CopyId id={org.id} />
        </dd>
        <dt>Name</dt>
        <dd>{org.name}</dd>
        <dt>Slug</dt>
        <dd>
          <CopyId id={org.slug} />
        </dd>
        <dt>Members</dt>
        <dd data-testid="org-members-count">
          {membersCount ?? "…"}
          {limit > 0 && <span class="muted"> of {limit} allowed</span>}
        </dd>
        {org.pending_invitations_count !== undefined && (
          <>
            <dt>Pending invitations</dt>
            <dd>{org.pending_invitations_count}</dd>
          </>
        )}
        <dt>Max memberships</dt>
        <dd>{limit > 0 ? limit : "Unlimited"}</dd>
        <dt>Admins can delete</dt>
        <dd>{org.admin_delete_enabled ? "Yes" : "No"}</dd>
        {org.created_by && (
          <>
            <dt>Created by</dt>
            <dd>
              <a href={`/users/${encodeURIComponent(org.created_by)}`} class="mono">
                {org.created_by}
              </a>
              <CopyButton text={org.created_by} label={`Copy ${org.created_by}`} />
            </dd>
          </>
        )}
        <dt>Created</dt>
        <dd>{formatDate(org.created_at, true)}</dd>
        <dt>Updated</dt>
        <dd>{formatDate(org.updated_at, true)}</dd>
      </dl>
      <div class="orgs-metadata">
        <h3>Public metadata</h3>
        <pre class="orgs-pre" data-testid="org-public-metadata">
          {JSON.stringify(org.public_metadata ?? {}, null, 2)}
        </pre>
        {org.private_metadata !== undefined && (
          <>
            <h3>Private metadata</h3>
            <pre class="orgs-pre">{JSON.stringify(org.private_metadata ?? {}, null, 2)}</pre>
          </>
        )}
      </div>
      <JsonView
        value={org}
        label="Organization JSON (as --json)"
        command={{ action: "orgs.get", input: { organization_id: org.id } }}
      />
    </section>
  );
}

function EditOrganization({ org }: { org: Organization }) {
  const [name, setName] = useState(org.name);
  const [slug, setSlug] = useState(org.slug);
  const [max, setMax] = useState(String(org.max_allowed_memberships));
  // A refetch (or someone else's change) resets the form to what Clerk has.
  useEffect(() => {
    setName(org.name);
    setSlug(org.slug);
    setMax(String(org.max_allowed_memberships));
  }, [org.updated_at, org.id]);

  const maxValue = optionalInt(max);
  const maxInvalid = maxValue !== undefined && Number.isNaN(maxValue);
  const slugInvalid = !/^[a-z0-9-]+$/.test(slug);
  const input: ActionInput<"orgs.update"> = {
    organization_id: org.id,
    ...(name.trim() && name.trim() !== org.name ? { name: name.trim() } : {}),
    ...(slug && slug !== org.slug ? { slug } : {}),
    ...(maxValue !== undefined && !maxInvalid && maxValue !== org.max_allowed_memberships
      ? { max_allowed_memberships: maxValue }
      : {}),
  };
  const changed = Object.keys(input).length > 1;
  const update = useRunAction("orgs.update", {
    success: (updated) => `Saved ${updated.name}`,
    invalidate: [["orgs"]],
    onSuccess: (updated) => {
      // A page opened by slug follows the new slug's organization by id.
      if (location.pathname !== `/orgs/${updated.id}`)
        navigate(`/orgs/${encodeURIComponent(updated.id)}`, { replace: true });
    },
  });

  return (
    <Form
      class="card orgs-form"
      aria-labelledby="org-edit"
      onSubmit={() => {
        if (changed && !maxInvalid && !slugInvalid && name.trim()) run(update, { input });
      }}
    >
      <h2 id="org-edit">Settings</h2>
      <label>
        Name
        <input required value={name} onInput={(event) => setName((event.target as HTMLInputElement).value)} />
      </label>
      <label>
        Slug
        <input
          required
          value={slug}
          pattern="[a-z0-9-]+"
          aria-invalid={slugInvalid}
          onInput={(event) => setSlug((event.target as HTMLInputElement).value)}
        />
      </label>
      <label>
        Max memberships
        <input
          type="number"
          min={0}
          step={1}
          inputMode="numeric"
          value={max}
          aria-invalid={maxInvalid}
          onInput={(event) => setMax((event.target as HTMLInputElement).value)}
        />
        <span class="orgs-hint">0 = unlimited. Pending invitations count against it.</span>
      </label>
      <div class="orgs-submit-row">
        {changed ? (
          <CliCommand action="orgs.update" input={input} />
        ) : (
          <span class="muted orgs-grow">No changes yet.</span>
        )}
        <button type="submit" class="primary" disabled={!changed || maxInvalid || slugInvalid || update.isPending}>
          {update.isPending ? "Saving…" : "Save changes"}
        </button>
      </div>
    </Form>
  );
}

interface MembersQuery {
  data?: Page<OrganizationMembership> | undefined;
  error: Error | null;
  isPending: boolean;
  refetch(): unknown;
}

function memberLabel(member: OrganizationMembership): string {
  const user = member.public_user_data;
  if (!user) return "(unknown user)";
  return userName(user) || user.identifier || user.username || user.user_id;
}

function Members({
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
          <strong>{memberLabel(m)}</strong>
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
            onOpen={(m) => m.public_user_data && navigate(`/users/${encodeURIComponent(m.public_user_data.user_id)}`)}
          />
          {members.data && total > MEMBERS_PAGE && (
            <Pagination
              offset={offset}
              limit={MEMBERS_PAGE}
              total={total}
              onOffset={(next) => setParams({ members_offset: next || undefined })}
            />
          )}
          {members.data && (
            <JsonView value={members.data} label="Members as JSON" command={{ action: "orgs.members.list", input }} />
          )}
        </>
      )}

      {removing && (
        <ConfirmDialog
          title={`Remove ${memberLabel(removing)} from ${org.name}?`}
          expected={removingUser}
          confirmLabel="Remove member"
          busy={remove.isPending}
          onCancel={() => setRemoving(null)}
          onConfirm={() =>
            run(remove, {
              input: { organization_id: org.id, user_id: removingUser },
              confirm: `${removingUser} from ${org.id}`,
            })
          }
        >
          <p class="orgs-dialog-text">
            They lose access to {org.name} and its data at once. They can be added again later; their role is not kept.
          </p>
          <CliCommand action="orgs.members.remove" input={{ organization_id: org.id, user_id: removingUser }} />
        </ConfirmDialog>
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
        <label>
          Role
          <select value={role} onChange={(event) => setRole((event.target as HTMLSelectElement).value)}>
            <Options values={ROLES} />
          </select>
        </label>
        <button type="submit" class="primary" disabled={!user || add.isPending}>
          {add.isPending ? "Adding…" : "Add member"}
        </button>
      </div>
      {user && <CliCommand action="orgs.members.add" input={input} />}
    </Form>
  );
}

function Invitations({ org }: { org: Organization }) {
  const { query } = useLocation();
  const status = oneOf(INVITATION_STATUSES, query.get("invitations")) ?? "";
  const offset = Math.max(0, Number.parseInt(query.get("invitations_offset") ?? "0", 10) || 0);
  const input = {
    organization_id: org.id,
    ...(status ? { status } : {}),
    limit: INVITATIONS_PAGE,
    offset,
  };
  const list = useQuery({
    queryKey: ["orgs", "invitations", org.id, status, offset],
    queryFn: ({ signal }) => callAction("orgs.invitations.list", input, { signal }),
    placeholderData: keepPreviousData,
  });
  const [revoking, setRevoking] = useState<OrganizationInvitation | null>(null);
  const revoke = useRunAction("orgs.invitations.revoke", {
    success: (i) => `Revoked the invitation to ${i.email_address}`,
    invalidate: [["orgs"]],
    onSuccess: () => setRevoking(null),
  });
  const rows = list.data?.data;
  const total = list.data?.total_count ?? 0;

  return (
    <section class="card" aria-labelledby="org-invitations">
      <div class="orgs-section-head">
        <h2 id="org-invitations">Invitations {list.data && <span class="muted">({total})</span>}</h2>
        <span class="header-spacer" />
        <label class="inline">
          Status
          <select
            value={status}
            data-testid="invitation-status-filter"
            onChange={(event) =>
              setParams({ invitations: (event.target as HTMLSelectElement).value, invitations_offset: undefined })
            }
          >
            <option value="">All</option>
            <Options values={INVITATION_STATUSES} />
          </select>
        </label>
      </div>
      <InviteForm org={org} />

      {list.error && !list.data ? (
        <ErrorState error={list.error} retry={() => void list.refetch()} />
      ) : list.isPending ? (
        <Skeleton lines={3} />
      ) : rows && rows.length === 0 ? (
        <EmptyState title={status ? `No ${status} invitations.` : "No invitations yet."}>
          {status ? "Pick another status above, or invite someone." : "Invite someone by email above."}
        </EmptyState>
      ) : (
        <>
          <table class="data-table orgs-static-table" aria-label={`Invitations to ${org.name}`}>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">ID</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Expires</th>
                <th scope="col">Sent</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows?.map((invitation) => (
                <tr key={invitation.id} data-testid="invitation-row">
                  <td>{invitation.email_address}</td>
                  <td>
                    <CopyId id={invitation.id} />
                  </td>
                  <td>
                    <RoleBadge role={invitation.role} />
                  </td>
                  <td>
                    <StatusBadge status={invitation.status ?? ""} />
                  </td>
                  <td>{formatDate(invitation.expires_at)}</td>
                  <td>{formatDate(invitation.created_at)}</td>
                  <td>
                    {invitation.status === "pending" && (
                      <button
                        type="button"
                        class="orgs-danger-button"
                        aria-label={`Revoke the invitation to ${invitation.email_address}`}
                        onClick={() => setRevoking(invitation)}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {total > INVITATIONS_PAGE && (
            <Pagination
              offset={offset}
              limit={INVITATIONS_PAGE}
              total={total}
              onOffset={(next) => setParams({ invitations_offset: next || undefined })}
            />
          )}
          {list.data && (
            <JsonView
              value={list.data}
              label="Invitations as JSON"
              command={{ action: "orgs.invitations.list", input }}
            />
          )}
        </>
      )}

      {revoking && (
        <ConfirmDialog
          title={`Revoke the invitation to ${revoking.email_address}?`}
          expected={revoking.id}
          confirmLabel="Revoke invitation"
          busy={revoke.isPending}
          onCancel={() => setRevoking(null)}
          onConfirm={() =>
            run(revoke, { input: { organization_id: org.id, invitation_id: revoking.id }, confirm: revoking.id })
          }
        >
          <p class="orgs-dialog-text">
            The link in the email stops working. You can invite the same address again afterwards.
          </p>
          <CliCommand
            action="orgs.invitations.revoke"
            input={{ organization_id: org.id, invitation_id: revoking.id }}
          />
        </ConfirmDialog>
      )}
    </section>
  );
}

function InviteForm({ org }: { org: Organization }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<string>("org:member");
  const [days, setDays] = useState("");
  const daysValue = optionalInt(days);
  const daysInvalid = daysValue !== undefined && (Number.isNaN(daysValue) || daysValue < 1 || daysValue > 365);
  const input = {
    organization_id: org.id,
    email_address: email.trim(),
    role,
    ...(daysValue !== undefined && !daysInvalid ? { expires_in_days: daysValue } : {}),
  };
  const invite = useRunAction("orgs.invitations.create", {
    success: (i) => `Invited ${i.email_address} as ${i.role}`,
    invalidate: [["orgs"]],
    onSuccess: () => {
      setEmail("");
      setDays("");
    },
  });
  const valid = email.trim().length >= 3 && !daysInvalid;
  return (
    <Form
      class="inline-form orgs-inline-form"
      aria-label="Invite by email"
      onSubmit={() => {
        if (valid) run(invite, { input });
      }}
    >
      <div class="inline-fields">
        <label class="orgs-grow">
          Invite by email
          <input
            type="email"
            required
            value={email}
            placeholder="someone@example.com"
            data-testid="invite-email"
            readOnly={invite.isPending}
            onInput={(event) => setEmail((event.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          Role
          <select value={role} onChange={(event) => setRole((event.target as HTMLSelectElement).value)}>
            <Options values={ROLES} />
          </select>
        </label>
        <label>
          Expires in (days)
          <input
            type="number"
            min={1}
            max={365}
            step={1}
            inputMode="numeric"
            class="orgs-days"
            readOnly={invite.isPending}
            value={days}
            aria-invalid={daysInvalid}
            placeholder="default"
            onInput={(event) => setDays((event.target as HTMLInputElement).value)}
          />
        </label>
        <button type="submit" class="primary" disabled={!valid || invite.isPending}>
          {invite.isPending ? "Inviting…" : "Send invitation"}
        </button>
      </div>
      {email.trim() && <CliCommand action="orgs.invitations.create" input={input} />}
    </Form>
  );
}

function DangerZone({ org }: { org: Organization }) {
  const [confirming, setConfirming] = useState(false);
  const remove = useRunAction("orgs.delete", {
    success: () => `Deleted ${org.name}`,
    invalidate: [["orgs", "list"]],
    onSuccess: () => {
      navigate("/orgs");
      // Once this page is gone, forget the deleted organization (by id and by slug).
      setTimeout(() => queryClient.removeQueries({ queryKey: ["orgs", "get"] }), 0);
    },
  });
  const input = { organization_id: org.id };
  return (
    <section class="card orgs-danger" aria-labelledby="org-danger">
      <h2 id="org-danger">Delete organization</h2>
      <p class="muted">
        Deletes {org.name} with all its memberships and invitations. Users themselves are kept. This cannot be undone.
      </p>
      <div class="orgs-submit-row">
        <CliCommand action="orgs.delete" input={input} />
        <button type="button" class="danger" onClick={() => setConfirming(true)}>
          Delete organization…
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          title={`Delete ${org.name}?`}
          expected={org.id}
          confirmLabel="Delete organization"
          busy={remove.isPending}
          onCancel={() => setConfirming(false)}
          onConfirm={() => run(remove, { input, confirm: org.id })}
        >
          <p class="orgs-dialog-text">
            {org.name} ({org.slug}) and its memberships and invitations are deleted for good. Members keep their user
            accounts.
          </p>
          <CliCommand action="orgs.delete" input={input} />
        </ConfirmDialog>
      )}
    </section>
  );
}
