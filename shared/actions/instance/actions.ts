import { z } from "zod";
import { defineAction } from "../action";
import { withFlagAliases } from "../fields";
import { stringList } from "../inputs";
import {
  betaInstanceSettings,
  type Instance,
  type InstanceRestrictions,
  instance,
  instanceCommunication,
  instanceRestrictions,
  oauthApplicationSettings,
  organizationSettings,
} from "./schemas";

const instanceView = {
  rows: (i: Instance) => [
    { id: i.id, environment: i.environment_type, allowed_origins: (i.allowed_origins ?? []).join(", ") },
  ],
  columns: [
    { key: "id", header: "ID" },
    { key: "environment", header: "ENVIRONMENT" },
    { key: "allowed_origins", header: "ALLOWED ORIGINS" },
  ],
};

export const instanceGet = defineAction({
  id: "instance.get",
  summary: "Show the instance the secret key belongs to: id, environment, allowed origins",
  input: z.object({}),
  examples: ["clerk instance get", "clerk instance get --instance prod --json"],
  api: "backend",
  mutates: false,
  output: instance,
  async run(ctx) {
    return (await ctx.backend.request({ method: "GET", path: "/instance" }, instance)).body;
  },
  table: instanceView,
});

/** Settings `PATCH /instance` takes; each is left unchanged unless given. */
const instanceSettings = {
  test_mode: z.boolean().optional().describe("Test mode: allow test email addresses and phone numbers"),
  hibp: z.boolean().optional().describe("Check passwords against Have I Been Pwned breaches"),
  support_email: z.string().optional().describe('Support email shown in Clerk\'s components ("" clears it)'),
  clerk_js_version: z.string().optional().describe("Pin the Clerk JS version the components load"),
  development_origin: z.string().optional().describe("Development origin, e.g. http://localhost:3000"),
  allowed_origins: stringList("Origins allowed to call Clerk, e.g. chrome-extension://… (replaces the list)"),
  url_based_session_syncing: z
    .boolean()
    .optional()
    .describe("URL-based session syncing in development (no third-party cookies)"),
  preferred_sign_in_strategy_when_password_required: z
    .enum(["password", "otp", ""])
    .optional()
    .describe('Sign-in strategy shown first when a password is required ("" clears it)'),
};
/** Refuses an update that changes nothing, naming the flags that would. */
function atLeastOne(flags: readonly string[]) {
  return (input: Record<string, unknown>, ctx: z.RefinementCtx) => {
    if (flags.every((flag) => input[flag] === undefined)) {
      ctx.addIssue({
        code: "custom",
        message: `give at least one setting to change: ${flags.map((f) => `--${f.replace(/_/g, "-")}`).join(", ")}`,
      });
    }
  };
}

const settingsView = {
  rows: (output: { updated: Record<string, unknown> }) =>
    Object.entries(output.updated).map(([setting, value]) => ({ setting, value })),
  columns: [
    { key: "setting", header: "SETTING" },
    { key: "value", header: "NEW VALUE" },
  ],
};

export const instanceUpdate = defineAction({
  id: "instance.update",
  summary: "Change instance settings: test mode, HIBP, support email, allowed origins, session syncing, …",
  description:
    "Clerk answers this update with no body and does not report most of these settings back, so the " +
    "output lists the settings that were sent.",
  input: z.object(instanceSettings).superRefine(atLeastOne(Object.keys(instanceSettings))),
  examples: [
    "clerk instance update --no-hibp --support-email help@example.com",
    "clerk instance update --allowed-origins chrome-extension://abcdef --allowed-origins capacitor://localhost",
    "clerk instance update --url-based-session-syncing --instance dev --json",
  ],
  api: "backend",
  mutates: true,
  output: z.object({ updated: z.record(z.string(), z.unknown()) }),
  async run(ctx, input) {
    const updated = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
    // Setting values is repeatable; Clerk answers 204.
    await ctx.backend.request({ method: "PATCH", path: "/instance", body: updated, idempotent: true });
    return { updated };
  },
  table: settingsView,
});

