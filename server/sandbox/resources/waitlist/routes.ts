import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { parseBody, parseOrderBy, parsePaging, queryOf, queryString } from "../../core/http";
import { likeContains } from "../users/query";
import {
  addToWaitlist,
  deleteWaitlistEntry,
  inviteWaitlistEntry,
  rejectWaitlistEntry,
  requireWaitlistEntry,
  serializeWaitlistEntry,
  WAITLIST_STATUS_SQL,
  WAITLIST_STATUSES,
  type WaitlistEntryRow,
} from "./repo";

type Params = { waitlist_entry_id: string };

const entryBody = z.object({ email_address: z.string().min(1), notify: z.boolean().nullish() });
const bulkBody = z.array(entryBody.strict()).min(1).max(50);
const inviteBody = z.object({ ignore_existing: z.boolean().nullish() });

const ORDER_COLUMNS: Record<string, string> = {
  created_at: "w.created_at",
  email_address: "w.email_lower",
  invited_at: "w.invited_at",
};

function waitlistFilters(instanceId: string, query: Record<string, unknown>) {
  const conditions = ["w.instance_id = @instance_id"];
  const params: Record<string, unknown> = { instance_id: instanceId };
  const status = queryString(query, "status");
  if (status) {
    if (!(WAITLIST_STATUSES as readonly string[]).includes(status)) {
      throw errors.paramValueInvalid("status", `status must be one of ${WAITLIST_STATUSES.join(", ")}.`);
    }
    conditions.push(`${WAITLIST_STATUS_SQL} = @status`);
    params.status = status;
  }
  const search = queryString(query, "query");
  if (search) {
    conditions.push("(w.email_lower LIKE @search ESCAPE '\\' OR lower(w.id) LIKE @search ESCAPE '\\')");
    params.search = likeContains(search);
  }
  return { sql: conditions.join(" AND "), params };
}

/** Backend API `/waitlist_entries`: the waitlist, and inviting or rejecting who is on it. */
export function waitlistRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.get("/waitlist_entries", async (request) => {
    const query = queryOf(request);
    const { limit, offset } = parsePaging(query);
    const where = waitlistFilters(request.instance.id, query);
    const order = parseOrderBy(query, Object.keys(ORDER_COLUMNS), "-created_at");
    const from = "waitlist_entries w LEFT JOIN invitations i ON i.id = w.invitation_id";
    const total = sb.db.prepare(`SELECT count(*) FROM ${from} WHERE ${where.sql}`).pluck().get(where.params) as number;
    const rows = sb.db
      .prepare(
        `SELECT w.* FROM ${from} WHERE ${where.sql}
         ORDER BY ${ORDER_COLUMNS[order.field]} ${order.direction}, w.id ${order.direction} LIMIT @limit OFFSET @offset`,
      )
      .all({ ...where.params, limit, offset }) as WaitlistEntryRow[];
    return { data: rows.map((row) => serializeWaitlistEntry(sb, row)), total_count: total };
  });

  app.post("/waitlist_entries", async (request) => {
    const body = parseBody(entryBody, request.body);
    const [row] = sb.tx(() => addToWaitlist(sb, request.instance.id, [body]));
    return serializeWaitlistEntry(sb, row as WaitlistEntryRow);
  });

  app.post("/waitlist_entries/bulk", async (request) => {
    const body = parseBody(bulkBody, request.body);
    const rows = sb.tx(() => addToWaitlist(sb, request.instance.id, body));
    return rows.map((row) => serializeWaitlistEntry(sb, row));
  });

  app.delete<{ Params: Params }>("/waitlist_entries/:waitlist_entry_id", async (request) => {
    const row = requireWaitlistEntry(sb, request.instance.id, request.params.waitlist_entry_id);
    sb.tx(() => deleteWaitlistEntry(sb, row));
    return { object: "waitlist_entry", id: row.id, deleted: true };
  });

  app.post<{ Params: Params }>("/waitlist_entries/:waitlist_entry_id/invite", async (request) => {
    const { ignore_existing } = parseBody(inviteBody, request.body);
    const row = requireWaitlistEntry(sb, request.instance.id, request.params.waitlist_entry_id);
    return serializeWaitlistEntry(
      sb,
      sb.tx(() => inviteWaitlistEntry(sb, request.instance, row, Boolean(ignore_existing))),
    );
  });

  app.post<{ Params: Params }>("/waitlist_entries/:waitlist_entry_id/reject", async (request) => {
    const row = requireWaitlistEntry(sb, request.instance.id, request.params.waitlist_entry_id);
    return serializeWaitlistEntry(
      sb,
      sb.tx(() => rejectWaitlistEntry(sb, row)),
    );
  });
}
