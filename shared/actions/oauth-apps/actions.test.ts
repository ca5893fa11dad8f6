import { describe, expect, test } from "vitest";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";

const { run, all, sandbox } = useActionSandbox();

interface Tokens {
  access_token: string;
  refresh_token: string;
}

describe("oauth-apps actions", () => {
  test("create (secret once), list, get, update, rotate the secret, delete", async () => {
    const created = await run("oauth-apps.create", {
      name: "Dashboard",
      redirect_uri: ["https://dash.example.com/callback"],
      scope: ["profile", "email"],
    });
    expect(created).toMatchObject({
      object: "oauth_application",
      name: "Dashboard",
      public: false,
      scopes: "profile email",
      redirect_uris: ["https://dash.example.com/callback"],
    });
    expect(created.client_secret).toMatch(/.{16,}/);
    const mobile = await run("oauth-apps.create", { name: "Mobile", public: true, redirect_uri: ["my-app://cb"] });
    expect(mobile).toMatchObject({ public: true, pkce_required: true });

    const listed = await run("oauth-apps.list", { query: "dash" });
    expect(listed.data.map((app) => app.id)).toEqual([created.id]);
    expect((await all("oauth-apps.list", { order_by: "+name" })).map((app) => (app as { name: string }).name)).toEqual([
      "Dashboard",
      "Mobile",
    ]);
    const got = await run("oauth-apps.get", { oauth_app_id: created.id });
    expect(got.client_secret).toBeUndefined();
    expect(got.client_id).toBe(created.client_id);

    const updated = await run("oauth-apps.update", {
      oauth_app_id: created.id,
      name: "Admin dashboard",
      consent_screen_enabled: false,
    });
    expect(updated).toMatchObject({ name: "Admin dashboard", consent_screen_enabled: false, scopes: "profile email" });

    const rotated = await run("oauth-apps.rotate-secret", { oauth_app_id: created.id });
    expect(rotated.client_secret).toMatch(/.{16,}/);
    expect(rotated.client_secret).not.toBe(created.client_secret);
    await expect(run("oauth-apps.rotate-secret", { oauth_app_id: mobile.id })).rejects.toMatchObject({
      status: 400,
      errors: [{ code: "oauth_application_public" }],
    });

    expect(await run("oauth-apps.delete", { oauth_app_id: mobile.id })).toEqual({
      object: "oauth_application",
      id: mobile.id,
      deleted: true,
    });
    expect((await run("oauth-apps.list", {})).total_count).toBe(1);
  });

  test("verify a granted access token, revoke it, then it no longer verifies", async () => {
    const app = await run("oauth-apps.create", { name: "Reports", redirect_uri: ["https://r.example.com/cb"] });
    const user = (await sandbox
      .bapi("POST", "/users", { email_address: ["ada@example.com"] })
      .then((r) => r.json())) as { id: string };
    const tokens = (await sandbox.control(`oauth_applications/${app.id}/grant`, {
      user_id: user.id,
      scopes: "email",
    })) as Tokens;
    expect(await run("oauth-apps.verify-token", { token: tokens.access_token })).toMatchObject({
      object: "clerk_idp_oauth_access_token",
      client_id: app.client_id,
      subject: user.id,
      scopes: ["email"],
      revoked: false,
    });
    expect(await run("oauth-apps.revoke-token", { oauth_app_id: app.id, token: tokens.refresh_token })).toEqual({
      revoked: true,
    });
    await expect(run("oauth-apps.verify-token", { token: tokens.access_token })).rejects.toMatchObject({
      status: 404,
    });
  });
});
