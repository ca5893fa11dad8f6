import { describe, expect, test } from "vitest";
import { ZodError } from "zod";
import { totpCode } from "../../../server/sandbox/resources/user-security/second-factors";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";

const { run, sandbox } = useActionSandbox();

const SECRET = "JBSWY3DPEHPK3PXP";

/** A user with an authenticator app and backup codes (Clerk's `POST /users` takes both, for migrations). */
async function withSecondFactors(email: string): Promise<string> {
  const response = await sandbox.bapi("POST", "/users", {
    email_address: [email],
    totp_secret: SECRET,
    backup_codes: ["alpha-1", "bravo-2"],
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

describe("users security actions", () => {
  test("totp verify checks a TOTP code and uses up a backup code; a wrong code is Clerk's 422", async () => {
    await sandbox.control("clock", { now: Date.UTC(2025, 5, 1), freeze: true });
    const ada = await withSecondFactors("ada@example.com");
    const code = totpCode(SECRET, Date.UTC(2025, 5, 1));
    expect(await run("users.totp.verify", { user_id: ada, code })).toEqual({ verified: true, code_type: "totp" });
    expect(await run("users.totp.verify", { user_id: ada, code: "alpha-1" })).toEqual({
      verified: true,
      code_type: "backup_code",
    });
    await expect(run("users.totp.verify", { user_id: ada, code: "alpha-1" })).rejects.toMatchObject({
      status: 422,
      errors: [{ code: "form_code_incorrect" }],
    });
    await expect(run("users.totp.verify", { user_id: ada, code: "" })).rejects.toBeInstanceOf(ZodError);
  });

  test("totp delete and backup-codes delete remove one factor each; mfa disable removes both", async () => {
    const ada = await withSecondFactors("ada@example.com");
    expect(await run("users.totp.delete", { user_id: ada })).toEqual({ user_id: ada });
    expect(await run("users.get", { user_id: ada })).toMatchObject({ totp_enabled: false, backup_code_enabled: true });
    expect(await run("users.backup-codes.delete", { user_id: ada })).toEqual({ user_id: ada });
    expect(await run("users.get", { user_id: ada })).toMatchObject({
      backup_code_enabled: false,
      two_factor_enabled: false,
    });

    const grace = await withSecondFactors("grace@example.com");
    expect(await run("users.mfa.disable", { user_id: grace })).toEqual({ user_id: grace });
    expect(await run("users.get", { user_id: grace })).toMatchObject({
      totp_enabled: false,
      backup_code_enabled: false,
      two_factor_enabled: false,
    });
    await expect(run("users.mfa.disable", { user_id: "user_missing" })).rejects.toMatchObject({ status: 404 });
  });

  test("trusted devices: listed while active, revoked once", async () => {
    const ada = (await run("users.create", { email_address: ["ada@example.com"] })).id;
    expect(await run("users.trusted-devices.list", { user_id: ada })).toEqual({ data: [], total_count: 0 });
    const device = (await sandbox.control(`users/${ada}/trusted_devices`, {
      platform: "ios",
      app_identifier: "com.example.app",
      name: "iPhone",
    })) as { id: string };
    expect(await run("users.trusted-devices.list", { user_id: ada })).toMatchObject({
      total_count: 1,
      data: [{ id: device.id, platform: "ios", name: "iPhone", status: "active" }],
    });
    expect(await run("users.trusted-devices.revoke", { user_id: ada, trusted_device_id: device.id })).toMatchObject({
      id: device.id,
      status: "revoked",
      revoked_at: expect.any(Number),
    });
    expect(await run("users.trusted-devices.list", { user_id: ada })).toMatchObject({ total_count: 0 });
    await expect(
      run("users.trusted-devices.revoke", { user_id: ada, trusted_device_id: device.id }),
    ).rejects.toMatchObject({ status: 404 });
  });

  test("password: set and unset compromised (ending sessions), then remove it", async () => {
    const created = await run("users.create", {
      email_address: ["ada@example.com"],
      password: "a-Very-long-passw0rd!",
    });
    const session = (await (await sandbox.bapi("POST", "/sessions", { user_id: created.id })).json()) as {
      id: string;
    };
    expect(
      await run("users.password.set-compromised", { user_id: created.id, revoke_all_sessions: true }),
    ).toMatchObject({ id: created.id, password_enabled: true });
    expect(await run("sessions.get", { session_id: session.id })).toMatchObject({ status: "revoked" });
    expect(await run("users.password.unset-compromised", { user_id: created.id })).toMatchObject({ id: created.id });
    expect(await run("users.password.remove", { user_id: created.id })).toMatchObject({
      id: created.id,
      password_enabled: false,
    });
    await expect(run("users.password.set-compromised", { user_id: created.id })).rejects.toMatchObject({
      status: 400,
      errors: [{ code: "no_password_set" }],
    });
  });
});
