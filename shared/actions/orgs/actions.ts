import { z } from "zod";
import { paginate } from "../../clerk/paginate";
import {
  deletedObject,
  listOf,
  type Organization,
  type OrganizationMembership,
  organization,
  organizationMembership,
} from "../../clerk/schemas";
import { defineAction } from "../action";
import { ActionInputError } from "../errors";
import { imageFile, readImage } from "../files";
import { id, limit, offset, stringList } from "../inputs";
import { apiPath, day } from "../view";
import { orgDomainActions } from "./domains";
import { instanceRole, metadataFields, orgRef, role } from "./inputs";
import { orgInvitationActions } from "./invitations";
import { orgPermissionActions } from "./permissions";
import { orgRoleSetActions } from "./role-sets";
import { orgRoleActions } from "./roles";
import { inOrgSubject, orgSubject } from "./subjects";

const orgColumns = [
  { key: "id", header: "ID" },
  { key: "name", header: "NAME" },
  { key: "slug", header: "SLUG" },
  { key: "members", header: "MEMBERS" },
  { key: "created", header: "CREATED" },
] as const;

function orgRow(o: Organization) {
  return { id: o.id, name: o.name, slug: o.slug, members: o.members_count ?? "", created: day(o.created_at) };
}

const singleOrg = { rows: (o: Organization) => [orgRow(o)], columns: orgColumns };
const orgList = listOf(organization);

const orgListFilters = {
  query: z.string().optional().describe("Search names, slugs and ids (partial match)"),
  user_id: stringList("Only organizations these users belong to"),
};

export const orgsList = defineAction({
  id: "orgs.list",
  summary: "List organizations, with search and sorting",
  input: z.object({
    ...orgListFilters,
    order_by: z
      .string()
      .default("-created_at")
      .describe("Sort by name, created_at or members_count; prefix + for ascending, - for descending"),
    include_members_count: z
      .boolean()
      .default(true)
      .describe("Include each organization's member count (the default; --no-include-members-count leaves it out)"),
    limit,
    offset,
  }),
  examples: ["clerk orgs list", "clerk orgs list --query acme --order-by +name --json"],
  api: "backend",
  mutates: false,
  output: orgList,
  async run(ctx, input) {
    return (await ctx.backend.request({ method: "GET", path: "/organizations", query: input }, orgList)).body;
  },
  stream: (ctx, input) =>
    paginate(ctx.backend, "/organizations", organization, {
      query: {
        query: input.query,
        user_id: input.user_id,
        order_by: input.order_by,
        include_members_count: input.include_members_count,
      },
    }),
  table: {
    rows: (output) => output.data.map(orgRow),
    item: (item) => orgRow(item as Organization),
    columns: orgColumns,
    footer: (output) => `${output.data.length} of ${output.total_count} organizations`,
  },
});

const orgInput = z.object({ organization_id: orgRef });

export const orgsGet = defineAction({
  id: "orgs.get",
  summary: "Show one organization (by id or slug)",
  input: orgInput,
  positionals: ["organization_id"],
  examples: ["clerk orgs get org_2abc", "clerk orgs get acme-inc --json"],
  api: "backend",
  mutates: false,
  output: organization,
  async run(ctx, input) {
    return (
      await ctx.backend.request({ method: "GET", path: apiPath("organizations", input.organization_id) }, organization)
    ).body;
  },
  table: singleOrg,
});

const orgFields = {
  slug: z.string().optional().describe("URL-friendly identifier (derived from the name if omitted)"),
  max_allowed_memberships: z.coerce.number().int().min(0).optional().describe("Member limit (0 = unlimited)"),
  ...metadataFields,
};

export const orgsCreate = defineAction({
  id: "orgs.create",
  summary: "Create an organization",
  input: z.object({
    name: z.string().min(1).describe("Organization name"),
    created_by: z.string().optional().describe("User id of the creator, who becomes its admin"),
    ...orgFields,
  }),
  examples: [
    'clerk orgs create --name "Acme Inc" --created-by user_2abc',
    "clerk orgs create --name Acme --slug acme --json",
  ],
  api: "backend",
  mutates: true,
  output: organization,
  async run(ctx, input) {
    return (await ctx.backend.request({ method: "POST", path: "/organizations", body: input }, organization)).body;
  },
  table: singleOrg,
});

export const orgsUpdate = defineAction({
  id: "orgs.update",
  summary: "Update an organization's name, slug, limits or metadata",
  input: z.object({
    organization_id: orgRef,
    name: z.string().min(1).optional().describe("New name"),
    admin_delete_enabled: z.boolean().optional().describe("Let admins delete the organization"),
    ...orgFields,
  }),
  positionals: ["organization_id"],
  examples: ['clerk orgs update org_2abc --name "Acme Corp"', "clerk orgs update acme --max-allowed-memberships 50"],
  api: "backend",
  mutates: true,
  output: organization,
  async run(ctx, { organization_id, ...body }) {
    return (
      await ctx.backend.request(
        { method: "PATCH", path: apiPath("organizations", organization_id), body },
        organization,
      )
    ).body;
  },
  table: singleOrg,
});

