import type { InstanceConfig } from "../tenancy/config";

/**
 * Application templates Clerk offers at creation, as the settings they change from the
 * defaults: B2B apps run on organizations, B2C apps do without, a waitlist app gates sign-up.
 */
export const APPLICATION_TEMPLATES = {
  "b2b-saas": (config: InstanceConfig) => {
    config.organization_settings.enabled = true;
    config.organization_settings.domains_enabled = true;
  },
  "b2c-saas": (config: InstanceConfig) => {
    config.organization_settings.enabled = false;
  },
  waitlist: (config: InstanceConfig) => {
    config.sign_up.mode = "waitlist";
  },
} as const satisfies Record<string, (config: InstanceConfig) => void>;

export type ApplicationTemplate = keyof typeof APPLICATION_TEMPLATES;