const restrictionSettings = {
  allowlist: z.boolean().optional().describe("Only identifiers on the allowlist may sign up (--no-allowlist: off)"),
  blocklist: z.boolean().optional().describe("Identifiers on the blocklist may not sign up (--no-blocklist: off)"),
  allowlist_blocklist_disabled_on_sign_in: z
    .boolean()
    .optional()
    .describe("Apply the lists to sign-up only, not to sign-in"),
  block_email_subaddresses: z.boolean().optional().describe("Refuse email subaddresses such as ada+1@example.com"),
  block_disposable_email_domains: withFlagAliases(
    ["block-disposable-emails"],
    z.boolean().optional().describe("Refuse disposable email domains"),
  ),
};

export const instanceRestrictionsUpdate = defineAction({
  id: "instance.restrictions.update",
  summary: "Turn sign-up restrictions on or off: allowlist, blocklist, subaddresses, disposable emails",
  description: "Manage the lists' entries with `clerk restrictions`.",
  input: z.object(restrictionSettings).superRefine(atLeastOne(Object.keys(restrictionSettings))),
  examples: [
    "clerk instance restrictions update --allowlist",
    "clerk instance restrictions update --blocklist --block-email-subaddresses --block-disposable-email-domains",
    "clerk instance restrictions update --no-allowlist --json",
  ],
  api: "backend",
  mutates: true,
  output: instanceRestrictions,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "PATCH", path: "/instance/restrictions", body: input, idempotent: true },
        instanceRestrictions,
      )
    ).body;
  },
  table: {
    rows: (r: InstanceRestrictions) =>
      Object.keys(restrictionSettings).map((setting) => ({ setting, value: r[setting as keyof InstanceRestrictions] })),
    columns: [
      { key: "setting", header: "SETTING" },
      { key: "value", header: "VALUE" },
    ],
  },
});

/** A settings section's answer as SETTING/VALUE rows (lists joined). */
const sectionView = {
  rows: (output: Record<string, unknown>) =>
    Object.entries(output)
      .filter(([setting]) => setting !== "object")
      .map(([setting, value]) => ({ setting, value: Array.isArray(value) ? value.join(", ") : value })),
  columns: [
    { key: "setting", header: "SETTING" },
    { key: "value", header: "VALUE" },
  ],
};

/**
 * The `get` and `update` of one `/instance/<path>` settings section (`clerk instance <word> get|update`):
 * the section's answer is the same for both, and an update sends only the settings given.
 */
function settingsSection<Id extends string, S extends z.ZodRawShape, O extends Record<string, unknown>>(spec: {
  word: Id;
  path: string;
  what: string;
  output: z.ZodType<O>;
  settings: S;
  updateSummary: string;
  updateExamples: readonly string[];
}) {
  const path = `/instance/${spec.path}`;
  const get = defineAction({
    id: `instance.${spec.word}.get` as `instance.${Id}.get`,
    summary: `Show the instance's ${spec.what}`,
    input: z.object({}),
    examples: [`clerk instance ${spec.word} get`, `clerk instance ${spec.word} get --instance prod --json`],
    api: "backend",
    mutates: false,
    output: spec.output,
    async run(ctx) {
      return (await ctx.backend.request({ method: "GET", path }, spec.output)).body;
    },
    table: sectionView,
  });
  const update = defineAction({
    id: `instance.${spec.word}.update` as `instance.${Id}.update`,
    summary: spec.updateSummary,
    input: z.object(spec.settings).superRefine(atLeastOne(Object.keys(spec.settings))),
    examples: spec.updateExamples,
    api: "backend",
    mutates: true,
    output: spec.output,
    async run(ctx, body) {
      return (await ctx.backend.request({ method: "PATCH", path, body, idempotent: true }, spec.output)).body;
    },
    table: sectionView,
  });
  return [get, update] as const;
}

