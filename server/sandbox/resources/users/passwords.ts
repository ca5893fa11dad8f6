import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import { errors } from "../../core/errors";
import { isImportedDigest, storedDigest, verifyImportedDigest } from "./digests";

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, length: number) => Promise<Buffer>;

/** A handful of the most breached passwords: enough to show Clerk's HIBP rejection offline. */
const PWNED = new Set([
  "password",
  "password1",
  "password123",
  "12345678",
  "123456789",
  "1234567890",
  "qwertyuiop",
  "iloveyou",
  "11111111",
  "abc12345",
  "letmein1",
  "sunshine",
  "football",
  "baseball",
  "princess",
  "welcome1",
  "passw0rd",
]);

/** Clerk's password policy: at least 8 characters, at most 72, not known to be breached. */
export function checkPassword(password: string, param = "password", hibp = true): void {
  if (password.length < 8) {
    throw errors.unprocessable(
      "form_password_length_too_short",
      "Passwords must be 8 characters or more.",
      "Passwords must be 8 characters or more.",
      { param_name: param },
    );
  }
  if (password.length > 72) {
    throw errors.unprocessable(
      "form_password_length_too_long",
      "Passwords must be less than 72 characters.",
      "Passwords must be less than 72 characters.",
      { param_name: param },
    );
  }
  if (hibp && PWNED.has(password.toLowerCase())) {
    throw errors.unprocessable(
      "form_password_pwned",
      "Password has been found in an online data breach. For account safety, please use a different password.",
      "Password has been found in an online data breach. For account safety, please use a different password.",
      { param_name: param },
    );
  }
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, 32);
  return `scrypt$${salt.toString("base64")}$${key.toString("base64")}`;
}

/**
 * What a create or update stores for the user's password: the sandbox's hash of `password`, or
 * an imported `password_digest` checked against its `password_hasher`; undefined when neither.
 */
export async function passwordToStore(body: {
  password?: string | null | undefined;
  password_digest?: string | null | undefined;
  password_hasher?: string | undefined;
}): Promise<string | undefined> {
  if (body.password_digest) {
    if (body.password) {
      throw errors.paramInvalid("password_digest", "Give either password or password_digest, not both.");
    }
    return storedDigest(body.password_digest, body.password_hasher);
  }
  return body.password ? await hashPassword(body.password) : undefined;
}

/** Whether `password` matches what is stored: the sandbox's own hash or an imported digest. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (isImportedDigest(stored)) return verifyImportedDigest(password, stored);
  const [scheme, saltB64, keyB64] = stored.split("$");
  if (scheme !== "scrypt" || !saltB64 || !keyB64) return false;
  const expected = Buffer.from(keyB64, "base64");
  const actual = await scryptAsync(password, Buffer.from(saltB64, "base64"), expected.length);
  return timingSafeEqual(actual, expected);
}
