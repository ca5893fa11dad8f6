import { keepPreviousData } from "@tanstack/query-core";
import { useState } from "preact/hooks";
import type { OrganizationMembership, Session } from "../../../shared/clerk/schemas";
import { callAction } from "../../api";
import { CliCommand } from "../../components/cli-command";
import { ServerConfirmDialog } from "../../components/confirm";
import { CopyId } from "../../components/copy";
import { type Column, DataTable } from "../../components/data-table";
import { JsonView } from "../../components/json-view";
import { useRunAction } from "../../components/run-action";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { useQuery } from "../../query";
import { useLocation } from "../../router";
import { formatDate, offsetParam, oneOf } from "../shared/common";
import { Pages, StatusFilter } from "../shared/parts";
import { type User, userLabel } from "./common";

const PAGE = 10;
const STATUSES = ["active", "revoked", "ended", "expired", "abandoned", "removed", "replaced"] as const;
const STATUS_CLASS: Record<string, string> = { active: "badge-success", revoked: "badge-danger" };

interface Activity {
  browser_name?: string;
  device_type?: string;
  ip_address?: string;
  city?: string;
  country?: string;
}

function device(session: Session): string {
  const a = session.latest_activity as Activity | null | undefined;
  if (!a) return "";
  const what = [a.browser_name, a.device_type].filter(Boolean).join(" on ");
  const where = [a.city, a.country].filter(Boolean).join(", ");
  return [what, a.ip_address, where].filter(Boolean).join(" · ");
}

