import { z } from "zod";
import { paginate } from "../../clerk/paginate";
import { deletedObject, listOf } from "../../clerk/schemas";
import { defineAction } from "../action";
import { id, limit } from "../inputs";
import { apiPath, deletedView } from "../view";
import { requirePlatform, resolveApplicationId } from "./platform";
import {
  type AppDomain,
  appDomain,
  type DomainIntent,
  domainIntent,
  type WorkspaceDomain,
  workspaceDomain,
} from "./schemas";

/** The Platform API's workspace lists page by cursor: the last id of the page before. */
const startingAfter = z.string().optional().describe("Continue after this id (the last one of the previous page)");

const domainColumns = [
  { key: "id", header: "ID" },
  { key: "name", header: "NAME" },
  { key: "application", header: "APPLICATION" },
  { key: "instance", header: "INSTANCE" },
  { key: "kind", header: "KIND" },
] as const;

/** A domain as a row; the application's own domains (not workspace-wide) are its production instance's. */
function domainRow(d: AppDomain & Partial<WorkspaceDomain>): Record<string, unknown> {
  return {
    id: d.id,
    name: d.name,
    application: d.application?.id ?? "",
    instance: d.instance?.environment_type ?? "production",
    kind: d.is_provider_domain ? "provider" : d.is_satellite ? "satellite" : "primary",
  };
}

const singleDomain = {
  rows: (d: AppDomain & Partial<WorkspaceDomain>) => [
    domainRow(d),
    ...(d.cname_targets ?? []).map((target) => ({
      id: "",
      name: `CNAME ${target.host}`,
      application: target.value,
      instance: "",
      kind: target.required ? "required" : "optional",
    })),
  ],
  columns: domainColumns,
};

const workspaceDomainList = listOf(workspaceDomain);
const domainFilters = {
  name: z.string().optional().describe("Only domains whose name contains this"),
  include_development: z.boolean().default(false).describe("Include development instances' domains"),
};
const domainQuery = (filters: { name?: string | undefined; include_development: boolean }) => ({
  name: filters.name,
  include_development: filters.include_development ? "true" : undefined,
});

export const appsDomainsList = defineAction({
  id: "apps.domains.list",
  summary: "List the domains of every application in the workspace, newest first",
  description: "Production domains unless --include-development; each row names its application.",
  input: z.object({ ...domainFilters, limit, starting_after: startingAfter }),
  examples: [
    "clerk apps domains list",
    "clerk apps domains list --name example.com --include-development --all --json",
  ],
  api: "platform",
  mutates: false,
  output: workspaceDomainList,
  async run(ctx, { limit, starting_after, ...filters }) {
    return (
      await requirePlatform(ctx).request(
        { method: "GET", path: "/domains", query: { ...domainQuery(filters), limit, starting_after } },
        workspaceDomainList,
      )
    ).body;
  },
  stream: (ctx, input) =>
    paginate(requirePlatform(ctx), "/domains", workspaceDomain, { query: domainQuery(input), cursor: true }),
  table: {
    rows: (output) => output.data.map(domainRow),
    item: (item) => domainRow(item as WorkspaceDomain),
    columns: domainColumns,
    footer: (output) => `${output.data.length} of ${output.total_count} domains`,
  },
});

const domainInput = z.object({ domain: z.string().min(1).describe("The domain's id (dmn_…) or name") });

export const appsDomainsGet = defineAction({
  id: "apps.domains.get",
  summary: "Show one domain of any application in the workspace, with its DNS records",
  input: domainInput,
  positionals: ["domain"],
  examples: ["clerk apps domains get example.com", "clerk apps domains get dmn_2abc --json"],
  api: "platform",
  mutates: false,
  output: workspaceDomain,
  async run(ctx, input) {
    return (
      await requirePlatform(ctx).request({ method: "GET", path: apiPath("domains", input.domain) }, workspaceDomain)
    ).body;
  },
  table: singleDomain,
});

const proxyPath = z.string().optional().describe("Path of your proxy to Clerk's Frontend API on it (default /__clerk)");

export const appsDomainsAdd = defineAction({
  id: "apps.domains.add",
  summary: "Add a provider domain (e.g. a vercel.app name) to the application's production instance",
  description: "Clerk's Frontend API runs behind your proxy on it. --domain-intent-id completes a domain intent.",
  input: z.object({
    name: z.string().min(1).describe("The domain, e.g. my-shop.vercel.app"),
    proxy_path: proxyPath,
    domain_intent_id: z.string().optional().describe("The domain intent (dmnint_…) this completes"),
  }),
  positionals: ["name"],
  examples: [
    "clerk apps domains add my-shop.vercel.app --app app_2abc",
    "clerk apps domains add shop.example.com --json",
  ],
  api: "platform",
  mutates: true,
  output: appDomain,
  howToCheck: (input) => `clerk apps domains get ${input.name}`,
  async run(ctx, input) {
    const applicationId = await resolveApplicationId(ctx);
    return (
      await requirePlatform(ctx).request(
        { method: "POST", path: apiPath("applications", applicationId, "domains"), body: input },
        appDomain,
      )
    ).body;
  },
  table: singleDomain,
});

export const appsDomainsSetProduction = defineAction({
  id: "apps.domains.set-production",
  summary: "Change the application's production (primary) domain",
  input: z.object({
    name: z.string().min(1).describe("The new production domain, e.g. example.com"),
    proxy_path: proxyPath,
  }),
  positionals: ["name"],
  examples: ["clerk apps domains set-production example.com --app app_2abc"],
  api: "platform",
  mutates: true,
  output: appDomain,
  async run(ctx, input) {
    const applicationId = await resolveApplicationId(ctx);
    return (
      await requirePlatform(ctx).request(
        { method: "PATCH", path: apiPath("applications", applicationId, "domain"), body: input, idempotent: true },
        appDomain,
      )
    ).body;
  },
  table: singleDomain,
});

