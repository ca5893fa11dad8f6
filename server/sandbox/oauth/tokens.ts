import { createHash, randomBytes } from "node:crypto";
import type { SandboxContext } from "../core/context";
import { OAuthError } from "./errors";

/** Tokens are stored hashed: a copied database file does not hand out live credentials. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** An unguessable bearer secret (256 bits); never from the seedable `sb.random`. */
export function newSecret(prefix = ""): string {
  return prefix + randomBytes(32).toString("base64url");
}

export const ACCESS_TOKEN_LIFETIME_SECONDS = 3600;
const REFRESH_TOKEN_LIFETIME_MS = 30 * 24 * 3600 * 1000;

/**
 * Both token kinds carry the grant (one approved authorization) they descend from, so a
 * replayed code or refresh token can revoke everything issued under it at once.
 */
export const oauthTokenTables = [
  `CREATE TABLE IF NOT EXISTS oauth_access_tokens (
    token_hash TEXT PRIMARY KEY,
    grant_id TEXT NOT NULL,
    client_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    scope TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER,
    created_at INTEGER NOT NULL
  )`,
  "CREATE INDEX IF NOT EXISTS oauth_access_tokens_grant ON oauth_access_tokens (grant_id)",
  `CREATE TABLE IF NOT EXISTS oauth_refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    grant_id TEXT NOT NULL,
    client_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    scope TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    revoked_at INTEGER,
    created_at INTEGER NOT NULL
  )`,
  "CREATE INDEX IF NOT EXISTS oauth_refresh_tokens_grant ON oauth_refresh_tokens (grant_id)",
];

export interface AccessTokenGrant {
  clientId: string;
  accountId: string;
  scope: string;
}

/** One approved authorization: who let which client do what. */
export interface Grant extends AccessTokenGrant {
  grantId: string;
}

/** The token endpoint's success body (RFC 6749 §5.1). */
export interface TokenResponse {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  refresh_token: string;
  scope: string;
}

/** The grant behind a live (unexpired, unrevoked) access token, if any. */
export function lookupAccessToken(sb: SandboxContext, token: string): AccessTokenGrant | undefined {
  const row = sb
    .stmt(
      "SELECT client_id, account_id, scope FROM oauth_access_tokens WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?",
    )
    .get(hashToken(token), sb.clock.now()) as { client_id: string; account_id: string; scope: string } | undefined;
  return row ? { clientId: row.client_id, accountId: row.account_id, scope: row.scope } : undefined;
}

/**
 * Issues an access token and a refresh token under `grant`. The access token may carry a
 * narrower scope than the grant (a refresh that asks for less); the refresh token keeps the
 * grant's full scope (RFC 6749 §6).
 */
export function issueTokens(sb: SandboxContext, grant: Grant, accessScope = grant.scope): TokenResponse {
  const now = sb.clock.now();
  const accessToken = newSecret("oat_");
  const refreshToken = newSecret("ort_");
  sb.tx(() => {
    sb.stmt(
      `INSERT INTO oauth_access_tokens (token_hash, grant_id, client_id, account_id, scope, expires_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      hashToken(accessToken),
      grant.grantId,
      grant.clientId,
      grant.accountId,
      accessScope,
      now + ACCESS_TOKEN_LIFETIME_SECONDS * 1000,
      now,
    );
    sb.stmt(
      `INSERT INTO oauth_refresh_tokens (token_hash, grant_id, client_id, account_id, scope, expires_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      hashToken(refreshToken),
      grant.grantId,
      grant.clientId,
      grant.accountId,
      grant.scope,
      now + REFRESH_TOKEN_LIFETIME_MS,
      now,
    );
  });
  return {
    access_token: accessToken,
    token_type: "Bearer",
    expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
    refresh_token: refreshToken,
    scope: accessScope,
  };
}

/** Ends a grant: every access and refresh token issued under it stops working. */
export function revokeGrant(sb: SandboxContext, grantId: string): void {
  const now = sb.clock.now();
  sb.tx(() => {
    sb.stmt("UPDATE oauth_access_tokens SET revoked_at = ? WHERE grant_id = ? AND revoked_at IS NULL").run(
      now,
      grantId,
    );
    sb.stmt("UPDATE oauth_refresh_tokens SET revoked_at = ? WHERE grant_id = ? AND revoked_at IS NULL").run(
      now,
      grantId,
    );
  });
}

interface RefreshTokenRow {
  grant_id: string;
  client_id: string;
  account_id: string;
  scope: string;
  expires_at: number;
  used_at: number | null;
  revoked_at: number | null;
}

function refreshTokenRow(sb: SandboxContext, token: string): RefreshTokenRow | undefined {
  return sb
    .stmt(
      "SELECT grant_id, client_id, account_id, scope, expires_at, used_at, revoked_at FROM oauth_refresh_tokens WHERE token_hash = ?",
    )
    .get(hashToken(token)) as RefreshTokenRow | undefined;
}

/** `requested` must stay within what was granted; omitted means all of it (RFC 6749 §6). */
function narrowedScope(granted: string, requested: readonly string[] | undefined): string {
  if (!requested) return granted;
  const allowed = new Set(granted.split(" "));
  const extra = requested.filter((scope) => !allowed.has(scope));
  if (extra.length > 0) {
    throw new OAuthError("invalid_scope", `The grant does not include: ${extra.join(", ")}.`);
  }
  return requested.join(" ");
}

/**
 * The refresh_token grant with rotation: the presented token is spent and a new pair issued.
 * A spent token presented again means it leaked (the client or a thief holds a copy), so
 * the whole grant is revoked (OAuth 2.0 Security BCP, refresh token rotation).
 */
export function rotateRefreshToken(
  sb: SandboxContext,
  token: string,
  clientId: string,
  requestedScope: readonly string[] | undefined,
): TokenResponse {
  const row = refreshTokenRow(sb, token);
  const now = sb.clock.now();
  if (!row || row.revoked_at !== null || row.expires_at <= now || row.client_id !== clientId) {
    throw new OAuthError("invalid_grant", "The refresh token is invalid, expired or revoked.");
  }
  if (row.used_at !== null) {
    revokeGrant(sb, row.grant_id);
    throw new OAuthError(
      "invalid_grant",
      "The refresh token was already used; every token issued under this grant is now revoked.",
    );
  }
  const accessScope = narrowedScope(row.scope, requestedScope);
  return sb.tx(() => {
    sb.stmt("UPDATE oauth_refresh_tokens SET used_at = ? WHERE token_hash = ?").run(now, hashToken(token));
    return issueTokens(
      sb,
      { grantId: row.grant_id, clientId: row.client_id, accountId: row.account_id, scope: row.scope },
      accessScope,
    );
  });
}

/**
 * RFC 7009 revocation. A refresh token ends its whole grant (including the access tokens
 * issued from it); an access token ends only itself. Tokens that are unknown, already dead or
 * issued to another client are left alone without saying so.
 */
export function revokeToken(sb: SandboxContext, token: string, clientId: string | undefined): void {
  const refresh = refreshTokenRow(sb, token);
  if (refresh) {
    if (clientId === undefined || refresh.client_id === clientId) revokeGrant(sb, refresh.grant_id);
    return;
  }
  sb.stmt(
    "UPDATE oauth_access_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL AND (? IS NULL OR client_id = ?)",
  ).run(sb.clock.now(), hashToken(token), clientId ?? null, clientId ?? null);
}
