import { z } from "zod";
import { deletedObject, listOf } from "../../clerk/schemas";
import { type ActionContext, defineAction } from "../action";
import { ActionError } from "../errors";
import { id } from "../inputs";
import { recordSubject } from "../stakes";
import { apiPath, deletedView, minute } from "../view";
import { type InstanceDomain, instanceDomain, proxyCheck } from "./schemas";

const domainColumns = [
  { key: "id", header: "ID" },
  { key: "name", header: "NAME" },
  { key: "kind", header: "KIND" },
  { key: "frontend_api", header: "FRONTEND API" },
  { key: "proxy", header: "PROXY" },
] as const;

function domainRow(d: InstanceDomain): Record<string, unknown> {
  return {
    id: d.id,
    name: d.name,
    kind: d.is_satellite ? "satellite" : "primary",
    frontend_api: d.frontend_api_url,
    proxy: d.proxy_url ?? "",
  };
}

const singleDomain = { rows: (d: InstanceDomain) => [domainRow(d)], columns: domainColumns };
const domainList = listOf(instanceDomain);

async function listDomains(ctx: ActionContext) {
  return (await ctx.backend.request({ method: "GET", path: "/domains" }, domainList)).body;
}

export const domainsList = defineAction({
  id: "domains.list",
  summary: "List the instance's domains: the primary one and its satellites",
  input: z.object({}),
  examples: ["clerk domains list", "clerk domains list --instance prod --json"],
  api: "backend",
  mutates: false,
  output: domainList,
  run: (ctx) => listDomains(ctx),
  table: {
    rows: (output) => output.data.map(domainRow),
    columns: domainColumns,
    footer: (output) => `${output.total_count} domains`,
  },
});

export const domainsGet = defineAction({
  id: "domains.get",
  summary: "Show one domain, with the DNS records (CNAME targets) it needs",
  description: "The Backend API has no single-domain endpoint: this finds the domain in `GET /domains`.",
  input: z.object({ domain: z.string().min(1).describe("The domain's id (dmn_…) or name") }),
  positionals: ["domain"],
  examples: ["clerk domains get dmn_2abc", "clerk domains get shop.example.com --instance prod --json"],
  api: "backend",
  mutates: false,
  output: instanceDomain,
  async run(ctx, input) {
    const wanted = input.domain.toLowerCase();
    const found = (await listDomains(ctx)).data.find((d) => d.id === input.domain || d.name === wanted);
    if (!found) {
      throw new ActionError(
        `No domain ${input.domain} on this instance.`,
        "Run `clerk domains list` to see its domains.",
        "domain_not_found",
      );
    }
    return found;
  },
  table: {
    rows: (d) => [
      domainRow(d),
      ...(d.cname_targets ?? []).map((target) => ({
        id: "",
        name: `CNAME ${target.host}`,
        kind: target.required ? "required" : "optional",
        frontend_api: target.value,
        proxy: "",
      })),
    ],
    columns: domainColumns,
  },
});

const proxyUrl = z
  .string()
  .describe("URL of your proxy in front of Clerk's Frontend API, e.g. https://shop.example.com/__clerk (production)");

export const domainsAdd = defineAction({
  id: "domains.add",
  summary: "Add a satellite domain, optionally served through your proxy",
  input: z.object({
    name: z.string().min(1).describe("The domain, e.g. shop.example.com (development: may carry a port)"),
    proxy_url: proxyUrl.optional(),
  }),
  positionals: ["name"],
  examples: [
    "clerk domains add shop.example.com --instance prod",
    "clerk domains add shop.example.com --proxy-url https://shop.example.com/__clerk --instance prod --json",
  ],
  api: "backend",
  mutates: true,
  output: instanceDomain,
  async run(ctx, input) {
    // Only satellites can be added: an instance has exactly one primary domain.
    const body = { name: input.name, is_satellite: true, ...(input.proxy_url ? { proxy_url: input.proxy_url } : {}) };
    return (await ctx.backend.request({ method: "POST", path: "/domains", body }, instanceDomain)).body;
  },
  table: singleDomain,
});

export const domainsUpdate = defineAction({
  id: "domains.update",
  summary: "Rename a domain or change its proxy (primary or satellite)",
  input: z.object({
    domain_id: id("domain"),
    name: z.string().min(1).optional().describe("The new domain name"),
    proxy_url: proxyUrl.optional().describe('Proxy URL ("" removes the proxy: back to DNS setup)'),
    is_secondary: z.boolean().optional().describe("A secondary app's domain: its subdomain is kept as part of it"),
  }),
  positionals: ["domain_id"],
  examples: [
    "clerk domains update dmn_2abc --proxy-url https://shop.example.com/__clerk --instance prod",
    'clerk domains update dmn_2abc --proxy-url "" --instance prod',
    "clerk domains update dmn_2abc --name store.example.com --instance prod --json",
  ],
  api: "backend",
  mutates: true,
  output: instanceDomain,
  async run(ctx, { domain_id, proxy_url, ...changes }) {
    const body = { ...changes, ...(proxy_url === undefined ? {} : { proxy_url: proxy_url === "" ? null : proxy_url }) };
    return (
      await ctx.backend.request(
        { method: "PATCH", path: apiPath("domains", domain_id), body, idempotent: true },
        instanceDomain,
      )
    ).body;
  },
  table: singleDomain,
});

export const domainsDelete = defineAction({
  id: "domains.delete",
  summary: "Delete a satellite domain (the primary domain cannot be deleted)",
  input: z.object({ domain_id: id("domain") }),
  positionals: ["domain_id"],
  examples: ["clerk domains delete dmn_2abc --instance prod", "clerk domains delete dmn_2abc --yes --json"],
  api: "backend",
  mutates: true,
  destructive: (input) => input.domain_id,
  subject: async (ctx, input) => recordSubject(await domainsGet.run(ctx, { domain: input.domain_id })),
  output: deletedObject,
  async run(ctx, input) {
    return (await ctx.backend.request({ method: "DELETE", path: apiPath("domains", input.domain_id) }, deletedObject))
      .body;
  },
  table: deletedView,
});

export const domainsCheckProxy = defineAction({
  id: "domains.check-proxy",
  summary: "Check that your proxy forwards to Clerk's Frontend API before pointing a domain at it",
  description:
    "Clerk sends a request through the proxy; a proxy that does not answer as Clerk would fails with its 400.",
  input: z.object({
    domain_id: id("domain"),
    proxy_url: proxyUrl,
  }),
  positionals: ["domain_id"],
  examples: ["clerk domains check-proxy dmn_2abc --proxy-url https://shop.example.com/__clerk --instance prod"],
  api: "backend",
  mutates: false,
  output: proxyCheck,
  async run(ctx, input) {
    // A check changes nothing: safe to repeat.
    return (
      await ctx.backend.request({ method: "POST", path: "/proxy_checks", body: input, idempotent: true }, proxyCheck)
    ).body;
  },
  table: {
    rows: (check) => [{ proxy: check.proxy_url, successful: check.successful, checked: minute(check.last_run_at) }],
    columns: [
      { key: "proxy", header: "PROXY URL" },
      { key: "successful", header: "SUCCESSFUL" },
      { key: "checked", header: "CHECKED" },
    ],
  },
});

export const domainActions = [domainsList, domainsGet, domainsAdd, domainsUpdate, domainsDelete, domainsCheckProxy];
