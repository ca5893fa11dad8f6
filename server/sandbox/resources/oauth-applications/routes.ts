import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { parseBody, parseOrderBy, parsePaging, queryOf, queryString } from "../../core/http";
import { hashToken } from "../../oauth/tokens";
import { readImage, uploadedImageUrl } from "../user-security/profile-image";
import { likeContains } from "../users/query";
import { requireUser } from "../users/repo";
import {
  DEFAULT_SCOPES,
  findToken,
  newClientId,
  newClientSecret,
  normalizeScopes,
  type OAuthApplicationRow,
  redirectUris,
  requireApplication,
  revokeGrant,
  serializeApplication,
  verifyAccessToken,
} from "./repo";

const createBody = z.object({
  name: z.string().max(256),
  redirect_uris: z.array(z.string()).nullish(),
  callback_url: z.string().max(1024).nullish(),
  scopes: z.string().max(1024).nullish(),
  consent_screen_enabled: z.boolean().nullish(),
  pkce_required: z.boolean().nullish(),
  public: z.boolean().nullish(),
});

const updateBody = z.strictObject({
  name: z.string().max(256).nullish(),
  redirect_uris: z.array(z.string()).nullish(),
  callback_url: z.string().max(1024).nullish(),
  scopes: z.string().max(1024).nullish(),
  consent_screen_enabled: z.boolean().nullish(),
  pkce_required: z.boolean().nullish(),
  public: z.boolean().nullish(),
});

const revokeBody = z.strictObject({ token: z.string().min(1) });
const verifyBody = z.object({ access_token: z.string().nullish(), secret: z.string().nullish() });

type Params = { oauth_application_id: string };

const ORDER_COLUMNS: Record<string, string> = { created_at: "a.created_at", name: "a.name COLLATE NOCASE" };

/** `redirect_uris`, or the deprecated single `callback_url` when only that is sent. */
function urisOf(body: { redirect_uris?: string[] | null; callback_url?: string | null }): string[] | undefined {
  if (body.redirect_uris) return redirectUris(body.redirect_uris, "redirect_uris");
  if (body.callback_url) return redirectUris([body.callback_url], "callback_url");
  return undefined;
}

