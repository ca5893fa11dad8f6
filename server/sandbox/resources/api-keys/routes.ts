import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { SandboxApiError } from "../../core/errors";
import { hexId, randomToken } from "../../core/ids";
import { parseStrict } from "../../core/strict-request";
import { type ApiKeyRow, assertSubjectExists, isExpired, requireApiKey, SUBJECT, serializeApiKey } from "./repo";

type Params = { apiKeyID: string };

const subject = z.string().regex(SUBJECT, "Failed regex check");
const claims = z.unknown().optional();
const scopes = z.array(z.string());
const secondsUntilExpiration = z.number().positive().nullish();
const description = z.string().max(255).nullish();

const listQuery = z.object({
  subject,
  type: z.string().min(3).default("api_key"),
  include_invalid: z.enum(["true", "false"]).default("false"),
  limit: z.coerce.number().int().min(1).max(100).default(10),
  offset: z.coerce.number().int().min(0).default(0),
  query: z.string().optional(),
});

const createBody = z.strictObject({
  type: z.string().min(3).max(25).default("api_key"),
  name: z
    .string()
    .min(3)
    .regex(/^(\S(.*\S)?)?$/, "must not start or end with whitespace"),
  description,
  subject,
  claims,
  scopes: scopes.default([]),
  created_by: z
    .string()
    .regex(/^user_\w{27}$/, "Failed regex check")
    .nullish(),
  seconds_until_expiration: secondsUntilExpiration,
});

// Clerk's document omits `description` here, but its SDK sends it on update; accept it.
const updateBody = z.strictObject({
  claims,
  scopes: scopes.optional(),
  subject: subject.optional(),
  seconds_until_expiration: secondsUntilExpiration,
  description,
});

const revokeBody = z.strictObject({ revocation_reason: z.string().nullish() });
const verifyBody = z.strictObject({ secret: z.string() });

const expirationOf = (seconds: number | null | undefined, now: number) => (seconds ? now + seconds * 1000 : null);

const invalidKey = (longMessage: string) => SandboxApiError.one(404, "resource_not_found", "not found", longMessage);

