import { createCipheriv, pbkdf2Sync, scryptSync } from "node:crypto";
import { writeFileSync } from "node:fs";
import { bcrypt } from "hash-wasm";

/**
 * Export files in each source's format, with password digests of a known password per user
 * (`password-<n>`), so a test can import them and then check `verify_password`. Cheap settings
 * (bcrypt cost 4, scrypt N=2^10) keep 10,000 users quick to make; the formats are the real ones.
 */
export const FIREBASE_PARAMETERS = {
  signerKey: Buffer.from("sandbox-signer-key-0123456789abcdef0123456789abcdef").toString("base64"),
  saltSeparator: "Bw==",
  rounds: 8,
  memCost: 10,
};

export const passwordOf = (n: number) => `password-${n}`;

const salt = (n: number) => Buffer.from(`salt-${String(n).padStart(11, "0")}`);

async function bcryptOf(n: number): Promise<string> {
  return bcrypt({ password: passwordOf(n), salt: salt(n), costFactor: 4 });
}

function firebaseHashOf(n: number): string {
  const { signerKey, saltSeparator, rounds, memCost } = FIREBASE_PARAMETERS;
  const key = scryptSync(passwordOf(n), Buffer.concat([salt(n), Buffer.from(saltSeparator, "base64")]), 32, {
    N: 2 ** memCost,
    r: rounds,
    p: 1,
  });
  const cipher = createCipheriv("aes-256-ctr", key, Buffer.alloc(16));
  return Buffer.concat([cipher.update(Buffer.from(signerKey, "base64")), cipher.final()]).toString("base64");
}

const pbkdf2Of = (n: number) =>
  `pbkdf2_sha256$1000$${salt(n).toString("base64")}$${pbkdf2Sync(passwordOf(n), salt(n), 1000, 32, "sha256").toString("base64")}`;

export type FixtureSource = "migration" | "auth0" | "firebase" | "supabase";

/** Writes `count` users of `source` to `path` (JSON, JSON Lines or CSV by its extension). */
export async function writeFixture(path: string, source: FixtureSource, count: number, first = 1): Promise<void> {
  const records: Record<string, unknown>[] = [];
  for (let n = first; n < first + count; n++) {
    const email = `user${n}@import.example.com`;
    if (source === "migration") {
      records.push({
        userId: `legacy_${n}`,
        email,
        firstName: "User",
        lastName: `No${n}`,
        password: pbkdf2Of(n),
        passwordHasher: "pbkdf2_sha256",
      });
    } else if (source === "auth0") {
      records.push({
        user_id: `auth0|${n}`,
        email,
        email_verified: true,
        given_name: "User",
        family_name: `No${n}`,
        app_metadata: { plan: n % 2 ? "pro" : "free" },
        passwordHash: await bcryptOf(n),
        created_at: "2024-01-02T03:04:05.000Z",
      });
    } else if (source === "firebase") {
      records.push({
        localId: `fb${n}`,
        email,
        emailVerified: true,
        displayName: `User No${n}`,
        passwordHash: firebaseHashOf(n),
        salt: salt(n).toString("base64"),
        createdAt: "1704164645000",
      });
    } else {
      records.push({
        id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
        email,
        encrypted_password: await bcryptOf(n),
        email_confirmed_at: "2024-01-02 03:04:05+00",
        raw_user_meta_data: JSON.stringify({ name: `User No${n}` }),
        created_at: "2024-01-02 03:04:05+00",
      });
    }
  }
  if (path.endsWith(".jsonl")) {
    writeFileSync(path, records.map((record) => `${JSON.stringify(record)}\n`).join(""));
  } else if (path.endsWith(".csv")) {
    const columns = Object.keys(records[0] ?? {});
    const cell = (value: unknown) => {
      const text = typeof value === "object" && value !== null ? JSON.stringify(value) : String(value ?? "");
      return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    };
    writeFileSync(
      path,
      [columns.join(","), ...records.map((r) => columns.map((c) => cell(r[c])).join(","))].join("\n"),
    );
  } else {
    writeFileSync(path, JSON.stringify(source === "firebase" ? { users: records } : records));
  }
}
