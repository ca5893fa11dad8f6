import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** RFC 7636 PKCE with S256: a 256-bit verifier and its SHA-256 challenge. */
export function createPkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/** The `state` binding the browser's answer to this login attempt (CSRF protection). */
export const createState = (): string => randomBytes(24).toString("base64url");

/** Compares secrets in constant time. */
export function sameSecret(a: string | null | undefined, b: string): boolean {
  if (typeof a !== "string") return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
