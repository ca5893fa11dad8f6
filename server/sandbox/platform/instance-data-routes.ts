import type { FastifyInstance } from "fastify";
import type { SandboxContext } from "../core/context";
import { errors } from "../core/errors";
import { parsePaging, queryOf, queryString } from "../core/http";
import { removeProfileImage, uploadProfileImage } from "../resources/user-security/profile-image";
import { createUser, deleteUser, setUserFlag } from "../resources/users/mutations";
import { userFilters, userOrder } from "../resources/users/query";
import { requireUser, serializeUser, serializeUsers, type UserRow } from "../resources/users/repo";
import { type InstanceParams, requireApplication, requireInstance } from "./lookup";

type UserParams = InstanceParams & { userID: string };

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` as epoch ms at midnight UTC. */
function parseDay(value: string, param: string): number {
  const epoch = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(epoch)) throw errors.paramInvalid(param, `${param} must be a date in YYYY-MM-DD format.`);
  return epoch;
}

/** The usage period: the given days (end inclusive), or the current calendar month as the billing cycle. */
function usagePeriod(query: Record<string, unknown>, now: number): { start: number; end: number } {
  const start = queryString(query, "start");
  const end = queryString(query, "end");
  if ((start === undefined) !== (end === undefined)) {
    throw errors.paramMissing(start === undefined ? "start" : "end");
  }
  if (start !== undefined && end !== undefined) {
    const period = { start: parseDay(start, "start"), end: parseDay(end, "end") + DAY_MS };
    if (period.end <= period.start) throw errors.paramValueInvalid("end", "end must not be before start.");
    return period;
  }
  const today = new Date(now);
  return {
    start: Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1),
    end: Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1),
  };
}

/**
 * Platform API views of an instance's data: its users (written by the Backend API's own
 * functions, so with the same effects and webhooks), and its (always empty) usage.
 */
export function instanceDataRoutes(app: FastifyInstance, sb: SandboxContext): void {
  const instanceOf = (params: InstanceParams) =>
    requireInstance(sb, requireApplication(sb, params.applicationID), params.envOrInsID);

  app.get<{ Params: InstanceParams }>("/applications/:applicationID/instances/:envOrInsID/users", async (request) => {
    const instance = instanceOf(request.params);
    const query = queryOf(request);
    const { limit, offset } = parsePaging(query);
    // The Platform API spells the Backend API's `web3wallet` ordering `web3_wallet`.
    const orderBy = queryString(query, "order_by")?.replace(/web3_wallet$/, "web3wallet");
    const order = userOrder({ order_by: orderBy ?? "-created_at" });
    const where = userFilters(instance.id, { query: queryString(query, "query") });
    const total = sb.db
      .prepare(`SELECT count(*) FROM users u WHERE ${where.sql}`)
      .pluck()
      .get(...where.params);
    const rows = sb.db
      .prepare(`SELECT u.* FROM users u WHERE ${where.sql} ORDER BY ${order.sql} LIMIT ? OFFSET ?`)
      .all(...where.params, limit, offset) as UserRow[];
    return { data: serializeUsers(sb, rows), total_count: total as number };
  });

  app.post<{ Params: InstanceParams }>("/applications/:applicationID/instances/:envOrInsID/users", async (request) =>
    serializeUser(sb, await createUser(sb, instanceOf(request.params), request.body)),
  );

  const userOf = (params: UserParams) => requireUser(sb, instanceOf(params).id, params.userID);
  const user = "/applications/:applicationID/instances/:envOrInsID/users/:userID";
  app.delete<{ Params: UserParams }>(user, async (request) => deleteUser(sb, userOf(request.params)));
  app.post<{ Params: UserParams }>(`${user}/ban`, async (request) =>
    serializeUser(sb, setUserFlag(sb, userOf(request.params), "banned", 1)),
  );
  app.post<{ Params: UserParams }>(`${user}/unban`, async (request) =>
    serializeUser(sb, setUserFlag(sb, userOf(request.params), "banned", 0)),
  );
  app.post<{ Params: UserParams }>(`${user}/profile_image`, async (request) =>
    uploadProfileImage(sb, userOf(request.params), request.body),
  );
  app.delete<{ Params: UserParams }>(`${user}/profile_image`, async (request) =>
    removeProfileImage(sb, userOf(request.params)),
  );

  app.get<{ Params: InstanceParams }>("/applications/:applicationID/instances/:envOrInsID/usage", async (request) => {
    const instance = instanceOf(request.params);
    const period = usagePeriod(queryOf(request), sb.clock.now());
    // The sandbox bills nothing: every meter reads zero.
    const zero = { total_usage: 0 };
    return {
      application_id: instance.application_id,
      instance_id: instance.id,
      period_start: new Date(period.start).toISOString(),
      period_end: new Date(period.end).toISOString(),
      mau: { total_usage: 0, total_billable_usage: 0 },
      mao: { total_usage: 0, total_billable_usage: 0 },
      custom_domains: zero,
      sms_messages: {
        total_usage: 0,
        tier_a: zero,
        tier_b: zero,
        tier_c: zero,
        tier_d: zero,
        tier_e: zero,
        tier_f: zero,
      },
      enterprise_connections: zero,
    };
  });
}
