import { z } from "zod";
import { paginate } from "../../clerk/paginate";
import { deletedObject, listOf } from "../../clerk/schemas";
import { defineAction } from "../action";
import { id, limit, offset } from "../inputs";
import { apiPath, day, deletedView } from "../view";
import { orgRef, searchAcrossOrgsOnly } from "./inputs";
import { type OrgDomain, orgDomain } from "./schemas";

/**
 * `clerk orgs domains …`: an organization's verified domains, through which people with an email
 * address at the domain are invited or offered to join (the instance must enable them first).
 */

const ENROLLMENT_MODES = [
  "manual_invitation",
  "automatic_invitation",
  "automatic_suggestion",
  "enterprise_sso",
] as const;

const domainColumns = [
  { key: "id", header: "ID" },
  { key: "organization_id", header: "ORGANIZATION" },
  { key: "name", header: "NAME" },
  { key: "enrollment", header: "ENROLLMENT" },
  { key: "ownership", header: "OWNERSHIP" },
  { key: "created", header: "CREATED" },
] as const;

function domainRow(d: OrgDomain): Record<string, unknown> {
  return {
    id: d.id,
    organization_id: d.organization_id,
    name: d.name,
    enrollment: d.enrollment_mode,
    ownership: d.ownership_verification?.status ?? "unverified",
    created: day(d.created_at),
  };
}

const singleDomain = { rows: (d: OrgDomain) => [domainRow(d)], columns: domainColumns };
const domainList = listOf(orgDomain);
const enrollmentMode = z
  .enum(ENROLLMENT_MODES)
  .describe("How people with an address at the domain join: invited, offered to join, invited by an admin, or via SSO");
const domainInput = { organization_id: orgRef, domain_id: id("organization domain") };

export const orgsDomainsList = defineAction({
  id: "orgs.domains.list",
  summary: "List one organization's domains, or every organization's",
  input: z.object({
    organization_id: orgRef.optional().describe("Only this organization's domains (id or slug; default: all)"),
    verified: z.boolean().optional().describe("Only verified domains (--no-verified: only unverified ones)"),
    enrollment_mode: z.array(enrollmentMode).optional().describe("Only domains with these enrollment modes"),
    query: z.string().optional().describe("Search domain names (all organizations only)"),
    limit,
    offset,
  }),
  positionals: ["organization_id"],
  examples: ["clerk orgs domains list", "clerk orgs domains list acme --verified --json"],
  api: "backend",
  mutates: false,
  output: domainList,
  async run(ctx, { organization_id, ...query }) {
    searchAcrossOrgsOnly(organization_id, query.query, "domains");
    return (await ctx.backend.request({ method: "GET", path: domainsPath(organization_id), query }, domainList)).body;
  },
  stream: (ctx, { organization_id, verified, enrollment_mode, query }) => {
    searchAcrossOrgsOnly(organization_id, query, "domains");
    return paginate(ctx.backend, domainsPath(organization_id), orgDomain, {
      query: { verified, enrollment_mode, query },
    });
  },
  table: {
    rows: (output) => output.data.map(domainRow),
    item: (item) => domainRow(item as OrgDomain),
    columns: domainColumns,
    footer: (output) => `${output.data.length} of ${output.total_count} domains`,
  },
});

/** An organization's domains, or the instance's (`GET /organization_domains`) when none is named. */
function domainsPath(organizationId: string | undefined): string {
  return organizationId ? apiPath("organizations", organizationId, "domains") : "/organization_domains";
}

export const orgsDomainsCreate = defineAction({
  id: "orgs.domains.create",
  summary: "Add a domain to an organization",
  input: z.object({
    organization_id: orgRef,
    name: z.string().min(1).describe("The domain, e.g. acme.com"),
    enrollment_mode: enrollmentMode,
    verified: z
      .boolean()
      .default(true)
      .describe("Mark it verified (default true; --no-verified leaves it to the DNS ownership check)"),
  }),
  positionals: ["organization_id", "name"],
  examples: [
    "clerk orgs domains create org_2abc acme.com --enrollment-mode automatic_invitation",
    "clerk orgs domains create acme acme.com --enrollment-mode automatic_suggestion --no-verified --json",
  ],
  api: "backend",
  mutates: true,
  output: orgDomain,
  howToCheck: (input) => `clerk orgs domains list ${input.organization_id}`,
  async run(ctx, { organization_id, ...body }) {
    return (
      await ctx.backend.request(
        { method: "POST", path: apiPath("organizations", organization_id, "domains"), body },
        orgDomain,
      )
    ).body;
  },
  table: singleDomain,
});

export const orgsDomainsUpdate = defineAction({
  id: "orgs.domains.update",
  summary: "Change an organization domain's enrollment mode or verified status",
  input: z.object({
    ...domainInput,
    enrollment_mode: enrollmentMode.optional(),
    verified: z.boolean().optional().describe("Mark it verified (--no-verified: unverified)"),
  }),
  positionals: ["organization_id", "domain_id"],
  examples: ["clerk orgs domains update org_2abc orgdmn_2def --enrollment-mode manual_invitation"],
  api: "backend",
  mutates: true,
  output: orgDomain,
  async run(ctx, { organization_id, domain_id, ...body }) {
    return (
      await ctx.backend.request(
        {
          method: "PATCH",
          path: apiPath("organizations", organization_id, "domains", domain_id),
          body,
          idempotent: true,
        },
        orgDomain,
      )
    ).body;
  },
  table: singleDomain,
});

export const orgsDomainsDelete = defineAction({
  id: "orgs.domains.delete",
  summary: "Remove a domain from an organization",
  input: z.object(domainInput),
  positionals: ["organization_id", "domain_id"],
  examples: ["clerk orgs domains delete org_2abc orgdmn_2def", "clerk orgs domains delete acme orgdmn_2def --yes"],
  api: "backend",
  mutates: true,
  destructive: (input) => input.domain_id,
  output: deletedObject,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "DELETE", path: apiPath("organizations", input.organization_id, "domains", input.domain_id) },
        deletedObject,
      )
    ).body;
  },
  table: deletedView,
});

export const orgsDomainsVerify = defineAction({
  id: "orgs.domains.verify",
  summary: "Mark an organization domain's ownership as verified, without the DNS check",
  input: z.object(domainInput),
  positionals: ["organization_id", "domain_id"],
  examples: ["clerk orgs domains verify org_2abc orgdmn_2def", "clerk orgs domains verify acme orgdmn_2def --json"],
  api: "backend",
  mutates: true,
  output: orgDomain,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        {
          method: "POST",
          path: apiPath("organizations", input.organization_id, "domains", input.domain_id, "verify_ownership"),
          // Verifying a verified domain changes nothing.
          idempotent: true,
        },
        orgDomain,
      )
    ).body;
  },
  table: singleDomain,
});

export const orgDomainActions = [
  orgsDomainsList,
  orgsDomainsCreate,
  orgsDomainsUpdate,
  orgsDomainsDelete,
  orgsDomainsVerify,
];
