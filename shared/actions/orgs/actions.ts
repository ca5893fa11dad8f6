import { z } from "zod";
import { paginate } from "../../clerk/paginate";
import {
  deletedObject,
  listOf,
  type Organization,
  type OrganizationInvitation,
  type OrganizationMembership,
  organization,
  organizationInvitation,
  organizationMembership,
} from "../../clerk/schemas";
import { type ActionContext, defineAction } from "../action";
import { withFlagAliases } from "../fields";
import { id, jsonObject, limit, offset, stringList } from "../inputs";
import { lookUpSubject, recordSubject } from "../stakes";
import { apiPath, day } from "../view";

const orgRef = z.coerce.string().min(1).describe("The organization id (org_…) or slug");

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

/** An organization as people know it: "Acme Inc", confirmed by typing its slug. */
const orgSubject = async (ctx: ActionContext, input: { organization_id: string }) =>
  recordSubject(await orgsGet.run(ctx, { organization_id: input.organization_id }));

/** Someone in an organization: "Ada Lovelace (ada@example.com) from Acme Inc". */
async function inOrgSubject(ctx: ActionContext, organization_id: string, path: string, where: string) {
  const [org, subject] = await Promise.all([orgSubject(ctx, { organization_id }), lookUpSubject(ctx, path)]);
  return subject && { ...subject, where: `${where} ${org?.label ?? organization_id}` };
}

