import { createHash, pbkdf2Sync, scryptSync } from "node:crypto";
import { argon2i, argon2id, bcrypt } from "hash-wasm";
import { describe, expect, test } from "vitest";
import { expectJson, useInProcessSandbox } from "../../testing/harness";
import { storedDigest, VERIFIED_HASHERS, verifyImportedDigest } from "./digests";

const PASSWORD = "correct horse battery";
const salt = Buffer.from("0123456789abcdef");

/** A digest of PASSWORD per hasher, each made by another implementation (or a published vector). */
async function digests(): Promise<Record<string, string>> {
  const pbkdf2 = (digest: string, length: number) => pbkdf2Sync(PASSWORD, salt, 1000, length, digest);
  const bcryptDigest = await bcrypt({ password: PASSWORD, salt, costFactor: 4 });
  const sha256Hex = createHash("sha256").update(PASSWORD).digest("hex");
  const argon2Options = { password: PASSWORD, salt, parallelism: 1, iterations: 2, memorySize: 64, hashLength: 32 };
  return {
    bcrypt: bcryptDigest.replace(/^\$2b\$/, "$2a$"),
    bcrypt_sha256_django: `bcrypt_sha256$${await bcrypt({ password: sha256Hex, salt, costFactor: 4 })}`,
    md5: createHash("md5").update(PASSWORD).digest("hex"),
    sha256: sha256Hex,
    pbkdf2_sha1: `pbkdf2_sha1$1000$${salt.toString("utf8")}$${pbkdf2("sha1", 20).toString("hex")}`,
    pbkdf2_sha256: `pbkdf2_sha256$1000$${salt.toString("base64")}$${pbkdf2("sha256", 32).toString("base64")}`,
    pbkdf2_sha256_django: `pbkdf2_sha256$1000$${salt.toString("utf8")}$${pbkdf2("sha256", 32).toString("base64")}`,
    pbkdf2_sha512: `pbkdf2_sha512$1000$${salt.toString("base64")}$${pbkdf2("sha512", 64).toString("base64")}`,
    pbkdf2_sha512_hex: `pbkdf2_sha512$1000$${salt.toString("hex")}$${pbkdf2("sha512", 64).toString("hex")}`,
    argon2i: await argon2i({ ...argon2Options, outputType: "encoded" }),
    argon2id: await argon2id({ ...argon2Options, outputType: "encoded" }),
    scrypt_werkzeug: `scrypt:1024:8:1$${"pepper"}$${scryptSync(PASSWORD, "pepper", 64, { N: 1024, r: 8, p: 1 }).toString("hex")}`,
    ldap_ssha: `{SSHA}${Buffer.concat([createHash("sha1").update(PASSWORD).update(salt).digest(), salt]).toString("base64")}`,
  };
}

describe("imported password digests", () => {
  test("each hasher accepts its digest of the password and refuses another password", async () => {
    const made = await digests();
    for (const [hasher, digest] of Object.entries(made)) {
      const stored = storedDigest(digest, hasher);
      expect([hasher, await verifyImportedDigest(PASSWORD, stored)]).toEqual([hasher, true]);
      expect([hasher, await verifyImportedDigest("wrong password", stored)]).toEqual([hasher, false]);
    }
  });

  test("scrypt_firebase: Firebase's published example (firebase/scrypt README)", async () => {
    const digest = [
      "lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==",
      "42xEC+ixf3L2lw==",
      "jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==",
      "Bw==",
      "8",
      "14",
    ].join("$");
    expect(await verifyImportedDigest("user1password", storedDigest(digest, "scrypt_firebase"))).toBe(true);
    expect(await verifyImportedDigest("user2password", storedDigest(digest, "scrypt_firebase"))).toBe(false);
  });

  test("a digest not in its hasher's form, an unknown hasher and a missing one are refused with the form named", () => {
    expect(() => storedDigest("nope", "bcrypt")).toThrow(/\$2b\$<cost>/);
    expect(() => storedDigest("5f4dcc3b5aa765d61d8327deb882cf99", "rot13")).toThrow(/must be one of: bcrypt/);
    expect(() => storedDigest(`$P$${"a".repeat(31)}`, "phpass")).toThrow(/cannot check phpass/);
    expect(() => storedDigest("5f4dcc3b5aa765d61d8327deb882cf99", undefined)).toThrow(/password_hasher is required/);
    expect(VERIFIED_HASHERS).toContain("scrypt_firebase");
  });
});

describe("users created with a digest, over HTTP", () => {
  const sandbox = useInProcessSandbox();

  test("verify_password accepts the password behind the digest (then keeps the sandbox's own hash); a bad digest is 422", async () => {
    const md5 = createHash("md5").update(PASSWORD).digest("hex");
    const user = await expectJson<{ id: string; password_enabled: boolean }>(
      await sandbox.bapi("POST", "/users", {
        email_address: ["imported@example.com"],
        password_digest: md5,
        password_hasher: "md5",
      }),
    );
    expect(user.password_enabled).toBe(true);
    const wrong = await sandbox.bapi("POST", `/users/${user.id}/verify_password`, { password: "nope nope nope" });
    expect(wrong.status).toBe(422);
    for (let i = 0; i < 2; i++) {
      expect(
        await expectJson(await sandbox.bapi("POST", `/users/${user.id}/verify_password`, { password: PASSWORD })),
      ).toEqual({ verified: true });
    }
    const stored = sandbox.server.context.db
      .prepare("SELECT password_hash FROM users WHERE id = ?")
      .pluck()
      .get(user.id);
    expect(String(stored)).toMatch(/^scrypt\$/);

    const bad = await sandbox.bapi("POST", "/users", {
      email_address: ["bad@example.com"],
      password_digest: "not-a-bcrypt-digest",
      password_hasher: "bcrypt",
    });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ errors: [{ meta: { param_name: "password_digest" } }] });
  });
});
