import { describe, expect, test } from "vitest";
import { type InstanceRecord, instanceById, readConfig } from "../../../server/sandbox/tenancy/instances";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";

const { run, sandbox } = useActionSandbox();

describe("instance actions", () => {
  test("get shows the instance the key belongs to", async () => {
    expect(await run("instance.get", {})).toEqual({
      object: "instance",
      id: sandbox.credentials.development.instance_id,
      environment_type: "development",
      allowed_origins: [],
      workspace_id: null,
    });
    expect(await run("instance.get", {}, "production")).toMatchObject({
      id: sandbox.credentials.production.instance_id,
      environment_type: "production",
    });
  });

  test("update sends only the settings given and lists them; Clerk's refusal and an empty update", async () => {
    const updated = await run("instance.update", {
      hibp: false,
      test_mode: true,
      support_email: "help@example.com",
      allowed_origins: ["chrome-extension://abcdef", "capacitor://localhost"],
      development_origin: "http://localhost:5173",
    });
    expect(updated.updated).toEqual({
      hibp: false,
      test_mode: true,
      support_email: "help@example.com",
      allowed_origins: ["chrome-extension://abcdef", "capacitor://localhost"],
      development_origin: "http://localhost:5173",
    });
    // Clerk reports these settings nowhere in the Backend API; the sandbox's stored config shows they took.
    const stored = readConfig(
      instanceById(sandbox.server.context, sandbox.credentials.development.instance_id) as InstanceRecord,
    ).instance;
    expect(stored).toMatchObject({ hibp: false, test_mode: true, support_email: "help@example.com" });
    expect((await run("instance.get", {})).allowed_origins).toEqual([
      "chrome-extension://abcdef",
      "capacitor://localhost",
    ]);
    expect((await run("domains.list", {})).data[0]?.development_origin).toBe("http://localhost:5173");

    await expect(run("instance.update", { support_email: "nope" })).rejects.toMatchObject({
      status: 422,
      errors: [{ meta: { param_name: "support_email" } }],
    });
    await expect(run("instance.update", {})).rejects.toThrow(/give at least one setting to change: --test-mode/);
  });

  test("restrictions update turns the lists and email checks on and off", async () => {
    expect(
      await run("instance.restrictions.update", {
        allowlist: true,
        block_email_subaddresses: true,
        block_disposable_email_domains: true,
      }),
    ).toEqual({
      object: "instance_restrictions",
      allowlist: true,
      blocklist: false,
      allowlist_blocklist_disabled_on_sign_in: false,
      block_email_subaddresses: true,
      block_disposable_email_domains: true,
    });
    expect(
      await run("instance.restrictions.update", {
        allowlist: false,
        blocklist: true,
        allowlist_blocklist_disabled_on_sign_in: true,
      }),
    ).toMatchObject({ allowlist: false, blocklist: true, block_email_subaddresses: true });
    await expect(run("instance.restrictions.update", {})).rejects.toThrow(/give at least one setting/);
  });

  test("settings sections: communication, OAuth provider and organization settings", async () => {
    expect(await run("instance.communication.get", {})).toEqual({
      object: "instance_communication",
      blocked_country_codes: [],
    });
    expect(await run("instance.communication.update", { blocked_country_codes: ["ru", "NG"] })).toEqual({
      object: "instance_communication",
      blocked_country_codes: ["RU", "NG"],
    });
    expect((await run("instance.communication.get", {})).blocked_country_codes).toEqual(["RU", "NG"]);

    expect(await run("instance.oauth-settings.get", {})).toMatchObject({
      dynamic_oauth_client_registration: false,
      default_scopes: ["openid", "profile", "email"],
    });
    expect(
      await run("instance.oauth-settings.update", {
        dynamic_oauth_client_registration: true,
        default_scopes: ["openid", "email"],
      }),
    ).toMatchObject({ dynamic_oauth_client_registration: true, default_scopes: ["openid", "email"] });

    const orgs = await run("instance.org-settings.update", { enabled: true, max_allowed_memberships: 50 });
    expect(orgs).toMatchObject({ object: "organization_settings", enabled: true, max_allowed_memberships: 50 });
    expect(await run("instance.org-settings.get", {})).toEqual(orgs);
    await expect(run("instance.org-settings.update", {})).rejects.toThrow(/give at least one setting/);
    await expect(run("instance.communication.update", { blocked_country_codes: ["RUS"] })).rejects.toThrow(
      /two-letter country code/,
    );
  });

  test("beta settings: the sender address and the allowlist restriction", async () => {
    const beta = await run("instance.beta-settings.update", {
      from_email_address: "hello",
      restricted_to_allowlist: true,
    });
    expect(beta).toMatchObject({
      object: "instance_settings",
      id: sandbox.credentials.development.instance_id,
      from_email_address: "hello",
      restricted_to_allowlist: true,
    });
    await expect(run("instance.beta-settings.update", { from_email_address: "no-reply" })).rejects.toThrow(
      /alphanumeric/,
    );
  });

  test("change-domain moves production's primary domain; development is refused", async () => {
    expect(await run("instance.change-domain", { home_url: "https://www.shop.example.com" }, "production")).toEqual({
      home_url: "https://www.shop.example.com",
      accepted: true,
    });
    expect((await run("domains.list", {}, "production")).data[0]?.name).toBe("shop.example.com");
    await expect(run("instance.change-domain", { home_url: "https://example.com" })).rejects.toMatchObject({
      status: 400,
      errors: [{ code: "production_instance_required" }],
    });
  });

  test("interstitial: the public page named by the publishable key", async () => {
    const instance = instanceById(
      sandbox.server.context,
      sandbox.credentials.development.instance_id,
    ) as InstanceRecord;
    const page = await run("instance.interstitial", { publishable_key: instance.publishable_key });
    expect(page.html).toMatch(/^<!DOCTYPE html>/);
    expect(page.html).toContain(`window.__clerk_publishable_key = "${instance.publishable_key}"`);
    await expect(run("instance.interstitial", { publishable_key: "pk_test_bm9wZSQ" })).rejects.toMatchObject({
      status: 404,
    });
  });
});
