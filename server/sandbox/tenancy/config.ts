import { z } from "zod";
import type { EnvironmentType } from "./environment";

/**
 * An instance's settings, one document per instance. The Backend API's `/instance/*` routes
 * read and write sections of it; the Platform API's config routes expose it whole, keyed by
 * section, with `config_version` guarding concurrent writers.
 *
 * The zod schema below is the single definition: the TypeScript type, the validation of
 * Platform API writes and the JSON Schema served at `…/config/schema` all derive from it.
 */

/** Marks a value that is accepted on writes but never returned in clear (client secrets). */
export const SENSITIVE = { "x-sensitive": true, writeOnly: true } as const;

/** Social (OAuth) providers the sandbox knows, keyed as Clerk names them (`oauth_google` → `google`). */
export const SOCIAL_PROVIDERS = [
  "apple",
  "atlassian",
  "bitbucket",
  "box",
  "coinbase",
  "discord",
  "dropbox",
  "facebook",
  "github",
  "gitlab",
  "google",
  "hubspot",
  "huggingface",
  "instagram",
  "line",
  "linear",
  "linkedin_oidc",
  "microsoft",
  "notion",
  "slack",
  "spotify",
  "tiktok",
  "twitch",
  "x",
  "xero",
] as const;

/** `scheme://host[:port]` and nothing more; custom schemes (`capacitor://localhost`) included. */
export function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return url.host !== "" && (url.pathname === "" || url.pathname === "/") && !url.search && !url.hash;
  } catch {
    return false;
  }
}

/** Value rules shared with the Backend API's `/instance/*` bodies, so both validate alike. */
export const origin = z.string().refine(isOrigin, "must be an origin such as https://example.com (no path)");
export const countryCode = z.string().regex(/^[A-Z]{2}$/, "must be an uppercase ISO 3166-1 alpha-2 code");
export const oauthScope = z.string().regex(/^\S+$/, "must be a scope name without spaces");
export const enrollmentMode = z.enum(["manual_invitation", "automatic_invitation", "automatic_suggestion"]);

/** What `default_scopes: null` resets OAuth applications to. */
export const DEFAULT_OAUTH_SCOPES = ["openid", "profile", "email"] as const;

const instanceSection = z
  .object({
    test_mode: z.boolean().describe("Allows test email addresses and phone numbers (`+clerk_test`)."),
    hibp: z.boolean().describe("Rejects passwords found in the Have I Been Pwned breach corpus."),
    support_email: z.email().nullable().describe("Support email address shown in Clerk's components."),
    clerk_js_version: z.string().min(1).nullable().describe("Pinned Clerk JS version (e.g. `5`)."),
    development_origin: origin.nullable().describe("Origin of the application during development."),
    allowed_origins: z.array(origin).describe("Extra origins allowed to call the Frontend API."),
    cookieless_dev: z.boolean().describe("Deprecated alias of `url_based_session_syncing`."),
    url_based_session_syncing: z.boolean().describe("Syncs development sessions through the URL."),
    preferred_sign_in_strategy_when_password_required: z
      .enum(["password", "otp"])
      .nullable()
      .describe("Sign-in strategy Clerk's components prefer when a password is required."),
  })
  .strict();

const restrictionsSection = z
  .object({
    allowlist: z.boolean().describe("Only allowlisted identifiers may sign up."),
    blocklist: z.boolean().describe("Blocklisted identifiers may not sign up or sign in."),
    allowlist_blocklist_disabled_on_sign_in: z.boolean(),
    block_email_subaddresses: z.boolean().describe("Rejects email addresses with `+`, `=` or `#` subaddresses."),
    block_disposable_email_domains: z.boolean(),
  })
  .strict();

const protectSection = z.object({ rules_enabled: z.boolean(), specter_enabled: z.boolean() }).strict();

const communicationSection = z
  .object({
    blocked_country_codes: z
      .array(countryCode)
      .max(250)
      .describe("ISO 3166-1 alpha-2 country codes that receive no SMS."),
  })
  .strict();

const oauthApplicationSettingsSection = z
  .object({
    dynamic_oauth_client_registration: z.boolean().describe("RFC 7591 dynamic client registration."),
    default_scopes: z.array(oauthScope),
    oauth_jwt_access_tokens: z.boolean().describe("Issues JWT access tokens instead of opaque ones."),
    client_id_metadata_documents_advertised: z.boolean(),
    client_id_metadata_documents_only_allow_pre_registered_clients: z.boolean(),
    client_id_metadata_documents_block_implicitly_allowed_clients: z.boolean(),
  })
  .strict();