export const appsDomainsDelete = defineAction({
  id: "apps.domains.delete",
  summary: "Delete a provider domain from the application (the primary domain stays)",
  input: domainInput,
  positionals: ["domain"],
  examples: ["clerk apps domains delete my-shop.vercel.app --app app_2abc", "clerk apps domains delete dmn_2abc --yes"],
  api: "platform",
  mutates: true,
  destructive: (input) => input.domain,
  output: deletedObject,
  async run(ctx, input) {
    const applicationId = await resolveApplicationId(ctx);
    return (
      await requirePlatform(ctx).request(
        { method: "DELETE", path: apiPath("applications", applicationId, "domains", input.domain) },
        deletedObject,
      )
    ).body;
  },
  table: deletedView,
});

const intentColumns = [
  { key: "id", header: "ID" },
  { key: "name", header: "NAME" },
  { key: "status", header: "STATUS" },
  { key: "domain", header: "DOMAIN" },
] as const;

function intentRow(i: DomainIntent): Record<string, unknown> {
  return { id: i.id, name: i.domain_name ?? "", status: i.status, domain: i.domain_id ?? "" };
}

const singleIntent = {
  rows: (i: DomainIntent) => [
    intentRow(i),
    ...i.records.map((r) => ({
      id: "",
      name: `CNAME ${r.host}`,
      status: r.required ? "required" : "optional",
      domain: r.value,
    })),
  ],
  columns: intentColumns,
};

const INTENT_STATUSES = ["pending", "completed", "expired", "canceled"] as const;
const intentList = listOf(domainIntent);
const intentFilters = {
  name: z.string().optional().describe("Only the intents for this exact domain name"),
  status: z
    .array(z.enum(INTENT_STATUSES))
    .optional()
    .describe(`Only intents in these statuses: ${INTENT_STATUSES.join(", ")}`),
};

export const appsDomainIntentsList = defineAction({
  id: "apps.domain-intents.list",
  summary: "List the workspace's domain intents (names reserved before their application), newest first",
  input: z.object({ ...intentFilters, limit, starting_after: startingAfter }),
  examples: ["clerk apps domain-intents list", "clerk apps domain-intents list --status pending --all --json"],
  api: "platform",
  mutates: false,
  output: intentList,
  async run(ctx, input) {
    return (await requirePlatform(ctx).request({ method: "GET", path: "/domain_intents", query: input }, intentList))
      .body;
  },
  stream: (ctx, { name, status }) =>
    paginate(requirePlatform(ctx), "/domain_intents", domainIntent, { query: { name, status }, cursor: true }),
  table: {
    rows: (output) => output.data.map(intentRow),
    item: (item) => intentRow(item as DomainIntent),
    columns: intentColumns,
    footer: (output) => `${output.data.length} of ${output.total_count} domain intents`,
  },
});

const intentInput = z.object({ domain_intent_id: id("domain intent") });

export const appsDomainIntentsGet = defineAction({
  id: "apps.domain-intents.get",
  summary: "Show a domain intent with the DNS records to create",
  input: intentInput,
  positionals: ["domain_intent_id"],
  examples: ["clerk apps domain-intents get dmnint_2abc", "clerk apps domain-intents get dmnint_2abc --json"],
  api: "platform",
  mutates: false,
  output: domainIntent,
  async run(ctx, input) {
    return (
      await requirePlatform(ctx).request(
        { method: "GET", path: apiPath("domain_intents", input.domain_intent_id) },
        domainIntent,
      )
    ).body;
  },
  table: singleIntent,
});

export const appsDomainIntentsCreate = defineAction({
  id: "apps.domain-intents.create",
  summary: "Reserve a domain name and get its DNS records, before the application that will use it",
  description: "Complete it later with `clerk apps domains add <name> --domain-intent-id <id>`.",
  input: z.object({
    name: z.string().min(1).describe("The domain, e.g. shop.example.com"),
    proxy_path: z.string().optional().describe("The proxy path you will use (decides which DNS records are required)"),
  }),
  positionals: ["name"],
  examples: [
    "clerk apps domain-intents create shop.example.com",
    "clerk apps domain-intents create shop.example.com --json",
  ],
  api: "platform",
  mutates: true,
  output: domainIntent,
  howToCheck: (input) => `clerk apps domain-intents list --name ${input.name}`,
  async run(ctx, input) {
    return (await requirePlatform(ctx).request({ method: "POST", path: "/domain_intents", body: input }, domainIntent))
      .body;
  },
  table: singleIntent,
});

export const appsDomainIntentsCancel = defineAction({
  id: "apps.domain-intents.cancel",
  summary: "Cancel a pending domain intent",
  input: intentInput,
  positionals: ["domain_intent_id"],
  examples: ["clerk apps domain-intents cancel dmnint_2abc"],
  api: "platform",
  mutates: true,
  output: domainIntent,
  async run(ctx, input) {
    return (
      await requirePlatform(ctx).request(
        { method: "DELETE", path: apiPath("domain_intents", input.domain_intent_id) },
        domainIntent,
      )
    ).body;
  },
  table: singleIntent,
});

export const appDomainActions = [
  appsDomainsList,
  appsDomainsGet,
  appsDomainsAdd,
  appsDomainsSetProduction,
  appsDomainsDelete,
  appsDomainIntentsList,
  appsDomainIntentsGet,
  appsDomainIntentsCreate,
  appsDomainIntentsCancel,
];
