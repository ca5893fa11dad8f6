import { randomBytes } from "node:crypto";
import type { SandboxContext } from "../../core/context";
import { errors, SandboxApiError } from "../../core/errors";
import { hexId, randomToken } from "../../core/ids";
import { hashToken } from "../../oauth/tokens";
import type { InstanceRecord } from "../../tenancy/instances";

export interface OAuthApplicationRow {
  id: string;
  instance_id: string;
  name: string;
  client_id: string;
  client_secret_hash: string | null;
  public: number;
  pkce_required: number;
  consent_screen_enabled: number;
  scopes: string;
  redirect_uris: string;
  client_image_url: string | null;
  created_at: number;
  updated_at: number;
}

export interface OAuthTokenRow {
  id: string;
  instance_id: string;
  application_id: string;
  grant_id: string;
  kind: "access" | "refresh";
  token_hash: string;
  user_id: string;
  scopes: string;
  expires_at: number;
  revoked_at: number | null;
  revocation_reason: string | null;
  created_at: number;
  updated_at: number;
}

/** The scopes Clerk's identity provider grants; `profile email` unless told otherwise. */
export const OAUTH_APPLICATION_SCOPES = [
  "openid",
  "profile",
  "email",
  "public_metadata",
  "private_metadata",
  "offline_access",
];
export const DEFAULT_SCOPES = "profile email";

const ACCESS_TOKEN_LIFETIME_MS = 24 * 3600 * 1000;
const REFRESH_TOKEN_LIFETIME_MS = 30 * 24 * 3600 * 1000;

/** Credentials come from the operating system's generator, never the seedable `sb.random`. */
const secureRandom = (size: number) => new Uint8Array(randomBytes(size));

export function newClientSecret(): string {
  return randomToken(secureRandom, 32);
}

export function newClientId(): string {
  return randomToken(secureRandom, 16);
}

/** Scopes as Clerk stores them: space-separated, each one Clerk knows. */
export function normalizeScopes(raw: string): string {
  const scopes = [...new Set(raw.split(" ").filter((scope) => scope !== ""))];
  const unknown = scopes.filter((scope) => !OAUTH_APPLICATION_SCOPES.includes(scope));
  if (unknown.length) {
    throw errors.paramValueInvalid(
      "scopes",
      `Unknown scopes: ${unknown.join(", ")}. Available: ${OAUTH_APPLICATION_SCOPES.join(", ")}.`,
    );
  }
  return scopes.join(" ");
}

/** Any scheme is allowed (`https://`, `myapp://`), but each must be an absolute URL. */
export function redirectUris(uris: readonly string[], param: string): string[] {
  for (const uri of uris) {
    if (!URL.canParse(uri) || uri.length > 1024) throw errors.paramInvalid(param, `${uri} is not a valid URL.`);
  }
  return [...new Set(uris)];
}

export function requireApplication(sb: SandboxContext, instanceId: string, id: string): OAuthApplicationRow {
  const row = sb.stmt("SELECT * FROM oauth_applications WHERE instance_id = ? AND id = ?").get(instanceId, id) as
    | OAuthApplicationRow
    | undefined;
  if (!row) throw errors.notFound("OAuth application");
  return row;
}

/** The Frontend API endpoints through which the application signs users in. */
function endpoints(instance: InstanceRecord) {
  const base = `https://${instance.frontend_api_host}`;
  return {
    authorize_url: `${base}/oauth/authorize`,
    token_fetch_url: `${base}/oauth/token`,
    user_info_url: `${base}/oauth/userinfo`,
    discovery_url: `${base}/.well-known/openid-configuration`,
    token_introspection_url: `${base}/oauth/token_info`,
  };
}

/** The secret appears only in the answers that create it (create, rotate); public clients have none. */
export function serializeApplication(instance: InstanceRecord, row: OAuthApplicationRow, secret?: string) {
  const uris = JSON.parse(row.redirect_uris) as string[];
  return {
    object: "oauth_application",
    id: row.id,
    instance_id: row.instance_id,
    name: row.name,
    client_id: row.client_id,
    client_uri: null,
    client_image_url: row.client_image_url,
    dynamically_registered: false,
    consent_screen_enabled: row.consent_screen_enabled === 1,
    pkce_required: row.pkce_required === 1,
    public: row.public === 1,
    scopes: row.scopes,
    redirect_uris: uris,
    callback_url: uris[0] ?? "",
    ...endpoints(instance),
    ...(secret === undefined ? {} : { client_secret: secret }),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/**
 * What the Frontend API's token endpoint hands out once a user consents: an opaque access token
 * (`oat_…`, as Clerk's SDKs recognise them) and a refresh token, under one grant.
 */
export function issueTokens(sb: SandboxContext, app: OAuthApplicationRow, userId: string, scopes: string) {
  const now = sb.clock.now();
  const grantId = hexId(secureRandom, "grant");
  const insert = sb.stmt(
    `INSERT INTO oauth_application_tokens (id, instance_id, application_id, grant_id, kind, token_hash, user_id,
       scopes, expires_at, revoked_at, revocation_reason, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?)`,
  );
  const issue = (kind: "access" | "refresh", prefix: string, lifetime: number) => {
    const token = `${prefix}${randomToken(secureRandom, 32)}`;
    insert.run(
      hexId(secureRandom, "oat"),
      app.instance_id,
      app.id,
      grantId,
      kind,
      hashToken(token),
      userId,
      scopes,
      now + lifetime,
      now,
      now,
    );
    return token;
  };
  return {
    access_token: issue("access", "oat_", ACCESS_TOKEN_LIFETIME_MS),
    refresh_token: issue("refresh", "oart_", REFRESH_TOKEN_LIFETIME_MS),
    token_type: "Bearer",
    expires_in: ACCESS_TOKEN_LIFETIME_MS / 1000,
    scope: scopes,
  };
}

export function findToken(sb: SandboxContext, instanceId: string, token: string): OAuthTokenRow | undefined {
  return sb
    .stmt("SELECT * FROM oauth_application_tokens WHERE token_hash = ? AND instance_id = ?")
    .get(hashToken(token), instanceId) as OAuthTokenRow | undefined;
}

/** Revoking either token revokes everything issued under its grant. */
export function revokeGrant(sb: SandboxContext, grantId: string, reason: string): void {
  const now = sb.clock.now();
  sb.stmt(
    `UPDATE oauth_application_tokens SET revoked_at = ?, revocation_reason = ?, updated_at = ?
     WHERE grant_id = ? AND revoked_at IS NULL`,
  ).run(now, reason, now, grantId);
}

const tokenNotFound = (longMessage: string) => SandboxApiError.one(404, "resource_not_found", "not found", longMessage);

/** A live access token, as the verify endpoint answers it; unknown, revoked and expired ones are 404. */
export function verifyAccessToken(sb: SandboxContext, instance: InstanceRecord, token: string) {
  const row = findToken(sb, instance.id, token);
  if (row?.kind !== "access") throw tokenNotFound("OAuth access token not found");
  if (row.revoked_at !== null) throw tokenNotFound("The OAuth access token has been revoked");
  if (row.expires_at <= sb.clock.now()) throw tokenNotFound("The OAuth access token has expired");
  const app = sb
    .stmt("SELECT client_id FROM oauth_applications WHERE id = ?")
    .pluck()
    .get(row.application_id) as string;
  return {
    object: "clerk_idp_oauth_access_token",
    id: row.id,
    client_id: app,
    subject: row.user_id,
    scopes: row.scopes.split(" ").filter((scope) => scope !== ""),
    revoked: false,
    revocation_reason: null,
    expired: false,
    expiration: row.expires_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
