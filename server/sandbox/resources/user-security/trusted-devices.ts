import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";

export interface TrustedDeviceRow {
  id: string;
  user_id: string;
  platform: "ios" | "android";
  app_identifier: string;
  name: string | null;
  status: "active" | "revoked";
  last_used_at: number | null;
  revoked_at: number | null;
  created_at: number;
  updated_at: number;
}

export function serializeTrustedDevice(row: TrustedDeviceRow) {
  return {
    object: "trusted_device",
    id: row.id,
    platform: row.platform,
    app_identifier: row.app_identifier,
    name: row.name,
    algorithm: "ES256",
    status: row.status,
    created_at: row.created_at,
    updated_at: row.updated_at,
    last_used_at: row.last_used_at,
    revoked_at: row.revoked_at,
  };
}

export function activeTrustedDevices(sb: SandboxContext, userId: string): TrustedDeviceRow[] {
  return sb
    .stmt("SELECT * FROM user_trusted_devices WHERE user_id = ? AND status = 'active' ORDER BY created_at, id")
    .all(userId) as TrustedDeviceRow[];
}

/** Enrols a device, as a native app does through Clerk's Frontend API (a test control here). */
export function enrolTrustedDevice(
  sb: SandboxContext,
  userId: string,
  input: { platform: "ios" | "android"; app_identifier: string; name?: string | null | undefined },
): TrustedDeviceRow {
  const now = sb.clock.now();
  const row: TrustedDeviceRow = {
    id: sb.newId("td"),
    user_id: userId,
    platform: input.platform,
    app_identifier: input.app_identifier,
    name: input.name ?? null,
    status: "active",
    last_used_at: null,
    revoked_at: null,
    created_at: now,
    updated_at: now,
  };
  sb.stmt(
    `INSERT INTO user_trusted_devices (id, user_id, platform, app_identifier, name, status, last_used_at, revoked_at,
       created_at, updated_at)
     VALUES (@id, @user_id, @platform, @app_identifier, @name, @status, @last_used_at, @revoked_at,
       @created_at, @updated_at)`,
  ).run(row);
  return row;
}

/** Only an active device can be revoked; a revoked one is not found, as it is no longer listed. */
export function revokeTrustedDevice(sb: SandboxContext, userId: string, deviceId: string): TrustedDeviceRow {
  const row = sb
    .stmt("SELECT * FROM user_trusted_devices WHERE id = ? AND user_id = ? AND status = 'active'")
    .get(deviceId, userId) as TrustedDeviceRow | undefined;
  if (!row) throw errors.notFound("Trusted device");
  const now = sb.clock.now();
  sb.stmt("UPDATE user_trusted_devices SET status = 'revoked', revoked_at = ?, updated_at = ? WHERE id = ?").run(
    now,
    now,
    row.id,
  );
  return { ...row, status: "revoked", revoked_at: now, updated_at: now };
}
