/**
 * Secret shapes that must never reach the browser, whatever a route returns: secret keys
 * (`sk_`), API, platform and machine keys (`ak_`), M2M tokens (`mt_`), webhook signing secrets,
 * JWTs (actor tokens, session and M2M JWTs, sign-in tickets) and sign-in ticket URLs. An API
 * key's or M2M token's id (`ak_`/`mt_` and exactly 32 hex digits) is not a secret, and must pass.
 */
const SECRET_PATTERN = new RegExp(
  [
    "\\bsk_(?:test|live)_[A-Za-z0-9]{8,}",
    "\\bak_(?![0-9a-f]{32}\\b)[A-Za-z0-9]{16,}",
    "\\bmt_(?![0-9a-fA-F]{32}\\b)[A-Za-z0-9]{16,}",
    "\\bwhsec_[A-Za-z0-9+/=]{16,}",
    // A JWT: header and claims are base64url JSON objects, so both start with `eyJ`.
    "\\beyJ[\\w-]{8,}\\.eyJ[\\w-]{8,}\\.[\\w-]*",
    // A sign-in ticket in a URL (`/v1/tickets/accept?ticket=…`, `?__clerk_ticket=…`).
    "[?&](?:__clerk_)?ticket=[\\w.-]{16,}",
  ].join("|"),
);

/**
 * The last line of defence against a secret reaching the browser: a response body containing
 * a secret key, a platform key or one of the live OAuth tokens is replaced by an error.
 */
export function containsSecret(body: string, knownSecrets: readonly string[]): boolean {
  if (SECRET_PATTERN.test(body)) return true;
  return knownSecrets.some((secret) => secret.length >= 16 && body.includes(secret));
}
