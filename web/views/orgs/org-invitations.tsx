import { keepPreviousData } from "@tanstack/query-core";
import { useState } from "preact/hooks";
import { callAction } from "../../api";
import { CliCommand } from "../../components/cli-command";
import { ServerConfirmDialog } from "../../components/confirm";
import { CopyId } from "../../components/copy";
import { JsonView } from "../../components/json-view";
import { useRunAction } from "../../components/run-action";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { useQuery } from "../../query";
import { useLocation } from "../../router";
import { formatDate, offsetParam, oneOf } from "../shared/common";
import { Form, Pages, StatusFilter } from "../shared/parts";
import {
  type Organization,
  type OrganizationInvitation,
  optionalInt,
  RoleBadge,
  RoleSelect,
  run,
  StatusBadge,
} from "./common";

const INVITATIONS_PAGE = 10;
const INVITATION_STATUSES = ["pending", "accepted", "revoked", "expired"] as const;

export function Invitations({ org }: { org: Organization }) {
  const { query } = useLocation();
  const status = oneOf(INVITATION_STATUSES, query.get("invitations")) ?? "";
  const offset = offsetParam(query.get("invitations_offset"));
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
        <StatusFilter
          value={status}
          statuses={INVITATION_STATUSES}
          param="invitations"
          offsetParam="invitations_offset"
          testId="invitation-status-filter"
        />
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
          <div class="table-scroll">
            <table class="data-table" aria-label={`Invitations to ${org.name}`}>
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
                          onClick={() => {
                            setRevoking(invitation);
                            // The server asks to confirm (yes/no, naming them); the dialog below shows it.
                            run(revoke, { input: { organization_id: org.id, invitation_id: invitation.id } });
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
          <Pages offset={offset} limit={INVITATIONS_PAGE} total={total} param="invitations_offset" whenSeveral />
          {list.data && (
            <JsonView
              value={list.data}
              label="Invitations as JSON"
              command={{ action: "orgs.invitations.list", input }}
            />
          )}
        </>
      )}

      {revoking && revoke.confirming && (
        <ServerConfirmDialog confirming={revoke.confirming} confirmLabel="Revoke invitation">
          <p class="orgs-dialog-text">
            The link in the email stops working. You can invite the same address again afterwards.
          </p>
          <CliCommand
            action="orgs.invitations.revoke"
            input={{ organization_id: org.id, invitation_id: revoking.id }}
          />
        </ServerConfirmDialog>
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
        <RoleSelect value={role} onChange={setRole} />
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