/** Backend API `/oauth_applications`: OAuth clients of the instance's own identity provider. */
export function oauthApplicationRoutes(app: FastifyInstance, sb: SandboxContext): void {
  const load = (id: string) => sb.stmt("SELECT * FROM oauth_applications WHERE id = ?").get(id) as OAuthApplicationRow;

  app.get("/oauth_applications", async (request) => {
    const query = queryOf(request);
    const paging = parsePaging(query);
    const order = parseOrderBy(query, Object.keys(ORDER_COLUMNS), "-created_at");
    const params: unknown[] = [request.instance.id];
    let where = "a.instance_id = ?";
    const search = queryString(query, "name_query");
    if (search) {
      where += " AND (lower(a.name) LIKE ? ESCAPE '\\' OR a.client_id = ?)";
      params.push(likeContains(search), search);
    }
    const rows = sb.db
      .prepare(
        `SELECT a.* FROM oauth_applications a WHERE ${where}
         ORDER BY ${ORDER_COLUMNS[order.field]} ${order.direction}, a.rowid ${order.direction} LIMIT ? OFFSET ?`,
      )
      .all(...params, paging.limit, paging.offset) as OAuthApplicationRow[];
    const total = sb.db
      .prepare(`SELECT count(*) FROM oauth_applications a WHERE ${where}`)
      .pluck()
      .get(...params);
    return { data: rows.map((row) => serializeApplication(request.instance, row)), total_count: total };
  });

  app.post("/oauth_applications", async (request) => {
    const body = parseBody(createBody, request.body);
    if (body.name.trim() === "") throw errors.paramMissing("name");
    const isPublic = body.public === true;
    const secret = isPublic ? undefined : newClientSecret();
    const now = sb.clock.now();
    const row: OAuthApplicationRow = {
      id: sb.newId("oa"),
      instance_id: request.instance.id,
      name: body.name,
      client_id: newClientId(),
      client_secret_hash: secret === undefined ? null : hashToken(secret),
      public: isPublic ? 1 : 0,
      // A public client has no secret to prove itself with: PKCE is its proof.
      pkce_required: isPublic || body.pkce_required === true ? 1 : 0,
      consent_screen_enabled: body.consent_screen_enabled === false ? 0 : 1,
      scopes: normalizeScopes(body.scopes ?? DEFAULT_SCOPES),
      redirect_uris: JSON.stringify(urisOf(body) ?? []),
      client_image_url: null,
      created_at: now,
      updated_at: now,
    };
    sb.stmt(
      `INSERT INTO oauth_applications (id, instance_id, name, client_id, client_secret_hash, public, pkce_required,
         consent_screen_enabled, scopes, redirect_uris, client_image_url, created_at, updated_at)
       VALUES (@id, @instance_id, @name, @client_id, @client_secret_hash, @public, @pkce_required,
         @consent_screen_enabled, @scopes, @redirect_uris, @client_image_url, @created_at, @updated_at)`,
    ).run(row);
    return serializeApplication(request.instance, row, secret ?? "");
  });

  app.get<{ Params: Params }>("/oauth_applications/:oauth_application_id", async (request) =>
    serializeApplication(
      request.instance,
      requireApplication(sb, request.instance.id, request.params.oauth_application_id),
    ),
  );

  app.patch<{ Params: Params }>("/oauth_applications/:oauth_application_id", async (request) => {
    const body = parseBody(updateBody, request.body);
    const current = requireApplication(sb, request.instance.id, request.params.oauth_application_id);
    if (body.name !== undefined && body.name !== null && body.name.trim() === "") throw errors.paramMissing("name");
    const isPublic = body.public ?? current.public === 1;
    const uris = urisOf(body);
    const next: OAuthApplicationRow = {
      ...current,
      name: body.name || current.name,
      public: isPublic ? 1 : 0,
      // Becoming public drops the secret; a confidential client gets one by rotating.
      client_secret_hash: isPublic ? null : current.client_secret_hash,
      pkce_required: isPublic || (body.pkce_required ?? current.pkce_required === 1) ? 1 : 0,
      consent_screen_enabled: (body.consent_screen_enabled ?? current.consent_screen_enabled === 1) ? 1 : 0,
      scopes: body.scopes === undefined || body.scopes === null ? current.scopes : normalizeScopes(body.scopes),
      redirect_uris: uris ? JSON.stringify(uris) : current.redirect_uris,
      updated_at: sb.clock.now(),
    };
    sb.stmt(
      `UPDATE oauth_applications SET name = @name, public = @public, client_secret_hash = @client_secret_hash,
         pkce_required = @pkce_required, consent_screen_enabled = @consent_screen_enabled, scopes = @scopes,
         redirect_uris = @redirect_uris, updated_at = @updated_at WHERE id = @id`,
    ).run(next);
    return serializeApplication(request.instance, next);
  });

  app.delete<{ Params: Params }>("/oauth_applications/:oauth_application_id", async (request) => {
    const row = requireApplication(sb, request.instance.id, request.params.oauth_application_id);
    // Its tokens go with it (they cascade), so nothing it was granted stays usable.
    sb.stmt("DELETE FROM oauth_applications WHERE id = ?").run(row.id);
    return { object: "oauth_application", id: row.id, deleted: true };
  });

  // The logo is an uploaded image (multipart `file`), shown as the application's client_image_url.
  app.put<{ Params: Params }>("/oauth_applications/:oauth_application_id/logo", async (request) => {
    const current = requireApplication(sb, request.instance.id, request.params.oauth_application_id);
    const uploader = request.body instanceof FormData ? request.body.get("uploader_user_id") : null;
    if (typeof uploader === "string" && uploader !== "") requireUser(sb, current.instance_id, uploader);
    const image = await readImage(request.body);
    sb.stmt("UPDATE oauth_applications SET client_image_url = ?, updated_at = ? WHERE id = ?").run(
      uploadedImageUrl(image),
      sb.clock.now(),
      current.id,
    );
    return serializeApplication(request.instance, load(current.id));
  });

  app.post<{ Params: Params }>("/oauth_applications/:oauth_application_id/rotate_secret", async (request) => {
    const current = requireApplication(sb, request.instance.id, request.params.oauth_application_id);
    if (current.public === 1) {
      throw errors.badRequest(
        "oauth_application_public",
        "public client",
        "A public OAuth application has no client secret to rotate; it proves itself with PKCE.",
      );
    }
    const secret = newClientSecret();
    const now = sb.clock.now();
    sb.stmt("UPDATE oauth_applications SET client_secret_hash = ?, updated_at = ? WHERE id = ?").run(
      hashToken(secret),
      now,
      current.id,
    );
    return serializeApplication(request.instance, load(current.id), secret);
  });

  app.post<{ Params: Params }>("/oauth_applications/:oauth_application_id/revoke_token", async (request, reply) => {
    const body = parseBody(revokeBody, request.body);
    const application = requireApplication(sb, request.instance.id, request.params.oauth_application_id);
    const token = findToken(sb, request.instance.id, body.token);
    if (!token || token.application_id !== application.id) throw errors.notFound("OAuth token");
    revokeGrant(sb, token.grant_id, "Revoked through the Backend API");
    return reply.code(204).send();
  });

  app.post("/oauth_applications/access_tokens/verify", async (request) => {
    const body = parseBody(verifyBody, request.body);
    const token = body.access_token ?? body.secret;
    if (!token) throw errors.paramMissing("access_token");
    return verifyAccessToken(sb, request.instance, token);
  });
}
