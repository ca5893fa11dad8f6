import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Svix-style webhook signatures, as Clerk sends them (Svix implements Standard Webhooks):
 * `svix-signature: v1,<base64 HMAC-SHA256 of "<svix-id>.<svix-timestamp>.<body>">`, keyed with
 * the base64-decoded part of a `whsec_<base64>` secret. The sandbox signs with this module and
 * `clerk webhooks verify` checks with it; the tests check both against independent libraries.
 */

export const SIGNING_SECRET_PREFIX = "whsec_";

/** How long a signature stays fresh unless told otherwise: Svix's and Standard Webhooks' default. */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

/** A secret that is not `whsec_<base64>`: nothing could verify with it. */
export class SigningSecretError extends Error {
  override readonly name = "SigningSecretError";
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The HMAC key inside a `whsec_…` secret. */
export function signingKey(secret: string): Buffer {
  const encoded = secret.trim().startsWith(SIGNING_SECRET_PREFIX)
    ? secret.trim().slice(SIGNING_SECRET_PREFIX.length)
    : undefined;
  if (!encoded || !BASE64.test(encoded) || encoded.length % 4 === 1) {
    throw new SigningSecretError("the signing secret must look like whsec_<base64>");
  }
  return Buffer.from(encoded, "base64");
}

/** A new `whsec_…` secret from random bytes (24, like the secrets Svix issues). */
export function formatSigningSecret(bytes: Uint8Array): string {
  return SIGNING_SECRET_PREFIX + Buffer.from(bytes).toString("base64");
}

export interface SignedContent {
  /** `svix-id`: the message id, the same on every retry so receivers can deduplicate. */
  id: string;
  /** `svix-timestamp`: Unix seconds of this attempt, as written in the header. */
  timestamp: string;
  /** The exact bytes of the request body. */
  body: string | Uint8Array;
}

function hmac(key: Buffer, content: SignedContent): Buffer {
  return createHmac("sha256", key)
    .update(`${content.id}.${content.timestamp}.`)
    .update(typeof content.body === "string" ? Buffer.from(content.body, "utf8") : content.body)
    .digest();
}

/** The `svix-signature` header value for `content`. */
export function signWebhook(secret: string, content: SignedContent): string {
  return `v1,${hmac(signingKey(secret), content).toString("base64")}`;
}

export type VerificationFailure =
  /** A header is missing or not in Svix's format. */
  | "malformed_header"
  /** No `v1` signature in the header matches the body. */
  | "bad_signature"
  /** Signed longer ago than the tolerance (a replay, or an old saved delivery). */
  | "stale_timestamp"
  /** Signed further in the future than the tolerance (a clock is wrong). */
  | "future_timestamp";

export type VerificationResult =
  | { valid: true; signedAt: number }
  | { valid: false; reason: VerificationFailure; message: string; signedAt?: number };

export interface VerifyOptions {
  /** Epoch milliseconds to judge the timestamp against. */
  now: number;
  /** Allowed clock distance in seconds; `null` skips the timestamp check (saved deliveries). */
  toleranceSeconds: number | null;
}

function describeAge(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 2 * 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 2 * 86400) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} days`;
}

/**
 * Checks a delivery's headers against its body. The signature is checked before the timestamp,
 * so a tampered body is reported as such even when the delivery is also old.
 */
export function verifyWebhookSignature(
  secret: string,
  headers: { id?: string; timestamp?: string; signature?: string },
  body: string | Uint8Array,
  options: VerifyOptions,
): VerificationResult {
  const malformed = (message: string): VerificationResult => ({ valid: false, reason: "malformed_header", message });
  const id = headers.id?.trim();
  const timestamp = headers.timestamp?.trim();
  const signature = headers.signature?.trim();
  const missing = [!id && "svix-id", !timestamp && "svix-timestamp", !signature && "svix-signature"].filter(Boolean);
  if (missing.length > 0) return malformed(`missing header${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}`);
  if (!/^\d{1,12}$/.test(timestamp as string)) {
    return malformed(`svix-timestamp must be Unix seconds, not "${timestamp}"`);
  }
  const signedAt = Number(timestamp) * 1000;
  const entries = (signature as string).split(/\s+/).map((entry) => {
    const comma = entry.indexOf(",");
    return { version: comma > 0 ? entry.slice(0, comma) : "", value: entry.slice(comma + 1) };
  });
  if (entries.some((entry) => !entry.version || !entry.value)) {
    return malformed("svix-signature must be space-separated `v1,<base64>` entries");
  }
  const v1 = entries.filter((entry) => entry.version === "v1").map((entry) => entry.value);
  if (v1.length === 0) return malformed("svix-signature has no v1 signature");

  const expected = hmac(signingKey(secret), { id: id as string, timestamp: timestamp as string, body });
  const matches = v1.some((value) => {
    const given = BASE64.test(value) ? Buffer.from(value, "base64") : undefined;
    return given !== undefined && given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) {
    return {
      valid: false,
      reason: "bad_signature",
      message: "the signature does not match: the body, svix-id or svix-timestamp was changed, or the secret is wrong",
      signedAt,
    };
  }
  if (options.toleranceSeconds !== null) {
    const skew = Math.round((options.now - signedAt) / 1000);
    const tolerance = describeAge(options.toleranceSeconds);
    if (skew > options.toleranceSeconds) {
      return {
        valid: false,
        reason: "stale_timestamp",
        message: `signed ${describeAge(skew)} ago, more than the ${tolerance} tolerance`,
        signedAt,
      };
    }
    if (-skew > options.toleranceSeconds) {
      return {
        valid: false,
        reason: "future_timestamp",
        message: `signed ${describeAge(-skew)} in the future, more than the ${tolerance} tolerance`,
        signedAt,
      };
    }
  }
  return { valid: true, signedAt };
}
