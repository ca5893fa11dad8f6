import { describe, expect, test } from "vitest";
import { useSandbox } from "../../testing/harness";

const sandbox = useSandbox();

type Json = Record<string, unknown> & { id: string };
type Page = { data: Json[]; total_count: number };
type ErrorBody = { errors: { code: string; meta?: { param_name?: string } }[] };

/** A self-signed IdP certificate, valid 2026-12-07 to 2036-12-04. */
const CERTIFICATE =
  "-----BEGIN CERTIFICATE-----\nMIICEDCCAXmgAwIBAgIUeJ3fW9zc37zHto2D4AwTF5LvDeIwDQYJKoZIhvcNAQEL\nBQAwGjEYMBYGA1UEAwwPaWRwLmV4YW1wbGUuY29tMB4XDTI2MTIwNzIzMDcxNFoX\nDTM2MTIwNDIzMDcxNFowGjEYMBYGA1UEAwwPaWRwLmV4YW1wbGUuY29tMIGfMA0G\nCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCv5KKQJlj9zCo4axNhd0VtAqS96+cbD15J\ngUz8d5F84qfQFLu11G9XHtNVQLQO055KBJPlAGPJHRDwk3SZ2vQx93vKaFwvG69P\nUFg/yGLWhE6Ccp+xcf9V6DYDDPzguB5vmwiRSWZZHxCFohSQyM8k++yPSIyEaZUj\nnCUQqNqVlQIDAQABo1MwUTAdBgNVHQ4EFgQU2XZxq3t+dUwwjZ308+qp8INmcgAw\nHwYDVR0jBBgwFoAU2XZxq3t+dUwwjZ308+qp8INmcgAwDwYDVR0TAQH/BAUwAwEB\n/zANBgkqhkiG9w0BAQsFAAOBgQAEfJOy4sfIphwxsuhkN6RZlVD0lbJ3TAIfd+5b\nJ80jQc1//onzWRUQ9EUhjxz3iIhEwy3jx3g+8/Z1f2LnTn6vZGH+eKf5dqSXjhEz\nF/zumIbV+HIEhV4psmVyA5pk7IM9x1nqL6XO6SNWt03qCrOgEh5HacQj/QjjxS18\n1xtvNg==\n-----END CERTIFICATE-----\n";

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

const idp = {
  idp_entity_id: "https://idp.example.com/entity",
  idp_sso_url: "https://idp.example.com/sso",
  idp_certificate: CERTIFICATE,
};

