import { createCipheriv, createHash, pbkdf2, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import { argon2Verify, bcryptVerify } from "hash-wasm";
import { digestProblem, type PasswordHasher } from "../../../../shared/clerk/password-hashers";
import { errors } from "../../core/errors";

/**
 * Imported password digests (`password_digest` + `password_hasher` on create and update), in the
 * forms Clerk documents for each hasher (shared/clerk/password-hashers.ts). The sandbox keeps the
 * digest as it came and checks a password against it with the hasher's own algorithm; after the
 * first match the password is stored in the sandbox's own scheme, as Clerk moves imported digests
 * to its own on first sign-in. `phpass`, `md5_phpass` and `sha512_symfony` are refused (listed in
 * the README's deviations): the sandbox cannot check them.
 */

type Verify = (password: string, digest: string) => Promise<boolean>;

const pbkdf2Async = promisify(pbkdf2);
const scryptAsync = promisify(scrypt) as (
  password: Buffer | string,
  salt: Buffer | string,
  length: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;
const MAXMEM = 256 * 1024 * 1024;

const equal = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);
const hex = (algorithm: string, text: string) => createHash(algorithm).update(text).digest("hex");

/** `<name>$<iterations>$<salt>$<hash>`, each hasher reading salt and hash in its own encoding. */
const pbkdf2Verify =
  (digest: "sha1" | "sha256" | "sha512", salt: BufferEncoding | "raw", hash: BufferEncoding): Verify =>
  async (password, stored) => {
    const [, iterations, saltText, hashText] = stored.split("$") as [string, string, string, string];
    const expected = Buffer.from(hashText, hash);
    const saltBytes = Buffer.from(saltText, salt === "raw" ? "utf8" : salt);
    return equal(await pbkdf2Async(password, saltBytes, Number(iterations), expected.length, digest), expected);
  };

const verifyBcrypt: Verify = (password, stored) =>
  bcryptVerify({ password, hash: stored.replace(/^\$2[ay]\$/, "$2b$") });
const verifyArgon2: Verify = (password, hash) => argon2Verify({ password, hash });

const VERIFIERS: Partial<Record<PasswordHasher, Verify>> = {
  bcrypt: verifyBcrypt,
  bcrypt_sha256_django: (password, stored) =>
    verifyBcrypt(hex("sha256", password), stored.slice("bcrypt_sha256$".length)),
  md5: async (password, stored) => hex("md5", password) === stored.toLowerCase(),
  sha256: async (password, stored) => hex("sha256", password) === stored.toLowerCase(),
  pbkdf2_sha1: pbkdf2Verify("sha1", "raw", "hex"),
  pbkdf2_sha256: pbkdf2Verify("sha256", "base64", "base64"),
  pbkdf2_sha256_django: pbkdf2Verify("sha256", "raw", "base64"),
  pbkdf2_sha512: pbkdf2Verify("sha512", "base64", "base64"),
  pbkdf2_sha512_hex: pbkdf2Verify("sha512", "hex", "hex"),
  argon2i: verifyArgon2,
  argon2id: verifyArgon2,
  // <hash>$<salt>$<signer key>$<salt separator>$<rounds>$<memory cost>: scrypt's key encrypts the signer key.
  async scrypt_firebase(password, stored) {
    const [hash, salt, signerKey, separator, rounds, memCost] = stored.split("$") as string[];
    const key = await scryptAsync(
      Buffer.from(password, "utf8"),
      Buffer.concat([Buffer.from(salt as string, "base64"), Buffer.from(separator as string, "base64")]),
      32,
      { N: 2 ** Number(memCost), r: Number(rounds), p: 1, maxmem: MAXMEM },
    );
    const cipher = createCipheriv("aes-256-ctr", key, Buffer.alloc(16));
    const actual = Buffer.concat([cipher.update(Buffer.from(signerKey as string, "base64")), cipher.final()]);
    return equal(actual, Buffer.from(hash as string, "base64"));
  },
  async scrypt_werkzeug(password, stored) {
    const [params, salt, hash] = stored.split("$") as [string, string, string];
    const [, n, r, p] = params.split(":").map(Number) as [number, number, number, number];
    const expected = Buffer.from(hash, "hex");
    return equal(await scryptAsync(password, salt, expected.length, { N: n, r, p, maxmem: MAXMEM }), expected);
  },
  async ldap_ssha(password, stored) {
    const bytes = Buffer.from(stored.slice("{SSHA}".length), "base64");
    const actual = createHash("sha1").update(password).update(bytes.subarray(20)).digest();
    return equal(actual, bytes.subarray(0, 20));
  },
};

/** The hashers the sandbox checks passwords against. */
export const VERIFIED_HASHERS = Object.keys(VERIFIERS) as PasswordHasher[];

const PREFIX = "digest:";

/** Validates an imported digest and returns what the sandbox stores for it. */
export function storedDigest(digest: string, hasher: string | undefined): string {
  const problem = digestProblem(digest, hasher);
  if (problem) {
    throw hasher
      ? errors.paramValueInvalid(problem.startsWith("password_hasher") ? "password_hasher" : "password_digest", problem)
      : errors.paramInvalid("password_hasher", problem);
  }
  if (!VERIFIERS[hasher as PasswordHasher]) {
    throw errors.paramValueInvalid(
      "password_hasher",
      `The sandbox cannot check ${hasher} digests (Clerk can); import these users with a password or another hasher.`,
    );
  }
  return `${PREFIX}${hasher}:${digest}`;
}

/** Whether `stored` is an imported digest (checked by its hasher, then replaced by the sandbox's own hash). */
export const isImportedDigest = (stored: string) => stored.startsWith(PREFIX);

export async function verifyImportedDigest(password: string, stored: string): Promise<boolean> {
  const rest = stored.slice(PREFIX.length);
  const colon = rest.indexOf(":");
  const verify = VERIFIERS[rest.slice(0, colon) as PasswordHasher];
  if (!verify) return false;
  try {
    return await verify(password, rest.slice(colon + 1));
  } catch {
    return false;
  }
}
