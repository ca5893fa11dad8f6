import { describe, expect, test } from "vitest";
import { defaultInstanceConfig, instanceConfigSchema } from "./config";
import { type InstanceRecord, readConfig } from "./instances";

/** An instance row as a sandbox kept on disk from before `billing` and the newer org settings. */
function storedBefore(config: Record<string, unknown>): InstanceRecord {
  return { id: "ins_1", environment_type: "development", config: JSON.stringify(config) } as InstanceRecord;
}

describe("readConfig", () => {
  test("fills keys added to the schema since the config was stored, keeping stored values", () => {
    const { billing: _billing, auth_email: _email, ...old } = defaultInstanceConfig("development");
    const { force_organization_selection: _f, organization_creation_defaults: _d, ...orgs } = old.organization_settings;
    const config = readConfig(storedBefore({ ...old, organization_settings: { ...orgs, max_allowed_memberships: 9 } }));
    expect(instanceConfigSchema.safeParse(config).success).toBe(true);
    expect(config.billing).toEqual({ user_enabled: false, organization_enabled: false });
    expect(config.auth_email).toEqual(defaultInstanceConfig("development").auth_email);
    expect(config.organization_settings).toMatchObject({
      max_allowed_memberships: 9,
      force_organization_selection: false,
    });
    // Social connections are the user's map: a removed default provider stays removed.
    expect(readConfig(storedBefore({ ...old, social: {} })).social).toEqual({});
  });

  test("takes keys stored under their old names to Clerk's names", () => {
    const old = defaultInstanceConfig("development");
    const config = readConfig(
      storedBefore({
        ...old,
        billing: { user: { enabled: false }, organization: { enabled: true } },
        organization_settings: {
          ...old.organization_settings,
          organization_creation_defaults: undefined,
          auto_create_first_organization: true,
        },
      }),
    );
    expect(instanceConfigSchema.safeParse(config).success).toBe(true);
    expect(config.billing).toEqual({ user_enabled: false, organization_enabled: true });
    expect(config.organization_settings.organization_creation_defaults).toEqual({
      enabled: true,
      automatic_organization_creation: { enabled: true },
    });
  });
});
