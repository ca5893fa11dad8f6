import { z } from "zod";
import { configPatchCommand } from "../config/actions";

/**
 * `clerk enable …` / `clerk disable …`, as Clerk's official CLI spells them: each switches a
 * feature through the instance's config (organization_settings, billing) with a config patch.
 */

const BILLING_TARGETS = ["orgs", "users"] as const;
type BillingTarget = (typeof BILLING_TARGETS)[number];

const billingInput = {
  for: z
    .array(z.enum(BILLING_TARGETS))
    .optional()
    .describe("Billing targets: orgs and/or users (space- or comma-separated); both when omitted"),
  // `--for orgs users`: the words after the first target arrive as arguments.
  targets: z.array(z.enum(BILLING_TARGETS)).optional().describe("More billing targets (the rest of --for)"),
};

/** The targets named by `--for` and the words after it; both when none is named. */
function billingTargets(input: { for?: BillingTarget[] | undefined; targets?: BillingTarget[] | undefined }) {
  const named = [...(input.for ?? []), ...(input.targets ?? [])];
  return named.length ? new Set(named) : new Set(BILLING_TARGETS);
}

/**
 * The patch the official CLI 3.3.0 sends: `billing.user_enabled` / `billing.organization_enabled`,
 * and enabling organization billing also enables organizations.
 */
function billingPatch(input: Parameters<typeof billingTargets>[0], enabled: boolean) {
  const targets = billingTargets(input);
  const orgs = targets.has("orgs");
  return {
    billing: {
      ...(targets.has("users") ? { user_enabled: enabled } : {}),
      ...(orgs ? { organization_enabled: enabled } : {}),
    },
    ...(orgs && enabled ? { organization_settings: { enabled: true } } : {}),
  };
}

export const enableOrgs = configPatchCommand({
  id: "enable.orgs",
  summary: "Enable organizations on the instance",
  description: "Flags left out keep their current setting.",
  input: {
    force_selection: z.boolean().optional().describe("Force organization selection after sign-in"),
    max_members: z.coerce.number().int().min(0).optional().describe("Maximum members per organization (0: unlimited)"),
    auto_create: z.boolean().optional().describe("Auto-create an organization for new users"),
    domains: z.boolean().optional().describe("Enable verified domains"),
  },
  examples: [
    "clerk enable orgs",
    "clerk enable orgs --force-selection --max-members 10",
    "clerk enable orgs --auto-create --dry-run",
  ],
  patchOf: (input) => {
    const settings: Record<string, unknown> = { enabled: true };
    if (input.force_selection !== undefined) settings.force_organization_selection = input.force_selection;
    if (input.max_members !== undefined) settings.max_allowed_memberships = input.max_members;
    if (input.auto_create !== undefined) {
      // As the official CLI 3.3.0 writes `--auto-create`.
      const enabled = input.auto_create;
      settings.organization_creation_defaults = { enabled, automatic_organization_creation: { enabled } };
    }
    if (input.domains !== undefined) settings.domains_enabled = input.domains;
    return { organization_settings: settings };
  },
});

export const disableOrgs = configPatchCommand({
  id: "disable.orgs",
  summary: "Disable organizations on the instance",
  input: {},
  examples: ["clerk disable orgs", "clerk disable orgs --dry-run"],
  // It turns a feature off for everyone (enable turns it back on); unasked off a terminal, as the
  // official CLI runs it (help:disable).
  stakes: "disruptive",
  confirm: "terminal",
  patchOf: () => ({ organization_settings: { enabled: false } }),
});

export const enableBilling = configPatchCommand({
  id: "enable.billing",
  summary: "Enable billing for organizations and/or users",
  input: {
    ...billingInput,
    skills: z
      .boolean()
      .default(true)
      .describe("Accepted as the official CLI takes it (--no-skills); this CLI installs no agent skills"),
  },
  positionals: ["targets"],
  examples: ["clerk enable billing", "clerk enable billing --for orgs", "clerk enable billing --for orgs users"],
  patchOf: (input) => billingPatch(input, true),
});

export const disableBilling = configPatchCommand({
  id: "disable.billing",
  summary: "Disable billing for organizations and/or users (organizations stay enabled)",
  input: billingInput,
  positionals: ["targets"],
  examples: ["clerk disable billing", "clerk disable billing --for orgs", "clerk disable billing --for users"],
  // It turns a feature off for everyone (enable turns it back on); unasked off a terminal, as the
  // official CLI runs it (help:disable).
  stakes: "disruptive",
  confirm: "terminal",
  patchOf: (input) => billingPatch(input, false),
});

export const featureActions = [enableOrgs, disableOrgs, enableBilling, disableBilling];
