import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { listBody, parseBody, parsePaging, queryOf, queryString } from "../../core/http";
import { findJwtTemplateByName } from "../jwt-templates/repo";
import { mintTemplateToken } from "../jwt-templates/tokens";
import { assertRefreshable, refreshRefused } from "./frontend-cookies";
import {
  createSession,
  requireSession,
  revokeSession,
  SESSION_STATUS_SQL,
  SESSION_STATUSES,
  type SessionRow,
  serializeSession,
  sessionStatus,
} from "./repo";
import { assertTokenable, mintSessionToken } from "./tokens";

type Params = { session_id: string };

const createBody = z.object({ user_id: z.string().min(1), active_organization_id: z.string().min(1).optional() });

const refreshBody = z.strictObject({
  expired_token: z.string().min(1),
  refresh_token: z.string().min(1),
  request_origin: z.string().min(1),
  request_headers: z.record(z.string(), z.unknown()).nullish(),
  format: z.enum(["token", "cookie"]).nullish(),
  request_originating_ip: z.string().nullish(),
});

const tokenBody = z.object({ expires_in_seconds: z.number().int().min(30).max(315_360_000).nullish() });

function sessionFilters(instanceId: string, query: Record<string, unknown>, now: number) {
  const conditions = ["s.instance_id = @instance_id"];
  const params: Record<string, unknown> = { instance_id: instanceId, now };
  const userId = queryString(query, "user_id");
  if (userId) {
    conditions.push("s.user_id = @user_id");
    params.user_id = userId;
  }
  const clientId = queryString(query, "client_id");
  if (clientId) {
    conditions.push("s.client_id = @client_id");
    params.client_id = clientId;
  }
  const status = queryString(query, "status");
  if (status) {
    if (!(SESSION_STATUSES as readonly string[]).includes(status)) {
      throw errors.paramValueInvalid("status", `status must be one of ${SESSION_STATUSES.join(", ")}.`);
    }
    conditions.push(`${SESSION_STATUS_SQL} = @status`);
    params.status = status;
  }
  return { sql: conditions.join(" AND "), params };
}

/**
 * The `azp` (authorized party) of a session token: Clerk sets it to the origin of the page the
 * request came from, which SDKs check against `authorizedParties` (and warn about cookie tokens
 * without it). Only an http(s) origin counts; a server-side call has none and gets no claim.
 */
function browserOrigin(header: string | undefined): string | undefined {
  if (!header || header === "null") return undefined;
  try {
    const url = new URL(header);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

export function sessionRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.get("/sessions", async (request) => {
    const query = queryOf(request);
    const { limit, offset } = parsePaging(query);
    const now = sb.clock.now();
    const where = sessionFilters(request.instance.id, query, now);
    const total = sb.db
      .prepare(`SELECT count(*) FROM sessions s WHERE ${where.sql}`)
      .pluck()
      .get(where.params) as number;
    const rows = sb.db
      .prepare(
        `SELECT s.* FROM sessions s WHERE ${where.sql} ORDER BY s.created_at DESC, s.id DESC LIMIT @limit OFFSET @offset`,
      )
      .all({ ...where.params, limit, offset }) as SessionRow[];
    return listBody(
      request,
      "array",
      rows.map((row) => serializeSession(row, now)),
      total,
    );
  });

  app.post("/sessions", async (request) => {
    const body = parseBody(createBody, request.body);
    if (request.instance.environment_type !== "development") {
      throw errors.badRequest(
        "request_invalid_for_environment",
        "Invalid request for environment",
        "Request only valid for development instances.",
      );
    }
    const row = sb.tx(() => createSession(sb, request.instance, body.user_id, body.active_organization_id));
    return serializeSession(row, sb.clock.now());
  });

  app.get<{ Params: Params }>("/sessions/:session_id", async (request) =>
    serializeSession(requireSession(sb, request.instance.id, request.params.session_id), sb.clock.now()),
  );

  app.post<{ Params: Params }>("/sessions/:session_id/revoke", async (request) => {
    const row = requireSession(sb, request.instance.id, request.params.session_id);
    const revoked = sb.tx(() => revokeSession(sb, row));
    return serializeSession(revoked, sb.clock.now());
  });

  app.post<{ Params: Params }>("/sessions/:session_id/tokens", async (request) => {
    const body = parseBody(tokenBody, request.body);
    const row = requireSession(sb, request.instance.id, request.params.session_id);
    assertTokenable(sb, row);
    return {
      object: "token",
      jwt: mintSessionToken(sb, request.instance, row, {
        expiresInSeconds: body.expires_in_seconds,
        azp: browserOrigin(request.headers.origin),
      }),
    };
  });

  // What Clerk's SDKs call when a request carries an expired `__session` and a `__refresh`
  // cookie (see frontend-cookies.ts for where the sandbox's come from).
  app.post<{ Params: Params }>("/sessions/:session_id/refresh", async (request) => {
    const body = parseBody(refreshBody, request.body);
    const row = sb
      .stmt("SELECT * FROM sessions WHERE id = ? AND instance_id = ?")
      .get(request.params.session_id, request.instance.id) as SessionRow | undefined;
    if (!row) throw refreshRefused(`Session ${request.params.session_id} not found.`);
    assertRefreshable(request.instance, row, body);
    if (sessionStatus(row, sb.clock.now()) !== "active") throw refreshRefused(`Session ${row.id} is not active.`);
    const jwt = mintSessionToken(sb, request.instance, row, { azp: browserOrigin(body.request_origin) });
    if (body.format !== "cookie") return { object: "token", jwt };
    const secure = body.request_origin.startsWith("https:") ? "; Secure" : "";
    return { object: "cookies", cookies: [`__session=${jwt}; Path=/; SameSite=Lax${secure}`] };
  });

  app.post<{ Params: Params & { template_name: string } }>(
    "/sessions/:session_id/tokens/:template_name",
    async (request) => {
      const body = parseBody(tokenBody, request.body);
      const row = requireSession(sb, request.instance.id, request.params.session_id);
      assertTokenable(sb, row);
      const template = findJwtTemplateByName(sb, request.instance.id, request.params.template_name);
      if (!template) throw errors.notFound(`JWT template '${request.params.template_name}'`);
      return {
        object: "token",
        jwt: mintTemplateToken(sb, request.instance, row, template, body.expires_in_seconds),
      };
    },
  );
}
