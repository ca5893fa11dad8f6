import { createClerkClient } from "@clerk/backend";
import { describe, expect, test } from "vitest";
import { totpCode } from "../resources/user-security/second-factors";
import { useSandbox } from "../testing/harness";

const sandbox = useSandbox();

const SECRET = "JBSWY3DPEHPK3PXP";
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

describe("@clerk/backend 3.x against the sandbox: user sub-resources", () => {
  const clerk = () => createClerkClient({ secretKey: sandbox.secretKey, apiUrl: sandbox.url });

  test("profile image upload (multipart) and removal", async () => {
    const client = clerk();
    const user = await client.users.createUser({ emailAddress: ["face@example.com"] });
    const file = new Blob([new Uint8Array(PNG)], { type: "image/png" });
    const updated = await client.users.updateUserProfileImage(user.id, { file });
    expect(updated.hasImage).toBe(true);
    expect(updated.imageUrl).not.toBe(user.imageUrl);
    const removed = await client.users.deleteUserProfileImage(user.id);
    expect(removed.hasImage).toBe(false);
  });

  test("verifyTOTP, deleteUserTOTP, deleteUserBackupCodes", async () => {
    await sandbox.control("clock", { now: Date.UTC(2025, 5, 1), freeze: true });
    const client = clerk();
    const user = await client.users.createUser({
      emailAddress: ["mfa@example.com"],
      totpSecret: SECRET,
      backupCodes: ["code-one"],
    });
    const code = totpCode(SECRET, Date.UTC(2025, 5, 1));
    expect(await client.users.verifyTOTP({ userId: user.id, code })).toEqual({ verified: true, code_type: "totp" });
    expect(await client.users.verifyTOTP({ userId: user.id, code: "code-one" })).toMatchObject({
      verified: true,
      code_type: "backup_code",
    });
    await expect(client.users.verifyTOTP({ userId: user.id, code: "code-one" })).rejects.toMatchObject({
      status: 422,
    });
    await client.users.deleteUserTOTP(user.id);
    await client.users.deleteUserBackupCodes(user.id);
    const fresh = await client.users.getUser(user.id);
    expect(fresh.twoFactorEnabled).toBe(false);
  });

  test("password compromised, web3 wallet, passkey and external account deletion, OAuth tokens", async () => {
    const client = clerk();
    // The SDK's createUser has no web3 wallets; the Backend API takes them.
    const created = await sandbox.bapi("POST", "/users", {
      email_address: ["ids@example.com"],
      password: "a-Very-long-passw0rd!",
      web3_wallet: ["0x0123456789abcdef0123456789abcdef01234567"],
    });
    const user = await client.users.getUser(((await created.json()) as { id: string }).id);
    await client.users.setPasswordCompromised(user.id, { revokeAllSessions: false });
    await client.users.unsetPasswordCompromised(user.id);
    const walletId = user.web3Wallets[0]?.id as string;
    const deleted = await client.users.deleteUserWeb3Wallet({ userId: user.id, web3WalletIdentificationId: walletId });
    expect(deleted.deleted).toBe(true);
    await expect(
      client.users.deleteUserPasskey({ userId: user.id, passkeyIdentificationId: "pkey_missing" }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      client.users.deleteUserExternalAccount({ userId: user.id, externalAccountId: "eac_missing" }),
    ).rejects.toMatchObject({ status: 404 });
    const tokens = await client.users.getUserOauthAccessToken(user.id, "google");
    expect(tokens.data).toEqual([]);
  });
});
