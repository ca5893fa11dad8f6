import { describe, expect, test } from "vitest";
import { useSandbox } from "../../testing/harness";

const sandbox = useSandbox();

async function ok(response: Promise<Response>, status = 200): Promise<Record<string, unknown>> {
  const res = await response;
  expect(res.status, await res.clone().text()).toBe(status);
  const text = await res.text();
  return text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
}

async function clerkError(response: Promise<Response>, status: number) {
  const res = await response;
  expect(res.status, await res.clone().text()).toBe(status);
  const body = (await res.json()) as { errors: { code: string; meta?: { param_name?: string } }[] };
  return body.errors[0];
}

describe("instance settings over HTTP", () => {
  test("GET /instance describes the instance; PATCH answers 204 and is visible afterwards", async () => {
    const instance = await ok(sandbox.bapi("GET", "/instance"));
    expect(instance).toEqual({
      object: "instance",
      id: sandbox.credentials.development.instance_id,
      environment_type: "development",
      allowed_origins: [],
      workspace_id: null,
    });

    await ok(
      sandbox.bapi("PATCH", "/instance", {
        allowed_origins: ["chrome-extension://abcdef", "capacitor://localhost"],
        support_email: "help@example.com",
        cookieless_dev: false,
        hibp: false,
      }),
      204,
    );
    const updated = await ok(sandbox.bapi("GET", "/instance"));
    expect(updated.allowed_origins).toEqual(["chrome-extension://abcdef", "capacitor://localhost"]);
  });

  test("PATCH /instance validates its fields with Clerk's 422", async () => {
    const badEmail = await clerkError(sandbox.bapi("PATCH", "/instance", { support_email: "nope" }), 422);
    expect(badEmail?.meta?.param_name).toBe("support_email");
    const badOrigin = await clerkError(sandbox.bapi("PATCH", "/instance", { allowed_origins: ["not a url"] }), 422);
    expect(badOrigin?.meta?.param_name).toBe("allowed_origins.0");
    const badType = await clerkError(sandbox.bapi("PATCH", "/instance", { test_mode: "yes" }), 422);
    expect(badType).toMatchObject({ code: "form_param_format_invalid", meta: { param_name: "test_mode" } });
  });

  test("restrictions: PATCH merges and returns the whole section", async () => {
    const first = await ok(sandbox.bapi("PATCH", "/instance/restrictions", { allowlist: true }));
    expect(first).toEqual({
      object: "instance_restrictions",
      allowlist: true,
      blocklist: false,
      allowlist_blocklist_disabled_on_sign_in: false,
      block_email_subaddresses: false,
      block_disposable_email_domains: false,
    });
    const second = await ok(sandbox.bapi("PATCH", "/instance/restrictions", { blocklist: true, allowlist: null }));
    expect(second).toMatchObject({ allowlist: true, blocklist: true });
  });

  test("protect: GET and PATCH", async () => {
    expect(await ok(sandbox.bapi("GET", "/instance/protect"))).toEqual({
      object: "instance_protect",
      rules_enabled: false,
      specter_enabled: false,
      checks_bypassed: false,
    });
    expect(await ok(sandbox.bapi("PATCH", "/instance/protect", { rules_enabled: true }))).toMatchObject({
      rules_enabled: true,
      specter_enabled: false,
    });
  });

  test("communication: the blocklist is replaced whole, unknown countries dropped, bad codes refused", async () => {
    const updated = await ok(sandbox.bapi("PATCH", "/instance/communication", { blocked_country_codes: ["RU", "XX"] }));
    expect(updated).toEqual({ object: "instance_communication", blocked_country_codes: ["RU"] });
    expect(await ok(sandbox.bapi("PATCH", "/instance/communication", {}))).toEqual(updated);
    expect(await ok(sandbox.bapi("GET", "/instance/communication"))).toEqual(updated);
    const lower = await clerkError(
      sandbox.bapi("PATCH", "/instance/communication", { blocked_country_codes: ["ru"] }),
      422,
    );
    expect(lower?.meta?.param_name).toBe("blocked_country_codes.0");
    const repeated = await clerkError(
      sandbox.bapi("PATCH", "/instance/communication", { blocked_country_codes: ["RU", "RU"] }),
      422,
    );
    expect(repeated?.meta?.param_name).toBe("blocked_country_codes");
  });

  test("oauth application settings: default_scopes null restores the defaults", async () => {
    const updated = await ok(
      sandbox.bapi("PATCH", "/instance/oauth_application_settings", {
        dynamic_oauth_client_registration: true,
        default_scopes: ["openid", "email", "email"],
      }),
    );
    expect(updated).toMatchObject({
      object: "oauth_application_settings",
      dynamic_oauth_client_registration: true,
      default_scopes: ["openid", "email"],
    });
    const reset = await ok(sandbox.bapi("PATCH", "/instance/oauth_application_settings", { default_scopes: null }));
    expect(reset.default_scopes).toEqual(["openid", "profile", "email"]);
    expect(await ok(sandbox.bapi("GET", "/instance/oauth_application_settings"))).toEqual(reset);
  });

  test("organization settings: role ids map to role keys", async () => {
    const initial = await ok(sandbox.bapi("GET", "/instance/organization_settings"));
    expect(initial).toMatchObject({
      object: "organization_settings",
      enabled: true,
      creator_role: "org:admin",
      domains_default_role: "org:member",
    });
    const roles = (await ok(sandbox.bapi("GET", "/organization_roles"))).data as { id: string; key: string }[];
    const member = roles.find((role) => role.key === "org:member");
    const updated = await ok(
      sandbox.bapi("PATCH", "/instance/organization_settings", {
        max_allowed_memberships: 0,
        domains_enabled: true,
        domains_enrollment_modes: ["automatic_invitation"],
        domains_default_role_id: member?.id,
      }),
    );
    expect(updated).toMatchObject({
      max_allowed_memberships: 0,
      domains_enabled: true,
      domains_enrollment_modes: ["automatic_invitation"],
      creator_role: "org:admin",
      domains_default_role: "org:member",
    });
    expect(await ok(sandbox.bapi("GET", "/instance/organization_settings"))).toEqual(updated);

    const unknownRole = await clerkError(
      sandbox.bapi("PATCH", "/instance/organization_settings", { creator_role_id: "role_missing" }),
      422,
    );
    expect(unknownRole?.meta?.param_name).toBe("creator_role_id");
    const notEligible = await clerkError(
      sandbox.bapi("PATCH", "/instance/organization_settings", { creator_role_id: member?.id }),
      422,
    );
    expect(notEligible?.code).toBe("organization_missing_creator_role_permissions");
  });

  test("change_domain is for production instances", async () => {
    const error = await clerkError(
      sandbox.bapi("POST", "/instance/change_domain", { home_url: "https://www.example.com" }),
      400,
    );
    expect(error?.code).toBe("production_instance_required");

    const production = { authorization: `Bearer ${sandbox.credentials.production.secret_key}` };
    await ok(sandbox.bapi("POST", "/instance/change_domain", { home_url: "https://www.example.com" }, production), 202);
    const domains = await ok(sandbox.bapi("GET", "/domains", undefined, production));
    expect((domains.data as { name: string; is_satellite: boolean }[])[0]).toMatchObject({
      name: "example.com",
      is_satellite: false,
    });
  });

  test("beta instance settings: the allowlist restriction, test mode and the from address", async () => {
    const updated = await ok(
      sandbox.bapi("PATCH", "/beta_features/instance_settings", {
        restricted_to_allowlist: true,
        from_email_address: "hello",
        test_mode: false,
        progressive_sign_up: null,
      }),
    );
    expect(updated).toEqual({
      object: "instance_settings",
      id: sandbox.credentials.development.instance_id,
      restricted_to_allowlist: true,
      from_email_address: "hello",
      progressive_sign_up: true,
      enhanced_email_deliverability: false,
    });
    expect(await ok(sandbox.bapi("PATCH", "/instance/restrictions", {}))).toMatchObject({ allowlist: true });
    expect(await ok(sandbox.bapi("PATCH", "/beta_features/instance_settings", {}))).toEqual(updated);

    const bad = await clerkError(
      sandbox.bapi("PATCH", "/beta_features/instance_settings", { from_email_address: "hello@example.com" }),
      422,
    );
    expect(bad?.meta?.param_name).toBe("from_email_address");
  });

  test("the deprecated PUT /beta_features/domain changes a production domain like change_domain", async () => {
    const error = await clerkError(
      sandbox.bapi("PUT", "/beta_features/domain", { home_url: "https://www.example.com" }),
      400,
    );
    expect(error?.code).toBe("production_instance_required");
    const production = { authorization: `Bearer ${sandbox.credentials.production.secret_key}` };
    await ok(sandbox.bapi("PUT", "/beta_features/domain", { home_url: "https://app.example.org" }, production), 202);
    const domains = await ok(sandbox.bapi("GET", "/domains", undefined, production));
    expect((domains.data as { name: string }[])[0]?.name).toBe("app.example.org");
  });

  test("settings are per instance", async () => {
    await ok(sandbox.bapi("PATCH", "/instance/protect", { specter_enabled: true }));
    const production = { authorization: `Bearer ${sandbox.credentials.production.secret_key}` };
    expect(await ok(sandbox.bapi("GET", "/instance/protect", undefined, production))).toMatchObject({
      specter_enabled: false,
    });
  });
});
