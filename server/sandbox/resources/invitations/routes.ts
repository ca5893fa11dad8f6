import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { listBody, parseBody, parseOrderBy, parsePaging, queryOf, queryString } from "../../core/http";
import { likeContains } from "../users/query";
import {
  createInvitations,
  INVITATION_STATUS_SQL,
  INVITATION_STATUSES,
  type InvitationRow,
  requireInvitation,
  revokeInvitation,
  serializeInvitation,
} from "./repo";

const invitationBody = z.object({
  email_address: z.string().min(1),
  public_metadata: z.record(z.string(), z.unknown()).nullish(),
  redirect_url: z.string().nullish(),
  notify: z.boolean().nullish(),
  ignore_existing: z.boolean().nullish(),
  expires_in_days: z.number().int().min(1).max(365).nullish(),
  template_slug: z.enum(["invitation", "waitlist_invitation"]).nullish(),
});

const bulkBody = z.array(invitationBody).min(1).max(10);

const ORDER_COLUMNS: Record<string, string> = {
  created_at: "i.created_at",
  email_address: "i.email_lower",
  expires_at: "i.expires_at",
};

function invitationOrder(query: Record<string, unknown>): string {
  // Unlike most lists, Clerk reads an unsigned invitation `order_by` field as ascending.
  const raw = queryString(query, "order_by");
  const signed = raw && !/^[+\- ]/.test(raw) ? `+${raw}` : raw;
  const order = parseOrderBy({ ...query, order_by: signed }, Object.keys(ORDER_COLUMNS), "-created_at");
  return `${ORDER_COLUMNS[order.field]} ${order.direction}, i.id ${order.direction}`;
}

function invitationFilters(instanceId: string, query: Record<string, unknown>, now: number) {
  const conditions = ["i.instance_id = @instance_id"];
  const params: Record<string, unknown> = { instance_id: instanceId, now };
  const status = queryString(query, "status");
  if (status) {
    if (!(INVITATION_STATUSES as readonly string[]).includes(status)) {
      throw errors.paramValueInvalid("status", `status must be one of ${INVITATION_STATUSES.join(", ")}.`);
    }
    conditions.push(`${INVITATION_STATUS_SQL} = @status`);
    params.status = status;
  } else {
    // Without a status filter Clerk lists the invitations that were not revoked.
    conditions.push("i.status <> 'revoked'");
  }
  const search = queryString(query, "query");
  if (search) {
    conditions.push("(i.email_lower LIKE @search ESCAPE '\\' OR lower(i.id) LIKE @search ESCAPE '\\')");
    params.search = likeContains(search);
  }
  return { sql: conditions.join(" AND "), params };
}

export function invitationRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.get("/invitations", async (request) => {
    const query = queryOf(request);
    const { limit, offset } = parsePaging(query);
    const now = sb.clock.now();
    const where = invitationFilters(request.instance.id, query, now);
    const order = invitationOrder(query);
    const total = sb.db
      .prepare(`SELECT count(*) FROM invitations i WHERE ${where.sql}`)
      .pluck()
      .get(where.params) as number;
    const rows = sb.db
      .prepare(`SELECT i.* FROM invitations i WHERE ${where.sql} ORDER BY ${order} LIMIT @limit OFFSET @offset`)
      .all({ ...where.params, limit, offset }) as InvitationRow[];
    return listBody(
      request,
      "array",
      rows.map((row) => serializeInvitation(row, now)),
      total,
    );
  });

  app.post("/invitations", async (request) => {
    const body = parseBody(invitationBody, request.body);
    const [row] = sb.tx(() => createInvitations(sb, request.instance, [body], "single"));
    return serializeInvitation(row as InvitationRow, sb.clock.now());
  });

  app.post("/invitations/bulk", async (request) => {
    const body = parseBody(bulkBody, request.body);
    const rows = sb.tx(() => createInvitations(sb, request.instance, body, "bulk"));
    const now = sb.clock.now();
    return rows.map((row) => serializeInvitation(row, now));
  });

  app.post<{ Params: { invitation_id: string } }>("/invitations/:invitation_id/revoke", async (request) => {
    const row = requireInvitation(sb, request.instance.id, request.params.invitation_id);
    const revoked = sb.tx(() => revokeInvitation(sb, row));
    return serializeInvitation(revoked, sb.clock.now());
  });
}
