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
});