const organizationSettingsSection = z
  .object({
    enabled: z.boolean(),
    max_allowed_memberships: z.number().int().min(0).describe("0 means unlimited."),
    admin_delete_enabled: z.boolean(),
    domains_enabled: z.boolean(),
    slug_disabled: z.boolean(),
    domains_enrollment_modes: z.array(enrollmentMode),
    creator_role: z.string().min(1).describe("Role key given to an organization's creator."),
    domains_default_role: z.string().min(1).describe("Role key used for domain invitations and suggestions."),
    force_organization_selection: z.boolean().describe("Users must choose an organization after signing in."),
    auto_create_first_organization: z.boolean().describe("Creates an organization for each new user."),
  })
  .strict();

/** Billing for users and for organizations, as Clerk's environment names it (`billing.user.enabled`, …). */
const billingTarget = z.object({ enabled: z.boolean() }).strict();
const billingSection = z.object({ user: billingTarget, organization: billingTarget }).strict();

const sessionSection = z
  .object({
    lifetime_seconds: z.number().int().min(300).max(315_360_000),
    inactivity_timeout_seconds: z.number().int().min(0).describe("0 disables the inactivity timeout."),
    single_session_mode: z.boolean(),
  })
  .strict();

const signUpSection = z
  .object({ mode: z.enum(["public", "restricted", "waitlist"]), password_required: z.boolean() })
  .strict();

const socialConnection = z
  .object({
    enabled: z.boolean(),
    client_id: z.string().min(1).nullable().describe("Custom OAuth client ID; null uses Clerk's shared credentials."),
    client_secret: z.string().min(1).nullable().meta(SENSITIVE).describe("Custom OAuth client secret."),
  })
  .strict();

export const instanceConfigSchema = z
  .object({
    instance: instanceSection,
    restrictions: restrictionsSection,
    protect: protectSection,
    communication: communicationSection,
    oauth_application_settings: oauthApplicationSettingsSection,
    organization_settings: organizationSettingsSection,
    billing: billingSection,
    session: sessionSection,
    sign_up: signUpSection,
    social: z.partialRecord(z.enum(SOCIAL_PROVIDERS), socialConnection).describe("Social connections by provider."),
  })
  .strict();

export type InstanceConfig = z.infer<typeof instanceConfigSchema>;
export type ConfigKey = keyof InstanceConfig;
export const CONFIG_KEYS = Object.keys(instanceConfigSchema.shape) as ConfigKey[];

let jsonSchema: Record<string, unknown> | undefined;

/** The config document's JSON Schema (draft 2020-12), generated once from the zod schema. */
export function instanceConfigJsonSchema(): Record<string, unknown> {
  jsonSchema ??= z.toJSONSchema(instanceConfigSchema, { target: "draft-2020-12" }) as Record<string, unknown>;
  return jsonSchema;
}

export function defaultInstanceConfig(environment: EnvironmentType): InstanceConfig {
  return {
    instance: {
      test_mode: environment === "development",
      hibp: true,
      support_email: null,
      clerk_js_version: null,
      development_origin: environment === "development" ? "http://localhost:3000" : null,
      allowed_origins: [],
      cookieless_dev: false,
      url_based_session_syncing: environment === "development",
      preferred_sign_in_strategy_when_password_required: null,
    },
    restrictions: {
      allowlist: false,
      blocklist: false,
      allowlist_blocklist_disabled_on_sign_in: false,
      block_email_subaddresses: false,
      block_disposable_email_domains: false,
    },
    protect: { rules_enabled: false, specter_enabled: false },
    communication: { blocked_country_codes: [] },
    oauth_application_settings: {
      dynamic_oauth_client_registration: false,
      default_scopes: [...DEFAULT_OAUTH_SCOPES],
      oauth_jwt_access_tokens: false,
      client_id_metadata_documents_advertised: false,
      client_id_metadata_documents_only_allow_pre_registered_clients: false,
      client_id_metadata_documents_block_implicitly_allowed_clients: false,
    },
    organization_settings: {
      enabled: true,
      max_allowed_memberships: 5,
      admin_delete_enabled: true,
      domains_enabled: false,
      slug_disabled: false,
      domains_enrollment_modes: [],
      creator_role: "org:admin",
      domains_default_role: "org:member",
      force_organization_selection: false,
      auto_create_first_organization: false,
    },
    billing: { user: { enabled: false }, organization: { enabled: false } },
    session: { lifetime_seconds: 604800, inactivity_timeout_seconds: 0, single_session_mode: true },
    sign_up: { mode: "public", password_required: true },
    // Development instances use Clerk's shared OAuth credentials; production needs its own.
    social: {
      google: { enabled: true, client_id: null, client_secret: null },
      github: { enabled: false, client_id: null, client_secret: null },
    },
  };
}
