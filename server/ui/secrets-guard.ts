/**
 * Secret shapes that must never reach the browser, whatever a route returns. An API key's id
 * (`ak_` and exactly 32 hex digits) is not its secret, and must pass.
 */
const SECRET_PATTERN =
  /\b(sk_(?:test|live)_[A-Za-z0-9]{8,}|ak_(?![0-9a-f]{32}\b)[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9+/=]{16,})/;

/**
 * The last line of defence against a secret reaching the browser: a response body containing
 * a secret key, a platform key or one of the live OAuth tokens is replaced by an error.
 */
export function containsSecret(body: string, knownSecrets: readonly string[]): boolean {
  if (SECRET_PATTERN.test(body)) return true;
  return knownSecrets.some((secret) => secret.length >= 16 && body.includes(secret));
}