/** The user's sessions (`sessions.list --user-id`), filterable by status; active ones can be revoked. */
export function Sessions({ user }: { user: User }) {
  const { query } = useLocation();
  const status = oneOf(STATUSES, query.get("sessions_status")) ?? "";
  const offset = offsetParam(query.get("sessions_offset"));
  const input = { user_id: user.id, ...(status ? { status } : {}), limit: PAGE, offset };
  const list = useQuery({
    queryKey: ["users", "sessions", user.id, status, offset],
    queryFn: ({ signal }) => callAction("sessions.list", input, { signal }),
    placeholderData: keepPreviousData,
  });
  const [revoking, setRevoking] = useState<Session | null>(null);
  const revoke = useRunAction("sessions.revoke", {
    success: (s) => `Revoked session ${s.id}`,
    invalidate: [["users", "sessions", user.id]],
    onSuccess: () => setRevoking(null),
  });
  const rows = list.data?.data;
  const total = list.data?.total_count ?? 0;
  const showDevice = rows?.some((s) => device(s)) ?? false;

  return (
    <section class="card" aria-labelledby="user-sessions">
      <div class="users-section-head">
        <h2 id="user-sessions">Sessions {list.data && <span class="muted">({total})</span>}</h2>
        <span class="header-spacer" />
        <StatusFilter
          value={status}
          statuses={STATUSES}
          param="sessions_status"
          offsetParam="sessions_offset"
          testId="sessions-status-filter"
        />
      </div>
      {list.error && !list.data ? (
        <ErrorState error={list.error} retry={() => void list.refetch()} />
      ) : list.isPending ? (
        <Skeleton lines={3} />
      ) : !rows?.length ? (
        <EmptyState title={status ? `No ${status} sessions.` : "No sessions."}>
          {status
            ? "Pick another status above."
            : "A session appears here when the user signs in; Clerk cleans up old inactive ones."}
        </EmptyState>
      ) : (
        <>
          <div class="table-scroll">
            <table class="data-table" aria-label={`Sessions of ${userLabel(user)}`}>
              <thead>
                <tr>
                  <th scope="col">Session</th>
                  <th scope="col">Status</th>
                  <th scope="col">Last active</th>
                  <th scope="col">Expires</th>
                  {showDevice && <th scope="col">Device</th>}
                  <th scope="col">Client</th>
                  <th scope="col">
                    <span class="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((s) => (
                  <tr key={s.id} data-testid="session-row">
                    <td>
                      <CopyId id={s.id} />
                    </td>
                    <td>
                      <span class={`badge ${STATUS_CLASS[s.status] ?? "badge-muted"}`}>{s.status}</span>
                    </td>
                    <td>{formatDate(s.last_active_at, true)}</td>
                    <td>{formatDate(s.expire_at, true)}</td>
                    {showDevice && <td>{device(s) || "—"}</td>}
                    <td>
                      <CopyId id={s.client_id} />
                    </td>
                    <td class="users-row-actions">
                      {s.status === "active" && (
                        <button
                          type="button"
                          class="users-danger-button"
                          aria-label={`Revoke session ${s.id}`}
                          onClick={() => {
                            setRevoking(s);
                            // The server asks to confirm (yes/no, naming the user); the dialog below shows it.
                            revoke.mutate({ input: { session_id: s.id } });
                          }}
                        >
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pages offset={offset} limit={PAGE} total={total} param="sessions_offset" whenSeveral />
          {list.data && (
            <JsonView value={list.data} label="Sessions as JSON" command={{ action: "sessions.list", input }} />
          )}
        </>
      )}
      {revoking && revoke.confirming && (
        <ServerConfirmDialog confirming={revoke.confirming} confirmLabel="Revoke session">
          <p class="users-dialog-text">
            {userLabel(user)} is signed out on that device at once (last active{" "}
            {formatDate(revoking.last_active_at, true)}). Their other sessions keep working.
          </p>
          <CliCommand action="sessions.revoke" input={{ session_id: revoking.id }} />
        </ServerConfirmDialog>
      )}
    </section>
  );
}

const orgPath = (m: OrganizationMembership) => `/orgs/${encodeURIComponent(m.organization.id)}`;

const membershipColumns: Column<OrganizationMembership>[] = [
  {
    key: "org",
    header: "Organization",
    render: (m) => (
      <span class="users-cell-name">
        <span class="users-avatar users-avatar-org" aria-hidden="true">
          {m.organization.name.slice(0, 1).toUpperCase()}
        </span>
        <a href={orgPath(m)}>{m.organization.name}</a>
      </span>
    ),
  },
  { key: "slug", header: "Slug", render: (m) => <span class="mono muted">{m.organization.slug}</span> },
  { key: "id", header: "Organization ID", render: (m) => <CopyId id={m.organization.id} /> },
  {
    key: "role",
    header: "Role",
    render: (m) => (
      <span class={`badge badge-mono${m.role === "org:admin" ? " users-badge-primary" : " badge-muted"}`}>
        {m.role}
      </span>
    ),
  },
  { key: "since", header: "Member since", render: (m) => formatDate(m.created_at) },
];

/** The organizations the user belongs to (`users.memberships`); each row opens `/orgs/<id>`. */
export function Memberships({ user }: { user: User }) {
  const { query } = useLocation();
  const offset = offsetParam(query.get("orgs_offset"));
  const input = { user_id: user.id, limit: PAGE, offset };
  const list = useQuery({
    queryKey: ["users", "memberships", user.id, offset],
    queryFn: ({ signal }) => callAction("users.memberships", input, { signal }),
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.data;
  const total = list.data?.total_count ?? 0;
  return (
    <section class="card" aria-labelledby="user-orgs">
      <h2 id="user-orgs">Organizations {list.data && <span class="muted">({total})</span>}</h2>
      {list.error && !list.data ? (
        <ErrorState error={list.error} retry={() => void list.refetch()} />
      ) : rows && rows.length === 0 && offset === 0 ? (
        <EmptyState title="Not a member of any organization.">
          Add them from an organization’s page in <a href="/orgs">Organizations</a>.
        </EmptyState>
      ) : (
        <>
          <DataTable
            label={`Organizations of ${userLabel(user)}`}
            rows={rows}
            columns={membershipColumns}
            rowKey={(m) => m.id}
            loading={list.isPending}
            href={orgPath}
          />
          <Pages offset={offset} limit={PAGE} total={total} param="orgs_offset" whenSeveral />
          {list.data && (
            <JsonView value={list.data} label="Memberships as JSON" command={{ action: "users.memberships", input }} />
          )}
        </>
      )}
    </section>
  );
}