export const orgsDelete = defineAction({
  id: "orgs.delete",
  summary: "Delete an organization with its memberships and invitations",
  input: orgInput,
  positionals: ["organization_id"],
  examples: ["clerk orgs delete org_2abc", "clerk orgs delete acme --yes"],
  api: "backend",
  mutates: true,
  destructive: (input) => input.organization_id,
  subject: orgSubject,
  output: deletedObject,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "DELETE", path: apiPath("organizations", input.organization_id) },
        deletedObject,
      )
    ).body;
  },
});

const replaceFlag = z.boolean().default(false).describe("Replace the given metadata objects instead of merging");

export const orgsMetadata = defineAction({
  id: "orgs.metadata",
  summary: "Merge into an organization's metadata (null deletes a key), or replace it with --replace",
  input: z.object({ organization_id: orgRef, ...metadataFields, replace: replaceFlag }),
  positionals: ["organization_id"],
  examples: [
    'clerk orgs metadata org_2abc --public-metadata \'{"plan":"pro"}\'',
    "clerk orgs metadata acme --private-metadata '{}' --replace --json",
  ],
  api: "backend",
  mutates: true,
  output: organization,
  async run(ctx, { organization_id, replace, ...body }) {
    return (
      await ctx.backend.request(
        { method: replace ? "PUT" : "PATCH", path: apiPath("organizations", organization_id, "metadata"), body },
        organization,
      )
    ).body;
  },
  table: singleOrg,
});

export const orgsLogoSet = defineAction({
  id: "orgs.logo.set",
  summary: "Upload an organization's logo, replacing the one it has",
  input: orgInput.extend({ file: imageFile("logo") }),
  positionals: ["organization_id", "file"],
  examples: ["clerk orgs logo set org_2abc logo.png", "clerk orgs logo set acme ./brand/logo.svg --json"],
  api: "backend",
  mutates: true,
  output: organization,
  async run(ctx, input) {
    const upload = await readImage(input.file);
    return (
      await ctx.backend.request(
        { method: "PUT", path: apiPath("organizations", input.organization_id, "logo"), upload },
        organization,
      )
    ).body;
  },
  table: singleOrg,
});

export const orgsLogoDelete = defineAction({
  id: "orgs.logo.delete",
  summary: "Remove an organization's logo (it shows the default image again)",
  input: orgInput,
  positionals: ["organization_id"],
  examples: ["clerk orgs logo delete org_2abc --yes", "clerk orgs logo delete acme --yes --json"],
  api: "backend",
  mutates: true,
  stakes: "disruptive", // another upload puts one back
  output: organization,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "DELETE", path: apiPath("organizations", input.organization_id, "logo"), idempotent: false },
        organization,
      )
    ).body;
  },
  table: singleOrg,
});

const memberColumns = [
  { key: "user_id", header: "USER" },
  { key: "identifier", header: "IDENTIFIER" },
  { key: "name", header: "NAME" },
  { key: "role", header: "ROLE" },
  { key: "since", header: "SINCE" },
  // Last, so one organization's table keeps the Go CLI's columns; across organizations it says whose.
  { key: "organization", header: "ORGANIZATION" },
] as const;

function memberRow(m: OrganizationMembership) {
  const user = m.public_user_data;
  return {
    user_id: user?.user_id ?? "",
    identifier: user?.identifier ?? "",
    name: [user?.first_name, user?.last_name].filter(Boolean).join(" "),
    role: m.role,
    since: day(m.created_at),
    organization: m.organization.id,
  };
}

const membershipList = listOf(organizationMembership);

/** One organization's memberships, or the instance's (`GET /organization_memberships`) when none is named. */
function membershipsPath(organizationId: string | undefined, filters: { role?: string[]; query?: string }): string {
  if (organizationId) return apiPath("organizations", organizationId, "memberships");
  if (filters.role?.length || filters.query !== undefined) {
    throw new ActionInputError(
      "--role and --query filter one organization's members; Clerk's list of every membership takes neither.",
      "Name the organization: `clerk orgs members list <organization_id> --role org:admin`.",
      "usage_error",
    );
  }
  return "/organization_memberships";
}

