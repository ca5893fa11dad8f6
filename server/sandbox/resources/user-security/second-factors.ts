import { createHash, createHmac } from "node:crypto";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const TOTP_PERIOD_MS = 30_000;

/** A TOTP secret as authenticator apps take it: base32 (RFC 4648), padding and spaces ignored. */
export function decodeBase32(secret: string): Buffer | undefined {
  const clean = secret.replace(/[\s=]/g, "").toUpperCase();
  if (clean === "" || [...clean].some((c) => !BASE32.includes(c))) return undefined;
  let bits = "";
  for (const c of clean) bits += BASE32.indexOf(c).toString(2).padStart(5, "0");
  const bytes = bits.match(/.{8}/g) ?? [];
  return Buffer.from(bytes.map((byte) => Number.parseInt(byte, 2)));
}

/** The RFC 6238 code (SHA-1, 6 digits, 30 seconds) for `secret` at `now`. */
export function totpCode(secret: string, now: number): string {
  const key = decodeBase32(secret);
  if (!key) throw new Error("invalid TOTP secret");
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(now / TOTP_PERIOD_MS)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

const hashCode = (code: string) => createHash("sha256").update(code.trim()).digest("hex");

interface SecondFactorRow {
  user_id: string;
  totp_secret: string | null;
  backup_code_hashes: string;
}

function secondFactors(sb: SandboxContext, userId: string): SecondFactorRow {
  return (
    (sb.stmt("SELECT * FROM user_second_factors WHERE user_id = ?").get(userId) as SecondFactorRow | undefined) ?? {
      user_id: userId,
      totp_secret: null,
      backup_code_hashes: "[]",
    }
  );
}

function save(sb: SandboxContext, row: SecondFactorRow): void {
  sb.stmt(
    `INSERT INTO user_second_factors (user_id, totp_secret, backup_code_hashes) VALUES (@user_id, @totp_secret, @backup_code_hashes)
     ON CONFLICT (user_id) DO UPDATE SET totp_secret = excluded.totp_secret, backup_code_hashes = excluded.backup_code_hashes`,
  ).run(row);
}

/**
 * Keeps the TOTP secret and (hashed) backup codes given to `POST`/`PATCH /users`, and the
 * user's `totp_enabled`/`backup_code_enabled` flags with them. `null`/`[]` removes them.
 */
export function storeSecondFactors(
  sb: SandboxContext,
  userId: string,
  input: { totp_secret?: string | null | undefined; backup_codes?: string[] | undefined },
): void {
  if (input.totp_secret === undefined && input.backup_codes === undefined) return;
  if (input.totp_secret && !decodeBase32(input.totp_secret)) {
    throw errors.paramInvalid("totp_secret", "totp_secret must be a base32-encoded secret.");
  }
  const row = secondFactors(sb, userId);
  if (input.totp_secret !== undefined) row.totp_secret = input.totp_secret || null;
  if (input.backup_codes !== undefined) row.backup_code_hashes = JSON.stringify(input.backup_codes.map(hashCode));
  save(sb, row);
}

/** Removes the TOTP, the backup codes or both; `mfa_disabled_at` is set once none is left. */
export function removeSecondFactors(sb: SandboxContext, userId: string, which: "totp" | "backup_codes" | "all"): void {
  const row = secondFactors(sb, userId);
  if (which !== "backup_codes") row.totp_secret = null;
  if (which !== "totp") row.backup_code_hashes = "[]";
  save(sb, row);
  const now = sb.clock.now();
  sb.stmt(
    `UPDATE users SET totp_enabled = totp_enabled * @keep_totp, backup_code_enabled = backup_code_enabled * @keep_backup,
       mfa_disabled_at = CASE WHEN totp_enabled * @keep_totp + backup_code_enabled * @keep_backup = 0 THEN @now ELSE mfa_disabled_at END,
       updated_at = @now WHERE id = @id`,
  ).run({ keep_totp: which === "backup_codes" ? 1 : 0, keep_backup: which === "totp" ? 1 : 0, now, id: userId });
}

/**
 * Checks a TOTP code (the current period or either neighbour, for clock drift) or a backup
 * code, which is used up. A user with neither gets Clerk's `totp_not_enabled`.
 */
export function verifySecondFactor(sb: SandboxContext, userId: string, code: string): "totp" | "backup_code" {
  const row = secondFactors(sb, userId);
  const backupHashes = JSON.parse(row.backup_code_hashes) as string[];
  if (!row.totp_secret && backupHashes.length === 0) {
    throw errors.badRequest(
      "totp_not_enabled",
      "TOTP is not enabled",
      "This user has neither a TOTP authenticator nor backup codes.",
    );
  }
  const now = sb.clock.now();
  const secret = row.totp_secret;
  if (secret && [-1, 0, 1].some((step) => totpCode(secret, now + step * TOTP_PERIOD_MS) === code.trim())) {
    return "totp";
  }
  const index = backupHashes.indexOf(hashCode(code));
  if (index >= 0) {
    backupHashes.splice(index, 1);
    save(sb, { ...row, backup_code_hashes: JSON.stringify(backupHashes) });
    return "backup_code";
  }
  throw errors.unprocessable("form_code_incorrect", "Incorrect code", "The code is incorrect.", { param_name: "code" });
}
