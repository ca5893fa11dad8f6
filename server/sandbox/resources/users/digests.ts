import { createCipheriv, createHash, pbkdf2, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import { argon2Verify, bcryptVerify } from "hash-wasm";
import { errors } from "../../core/errors";

/**
 * Imported password digests (`password_digest` + `password_hasher` on create and update), in the
 * formats Clerk documents for each hasher. The sandbox keeps the digest as it came and checks a
 * password against it with the hasher's own algorithm; after the first match the password is
 * stored in the sandbox's own scheme, as Clerk moves imported digests to its own on first sign-in.
 * Not verified (refused on create, listed in the README's deviations): `phpass`, `md5_phpass`,
 * `sha512_symfony`.
 */

const pbkdf2Async = promisify(pbkdf2);
const scryptAsync = promisify(scrypt) as (
  password: Buffer | string,
  salt: Buffer | string,
  length: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

interface Hasher {
  /** Whether the digest has the hasher's documented shape. */
  format: RegExp;
  /** What the digest must look like, for the error message. */
  shape: string;
  verify(password: string, digest: string): Promise<boolean>;
}

const equal = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);
const hex = (algorithm: string, text: string) => createHash(algorithm).update(text).digest("hex");

/** `<name>$<iterations>$<salt>$<hash>`, each hasher reading salt and hash in its own encoding. */
function pbkdf2Hasher(
  name: string,
  digest: "sha1" | "sha256" | "sha512",
  salt: BufferEncoding | "raw",
  hash: BufferEncoding,
): Hasher {
  return {
    format: new RegExp(`^${name}\\$\\d+\\$[^$]+\\$[^$]+$`),
    shape: `${name}$<iterations>$<salt>$<hash>`,
    async verify(password, stored) {
      const [, iterations, saltText, hashText] = stored.split("$") as [string, string, string, string];
      const expected = Buffer.from(hashText, hash);
      const saltBytes = salt === "raw" ? Buffer.from(saltText, "utf8") : Buffer.from(saltText, salt);
      const actual = await pbkdf2Async(password, saltBytes, Number(iterations), expected.length, digest);
      return equal(actual, expected);
    },
  };
}

const bcryptHasher: Hasher = {
  format: /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/,
  shape: "$2b$<cost>$<salt and hash>",
  verify: (password, stored) => bcryptVerify({ password, hash: stored.replace(/^\$2[ay]\$/, "$2b$") }),
};

const argon2Hasher = (variant: "argon2i" | "argon2id"): Hasher => ({
  format: new RegExp(`^\\$${variant}\\$v=\\d+\\$m=\\d+,t=\\d+,p=\\d+\\$[^$]+\\$[^$]+$`),
  shape: `$${variant}$v=19$m=<memory>,t=<iterations>,p=<parallelism>$<salt>$<hash>`,
  verify: (password, hash) => argon2Verify({ password, hash }),
});

export const HASHERS: Record<string, Hasher> = {
  bcrypt: bcryptHasher,
  bcrypt_sha256_django: {
    format: /^bcrypt_sha256\$\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/,
    shape: "bcrypt_sha256$$2b$<cost>$<salt and hash>",
    verify: (password, stored) => bcryptHasher.verify(hex("sha256", password), stored.slice("bcrypt_sha256$".length)),
  },
  md5: {
    format: /^[0-9a-f]{32}$/i,
    shape: "32 hex digits",
    verify: async (password, stored) => hex("md5", password) === stored.toLowerCase(),
  },
  sha256: {
    format: /^[0-9a-f]{64}$/i,
    shape: "64 hex digits",
    verify: async (password, stored) => hex("sha256", password) === stored.toLowerCase(),
  },
  pbkdf2_sha1: pbkdf2Hasher("pbkdf2_sha1", "sha1", "raw", "hex"),
  pbkdf2_sha256: pbkdf2Hasher("pbkdf2_sha256", "sha256", "base64", "base64"),
  pbkdf2_sha256_django: pbkdf2Hasher("pbkdf2_sha256", "sha256", "raw", "base64"),
  pbkdf2_sha512: pbkdf2Hasher("pbkdf2_sha512", "sha512", "base64", "base64"),
  pbkdf2_sha512_hex: pbkdf2Hasher("pbkdf2_sha512", "sha512", "hex", "hex"),
  argon2i: argon2Hasher("argon2i"),
  argon2id: argon2Hasher("argon2id"),
  scrypt_firebase: {
    // <hash>$<salt>$<signer key>$<salt separator>$<rounds>$<memory cost>, base64 but the two numbers.
    format: /^[^$]+\$[^$]+\$[^$]+\$[^$]*\$\d+\$\d+$/,
    shape: "<hash>$<salt>$<signer key>$<salt separator>$<rounds>$<memory cost>",
    async verify(password, stored) {
      const [hash, salt, signerKey, separator, rounds, memCost] = stored.split("$") as string[];
      const key = await scryptAsync(
        Buffer.from(password, "utf8"),
        Buffer.concat([Buffer.from(salt as string, "base64"), Buffer.from(separator as string, "base64")]),
        32,
        { N: 2 ** Number(memCost), r: Number(rounds), p: 1, maxmem: 256 * 1024 * 1024 },
      );
      const cipher = createCipheriv("aes-256-ctr", key, Buffer.alloc(16));
      const actual = Buffer.concat([cipher.update(Buffer.from(signerKey as string, "base64")), cipher.final()]);
      return equal(actual, Buffer.from(hash as string, "base64"));
    },
  },
  scrypt_werkzeug: {
    format: /^scrypt:\d+:\d+:\d+\$[^$]+\$[0-9a-f]+$/i,
    shape: "scrypt:<N>:<r>:<p>$<salt>$<hex hash>",
    async verify(password, stored) {
      const [params, salt, hash] = stored.split("$") as [string, string, string];
      const [, n, r, p] = params.split(":").map(Number) as [number, number, number, number];
      const expected = Buffer.from(hash, "hex");
      const actual = await scryptAsync(password, salt, expected.length, { N: n, r, p, maxmem: 256 * 1024 * 1024 });
      return equal(actual, expected);
    },
  },
  ldap_ssha: {
    format: /^\{SSHA\}[A-Za-z0-9+/=]+$/,
    shape: "{SSHA}<base64 of SHA-1 digest and salt>",
    async verify(password, stored) {
      const bytes = Buffer.from(stored.slice("{SSHA}".length), "base64");
      const digest = bytes.subarray(0, 20);
      const actual = createHash("sha1").update(password).update(bytes.subarray(20)).digest();
      return equal(actual, digest);
    },
  },
};

/** Clerk's hashers the sandbox accepts but cannot check a password against. */
const UNVERIFIED = new Set(["phpass", "md5_phpass", "sha512_symfony"]);

const PREFIX = "digest:";

/** Validates an imported digest and returns what the sandbox stores for it. */
export function storedDigest(digest: string, hasher: string | undefined): string {
  if (!hasher) {
    throw errors.paramInvalid("password_hasher", "password_hasher is required when password_digest is given.");
  }
  const known = HASHERS[hasher];
  if (!known) {
    const why = UNVERIFIED.has(hasher)
      ? `The sandbox cannot check ${hasher} digests (Clerk can); import these users with a password or another hasher.`
      : `password_hasher must be one of: ${Object.keys(HASHERS).join(", ")}.`;
    throw errors.paramValueInvalid("password_hasher", why);
  }
  if (!known.format.test(digest)) {
    throw errors.paramValueInvalid("password_digest", `A ${hasher} digest has the form ${known.shape}.`);
  }
  return `${PREFIX}${hasher}:${digest}`;
}

/** Whether `stored` is an imported digest (checked by its hasher, then replaced by the sandbox's own hash). */
export const isImportedDigest = (stored: string) => stored.startsWith(PREFIX);

export async function verifyImportedDigest(password: string, stored: string): Promise<boolean> {
  const rest = stored.slice(PREFIX.length);
  const colon = rest.indexOf(":");
  const hasher = HASHERS[rest.slice(0, colon)];
  if (!hasher) return false;
  try {
    return await hasher.verify(password, rest.slice(colon + 1));
  } catch {
    return false;
  }
}