const countryCodes = z
  .array(z.string().regex(/^[A-Za-z]{2}$/, "must be a two-letter country code, e.g. RU"))
  .transform((codes) => codes.map((code) => code.toUpperCase()));

export const [instanceCommunicationGet, instanceCommunicationUpdate] = settingsSection({
  word: "communication",
  path: "communication",
  what: "SMS settings: the countries no SMS is sent to",
  output: instanceCommunication,
  settings: {
    blocked_country_codes: withFlagAliases(
      ["blocked-country-code"],
      countryCodes.optional().describe("Countries (ISO 3166-1 alpha-2) to send no SMS to; replaces the list"),
    ),
  },
  updateSummary: "Choose the countries Clerk sends no SMS to (codes, sign-in) to curb SMS fraud",
  updateExamples: [
    "clerk instance communication update --blocked-country-codes RU --blocked-country-codes NG",
    "clerk instance communication update --blocked-country-codes PK --json",
  ],
});

export const [instanceOAuthSettingsGet, instanceOAuthSettingsUpdate] = settingsSection({
  word: "oauth-settings",
  path: "oauth_application_settings",
  what: "OAuth provider settings: dynamic client registration, default scopes, JWT access tokens",
  output: oauthApplicationSettings,
  settings: {
    dynamic_oauth_client_registration: z
      .boolean()
      .optional()
      .describe("Let OAuth clients register themselves (RFC 7591), e.g. MCP clients"),
    default_scopes: withFlagAliases(
      ["default-scope"],
      z.array(z.string().min(1)).optional().describe("Scopes dynamically registered clients get (repeatable)"),
    ),
    oauth_jwt_access_tokens: z.boolean().optional().describe("Issue access tokens as JWTs instead of opaque tokens"),
  },
  updateSummary: "Change how the instance acts as an OAuth provider for `clerk oauth-apps`",
  updateExamples: [
    "clerk instance oauth-settings update --dynamic-oauth-client-registration",
    "clerk instance oauth-settings update --default-scopes openid --default-scopes email --json",
  ],
});

export const [instanceOrgSettingsGet, instanceOrgSettingsUpdate] = settingsSection({
  word: "org-settings",
  path: "organization_settings",
  what: "organization settings: whether they are on, membership limit, domains, creator role",
  output: organizationSettings,
  settings: {
    enabled: z.boolean().optional().describe("Organizations on (--no-enabled: off)"),
    max_allowed_memberships: z.coerce
      .number()
      .int()
      .min(0)
      .optional()
      .describe("Most members an organization may have (0: no limit)"),
    admin_delete_enabled: z.boolean().optional().describe("Admins may delete their organization"),
    domains_enabled: z.boolean().optional().describe("Verified domains: members join by email domain"),
    slug_disabled: z.boolean().optional().describe("Organizations have no slug"),
    domains_enrollment_modes: withFlagAliases(
      ["domains-enrollment-mode"],
      z
        .array(z.enum(["manual_invitation", "automatic_invitation", "automatic_suggestion"]))
        .optional()
        .describe("How verified domains enroll users: manual_invitation, automatic_invitation, automatic_suggestion"),
    ),
    creator_role_id: z.string().min(1).optional().describe("The role (id or key) of an organization's creator"),
    domains_default_role_id: z.string().min(1).optional().describe("The role (id or key) domain members get"),
  },
  updateSummary: "Change organization settings: on/off, membership limit, domains, roles",
  updateExamples: [
    "clerk instance org-settings update --enabled --max-allowed-memberships 50",
    "clerk instance org-settings update --domains-enabled --domains-enrollment-modes automatic_invitation --json",
  ],
});

const betaSettings = {
  from_email_address: z
    .string()
    .regex(/^[a-zA-Z0-9]+$/, "must be alphanumeric, e.g. hello")
    .optional()
    .describe("The local part emails are sent from: hello for hello@your-domain"),
  progressive_sign_up: z.boolean().optional().describe("Clerk's progressive sign-up (deprecated by Clerk)"),
  restricted_to_allowlist: z.boolean().optional().describe("Only allowlisted identifiers may sign up"),
  test_mode: z.boolean().optional().describe("Test mode: allow test email addresses and phone numbers"),
};