export const orgsMembersList = defineAction({
  id: "orgs.members.list",
  summary: "List an organization's members, or every organization's",
  input: z.object({
    organization_id: orgRef.optional().describe("The organization id (org_…) or slug (default: every organization)"),
    role: stringList("Only members with these roles, e.g. org:admin (one organization only)"),
    query: z.string().optional().describe("Search members' identifiers and names (one organization only)"),
    order_by: z.string().default("-created_at").describe("Sort by created_at, first_name, last_name, email_address, …"),
    limit,
    offset,
  }),
  positionals: ["organization_id"],
  examples: [
    "clerk orgs members list org_2abc",
    "clerk orgs members list acme --role org:admin --json",
    "clerk orgs members list --all --json",
  ],
  api: "backend",
  mutates: false,
  output: membershipList,
  async run(ctx, { organization_id, ...query }) {
    return (
      await ctx.backend.request({ method: "GET", path: membershipsPath(organization_id, query), query }, membershipList)
    ).body;
  },
  stream: (ctx, { organization_id, role, query, order_by }) =>
    paginate(ctx.backend, membershipsPath(organization_id, { role, query }), organizationMembership, {
      query: { role, query, order_by },
    }),
  table: {
    rows: (output) => output.data.map(memberRow),
    item: (item) => memberRow(item as OrganizationMembership),
    columns: memberColumns,
    footer: (output) => `${output.data.length} of ${output.total_count} members`,
  },
});

const singleMember = { rows: (m: OrganizationMembership) => [memberRow(m)], columns: memberColumns };

export const orgsMembersAdd = defineAction({
  id: "orgs.members.add",
  summary: "Add a user to an organization",
  input: z.object({ organization_id: orgRef, user_id: id("user"), role: role.default("org:member") }),
  positionals: ["organization_id", "user_id"],
  examples: [
    "clerk orgs members add org_2abc user_2def",
    "clerk orgs members add acme user_2def --role org:admin",
    "clerk orgs members add acme --user-id user_2def",
  ],
  api: "backend",
  mutates: true,
  output: organizationMembership,
  async run(ctx, { organization_id, ...body }) {
    return (
      await ctx.backend.request(
        {
          method: "POST",
          path: apiPath("organizations", organization_id, "memberships"),
          body: { ...body, role: await instanceRole(ctx, body.role) },
        },
        organizationMembership,
      )
    ).body;
  },
  table: singleMember,
});

export const orgsMembersUpdate = defineAction({
  id: "orgs.members.update",
  summary: "Change a member's role",
  input: z.object({ organization_id: orgRef, user_id: id("user"), role }),
  positionals: ["organization_id", "user_id"],
  examples: ["clerk orgs members update org_2abc user_2def --role org:admin"],
  api: "backend",
  mutates: true,
  output: organizationMembership,
  async run(ctx, { organization_id, user_id, role }) {
    return (
      await ctx.backend.request(
        {
          method: "PATCH",
          path: apiPath("organizations", organization_id, "memberships", user_id),
          body: { role: await instanceRole(ctx, role) },
        },
        organizationMembership,
      )
    ).body;
  },
  table: singleMember,
});

export const orgsMembersRemove = defineAction({
  id: "orgs.members.remove",
  summary: "Remove a member from an organization",
  input: z.object({ organization_id: orgRef, user_id: id("user") }),
  positionals: ["organization_id", "user_id"],
  examples: ["clerk orgs members remove org_2abc user_2def", "clerk orgs members remove acme user_2def --yes"],
  api: "backend",
  mutates: true,
  stakes: "disruptive", // they can be added back
  subject: (ctx, input) => inOrgSubject(ctx, input.organization_id, apiPath("users", input.user_id), "from"),
  confirm: "terminal", // unasked off a terminal, the Go CLI does not ask (001:902)
  output: organizationMembership,
  async run(ctx, { organization_id, user_id }) {
    return (
      await ctx.backend.request(
        { method: "DELETE", path: apiPath("organizations", organization_id, "memberships", user_id) },
        organizationMembership,
      )
    ).body;
  },
  table: singleMember,
});

export const orgsMembersMetadata = defineAction({
  id: "orgs.members.metadata",
  summary: "Merge into a membership's metadata (null deletes a key)",
  input: z.object({ organization_id: orgRef, user_id: id("user"), ...metadataFields }),
  positionals: ["organization_id", "user_id"],
  examples: [
    'clerk orgs members metadata org_2abc user_2def --public-metadata \'{"team":"billing"}\'',
    "clerk orgs members metadata acme user_2def --private-metadata '{\"seat\":null}' --json",
  ],
  api: "backend",
  mutates: true,
  output: organizationMembership,
  async run(ctx, { organization_id, user_id, ...body }) {
    return (
      await ctx.backend.request(
        { method: "PATCH", path: apiPath("organizations", organization_id, "memberships", user_id, "metadata"), body },
        organizationMembership,
      )
    ).body;
  },
  table: singleMember,
});

export const orgActions = [
  orgsList,
  orgsGet,
  orgsCreate,
  orgsUpdate,
  orgsDelete,
  orgsMembersList,
  orgsMembersAdd,
  orgsMembersUpdate,
  orgsMembersRemove,
  orgsMembersMetadata,
  orgsMetadata,
  orgsLogoSet,
  orgsLogoDelete,
  ...orgInvitationActions,
  ...orgDomainActions,
  ...orgRoleActions,
  ...orgPermissionActions,
  ...orgRoleSetActions,
];
