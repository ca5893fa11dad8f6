import { describe, expect, test } from "vitest";
import { useSandbox } from "../../testing/harness";

const sandbox = useSandbox();

type Json = Record<string, unknown> & { id: string };
type Page = { data: Json[]; total_count: number };
type App = Json & { client_id: string; client_secret?: string; redirect_uris: string[] };
type Tokens = { access_token: string; refresh_token: string; scope: string };
type ErrorBody = { errors: { code: string; meta?: { param_name?: string } }[] };

async function call<T = Json>(method: string, path: string, body?: unknown, status = 200): Promise<T> {
  const response = await sandbox.bapi(method, path, body);
  expect(response.status, `${method} ${path}: ${await response.clone().text()}`).toBe(status);
  return (status === 204 ? undefined : await response.json()) as T;
}

async function fails(method: string, path: string, body: unknown, status: number, code: string, param?: string) {
  const error = await call<ErrorBody>(method, path, body, status);
  expect(error.errors[0]?.code).toBe(code);
  if (param) expect(error.errors[0]?.meta?.param_name).toBe(param);
}

const grant = (appId: string, body: Record<string, unknown>) =>
  sandbox.control(`oauth_applications/${appId}/grant`, body) as Promise<Tokens>;

describe("OAuth applications over HTTP", () => {
  test("create answers the secret once; get, list, update, rotate, delete", async () => {
    await sandbox.control("clock", { now: Date.UTC(2025, 5, 1), freeze: true });
    const created = await call<App>("POST", "/oauth_applications", {
      name: "Partner Portal",
      redirect_uris: ["https://partner.example.com/callback", "myapp://callback"],
      scopes: "profile email public_metadata",
    });
    expect(created).toMatchObject({
      object: "oauth_application",
      name: "Partner Portal",
      public: false,
      pkce_required: false,
      consent_screen_enabled: true,
      dynamically_registered: false,
      scopes: "profile email public_metadata",
      callback_url: "https://partner.example.com/callback",
      client_secret: expect.stringMatching(/^[0-9A-Za-z]{32}$/),
      client_id: expect.stringMatching(/^[0-9A-Za-z]{16}$/),
      authorize_url: expect.stringMatching(/^https:\/\/.+\/oauth\/authorize$/),
      created_at: Date.UTC(2025, 5, 1),
    });
    expect(created.id).toMatch(/^oa_/);
    const fetched = await call<App>("GET", `/oauth_applications/${created.id}`);
    expect(fetched).not.toHaveProperty("client_secret");
    const { client_secret: _secret, ...withoutSecret } = created;
    expect(fetched).toEqual(withoutSecret);

    const mobile = await call<App>("POST", "/oauth_applications", {
      name: "Mobile",
      public: true,
      callback_url: "myapp://cb",
    });
    expect(mobile).toMatchObject({ public: true, pkce_required: true, client_secret: "", scopes: "profile email" });
    expect(mobile.redirect_uris).toEqual(["myapp://cb"]);
    await fails("POST", `/oauth_applications/${mobile.id}/rotate_secret`, undefined, 400, "oauth_application_public");

    await fails("POST", "/oauth_applications", {}, 422, "form_param_missing", "name");
    await fails(
      "POST",
      "/oauth_applications",
      { name: "x", scopes: "profile admin" },
      422,
      "form_param_value_invalid",
      "scopes",
    );
    await fails(
      "POST",
      "/oauth_applications",
      { name: "x", redirect_uris: ["not a url"] },
      422,
      "form_param_format_invalid",
      "redirect_uris",
    );

    const byName = await call<Page>("GET", "/oauth_applications?name_query=partner");
    expect(byName.data.map((a) => a.id)).toEqual([created.id]);
    const byClientId = await call<Page>("GET", `/oauth_applications?name_query=${mobile.client_id}`);
    expect(byClientId.data.map((a) => a.id)).toEqual([mobile.id]);
    expect((await call<Page>("GET", "/oauth_applications?order_by=name")).data.map((a) => a.name)).toEqual([
      "Mobile",
      "Partner Portal",
    ]);

    await sandbox.control("clock", { advance_ms: 1000 });
    const updated = await call<App>("PATCH", `/oauth_applications/${created.id}`, {
      name: "Partner",
      consent_screen_enabled: false,
      redirect_uris: ["https://partner.example.com/cb2"],
    });
    expect(updated).toMatchObject({
      name: "Partner",
      consent_screen_enabled: false,
      callback_url: "https://partner.example.com/cb2",
    });
    expect(updated.updated_at).toBe(Date.UTC(2025, 5, 1) + 1000);
    await fails("PATCH", `/oauth_applications/${created.id}`, { bogus: 1 }, 422, "form_param_format_invalid");

    const rotated = await call<App>("POST", `/oauth_applications/${created.id}/rotate_secret`);
    expect(rotated.client_secret).toMatch(/^[0-9A-Za-z]{32}$/);
    expect(rotated.client_secret).not.toBe(created.client_secret);
    expect(rotated.client_id).toBe(created.client_id);

    expect(await call("DELETE", `/oauth_applications/${created.id}`)).toEqual({
      object: "oauth_application",
      id: created.id,
      deleted: true,
    });
    await call("GET", `/oauth_applications/${created.id}`, undefined, 404);
  });

  test("granted tokens verify until the grant is revoked; revoking either token ends both", async () => {
    const user = await call("POST", "/users", { email_address: ["ada@example.com"] });
    const app = await call<App>("POST", "/oauth_applications", { name: "Reports", scopes: "profile email" });
    const other = await call<App>("POST", "/oauth_applications", { name: "Other" });
    const tokens = await grant(app.id, { user_id: user.id, scopes: "email" });
    expect(tokens.access_token).toMatch(/^oat_/);

    const verified = await call("POST", "/oauth_applications/access_tokens/verify", {
      access_token: tokens.access_token,
    });
    expect(verified).toMatchObject({
      object: "clerk_idp_oauth_access_token",
      id: expect.stringMatching(/^oat_[0-9a-f]{32}$/),
      client_id: app.client_id,
      subject: user.id,
      scopes: ["email"],
      revoked: false,
      revocation_reason: null,
      expired: false,
    });
    await call("POST", "/oauth_applications/access_tokens/verify", { access_token: "oat_unknown" }, 404);
    await call("POST", "/oauth_applications/access_tokens/verify", { access_token: tokens.refresh_token }, 404);

    await call("POST", `/oauth_applications/${other.id}/revoke_token`, { token: tokens.refresh_token }, 404);
    await call("POST", `/oauth_applications/${app.id}/revoke_token`, { token: tokens.refresh_token }, 204);
    await call("POST", "/oauth_applications/access_tokens/verify", { access_token: tokens.access_token }, 404);

    // Tokens expire after a day.
    const second = await grant(app.id, { user_id: user.id });
    expect(second.scope).toBe("profile email");
    await sandbox.control("clock", { advance_ms: 24 * 3600 * 1000 });
    await call("POST", "/oauth_applications/access_tokens/verify", { access_token: second.access_token }, 404);
  });

  test("a logo upload sets the application's client_image_url", async () => {
    const app = await call<App>("POST", "/oauth_applications", { name: "With logo" });
    expect(app.client_image_url).toBeNull();
    const form = new FormData();
    const png = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13]);
    form.set("file", new Blob([png], { type: "image/png" }), "logo.png");
    const response = await fetch(`${sandbox.apiUrl}/oauth_applications/${app.id}/logo`, {
      method: "PUT",
      headers: { authorization: `Bearer ${sandbox.secretKey}` },
      body: form,
    });
    expect(response.status).toBe(200);
    const updated = (await response.json()) as App;
    expect(updated.client_image_url).toMatch(/^https:\/\/img\.clerk\.com\//);
    expect(updated).not.toHaveProperty("client_secret");
  });
});
