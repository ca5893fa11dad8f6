import { createClerkClient } from "@clerk/backend";
import { describe, expect, test } from "vitest";
import { useSandbox } from "../testing/harness";

const sandbox = useSandbox();

/** @clerk/backend 3.x: OAuth applications, and verifying the access tokens they are granted. */
describe("@clerk/backend 3.x against the sandbox: OAuth applications", () => {
  const clerk = () =>
    createClerkClient({
      secretKey: sandbox.secretKey,
      publishableKey: sandbox.credentials.development.publishable_key,
      apiUrl: sandbox.url,
    });

  test("create, list, update, rotate, delete", async () => {
    const client = clerk();
    const created = await client.oauthApplications.create({
      name: "Partner",
      redirectUris: ["https://partner.example.com/callback"],
      scopes: "profile email",
    });
    expect(created.clientSecret).toMatch(/^[0-9A-Za-z]{32}$/);
    expect(created.redirectUris).toEqual(["https://partner.example.com/callback"]);
    expect((await client.oauthApplications.get(created.id)).clientId).toBe(created.clientId);
    const list = await client.oauthApplications.list({ limit: 10 });
    expect(list.totalCount).toBe(1);
    const updated = await client.oauthApplications.update({ oauthApplicationId: created.id, name: "Partner 2" });
    expect(updated.name).toBe("Partner 2");
    const rotated = await client.oauthApplications.rotateSecret(created.id);
    expect(rotated.clientSecret).not.toBe(created.clientSecret);
    expect(await client.oauthApplications.delete(created.id)).toMatchObject({ id: created.id, deleted: true });
  });

  test("idPOAuthAccessToken.verify and authenticateRequest accept a granted token until it is revoked", async () => {
    const client = clerk();
    const user = await client.users.createUser({ emailAddress: ["ada@example.com"] });
    const app = await client.oauthApplications.create({ name: "Reports" });
    const tokens = (await sandbox.control(`oauth_applications/${app.id}/grant`, { user_id: user.id })) as {
      access_token: string;
      refresh_token: string;
    };
    const verified = await client.idPOAuthAccessToken.verify(tokens.access_token);
    expect(verified).toMatchObject({ clientId: app.clientId, subject: user.id, scopes: ["profile", "email"] });

    const request = new Request("https://api.example.com/data", {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    const state = await client.authenticateRequest(request, { acceptsToken: "oauth_token" });
    expect(state.isAuthenticated).toBe(true);
    expect(state.toAuth()).toMatchObject({ tokenType: "oauth_token", userId: user.id, clientId: app.clientId });

    await sandbox.bapi("POST", `/oauth_applications/${app.id}/revoke_token`, { token: tokens.access_token });
    await expect(client.idPOAuthAccessToken.verify(tokens.access_token)).rejects.toMatchObject({ status: 404 });
  });
});
