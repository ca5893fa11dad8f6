import { createHash, timingSafeEqual } from "node:crypto";
import { OAuthError } from "./errors";

/** An S256 challenge is BASE64URL(SHA-256(verifier)): always 43 characters. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
/** RFC 7636 §4.1: 43 to 128 unreserved characters. */
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/**
 * Checks an authorization request's PKCE parameters. Only S256 is accepted: `plain` (and an
 * omitted method, which means plain) would hand the verifier to anyone who sees the request.
 */
export function requireS256Challenge(challenge: string | undefined, method: string | undefined): string {
  if (challenge === undefined) {
    throw new OAuthError("invalid_request", "code_challenge is required (PKCE, RFC 7636).");
  }
  if (method !== "S256") {
    throw new OAuthError("invalid_request", "code_challenge_method must be S256; plain is not supported.");
  }
  if (!S256_CHALLENGE.test(challenge)) {
    throw new OAuthError("invalid_request", "code_challenge must be a base64url-encoded SHA-256 hash.");
  }
  return challenge;
}

/** Whether `verifier` hashes to `challenge` (RFC 7636 §4.6). */
export function verifierMatches(verifier: string, challenge: string): boolean {
  if (!VERIFIER.test(verifier)) return false;
  const computed = Buffer.from(createHash("sha256").update(verifier).digest("base64url"));
  const expected = Buffer.from(challenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}
