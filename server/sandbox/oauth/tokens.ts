import { createHash } from "node:crypto";
import type { SandboxContext } from "../core/context";

/** Tokens are stored hashed: a copied database file does not hand out live credentials. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export const oauthTokenTables = [
  `CREATE TABLE IF NOT EXISTS oauth_access_tokens (
    token_hash TEXT PRIMARY KEY,
    client_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    scope TEXT NOT NULL,
    refresh_token_hash TEXT,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER,
    created_at INTEGER NOT NULL
  )`,
];

export interface AccessTokenGrant {
  clientId: string;
  accountId: string;
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