export const instanceBetaSettingsUpdate = defineAction({
  id: "instance.beta-settings.update",
  summary: "Change Clerk's beta instance settings: the sender address, progressive sign-up",
  input: z.object(betaSettings).superRefine(atLeastOne(Object.keys(betaSettings))),
  examples: [
    "clerk instance beta-settings update --from-email-address hello",
    "clerk instance beta-settings update --no-progressive-sign-up --json",
  ],
  api: "backend",
  mutates: true,
  output: betaInstanceSettings,
  async run(ctx, body) {
    return (
      await ctx.backend.request(
        { method: "PATCH", path: "/beta_features/instance_settings", body, idempotent: true },
        betaInstanceSettings,
      )
    ).body;
  },
  table: sectionView,
});

export const instanceChangeDomain = defineAction({
  id: "instance.change-domain",
  summary: "Move the production instance to another domain (its home URL); DNS must follow",
  description:
    "Clerk accepts the change (202) and moves the primary domain: its DNS records change, so sign-in on " +
    "production stops until they are set up. Run `clerk domains get` for the new records.",
  input: z.object({
    home_url: z.string().url().describe("The application's new home URL, e.g. https://www.example.com"),
    is_secondary: z.boolean().optional().describe("A secondary application: keep the subdomain as part of the domain"),
  }),
  examples: ["clerk instance change-domain --home-url https://www.example.com --instance prod"],
  api: "backend",
  mutates: true,
  destructive: (input) => input.home_url,
  output: z.object({ home_url: z.string(), accepted: z.literal(true) }),
  async run(ctx, input) {
    await ctx.backend.request({ method: "POST", path: "/instance/change_domain", body: input, idempotent: true });
    return { home_url: input.home_url, accepted: true as const };
  },
  table: {
    rows: (o) => [{ home_url: o.home_url, accepted: o.accepted }],
    columns: [
      { key: "home_url", header: "HOME URL" },
      { key: "accepted", header: "ACCEPTED" },
    ],
  },
});

export const instanceInterstitial = defineAction({
  id: "instance.interstitial",
  summary: "Fetch the interstitial page Clerk serves while a browser's session is settled",
  description:
    "A public page (no secret key needed) named by the instance's publishable key; prints its HTML with --json.",
  input: z.object({
    publishable_key: z
      .string()
      .regex(/^pk_/, "must be a publishable key (pk_…)")
      .describe("The instance's publishable key"),
    proxy_url: z.string().optional().describe("Your proxy URL, when the Frontend API is proxied"),
    domain: z.string().optional().describe("The satellite domain, for a satellite application"),
  }),
  examples: ['clerk instance interstitial --publishable-key "$CLERK_PUBLISHABLE_KEY" --json'],
  api: "backend",
  mutates: false,
  output: z.object({ html: z.string() }),
  async run(ctx, input) {
    const { body } = await ctx.backend.request(
      { method: "GET", path: "/public/interstitial", query: { ...input } },
      z.string(),
    );
    return { html: body };
  },
  table: {
    rows: (o) => [{ bytes: o.html.length, starts: o.html.slice(0, 60).replace(/\s+/g, " ") }],
    columns: [
      { key: "bytes", header: "HTML LENGTH" },
      { key: "starts", header: "STARTS WITH" },
    ],
  },
});

export const instanceActions = [
  instanceGet,
  instanceUpdate,
  instanceRestrictionsUpdate,
  instanceCommunicationGet,
  instanceCommunicationUpdate,
  instanceOAuthSettingsGet,
  instanceOAuthSettingsUpdate,
  instanceOrgSettingsGet,
  instanceOrgSettingsUpdate,
  instanceBetaSettingsUpdate,
  instanceChangeDomain,
  instanceInterstitial,
];