/** API keys: created for a user, organization or machine, shown once, verified by their secret. */
export function apiKeyRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.get("/api_keys", async (request) => {
    const query = parseStrict(listQuery, request.query, "query");
    const now = sb.clock.now();
    const where = `instance_id = @instance_id AND subject = @subject AND type = @type
      AND (@include_invalid = 1 OR (revoked = 0 AND (expiration IS NULL OR expiration > @now)))
      AND (@search = '' OR instr(lower(name), @search) > 0)`;
    const params = {
      instance_id: request.instance.id,
      subject: query.subject,
      type: query.type,
      include_invalid: query.include_invalid === "true" ? 1 : 0,
      search: query.query?.toLowerCase() ?? "",
      now,
    };
    const total = sb.stmt(`SELECT count(*) FROM api_keys WHERE ${where}`).pluck().get(params) as number;
    const rows = sb
      .stmt(`SELECT * FROM api_keys WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: query.limit, offset: query.offset }) as ApiKeyRow[];
    return { data: rows.map((row) => serializeApiKey(row, now)), total_count: total };
  });

  app.post("/api_keys", async (request) => {
    const body = parseStrict(createBody, request.body, "body");
    const instanceId = request.instance.id;
    assertSubjectExists(sb, instanceId, body.subject);
    const now = sb.clock.now();
    const row: ApiKeyRow = {
      id: hexId(sb.random, "ak"),
      instance_id: instanceId,
      type: body.type,
      subject: body.subject,
      name: body.name,
      description: body.description ?? null,
      claims: JSON.stringify(body.claims ?? null),
      scopes: JSON.stringify(body.scopes),
      secret: `ak_${randomToken(sb.random, 40)}`,
      revoked: 0,
      revocation_reason: null,
      expiration: expirationOf(body.seconds_until_expiration, now),
      created_by: body.created_by ?? null,
      last_used_at: null,
      created_at: now,
      updated_at: now,
    };
    const columns = Object.keys(row);
    sb.stmt(`INSERT INTO api_keys (${columns.join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")})`).run(row);
    // The only answer that carries the secret (besides `GET /api_keys/{id}/secret`).
    return { ...serializeApiKey(row, now), secret: row.secret };
  });

  app.post("/api_keys/verify", async (request) => {
    const body = parseStrict(verifyBody, request.body, "body");
    const row = sb
      .stmt("SELECT * FROM api_keys WHERE secret = ? AND instance_id = ?")
      .get(body.secret, request.instance.id) as ApiKeyRow | undefined;
    const now = sb.clock.now();
    // Unknown, revoked and expired keys are all Clerk's 404 (SDKs report it as an invalid key).
    if (!row) throw invalidKey("API key not found");
    if (row.revoked) throw invalidKey("The API key has been revoked");
    if (isExpired(row, now)) throw invalidKey("The API key has expired");
    sb.stmt("UPDATE api_keys SET last_used_at = ? WHERE id = ?").run(now, row.id);
    return serializeApiKey({ ...row, last_used_at: now }, now);
  });

  app.get<{ Params: Params }>("/api_keys/:apiKeyID", async (request) =>
    serializeApiKey(requireApiKey(sb, request.instance.id, request.params.apiKeyID), sb.clock.now()),
  );

  app.patch<{ Params: Params }>("/api_keys/:apiKeyID", async (request) => {
    const row = requireApiKey(sb, request.instance.id, request.params.apiKeyID);
    const body = parseStrict(updateBody, request.body, "body");
    if (body.subject) assertSubjectExists(sb, request.instance.id, body.subject);
    const now = sb.clock.now();
    const updated: ApiKeyRow = {
      ...row,
      ...(body.claims !== undefined ? { claims: JSON.stringify(body.claims) } : {}),
      ...(body.scopes ? { scopes: JSON.stringify(body.scopes) } : {}),
      ...(body.subject ? { subject: body.subject } : {}),
      ...(body.description !== undefined ? { description: body.description } : {}),
      ...(body.seconds_until_expiration !== undefined
        ? { expiration: expirationOf(body.seconds_until_expiration, now) }
        : {}),
      updated_at: now,
    };
    sb.stmt(
      `UPDATE api_keys SET claims = @claims, scopes = @scopes, subject = @subject, description = @description,
         expiration = @expiration, updated_at = @updated_at WHERE id = @id`,
    ).run(updated);
    return serializeApiKey(updated, now);
  });

  app.delete<{ Params: Params }>("/api_keys/:apiKeyID", async (request) => {
    const row = requireApiKey(sb, request.instance.id, request.params.apiKeyID);
    sb.stmt("DELETE FROM api_keys WHERE id = ?").run(row.id);
    return { id: row.id, object: "api_key", deleted: true };
  });

  app.get<{ Params: Params }>("/api_keys/:apiKeyID/secret", async (request) => ({
    secret: requireApiKey(sb, request.instance.id, request.params.apiKeyID).secret,
  }));

  app.post<{ Params: Params }>("/api_keys/:apiKeyID/revoke", async (request) => {
    const row = requireApiKey(sb, request.instance.id, request.params.apiKeyID);
    const body = parseStrict(revokeBody, request.body, "body");
    const now = sb.clock.now();
    // Revoking twice keeps the first revocation: the call only ever moves a key to revoked.
    if (row.revoked) return serializeApiKey(row, now);
    const revoked = { ...row, revoked: 1, revocation_reason: body.revocation_reason ?? null, updated_at: now };
    sb.stmt("UPDATE api_keys SET revoked = 1, revocation_reason = ?, updated_at = ? WHERE id = ?").run(
      revoked.revocation_reason,
      now,
      row.id,
    );
    return serializeApiKey(revoked, now);
  });
}
