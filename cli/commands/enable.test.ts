import { describe, expect, test } from "vitest";
import { useCliSandbox } from "../testing/cli-sandbox";

// `clerk enable …` / `clerk disable …` as Clerk's official CLI documents them, against a sandbox.
const { platform } = useCliSandbox();
/** Many CLI runs per test: allow for a loaded machine. */
const SLOW = { timeout: 90_000 };

interface Config {
  organization_settings: Record<string, unknown>;
  billing: { user_enabled: boolean; organization_enabled: boolean };
}

async function ok<T>(args: string[]): Promise<T> {
  const result = await platform([...args, "--yes", "--json"]);
  expect(result.code, result.stderr).toBe(0);
  return result.json<T>();
}

const config = () => ok<Config>(["config", "pull"]);

describe("clerk enable / disable", SLOW, () => {
  test("orgs: enable with options, dry run changes nothing, disable", async () => {
    const dry = await ok<{ applied: boolean; changes: { path: string; after: unknown }[] }>([
      "disable",
      "orgs",
      "--dry-run",
    ]);
    expect(dry).toMatchObject({ applied: false, changes: [{ path: "organization_settings.enabled", after: false }] });
    expect((await config()).organization_settings.enabled).toBe(true);
    // The official spelling `organizations` names the same command.
    expect(await ok(["disable", "organizations", "--dry-run"])).toMatchObject({ applied: false });

    await ok(["disable", "orgs"]);
    expect((await config()).organization_settings.enabled).toBe(false);

    const enabled = await ok<{ applied: boolean; changes: { path: string }[] }>([
      "enable",
      "orgs",
      "--force-selection",
      "--auto-create",
      "--max-members",
      "10",
    ]);
    expect(enabled.applied).toBe(true);
    expect((await config()).organization_settings).toMatchObject({
      enabled: true,
      force_organization_selection: true,
      // The keys the official CLI 3.3.0 writes for --auto-create.
      organization_creation_defaults: { enabled: true, automatic_organization_creation: { enabled: true } },
      max_allowed_memberships: 10,
    });
    // Flags left out keep their setting; nothing to change is no write.
    const again = await ok<{ applied: boolean; changes: unknown[] }>(["enable", "orgs"]);
    expect(again).toMatchObject({ applied: false, changes: [] });
    expect((await config()).organization_settings.force_organization_selection).toBe(true);
  });

  test("billing: --for orgs users (space- or comma-separated), default both, --no-skills", async () => {
    // Organization billing needs organizations: enabling it enables them, as the official CLI does.
    await ok(["disable", "orgs"]);
    await ok(["enable", "billing", "--for", "orgs"]);
    expect((await config()).billing).toEqual({ user_enabled: false, organization_enabled: true });
    expect((await config()).organization_settings.enabled).toBe(true);

    await ok(["enable", "billing", "--for", "orgs", "users", "--no-skills"]);
    expect((await config()).billing).toEqual({ user_enabled: true, organization_enabled: true });

    await ok(["disable", "billing", "--for", "users"]);
    expect((await config()).billing).toEqual({ user_enabled: false, organization_enabled: true });

    await ok(["enable", "billing", "--for", "users,orgs"]);
    await ok(["disable", "billing"]);
    expect((await config()).billing).toEqual({ user_enabled: false, organization_enabled: false });
    // Organizations themselves stay enabled.
    expect((await config()).organization_settings.enabled).toBe(true);
  });

  test("an unknown billing target is a usage error", async () => {
    const result = await platform(["enable", "billing", "--for", "teams"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("for");
  });
});
