import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors, SandboxApiError } from "../../core/errors";
import { invalidField, parseStrict } from "../../core/strict-request";
import { callingMachine, machineSecretKeyAuth } from "./auth";
import { requireMachine } from "./repo";
import { type M2MTokenRow, mintJwtToken, mintOpaqueToken, serializeM2MToken, verifiableToken } from "./tokens";

const MACHINE_ID = /^mch_\w{27}$/;
const TOKEN_ID = /^mt_[0-9A-Fa-f]{32}$/;

const booleanText = z.enum(["true", "false"]).transform((value) => value === "true");

const listQuery = z.object({
  subject: z.string().regex(MACHINE_ID, "Failed regex check"),
  revoked: booleanText.default(false),
  expired: booleanText.default(false),
  limit: z.coerce.number().int().min(1).max(100).default(10),
  offset: z.coerce.number().int().min(0).default(0),
});

const createBody = z.strictObject({
  token_format: z.enum(["opaque", "jwt"]).default("opaque"),
  seconds_until_expiration: z.number().positive().nullish(),
  claims: z.unknown().optional(),
  min_remaining_ttl_seconds: z.number().int().min(0).optional(),
});

const revokeBody = z.strictObject({ revocation_reason: z.string().nullish() });
const verifyBody = z.strictObject({ token: z.string() });

/** Either key may call these routes; creating a token takes the machine's own. */
const eitherKey = { config: { alternateBearer: machineSecretKeyAuth } };

/** M2M tokens: minted by a machine with its secret key, verified by the machines they are scoped to. */
export function m2mTokenRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.get("/m2m_tokens", eitherKey, async (request) => {
    const query = parseStrict(listQuery, request.query, "query");
    const caller = callingMachine(request);
    if (caller && caller.id !== query.subject) {
      throw errors.forbidden(`A machine secret key can only list the tokens of its own machine (${caller.id}).`);
    }
    requireMachine(sb, request.instance.id, query.subject);
    const now = sb.clock.now();
    const where = `instance_id = @instance_id AND machine_id = @subject
      AND (@revoked = 1 OR revoked = 0) AND (@expired = 1 OR expiration > @now)`;
    const params = {
      instance_id: request.instance.id,
      subject: query.subject,
      revoked: query.revoked ? 1 : 0,
      expired: query.expired ? 1 : 0,
      now,
    };
    const total = sb.stmt(`SELECT count(*) FROM m2m_tokens WHERE ${where}`).pluck().get(params) as number;
    const rows = sb
      .stmt(`SELECT * FROM m2m_tokens WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: query.limit, offset: query.offset }) as M2MTokenRow[];
    return { m2m_tokens: rows.map((row) => serializeM2MToken(row, now)), total_count: total };
  });

  app.post("/m2m_tokens", eitherKey, async (request, reply) => {
    const machine = callingMachine(request);
    if (!machine) {
      throw errors.forbidden("M2M tokens are created with the machine's secret key, not the instance's secret key.");
    }
    const body = parseStrict(createBody, request.body, "body");
    const lifetimeSeconds = body.seconds_until_expiration ?? machine.default_token_ttl;
    if (body.min_remaining_ttl_seconds !== undefined && body.min_remaining_ttl_seconds >= lifetimeSeconds) {
      throw invalidField(
        "body",
        "min_remaining_ttl_seconds",
        `must be less than the token lifetime (${lifetimeSeconds} seconds)`,
      );
    }
    const options = { lifetimeSeconds, claims: body.claims ?? null };
    const token =
      body.token_format === "jwt"
        ? mintJwtToken(sb, request.instance, machine, options)
        : sb.tx(() => mintOpaqueToken(sb, machine, options));
    return reply.code(201).send(token);
  });

  app.post<{ Params: { m2m_token_id: string } }>("/m2m_tokens/:m2m_token_id/revoke", eitherKey, async (request) => {
    const id = request.params.m2m_token_id;
    if (!TOKEN_ID.test(id)) throw invalidField("url_parameter", "m2m_token_id", "Failed regex check");
    const body = parseStrict(revokeBody, request.body, "body");
    const caller = callingMachine(request);
    const row = sb.stmt("SELECT * FROM m2m_tokens WHERE id = ? AND instance_id = ?").get(id, request.instance.id) as
      | M2MTokenRow
      | undefined;
    // A machine may revoke only the tokens it minted; others look as missing as unknown ones.
    if (!row || (caller && row.machine_id !== caller.id)) {
      throw SandboxApiError.one(404, "resource_not_found", "not found", `No M2M token was found with id ${id}`);
    }
    const now = sb.clock.now();
    if (!row.revoked) {
      row.revoked = 1;
      row.revocation_reason = body.revocation_reason ?? null;
      row.updated_at = now;
      sb.stmt("UPDATE m2m_tokens SET revoked = 1, revocation_reason = ?, updated_at = ? WHERE id = ?").run(
        row.revocation_reason,
        now,
        row.id,
      );
    }
    return serializeM2MToken(row, now);
  });

  app.post("/m2m_tokens/verify", eitherKey, async (request) => {
    const body = parseStrict(verifyBody, request.body, "body");
    const row = verifiableToken(sb, request.instance.id, body.token, callingMachine(request));
    const now = sb.clock.now();
    sb.stmt("UPDATE m2m_tokens SET last_used_at = ? WHERE id = ?").run(now, row.id);
    return serializeM2MToken({ ...row, last_used_at: now }, now);
  });
}
