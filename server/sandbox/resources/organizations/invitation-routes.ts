import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { parseBody, parsePaging, queryOf, queryString } from "../../core/http";
import { likeContains } from "../users/query";
import { requireUser } from "../users/repo";
import { statusFilter, statusSql } from "./invitation-status";
import {
  assertCanManageMembers,
  assertPending,
  createInvitations,
  emailInvitation,
  type InvitationRow,
  invitationOrder,
  invitationsPage,
  requireInvitation,
  serializeInvitation,
  serializeInvitations,
  setInvitationStatus,
} from "./invitations";
import { metadataSchema } from "./metadata";
import { type OrganizationRow, requireOrganization } from "./repo";
import { and, type Condition, placeholders } from "./sql";

const invitationBody = z.object({
  email_address: z.string(),
  role: z.string(),
  inviter_user_id: z.string().nullish(),
  public_metadata: metadataSchema.nullish(),
  private_metadata: metadataSchema.nullish(),
  redirect_url: z.string().nullish(),
  expires_in_days: z.number().int().min(1).max(365).nullish(),
  notify: z.boolean().nullish(),
});

const bulkBody = z.array(invitationBody).min(1).max(10);

const revokeBody = z.object({ requesting_user_id: z.string().nullish() });

type OrganizationParams = { organization_id: string };
type InvitationParams = OrganizationParams & { invitation_id: string };

/** `AND`s the `?status=` filter onto a condition over `organization_invitations i`. */
function withStatuses(sb: SandboxContext, where: Condition, statuses: string[]): Condition {
  if (statuses.length === 0) return where;
  const status = statusSql(sb.clock.now());
  return and(where, `${status.sql} IN (${placeholders(statuses)})`, ...status.params, ...statuses);
}

function emitInvitations(sb: SandboxContext, instanceId: string, type: string, rows: InvitationRow[]) {
  const invitations = serializeInvitations(sb, rows);
  for (const data of invitations) sb.emit({ instanceId, type, data });
  return invitations;
}

/** New invitations are announced, then emailed, as Clerk does. */
function announceNewInvitations(sb: SandboxContext, organization: OrganizationRow, rows: InvitationRow[]) {
  const invitations = emitInvitations(sb, organization.instance_id, "organizationInvitation.created", rows);
  for (const row of rows) emailInvitation(sb, organization, row);
  return invitations;
}

export function invitationRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.post<{ Params: OrganizationParams }>("/organizations/:organization_id/invitations", async (request) => {
    const body = parseBody(invitationBody, request.body);
    const organization = requireOrganization(sb, request.instance.id, request.params.organization_id);
    const [invitation] = sb.tx(() =>
      announceNewInvitations(sb, organization, createInvitations(sb, organization, [body])),
    );
    return invitation;
  });

  app.post<{ Params: OrganizationParams }>("/organizations/:organization_id/invitations/bulk", async (request) => {
    const body = parseBody(bulkBody, request.body);
    const organization = requireOrganization(sb, request.instance.id, request.params.organization_id);
    const data = sb.tx(() => announceNewInvitations(sb, organization, createInvitations(sb, organization, body)));
    return { data, total_count: data.length };
  });

  app.get<{ Params: OrganizationParams }>("/organizations/:organization_id/invitations", async (request) => {
    const query = queryOf(request);
    const paging = parsePaging(query);
    const statuses = statusFilter(query);
    const organization = requireOrganization(sb, request.instance.id, request.params.organization_id);
    let where: Condition = { sql: "i.organization_id = ?", params: [organization.id] };
    const email = queryString(query, "email_address");
    if (email) where = and(where, "lower(i.email_address) = ?", email.toLowerCase());
    return invitationsPage(sb, withStatuses(sb, where, statuses), invitationOrder(query), paging);
  });

  app.get<{ Params: OrganizationParams }>("/organizations/:organization_id/invitations/pending", async (request) => {
    const paging = parsePaging(queryOf(request));
    const organization = requireOrganization(sb, request.instance.id, request.params.organization_id);
    const where = withStatuses(sb, { sql: "i.organization_id = ?", params: [organization.id] }, ["pending"]);
    return invitationsPage(sb, where, "i.created_at DESC, i.id DESC", paging);
  });

  app.get<{ Params: InvitationParams }>(
    "/organizations/:organization_id/invitations/:invitation_id",
    async (request) => {
      const organization = requireOrganization(sb, request.instance.id, request.params.organization_id);
      return serializeInvitation(sb, requireInvitation(sb, organization.id, request.params.invitation_id));
    },
  );

  app.post<{ Params: InvitationParams }>(
    "/organizations/:organization_id/invitations/:invitation_id/revoke",
    async (request) => {
      const body = parseBody(revokeBody, request.body);
      const organization = requireOrganization(sb, request.instance.id, request.params.organization_id);
      const current = requireInvitation(sb, organization.id, request.params.invitation_id);
      if (body.requesting_user_id) assertCanManageMembers(sb, organization, body.requesting_user_id);
      assertPending(sb, current);
      const [invitation] = sb.tx(() =>
        emitInvitations(sb, organization.instance_id, "organizationInvitation.revoked", [
          setInvitationStatus(sb, current, "revoked"),
        ]),
      );
      return invitation;
    },
  );

  app.get("/organization_invitations", async (request) => {
    const query = queryOf(request);
    const paging = parsePaging(query);
    const statuses = statusFilter(query);
    let where: Condition = { sql: "i.instance_id = ?", params: [request.instance.id] };
    const search = queryString(query, "query");
    if (search) where = and(where, "lower(i.email_address) LIKE ? ESCAPE '\\'", likeContains(search));
    return invitationsPage(sb, withStatuses(sb, where, statuses), invitationOrder(query), paging, true);
  });

  app.get<{ Params: { user_id: string } }>("/users/:user_id/organization_invitations", async (request) => {
    const query = queryOf(request);
    const paging = parsePaging(query);
    const statuses = statusFilter(query);
    const user = requireUser(sb, request.instance.id, request.params.user_id);
    const where: Condition = {
      sql: "i.instance_id = ? AND lower(i.email_address) IN (SELECT email_lower FROM email_addresses WHERE user_id = ?)",
      params: [user.instance_id, user.id],
    };
    return invitationsPage(sb, withStatuses(sb, where, statuses), "i.created_at DESC, i.id DESC", paging, true);
  });
}
