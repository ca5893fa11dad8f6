/**
 * Clerk's password hashers and the form each expects `password_digest` in (Clerk's create-user
 * reference). The import checks digests against these before sending anything; the sandbox
 * checks them on create and verifies passwords against them.
 */
export interface HasherFormat {
  format: RegExp;
  /** What the digest looks like, for messages. */
  shape: string;
}

const pbkdf2 = (name: string): HasherFormat => ({
  format: new RegExp(`^${name}\\$\\d+\\$[^$]+\\$[^$]+$`),
  shape: `${name}$<iterations>$<salt>$<hash>`,
});
const argon2 = (variant: string): HasherFormat => ({
  format: new RegExp(`^\\$${variant}\\$v=\\d+\\$m=\\d+,t=\\d+,p=\\d+\\$[^$]+\\$[^$]+$`),
  shape: `$${variant}$v=19$m=<memory>,t=<iterations>,p=<parallelism>$<salt>$<hash>`,
});
const BCRYPT = /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/;

export const PASSWORD_HASHERS = {
  bcrypt: { format: BCRYPT, shape: "$2b$<cost>$<salt and hash>" },
  bcrypt_sha256_django: {
    format: new RegExp(`^bcrypt_sha256\\$${BCRYPT.source.slice(1)}`),
    shape: "bcrypt_sha256$$2b$<cost>$<salt and hash>",
  },
  md5: { format: /^[0-9a-f]{32}$/i, shape: "32 hex digits" },
  sha256: { format: /^[0-9a-f]{64}$/i, shape: "64 hex digits" },
  pbkdf2_sha1: pbkdf2("pbkdf2_sha1"),
  pbkdf2_sha256: pbkdf2("pbkdf2_sha256"),
  pbkdf2_sha256_django: pbkdf2("pbkdf2_sha256"),
  pbkdf2_sha512: pbkdf2("pbkdf2_sha512"),
  pbkdf2_sha512_hex: pbkdf2("pbkdf2_sha512"),
  argon2i: argon2("argon2i"),
  argon2id: argon2("argon2id"),
  scrypt_firebase: {
    format: /^[^$]+\$[^$]+\$[^$]+\$[^$]*\$\d+\$\d+$/,
    shape: "<hash>$<salt>$<signer key>$<salt separator>$<rounds>$<memory cost>",
  },
  scrypt_werkzeug: { format: /^scrypt:\d+:\d+:\d+\$[^$]+\$[0-9a-f]+$/i, shape: "scrypt:<N>:<r>:<p>$<salt>$<hex hash>" },
  ldap_ssha: { format: /^\{SSHA\}[A-Za-z0-9+/=]+$/, shape: "{SSHA}<base64 of SHA-1 digest and salt>" },
  phpass: { format: /^\$[PH]\$[./0-9A-Za-z]{31}$/, shape: "$P$<cost><salt><hash>" },
  md5_phpass: { format: /^\$[PH]\$[./0-9A-Za-z]{31}$/, shape: "$P$<cost><salt><hash>" },
  sha512_symfony: { format: /^[A-Za-z0-9+/=]+$/, shape: "<base64 digest>" },
} as const satisfies Record<string, HasherFormat>;

export type PasswordHasher = keyof typeof PASSWORD_HASHERS;

const isPasswordHasher = (name: string): name is PasswordHasher => Object.hasOwn(PASSWORD_HASHERS, name);

/** Why a digest cannot be sent as it is, or undefined when it has its hasher's form. */
export function digestProblem(digest: string, hasher: string | undefined): string | undefined {
  if (!hasher) return "password_hasher is required when password_digest is given.";
  if (!isPasswordHasher(hasher)) return `password_hasher must be one of: ${Object.keys(PASSWORD_HASHERS).join(", ")}.`;
  const { format, shape } = PASSWORD_HASHERS[hasher];
  return format.test(digest) ? undefined : `A ${hasher} digest has the form ${shape}.`;
}
