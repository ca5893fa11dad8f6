import { describe, expect, test } from "vitest";
import { defaultInstanceConfig, instanceConfigSchema } from "./config";
import { type InstanceRecord, readConfig } from "./instances";

/** An instance row as a sandbox kept on disk from before `billing` and the newer org settings. */
function storedBefore(config: Record<string, unknown>): InstanceRecord {
  return { id: "ins_1", environment_type: "development", config: JSON.stringify(config) } as InstanceRecord;
}

describe("readConfig", () => {
  test("fills keys added to the schema since the config was stored, keeping stored values", () => {
    const { billing: _billing, ...old } = defaultInstanceConfig("development");
    const { force_organization_selection: _f, auto_create_first_organization: _a, ...orgs } = old.organization_settings;
    const config = readConfig(storedBefore({ ...old, organization_settings: { ...orgs, max_allowed_memberships: 9 } }));
    expect(instanceConfigSchema.safeParse(config).success).toBe(true);
    expect(config.billing).toEqual({ user: { enabled: false }, organization: { enabled: false } });
    expect(config.organization_settings).toMatchObject({
      max_allowed_memberships: 9,
      force_organization_selection: false,
    });
    // Social connections are the user's map: a removed default provider stays removed.
    expect(readConfig(storedBefore({ ...old, social: {} })).social).toEqual({});
  });
});
