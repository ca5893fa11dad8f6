import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import type { InstanceConfig } from "../../tenancy/config";
import { type InstanceRecord, instanceById, readConfig, writeConfig } from "../../tenancy/instances";

/**
 * Applies `mutate` to the instance's stored config in one transaction and returns the result.
 * The row is re-read inside the transaction: `request.instance` was loaded at authentication
 * and may predate a concurrent Platform API write.
 */
export function updateInstanceConfig(
  sb: SandboxContext,
  instanceId: string,
  mutate: (config: InstanceConfig) => void,
): InstanceConfig {
  return sb.tx(() => {
    const instance = instanceById(sb, instanceId);
    if (!instance) throw errors.notFound("Instance");
    const config = readConfig(instance);
    mutate(config);
    writeConfig(sb, instanceId, config);
    return config;
  });
}

/** Copies the fields of `patch` that were sent (neither undefined nor null) onto `target`. */
export function assignSent<T extends object>(target: T, patch: { [K in keyof T]?: T[K] | null }): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined && value !== null) (target as Record<string, unknown>)[key] = value;
  }
}

export function serializeInstance(instance: InstanceRecord, config: InstanceConfig) {
  return {
    object: "instance",
    id: instance.id,
    environment_type: instance.environment_type,
    allowed_origins: config.instance.allowed_origins,
    // Sandbox applications belong to no Clerk workspace.
    workspace_id: null,
  };
}

/** The beta `instance_settings` object: a view of the config document's instance and restrictions. */
export function serializeBetaInstanceSettings(instance: InstanceRecord, config: InstanceConfig) {
  return {
    object: "instance_settings",
    id: instance.id,
    restricted_to_allowlist: config.restrictions.allowlist,
    from_email_address: config.instance.from_email_address,
    progressive_sign_up: config.instance.progressive_sign_up,
    // Retired by Clerk; sandbox emails are never delivered through its legacy path.
    enhanced_email_deliverability: false,
  };
}

export function serializeRestrictions(config: InstanceConfig) {
  return { object: "instance_restrictions", ...config.restrictions };
}

export function serializeProtect(config: InstanceConfig) {
  return { object: "instance_protect", ...config.protect, checks_bypassed: false };
}

export function serializeCommunication(config: InstanceConfig) {
  return { object: "instance_communication", ...config.communication };
}

export function serializeOAuthApplicationSettings(config: InstanceConfig) {
  return { object: "oauth_application_settings", ...config.oauth_application_settings };
}

/** Plan limits Clerk reports beside the settings; the sandbox has no plans, so they are fixed. */
const ORGANIZATION_LIMITS = { max_allowed_roles: 10, max_allowed_domains: 10 } as const;

export function serializeOrganizationSettings(config: InstanceConfig) {
  const settings = config.organization_settings;
  return {
    object: "organization_settings",
    enabled: settings.enabled,
    max_allowed_memberships: settings.max_allowed_memberships,
    ...ORGANIZATION_LIMITS,
    creator_role: settings.creator_role,
    admin_delete_enabled: settings.admin_delete_enabled,
    domains_enabled: settings.domains_enabled,
    slug_disabled: settings.slug_disabled,
    domains_enrollment_modes: settings.domains_enrollment_modes,
    domains_default_role: settings.domains_default_role,
  };
}
