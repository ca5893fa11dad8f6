import type { SandboxContext } from "../core/context";
import type { AuthorizationRequest } from "./authorization-request";
import { OAuthError } from "./errors";
import { verifierMatches } from "./pkce";
import { hashToken, issueTokens, newSecret, revokeGrant, type TokenResponse } from "./tokens";

/** RFC 6749 §4.1.2 recommends at most ten minutes; a CLI redeems its code within a second. */
const CODE_LIFETIME_MS = 60 * 1000;

/** Records the account's approval as a new grant and returns its authorization code. */
export function createAuthorizationCode(sb: SandboxContext, request: AuthorizationRequest, accountId: string): string {
  const code = newSecret();
  const now = sb.clock.now();
  sb.stmt(
    `INSERT INTO oauth_authorization_codes
       (code_hash, grant_id, client_id, account_id, redirect_uri, scope, code_challenge, expires_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    hashToken(code),
    sb.newId("grant"),
    request.clientId,
    accountId,
    request.redirectUri,
    request.scope,
    request.codeChallenge,
    now + CODE_LIFETIME_MS,
    now,
  );
  return code;
}

/** What the token request presents alongside the code. */
export interface CodeRedemption {
  code: string;
  clientId: string;
  redirectUri: string;
  codeVerifier: string;
}

interface CodeRow {
  grant_id: string;
  client_id: string;
  account_id: string;
  redirect_uri: string;
  scope: string;
  code_challenge: string;
  expires_at: number;
  used_at: number | null;
}

/**
 * The authorization_code grant. A code works once; presenting it again revokes the tokens it
 * produced (RFC 6749 §4.1.2), since one of the two presenters stole it. A failed check does
 * not spend the code, so a thief guessing verifiers cannot lock the real client out.
 */
export function redeemAuthorizationCode(sb: SandboxContext, redemption: CodeRedemption): TokenResponse {
  const codeHash = hashToken(redemption.code);
  const row = sb
    .stmt(
      `SELECT grant_id, client_id, account_id, redirect_uri, scope, code_challenge, expires_at, used_at
       FROM oauth_authorization_codes WHERE code_hash = ?`,
    )
    .get(codeHash) as CodeRow | undefined;
  if (!row) throw new OAuthError("invalid_grant", "The authorization code is invalid.");
  if (row.used_at !== null) {
    revokeGrant(sb, row.grant_id);
    throw new OAuthError(
      "invalid_grant",
      "The authorization code was already used; the tokens issued for it are now revoked.",
    );
  }
  if (row.expires_at <= sb.clock.now()) throw new OAuthError("invalid_grant", "The authorization code has expired.");
  if (row.client_id !== redemption.clientId) {
    throw new OAuthError("invalid_grant", "The authorization code was issued to another client.");
  }
  if (row.redirect_uri !== redemption.redirectUri) {
    throw new OAuthError("invalid_grant", "redirect_uri does not match the one of the authorization request.");
  }
  if (!verifierMatches(redemption.codeVerifier, row.code_challenge)) {
    throw new OAuthError("invalid_grant", "code_verifier does not match the code_challenge.");
  }
  return sb.tx(() => {
    sb.stmt("UPDATE oauth_authorization_codes SET used_at = ? WHERE code_hash = ?").run(sb.clock.now(), codeHash);
    return issueTokens(sb, {
      grantId: row.grant_id,
      clientId: row.client_id,
      accountId: row.account_id,
      scope: row.scope,
    });
  });
}
