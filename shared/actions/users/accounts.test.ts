import { describe, expect, test } from "vitest";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";

const { run, sandbox } = useActionSandbox();

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

describe("users accounts actions", () => {
  test("identities: a web3 wallet is removed; passkeys and external accounts the user lacks are Clerk's 404", async () => {
    const response = await sandbox.bapi("POST", "/users", {
      email_address: ["ada@example.com"],
      web3_wallet: ["0x0123456789abcdef0123456789abcdef01234567"],
    });
    const ada = (await response.json()) as { id: string; web3_wallets: { id: string }[] };
    const walletId = ada.web3_wallets[0]?.id as string;
    expect(await run("users.web3-wallets.delete", { user_id: ada.id, web3_wallet_id: walletId })).toEqual({
      object: "web3_wallet",
      id: walletId,
      deleted: true,
    });
    expect(await run("users.get", { user_id: ada.id })).toMatchObject({ web3_wallets: [] });
    await expect(run("users.web3-wallets.delete", { user_id: ada.id, web3_wallet_id: walletId })).rejects.toMatchObject(
      { status: 404 },
    );
    await expect(run("users.passkeys.delete", { user_id: ada.id, passkey_id: "idn_missing" })).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      run("users.external-accounts.delete", { user_id: ada.id, external_account_id: "eac_missing" }),
    ).rejects.toMatchObject({ status: 404 });
  });

  test("oauth-tokens: a provider by its short or Clerk name; an unknown one is Clerk's 422", async () => {
    const ada = (await run("users.create", { email_address: ["ada@example.com"] })).id;
    expect(await run("users.oauth-tokens", { user_id: ada, provider: "google" })).toEqual([]);
    expect(await run("users.oauth-tokens", { user_id: ada, provider: "oauth_github" })).toEqual([]);
    await expect(run("users.oauth-tokens", { user_id: ada, provider: "myspace" })).rejects.toMatchObject({
      status: 422,
      errors: [{ meta: { param_name: "provider" } }],
    });
  });

  test("invitations: the organization invitations sent to the user's addresses, by status", async () => {
    const ada = (await run("users.create", { email_address: ["ada@example.com"] })).id;
    const grace = (await run("users.create", { email_address: ["grace@example.com"] })).id;
    const org = await run("orgs.create", { name: "Acme", created_by: grace });
    const invited = await run("orgs.invitations.create", {
      organization_id: org.id,
      email_address: "ada@example.com",
      inviter_user_id: grace,
    });
    await run("orgs.invitations.create", { organization_id: org.id, email_address: "someone@example.com" });
    const listed = await run("users.invitations", { user_id: ada });
    expect(listed).toMatchObject({
      total_count: 1,
      data: [
        {
          id: invited.id,
          email_address: "ada@example.com",
          status: "pending",
          public_organization_data: { name: "Acme" },
        },
      ],
    });
    expect(await run("users.invitations", { user_id: ada, status: "accepted" })).toEqual({ data: [], total_count: 0 });
  });

  test("profile-image delete restores the default avatar; with none set it is Clerk's 404", async () => {
    const ada = await run("users.create", { email_address: ["ada@example.com"] });
    // The upload is multipart, which the harness's JSON helpers do not send: straight to the app.
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array(PNG)], { type: "image/png" }), "avatar.png");
    const multipart = new Request("http://sandbox.invalid", { method: "POST", body: form });
    const uploaded = await sandbox.server.app.inject({
      method: "POST",
      url: `${new URL(sandbox.apiUrl).pathname}/users/${ada.id}/profile_image`,
      headers: {
        authorization: `Bearer ${sandbox.secretKey}`,
        "content-type": multipart.headers.get("content-type") as string,
        host: new URL(sandbox.apiUrl).host,
      },
      payload: Buffer.from(await multipart.arrayBuffer()),
    });
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    expect(await run("users.profile-image.delete", { user_id: ada.id })).toMatchObject({
      has_image: false,
      image_url: ada.image_url,
    });
    await expect(run("users.profile-image.delete", { user_id: ada.id })).rejects.toMatchObject({
      status: 404,
      errors: [{ code: "image_not_found" }],
    });
  });
});