const orgFields = {
  slug: z.string().optional().describe("URL-friendly identifier (derived from the name if omitted)"),
  max_allowed_memberships: z.coerce.number().int().min(0).optional().describe("Member limit (0 = unlimited)"),
  public_metadata: jsonObject("Public metadata as a JSON object").optional(),
  private_metadata: jsonObject("Private metadata as a JSON object").optional(),
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

const memberColumns = [
  { key: "user_id", header: "USER" },
  { key: "identifier", header: "IDENTIFIER" },
  { key: "name", header: "NAME" },
  { key: "role", header: "ROLE" },
  { key: "since", header: "SINCE" },
] as const;

function memberRow(m: OrganizationMembership) {
  const user = m.public_user_data;
  return {
    user_id: user?.user_id ?? "",
    identifier: user?.identifier ?? "",
    name: [user?.first_name, user?.last_name].filter(Boolean).join(" "),
    role: m.role,
    since: day(m.created_at),
  };
}

const membershipList = listOf(organizationMembership);

export const orgsMembersList = defineAction({
  id: "orgs.members.list",
  summary: "List an organization's members",
  input: z.object({
    organization_id: orgRef,
    role: stringList("Only members with these roles, e.g. org:admin"),
    query: z.string().optional().describe("Search members' identifiers and names"),
    order_by: z.string().default("-created_at").describe("Sort by created_at, first_name, last_name, email_address, …"),
    limit,
    offset,
  }),
  positionals: ["organization_id"],
  examples: ["clerk orgs members list org_2abc", "clerk orgs members list acme --role org:admin --json"],
  api: "backend",
  mutates: false,
  output: membershipList,
  async run(ctx, { organization_id, ...query }) {
    return (
      await ctx.backend.request(
        { method: "GET", path: apiPath("organizations", organization_id, "memberships"), query },
        membershipList,
      )
    ).body;
  },
  stream: (ctx, { organization_id, role, query, order_by }) =>
    paginate(ctx.backend, apiPath("organizations", organization_id, "memberships"), organizationMembership, {
      query: { role, query, order_by },
    }),
  table: {
    rows: (output) => output.data.map(memberRow),
    item: (item) => memberRow(item as OrganizationMembership),
    columns: memberColumns,
    footer: (output) => `${output.data.length} of ${output.total_count} members`,
  },
});

const role = z
  .string()
  .min(1)
  .describe("Role key, e.g. org:admin or org:member (admin and basic_member, the Go CLI's names, also work)");
const roleKeys = listOf(z.looseObject({ key: z.string() }));

/**
 * The instance's role key for a role as the Go CLI names it, without the `org:` prefix that
 * Clerk's role keys carry (`admin` is org:admin). `basic_member` is Clerk's former name of the
 * default member role, org:member. A key that names no role is sent as given (Clerk rejects it).
 */
async function instanceRole(ctx: ActionContext, name: string): Promise<string> {
  if (name.startsWith("org:")) return name;
  const { data } = (
    await ctx.backend.request({ method: "GET", path: "/organization_roles", query: { limit: 500 } }, roleKeys)
  ).body;
  const keys = new Set(data.map((r) => r.key));
  const candidates = [name, `org:${name}`, ...(name === "basic_member" ? ["org:member"] : [])];
  return candidates.find((key) => keys.has(key)) ?? name;
}
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

const invitationColumns = [
  { key: "id", header: "ID" },
  { key: "email", header: "EMAIL" },
  { key: "role", header: "ROLE" },
  { key: "status", header: "STATUS" },
  { key: "expires", header: "EXPIRES" },
] as const;

function invitationRow(i: OrganizationInvitation) {
  return { id: i.id, email: i.email_address, role: i.role, status: i.status ?? "", expires: day(i.expires_at) };
}

const invitationList = listOf(organizationInvitation);
const singleInvitation = { rows: (i: OrganizationInvitation) => [invitationRow(i)], columns: invitationColumns };

export const orgsInvitationsList = defineAction({
  id: "orgs.invitations.list",
  summary: "List an organization's invitations",
  input: z.object({
    organization_id: orgRef,
    status: z.enum(["pending", "accepted", "revoked", "expired"]).optional().describe("Only invitations in this state"),
    limit,
    offset,
  }),
  positionals: ["organization_id"],
  examples: ["clerk orgs invitations list org_2abc --status pending"],
  api: "backend",
  mutates: false,
  output: invitationList,
  async run(ctx, { organization_id, ...query }) {
    return (
      await ctx.backend.request(
        { method: "GET", path: apiPath("organizations", organization_id, "invitations"), query },
        invitationList,
      )
    ).body;
  },
  table: {
    rows: (output) => output.data.map(invitationRow),
    columns: invitationColumns,
    footer: (output) => `${output.data.length} of ${output.total_count} invitations`,
  },
});

export const orgsInvitationsCreate = defineAction({
  id: "orgs.invitations.create",
  summary: "Invite someone to an organization by email",
  input: z.object({
    organization_id: orgRef,
    email_address: withFlagAliases(["email"], z.string().min(3).describe("Who to invite")),
    role: role.default("org:member"),
    inviter_user_id: z.string().optional().describe("User id of the member sending the invitation"),
    redirect_url: z.string().optional().describe("Where the invitation link leads"),
    expires_in_days: z.coerce.number().int().min(1).max(365).optional().describe("Days until the invitation expires"),
    public_metadata: jsonObject("Public metadata as a JSON object").optional(),
  }),
  positionals: ["organization_id"],
  examples: ["clerk orgs invitations create org_2abc --email-address new@example.com --role org:member"],
  api: "backend",
  mutates: true,
  output: organizationInvitation,
  async run(ctx, { organization_id, ...body }) {
    return (
      await ctx.backend.request(
        {
          method: "POST",
          path: apiPath("organizations", organization_id, "invitations"),
          body: { ...body, role: await instanceRole(ctx, body.role) },
        },
        organizationInvitation,
      )
    ).body;
  },
  table: singleInvitation,
});

export const orgsInvitationsRevoke = defineAction({
  id: "orgs.invitations.revoke",
  summary: "Revoke a pending organization invitation",
  input: z.object({
    organization_id: orgRef,
    invitation_id: id("invitation"),
    requesting_user_id: z.string().optional().describe("User id of the member revoking it"),
  }),
  positionals: ["organization_id", "invitation_id"],
  examples: ["clerk orgs invitations revoke org_2abc orginv_2def"],
  api: "backend",
  mutates: true,
  stakes: "disruptive", // they can be invited again
  async subject(ctx, input) {
    const path = apiPath("organizations", input.organization_id, "invitations", input.invitation_id);
    const invited = await inOrgSubject(ctx, input.organization_id, path, "to");
    return invited && { ...invited, label: `${invited.label}'s invitation` };
  },
  confirm: "terminal", // unasked off a terminal, the Go CLI does not ask (001:925)
  output: organizationInvitation,
  async run(ctx, { organization_id, invitation_id, requesting_user_id }) {
    return (
      await ctx.backend.request(
        {
          method: "POST",
          path: apiPath("organizations", organization_id, "invitations", invitation_id, "revoke"),
          body: requesting_user_id ? { requesting_user_id } : {},
          idempotent: true,
        },
        organizationInvitation,
      )
    ).body;
  },
  table: singleInvitation,
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
  orgsInvitationsList,
  orgsInvitationsCreate,
  orgsInvitationsRevoke,
];
