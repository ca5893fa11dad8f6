import { describe, expect, test } from "vitest";
import { expectJson, useSandbox } from "../../testing/harness";
import { totpCode } from "./second-factors";

const sandbox = useSandbox();

type User = {
  id: string;
  image_url: string;
  has_image: boolean;
  totp_enabled: boolean;
  backup_code_enabled: boolean;
  two_factor_enabled: boolean;
  mfa_disabled_at: number | null;
  web3_wallets: { id: string }[];
};
type Errors = { errors: { code: string; meta?: { param_name?: string } }[] };

const SECRET = "JBSWY3DPEHPK3PXP";
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

async function newUser(body: Record<string, unknown> = {}): Promise<User> {
  return expectJson<User>(await sandbox.bapi("POST", "/users", { email_address: ["u@example.com"], ...body }));
}

function upload(userId: string, bytes: Buffer, type = "image/png"): Promise<Response> {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(bytes)], { type }), "avatar.png");
  return fetch(`${sandbox.apiUrl}/users/${userId}/profile_image`, {
    method: "POST",
    headers: { authorization: `Bearer ${sandbox.secretKey}` },
    body: form,
  });
}

describe("user sub-resources over HTTP", () => {
  test("profile image: a multipart upload sets image_url/has_image; delete restores the default", async () => {
    const user = await newUser();
    expect(user.has_image).toBe(false);
    const updated = await expectJson<User>(await upload(user.id, PNG));
    expect(updated.has_image).toBe(true);
    expect(updated.image_url).toMatch(/^https:\/\/img\.clerk\.com\/[A-Za-z0-9_-]+$/);
    expect(updated.image_url).not.toBe(user.image_url);
    // The same bytes give the same URL; a text file is refused.
    expect((await expectJson<User>(await upload(user.id, PNG))).image_url).toBe(updated.image_url);
    const text = await expectJson<Errors>(await upload(user.id, Buffer.from("hello"), "text/plain"), 400);
    expect(text.errors[0]?.code).toBe("image_type_invalid");
    const noFile = await expectJson<Errors>(await sandbox.bapi("POST", `/users/${user.id}/profile_image`, {}), 400);
    expect(noFile.errors[0]?.meta?.param_name).toBe("file");

    const removed = await expectJson<User>(await sandbox.bapi("DELETE", `/users/${user.id}/profile_image`));
    expect(removed).toMatchObject({ has_image: false, image_url: user.image_url });
    const again = await expectJson<Errors>(await sandbox.bapi("DELETE", `/users/${user.id}/profile_image`), 404);
    expect(again.errors[0]?.code).toBe("image_not_found");
    await expectJson(await upload("user_missing", PNG), 404);
  });

  test("verify_totp checks the user's TOTP secret and consumes backup codes", async () => {
    await sandbox.control("clock", { now: Date.UTC(2025, 5, 1), freeze: true });
    const user = await newUser({ totp_secret: SECRET, backup_codes: ["alpha-1", "bravo-2"] });
    expect(user).toMatchObject({ totp_enabled: true, backup_code_enabled: true, two_factor_enabled: true });
    const code = totpCode(SECRET, Date.UTC(2025, 5, 1));
    expect(await expectJson(await sandbox.bapi("POST", `/users/${user.id}/verify_totp`, { code }))).toEqual({
      verified: true,
      code_type: "totp",
    });
    const wrong = await expectJson<Errors>(
      await sandbox.bapi("POST", `/users/${user.id}/verify_totp`, { code: code === "000000" ? "111111" : "000000" }),
      422,
    );
    expect(wrong.errors[0]).toMatchObject({ code: "form_code_incorrect", meta: { param_name: "code" } });
    expect(await expectJson(await sandbox.bapi("POST", `/users/${user.id}/verify_totp`, { code: "alpha-1" }))).toEqual({
      verified: true,
      code_type: "backup_code",
    });
    await expectJson(await sandbox.bapi("POST", `/users/${user.id}/verify_totp`, { code: "alpha-1" }), 422);
    await expectJson(await sandbox.bapi("POST", `/users/${user.id}/verify_totp`, {}), 422);

    // Without any second factor, Clerk's error; a secret that is not base32 is refused up front.
    const plain = await expectJson<User>(
      await sandbox.bapi("POST", "/users", { email_address: ["plain@example.com"] }),
    );
    const none = await expectJson<Errors>(
      await sandbox.bapi("POST", `/users/${plain.id}/verify_totp`, { code: "123456" }),
      400,
    );
    expect(none.errors[0]?.code).toBe("totp_not_enabled");
    const badSecret = await expectJson<Errors>(
      await sandbox.bapi("PATCH", `/users/${plain.id}`, { totp_secret: "not base32!" }),
      422,
    );
    expect(badSecret.errors[0]?.meta?.param_name).toBe("totp_secret");
  });

  test("DELETE totp and backup_code remove one factor each; MFA is disabled once both are gone", async () => {
    const user = await newUser({ totp_secret: SECRET, backup_codes: ["alpha-1"] });
    expect(await expectJson(await sandbox.bapi("DELETE", `/users/${user.id}/totp`))).toEqual({ user_id: user.id });
    let fresh = await expectJson<User>(await sandbox.bapi("GET", `/users/${user.id}`));
    expect(fresh).toMatchObject({ totp_enabled: false, backup_code_enabled: true, mfa_disabled_at: null });
    const code = totpCode(SECRET, Date.now());
    await expectJson(await sandbox.bapi("POST", `/users/${user.id}/verify_totp`, { code }), 422);

    expect(await expectJson(await sandbox.bapi("DELETE", `/users/${user.id}/backup_code`))).toEqual({
      user_id: user.id,
    });
    fresh = await expectJson<User>(await sandbox.bapi("GET", `/users/${user.id}`));
    expect(fresh).toMatchObject({ backup_code_enabled: false, two_factor_enabled: false });
    expect(fresh.mfa_disabled_at).toEqual(expect.any(Number));
    await expectJson(await sandbox.bapi("POST", `/users/${user.id}/verify_totp`, { code: "alpha-1" }), 400);
    await expectJson(await sandbox.bapi("DELETE", "/users/user_missing/totp"), 404);
  });

  test("trusted devices: listed while active, revoked once", async () => {
    const user = await newUser();
    const empty = await expectJson(await sandbox.bapi("GET", `/users/${user.id}/trusted_devices`));
    expect(empty).toEqual({ data: [], total_count: 0 });
    const device = (await sandbox.control(`users/${user.id}/trusted_devices`, {
      platform: "ios",
      app_identifier: "com.example.app",
      name: "iPhone",
    })) as { id: string };
    const listed = await expectJson<{ data: { id: string; status: string; algorithm: string }[] }>(
      await sandbox.bapi("GET", `/users/${user.id}/trusted_devices`),
    );
    expect(listed.data).toEqual([expect.objectContaining({ id: device.id, status: "active", algorithm: "ES256" })]);
    const revoked = await expectJson<{ status: string; revoked_at: number | null }>(
      await sandbox.bapi("DELETE", `/users/${user.id}/trusted_devices/${device.id}`),
    );
    expect(revoked).toMatchObject({ status: "revoked", revoked_at: expect.any(Number) });
    await expectJson(await sandbox.bapi("DELETE", `/users/${user.id}/trusted_devices/${device.id}`), 404);
    expect(await expectJson(await sandbox.bapi("GET", `/users/${user.id}/trusted_devices`))).toEqual(empty);
  });

  test("password compromised: needs a password; revoke_all_sessions ends the user's sessions", async () => {
    const noPassword = await newUser();
    const refused = await expectJson<Errors>(
      await sandbox.bapi("POST", `/users/${noPassword.id}/password/set_compromised`),
      400,
    );
    expect(refused.errors[0]?.code).toBe("no_password_set");
    const user = await expectJson<User>(
      await sandbox.bapi("POST", "/users", { email_address: ["pw@example.com"], password: "a-Very-long-passw0rd!" }),
    );
    const session = await expectJson<{ id: string }>(await sandbox.bapi("POST", "/sessions", { user_id: user.id }));
    await expectJson(
      await sandbox.bapi("POST", `/users/${user.id}/password/set_compromised`, { revoke_all_sessions: true }),
    );
    expect((await expectJson<{ status: string }>(await sandbox.bapi("GET", `/sessions/${session.id}`))).status).toBe(
      "revoked",
    );
    await expectJson(await sandbox.bapi("POST", `/users/${user.id}/password/unset_compromised`));
    await expectJson(await sandbox.bapi("POST", `/users/${user.id}/password/set_compromised`, { other: 1 }), 422);
  });

  test("identities: web3 wallets are deleted; passkeys and external accounts the user lacks are not found", async () => {
    const user = await newUser({ web3_wallet: ["0x0123456789abcdef0123456789abcdef01234567"] });
    const walletId = user.web3_wallets[0]?.id as string;
    expect(await expectJson(await sandbox.bapi("DELETE", `/users/${user.id}/web3_wallets/${walletId}`))).toEqual({
      object: "web3_wallet",
      id: walletId,
      deleted: true,
    });
    expect((await expectJson<User>(await sandbox.bapi("GET", `/users/${user.id}`))).web3_wallets).toEqual([]);
    await expectJson(await sandbox.bapi("DELETE", `/users/${user.id}/web3_wallets/${walletId}`), 404);
    await expectJson(await sandbox.bapi("DELETE", `/users/${user.id}/passkeys/pkey_missing`), 404);
    await expectJson(await sandbox.bapi("DELETE", `/users/${user.id}/external_accounts/eac_missing`), 404);
  });

  test("oauth_access_tokens: an empty list for a known provider, 422 for an unknown one", async () => {
    const user = await newUser();
    expect(await expectJson(await sandbox.bapi("GET", `/users/${user.id}/oauth_access_tokens/oauth_google`))).toEqual(
      [],
    );
    expect(
      await expectJson(await sandbox.bapi("GET", `/users/${user.id}/oauth_access_tokens/oauth_github?paginated=true`)),
    ).toEqual({ data: [], total_count: 0 });
    const unknown = await expectJson<Errors>(
      await sandbox.bapi("GET", `/users/${user.id}/oauth_access_tokens/google`),
      422,
    );
    expect(unknown.errors[0]?.meta?.param_name).toBe("provider");
    await expectJson(await sandbox.bapi("GET", "/users/user_missing/oauth_access_tokens/oauth_google"), 404);
  });
});
