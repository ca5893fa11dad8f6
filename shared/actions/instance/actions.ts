import { z } from "zod";
import { defineAction } from "../action";
import { withFlagAliases } from "../fields";
import { stringList } from "../inputs";
import { type Instance, type InstanceRestrictions, instance, instanceRestrictions } from "./schemas";

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

export const instanceActions = [instanceGet, instanceUpdate, instanceRestrictionsUpdate];