describe("enterprise connections over HTTP", () => {
  test("SAML: create inactive, activate once the IdP is configured, list, delete", async () => {
    const org = await call("POST", "/organizations", { name: "Acme" });
    const created = await call<Json & { saml_connection: Json }>(
      "POST",
      "/enterprise_connections",
      { name: "Acme SSO", provider: "saml_okta", domains: ["Acme.com"], organization_id: org.id },
      201,
    );
    expect(created).toMatchObject({
      object: "enterprise_connection",
      provider: "saml_okta",
      active: false,
      domains: ["acme.com"],
      organization_id: org.id,
      sync_user_attributes: true,
      oauth_config: null,
      saml_connection: {
        id: expect.stringMatching(/^samlc_/),
        acs_url: expect.stringMatching(/^https:\/\/.+\/v1\/saml\/acs\/samlc_/),
        active: false,
      },
    });
    expect(created.id).toMatch(/^entconn_/);
    await fails(
      "PATCH",
      `/enterprise_connections/${created.id}`,
      { active: true },
      422,
      "enterprise_connection_incomplete",
      "active",
    );
    await fails(
      "PATCH",
      `/enterprise_connections/${created.id}`,
      { saml: { idp_certificate: "nope" } },
      422,
      "form_param_format_invalid",
      "idp_certificate",
    );

    // Activating takes the domain from the organization's verified domains.
    await call("PATCH", "/instance/organization_settings", { domains_enabled: true });
    await call("POST", `/organizations/${org.id}/domains`, { name: "acme.com", enrollment_mode: "manual_invitation" });
    const active = await call("PATCH", `/enterprise_connections/${created.id}`, { active: true, saml: idp });
    expect(active).toMatchObject({
      active: true,
      authenticatable: true,
      saml_connection: { idp_sso_url: idp.idp_sso_url },
    });
    expect((await call<Page>(`GET`, `/organizations/${org.id}/domains`)).total_count).toBe(0);

    // Organization domains can now enroll through the connection.
    const sso = await call("POST", `/organizations/${org.id}/domains`, {
      name: "acme.com",
      enrollment_mode: "enterprise_sso",
    });
    expect(sso).toMatchObject({ enrollment_mode: "enterprise_sso" });
    await fails(
      "POST",
      "/enterprise_connections",
      { name: "Dup", provider: "saml_custom", domains: ["acme.com"] },
      409,
      "enterprise_connection_domain_exists",
      "domains",
    );
    await fails(
      "POST",
      "/enterprise_connections",
      { name: "x", provider: "saml_custom", domains: [] },
      422,
      "form_param_format_invalid",
      "domains",
    );
    await fails(
      "POST",
      "/enterprise_connections",
      { name: "x", provider: "ldap", domains: ["x.com"] },
      422,
      "form_param_format_invalid",
      "provider",
    );
    await call(
      "POST",
      "/enterprise_connections",
      { name: "x", provider: "saml_custom", domains: ["x.com"], organization_id: "org_missing" },
      404,
    );

    const oidc = await call<Json & { oauth_config: Json }>(
      "POST",
      "/enterprise_connections",
      {
        name: "Globex OIDC",
        provider: "oidc_custom",
        domains: ["globex.com"],
        oidc: {
          client_id: "abc",
          client_secret: "s3cret",
          discovery_url: "https://login.globex.com/.well-known/openid-configuration",
        },
        active: true,
      },
      201,
    );
    expect(oidc).toMatchObject({
      active: true,
      saml_connection: null,
      oauth_config: { provider_key: "oidc_custom", client_id: "abc" },
    });
    expect(JSON.stringify(oidc)).not.toContain("s3cret");

    const all = await call<Page>("GET", "/enterprise_connections");
    expect(all.data.map((c) => c.name)).toEqual(["Globex OIDC", "Acme SSO"]);
    expect((await call<Page>("GET", `/enterprise_connections?organization_id=${org.id}`)).total_count).toBe(1);
    expect((await call<Page>("GET", "/enterprise_connections?active=false")).total_count).toBe(0);

    const runs = `/enterprise_connections/${created.id}/test_runs`;
    const run = await call<{ url: string }>("POST", runs);
    expect(run.url).toMatch(/^https:\/\/.+\/test_runs\/ectr_/);
    const listed = await call<Page>("GET", `${runs}?status=pending`);
    expect(listed.data).toEqual([
      {
        id: expect.stringMatching(/^ectr_/),
        status: "pending",
        connection_type: "saml",
        created_at: expect.any(Number),
      },
    ]);
    expect((await call<Page>("GET", `${runs}?status=success`)).total_count).toBe(0);

    expect(await call("DELETE", `/enterprise_connections/${oidc.id}`)).toEqual({
      object: "enterprise_connection",
      id: oidc.id,
      deleted: true,
    });
    await call("GET", `/enterprise_connections/${oidc.id}`, undefined, 404);
  });

  test("the SAML Connections API reads and writes the same connections", async () => {
    const created = await call("POST", "/saml_connections", {
      name: "Legacy",
      domain: "legacy.com",
      provider: "saml_custom",
      ...idp,
    });
    expect(created).toMatchObject({
      object: "saml_connection",
      id: expect.stringMatching(/^samlc_/),
      domain: "legacy.com",
      domains: ["legacy.com"],
      active: false,
      idp_certificate_issued_at: Date.parse("2026-12-07T23:07:14Z"),
      idp_certificate_expires_at: Date.parse("2036-12-04T23:07:14Z"),
      attribute_mapping: { user_id: "", email_address: "", first_name: "", last_name: "" },
      login_hint: { mode: "email_address" },
    });
    const viaEnterprise = await call<Page>("GET", "/enterprise_connections");
    expect(viaEnterprise.data[0]).toMatchObject({
      id: created.enterprise_connection_id,
      saml_connection: { id: created.id },
    });

    const updated = await call("PATCH", `/saml_connections/${created.id}`, {
      active: true,
      attribute_mapping: { email_address: "mail" },
      domains: ["legacy.com", "legacy.io"],
    });
    expect(updated).toMatchObject({
      active: true,
      domains: ["legacy.com", "legacy.io"],
      attribute_mapping: { email_address: "mail" },
    });
    expect((await call<Page>("GET", "/saml_connections?query=legacy")).total_count).toBe(1);
    await fails(
      "POST",
      "/saml_connections",
      { name: "x", provider: "oidc_custom", domain: "y.com" },
      422,
      "form_param_format_invalid",
      "provider",
    );
    await fails(
      "POST",
      "/saml_connections",
      { name: "x", provider: "saml_custom" },
      422,
      "form_param_missing",
      "domains",
    );

    expect(await call("DELETE", `/saml_connections/${created.id}`)).toEqual({
      object: "saml_connection",
      id: created.id,
      deleted: true,
    });
    expect((await call<Page>("GET", "/enterprise_connections")).total_count).toBe(0);
  });
});
