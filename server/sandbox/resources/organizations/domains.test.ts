import { describe, expect, test } from "vitest";
import { useSandbox } from "../../testing/harness";

const sandbox = useSandbox();

type Json = Record<string, unknown> & { id: string };
type Page = { data: Json[]; total_count: number };
type ErrorBody = { errors: { code: string; meta?: { param_name?: string } }[] };

async function call<T = Json>(method: string, path: string, body?: unknown, status = 200): Promise<T> {
  const response = await sandbox.bapi(method, path, body);
  expect(response.status, `${method} ${path}: ${await response.clone().text()}`).toBe(status);
  return (await response.json()) as T;
}

async function fails(method: string, path: string, body: unknown, status: number, code: string, param?: string) {
  const error = await call<ErrorBody>(method, path, body, status);
  expect(error.errors[0]?.code).toBe(code);
  if (param) expect(error.errors[0]?.meta?.param_name).toBe(param);
}

const enableDomains = (modes: string[] = ["automatic_invitation", "automatic_suggestion"]) =>
  call("PATCH", "/instance/organization_settings", { domains_enabled: true, domains_enrollment_modes: modes });

describe("organization domains over HTTP", () => {
  test("domains need the instance setting and an enabled enrollment mode", async () => {
    const org = await call("POST", "/organizations", { name: "Acme" });
    const path = `/organizations/${org.id}/domains`;
    await fails(
      "POST",
      path,
      { name: "acme.com", enrollment_mode: "manual_invitation" },
      403,
      "organization_domains_not_enabled",
    );
    await enableDomains(["automatic_suggestion"]);
    await fails(
      "POST",
      path,
      { name: "acme.com", enrollment_mode: "automatic_invitation" },
      422,
      "form_param_value_invalid",
      "enrollment_mode",
    );
    await fails(
      "POST",
      path,
      { name: "acme.com", enrollment_mode: "sometimes" },
      422,
      "form_param_value_invalid",
      "enrollment_mode",
    );
    await fails(
      "POST",
      path,
      { name: "acme.com", enrollment_mode: "enterprise_sso" },
      422,
      "form_param_value_invalid",
      "enrollment_mode",
    );
    await fails(
      "POST",
      path,
      { name: "not a domain", enrollment_mode: "manual_invitation" },
      422,
      "form_param_format_invalid",
      "name",
    );
    await fails(
      "POST",
      path,
      { name: "gmail.com", enrollment_mode: "manual_invitation" },
      400,
      "organization_domain_common",
      "name",
    );
    await fails("POST", path, { enrollment_mode: "manual_invitation" }, 422, "form_param_missing", "name");
    await call(
      "POST",
      "/organizations/org_missing/domains",
      { name: "x.com", enrollment_mode: "manual_invitation" },
      404,
    );
  });

  test("create (verified by default), list with filters, update, verify ownership, delete", async () => {
    await sandbox.control("clock", { now: Date.UTC(2025, 5, 1), freeze: true });
    await enableDomains();
    const acme = await call("POST", "/organizations", { name: "Acme" });
    const globex = await call("POST", "/organizations", { name: "Globex" });
    const path = `/organizations/${acme.id}/domains`;
    const created = await call("POST", path, { name: "Acme.COM", enrollment_mode: "automatic_invitation" });
    expect(created).toEqual({
      object: "organization_domain",
      id: expect.stringMatching(/^orgdmn_/),
      organization_id: acme.id,
      name: "acme.com",
      enrollment_mode: "automatic_invitation",
      affiliation_email_address: null,
      affiliation_verification: {
        status: "verified",
        strategy: "admin",
        attempts: null,
        expire_at: null,
        verified_at: null,
      },
      ownership_verification: null,
      verification: { status: "verified", strategy: "admin", attempts: null, expire_at: null, verified_at: null },
      total_pending_invitations: 0,
      total_pending_suggestions: 0,
      created_at: Date.UTC(2025, 5, 1),
      updated_at: Date.UTC(2025, 5, 1),
    });
    await fails(
      "POST",
      `/organizations/${globex.id}/domains`,
      { name: "acme.com", enrollment_mode: "manual_invitation" },
      422,
      "form_identifier_exists",
      "name",
    );
    await sandbox.control("clock", { advance_ms: 1000 });
    const unverified = await call("POST", path, {
      name: "acme.io",
      enrollment_mode: "manual_invitation",
      verified: false,
    });
    expect(unverified).toMatchObject({ affiliation_verification: null, verification: null });
    await call("POST", `/organizations/${globex.id}/domains`, {
      name: "globex.com",
      enrollment_mode: "automatic_suggestion",
    });

    await call("POST", `/organizations/${acme.id}/invitations`, { email_address: "new@acme.com", role: "org:member" });
    const listed = await call<Page>("GET", path);
    expect(listed.data.map((d) => d.name)).toEqual(["acme.io", "acme.com"]);
    expect(listed.data[1]?.total_pending_invitations).toBe(1);
    expect((await call<Page>("GET", `${path}?verified=false`)).data.map((d) => d.name)).toEqual(["acme.io"]);
    expect((await call<Page>("GET", `${path}?enrollment_mode=-manual_invitation`)).data.map((d) => d.name)).toEqual([
      "acme.com",
    ]);

    const all = await call<Page>("GET", "/organization_domains?order_by=name");
    expect(all.data.map((d) => d.name)).toEqual(["acme.com", "acme.io", "globex.com"]);
    expect(all.data[2]?.public_organization_data).toMatchObject({ id: globex.id, name: "Globex", has_image: false });
    expect((await call<Page>("GET", `/organization_domains?query=${globex.id}`)).total_count).toBe(1);
    expect((await call<Page>("GET", "/organization_domains?query=ACME")).total_count).toBe(2);
    expect((await call<Page>("GET", "/organization_domains?domains=acme.io&domains=globex.com")).total_count).toBe(2);
    expect(
      (await call<Page>("GET", "/organization_domains?enrollment_mode=automatic_invitation,automatic_suggestion"))
        .total_count,
    ).toBe(2);
    await fails("GET", "/organization_domains?query=%20", undefined, 422, "form_param_value_invalid", "query");

    const updated = await call("PATCH", `${path}/${unverified.id}`, {
      verified: true,
      enrollment_mode: "automatic_suggestion",
    });
    expect(updated).toMatchObject({
      enrollment_mode: "automatic_suggestion",
      affiliation_verification: { status: "verified" },
    });
    await fails("PATCH", `${path}/${unverified.id}`, { enrollment_mode: "bogus" }, 422, "form_param_value_invalid");
    await call("PATCH", `/organizations/${globex.id}/domains/${unverified.id}`, { verified: true }, 404);

    await sandbox.control("clock", { advance_ms: 1000 });
    const owned = await call("POST", `${path}/${created.id}/verify_ownership`);
    const ownership = {
      status: "verified",
      strategy: "manual_override",
      attempts: null,
      expire_at: null,
      verified_at: Date.UTC(2025, 5, 1) + 2000,
    };
    expect(owned.ownership_verification).toEqual(ownership);
    await sandbox.control("clock", { advance_ms: 1000 });
    expect(await call("POST", `${path}/${created.id}/verify_ownership`)).toEqual(owned);

    expect(await call("DELETE", `${path}/${created.id}`)).toEqual({
      object: "organization_domain",
      id: created.id,
      deleted: true,
    });
    await call("DELETE", `${path}/${created.id}`, undefined, 404);
    await call("DELETE", `/organizations/${globex.id}`);
    expect((await call<Page>("GET", "/organization_domains")).data.map((d) => d.name)).toEqual(["acme.io"]);
  });

  test("organization logos: a multipart upload sets image_url/has_image; delete removes it", async () => {
    const org = await call("POST", "/organizations", { name: "Logo Co" });
    const upload = (bytes: Buffer, extra: Record<string, string> = {}) => {
      const form = new FormData();
      form.set("file", new Blob([new Uint8Array(bytes)], { type: "image/png" }), "logo.png");
      for (const [key, value] of Object.entries(extra)) form.set(key, value);
      return fetch(`${sandbox.apiUrl}/organizations/${org.id}/logo`, {
        method: "PUT",
        headers: { authorization: `Bearer ${sandbox.secretKey}` },
        body: form,
      });
    };
    const PNG = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13]);
    const withLogo = (await (await upload(PNG)).json()) as Json;
    expect(withLogo).toMatchObject({ object: "organization", id: org.id, has_image: true });
    expect(withLogo.logo_url).toBe(withLogo.image_url);
    expect(withLogo.image_url).toMatch(/^https:\/\/img\.clerk\.com\//);
    expect((await upload(Buffer.from("text"))).status).toBe(400);
    expect((await upload(PNG, { uploader_user_id: "user_missing" })).status).toBe(404);
    const removed = await call("DELETE", `/organizations/${org.id}/logo`);
    expect(removed).toMatchObject({ has_image: false, image_url: org.image_url });
    await fails("DELETE", `/organizations/${org.id}/logo`, undefined, 404, "image_not_found");
  });
});
