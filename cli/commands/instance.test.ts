import { describe, expect, test } from "vitest";
import { type InstanceRecord, instanceById, readConfig } from "../../server/sandbox/tenancy/instances";
import { useCliSandbox } from "../testing/cli-sandbox";

const { clerk, sandbox } = useCliSandbox();

async function ok<T>(args: string[]): Promise<T> {
  const result = await clerk([...args, "--json"]);
  expect(result.code, result.stderr).toBe(0);
  return result.json<T>();
}

describe("clerk instance", () => {
  test("get shows the instance the key belongs to", async () => {
    expect(await ok(["instance", "get"])).toEqual({
      object: "instance",
      id: sandbox.credentials.development.instance_id,
      environment_type: "development",
      allowed_origins: [],
      workspace_id: null,
    });
    const table = await clerk(["instance", "get"]);
    expect(table.stdout).toMatch(/ID\s+ENVIRONMENT\s+ALLOWED ORIGINS/);
    expect(table.stdout).toContain(sandbox.credentials.development.instance_id);
  });

  test("update sends only the settings given and lists them; nothing to change is a usage error", async () => {
    const updated = await ok<{ updated: Record<string, unknown> }>([
      "instance",
      "update",
      "--no-hibp",
      "--test-mode",
      "--support-email",
      "help@example.com",
      "--allowed-origins",
      "chrome-extension://abcdef",
      "--allowed-origins",
      "capacitor://localhost",
      "--url-based-session-syncing",
      "--development-origin",
      "http://localhost:5173",
    ]);
    expect(updated.updated).toEqual({
      hibp: false,
      test_mode: true,
      support_email: "help@example.com",
      allowed_origins: ["chrome-extension://abcdef", "capacitor://localhost"],
      url_based_session_syncing: true,
      development_origin: "http://localhost:5173",
    });
    // Clerk reports these settings nowhere in the Backend API; the sandbox's stored config shows they took.
    const stored = readConfig(
      instanceById(sandbox.server.context, sandbox.credentials.development.instance_id) as InstanceRecord,
    ).instance;
    expect(stored).toMatchObject({
      hibp: false,
      test_mode: true,
      support_email: "help@example.com",
      url_based_session_syncing: true,
    });
    const instance = await ok<{ allowed_origins: string[] }>(["instance", "get"]);
    expect(instance.allowed_origins).toEqual(["chrome-extension://abcdef", "capacitor://localhost"]);
    // The development origin is visible on the primary domain.
    const domains = await ok<{ data: { development_origin: string }[] }>(["domains", "list"]);
    expect(domains.data[0]?.development_origin).toBe("http://localhost:5173");

    const table = await clerk(["instance", "update", "--preferred-sign-in-strategy-when-password-required", "otp"]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/preferred_sign_in_strategy_when_password_required\s+otp/);

    const nothing = await clerk(["instance", "update"]);
    expect(nothing.code).toBe(2);
    expect(JSON.parse(nothing.stderr).error.message).toMatch(/^give at least one setting to change: --test-mode/);
    const badEmail = await clerk(["instance", "update", "--support-email", "nope"]);
    expect(badEmail.code).toBe(1);
    expect(JSON.parse(badEmail.stderr).error).toMatchObject({ status: 422, param_name: "support_email" });
    const dry = await ok<{ method: string; body: unknown }>(["instance", "update", "--hibp", "--dry-run"]);
    expect(dry).toMatchObject({ method: "PATCH", body: { hibp: true } });
  });

  test("restrictions update turns the lists and email checks on and off", async () => {
    const on = await ok<Record<string, unknown>>([
      "instance",
      "restrictions",
      "update",
      "--allowlist",
      "--block-email-subaddresses",
      "--block-disposable-email-domains",
    ]);
    expect(on).toEqual({
      object: "instance_restrictions",
      allowlist: true,
      blocklist: false,
      allowlist_blocklist_disabled_on_sign_in: false,
      block_email_subaddresses: true,
      block_disposable_email_domains: true,
    });
    const off = await ok<Record<string, unknown>>([
      "instance",
      "restrictions",
      "update",
      "--no-allowlist",
      "--blocklist",
      "--allowlist-blocklist-disabled-on-sign-in",
    ]);
    expect(off).toMatchObject({
      allowlist: false,
      blocklist: true,
      allowlist_blocklist_disabled_on_sign_in: true,
      block_email_subaddresses: true,
    });
    const table = await clerk(["instance", "restrictions", "update", "--no-blocklist"]);
    expect(table.stdout).toMatch(/SETTING\s+VALUE/);
    expect(table.stdout).toMatch(/blocklist\s+false/);
    const nothing = await clerk(["instance", "restrictions", "update"]);
    expect(nothing.code).toBe(2);
  });
});
