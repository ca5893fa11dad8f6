import type { SandboxContext } from "../core/context";
import type { AuthorizationRequest } from "./authorization-request";
import { hashToken, newSecret } from "./tokens";

/** Long enough to read the consent page, short enough that a forgotten tab goes stale. */
const CONSENT_LIFETIME_MS = 10 * 60 * 1000;

/**
 * Keeps a validated authorization request server-side and returns the single-use id the
 * consent form posts back. The form carries nothing else, so the decision cannot be pointed
 * at another redirect URI, and without the id (only readable from the page) there is none.
 */
export function createConsentRequest(sb: SandboxContext, request: AuthorizationRequest): string {
  const id = newSecret();
  const now = sb.clock.now();
  sb.stmt(
    `INSERT INTO oauth_consent_requests
       (id_hash, client_id, redirect_uri, scope, state, code_challenge, issuer, expires_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    hashToken(id),
    request.clientId,
    request.redirectUri,
    request.scope,
    request.state ?? null,
    request.codeChallenge,
    request.issuer,
    now + CONSENT_LIFETIME_MS,
    now,
  );
  return id;
}

interface ConsentRow {
  client_id: string;
  redirect_uri: string;
  scope: string;
  state: string | null;
  code_challenge: string;
  issuer: string;
  expires_at: number;
}

/** Takes the pending request out (whatever happens next, the id is spent); undefined if unknown or expired. */
export function consumeConsentRequest(sb: SandboxContext, id: string): AuthorizationRequest | undefined {
  const row = sb
    .stmt(
      `DELETE FROM oauth_consent_requests WHERE id_hash = ?
       RETURNING client_id, redirect_uri, scope, state, code_challenge, issuer, expires_at`,
    )
    .get(hashToken(id)) as ConsentRow | undefined;
  if (!row || row.expires_at <= sb.clock.now()) return undefined;
  return {
    clientId: row.client_id,
    redirectUri: row.redirect_uri,
    scope: row.scope,
    state: row.state ?? undefined,
    codeChallenge: row.code_challenge,
    issuer: row.issuer,
  };
}
