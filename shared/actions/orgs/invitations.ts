import { z } from "zod";
import { paginate } from "../../clerk/paginate";
import { listOf, type OrganizationInvitation, organizationInvitation } from "../../clerk/schemas";
import { defineAction } from "../action";
import { withFlagAliases } from "../fields";
import { id, jsonObject, limit, offset } from "../inputs";
import { apiPath, day } from "../view";
import { instanceRole, orgRef, role, searchAcrossOrgsOnly } from "./inputs";
import { inOrgSubject } from "./subjects";

/** `clerk orgs invitations …`: invitations to join an organization. */

const STATUSES = ["pending", "accepted", "revoked", "expired"] as const;
const BULK_LIMIT = 10;

const invitationColumns = [
  { key: "id", header: "ID" },
  { key: "email", header: "EMAIL" },
  { key: "role", header: "ROLE" },
  { key: "status", header: "STATUS" },
  { key: "expires", header: "EXPIRES" },
  // Last, so one organization's table keeps the Go CLI's columns; across organizations it says whose.
  { key: "organization", header: "ORGANIZATION" },
] as const;

function invitationRow(i: OrganizationInvitation) {
  return {
    id: i.id,
    email: i.email_address,
    role: i.role,
    status: i.status ?? "",
    expires: day(i.expires_at),
    organization: i.organization_id ?? "",
  };
}

const invitationList = listOf(organizationInvitation);
const singleInvitation = { rows: (i: OrganizationInvitation) => [invitationRow(i)], columns: invitationColumns };
const invitationListView = {
  rows: (output: z.infer<typeof invitationList>) => output.data.map(invitationRow),
  item: (item: unknown) => invitationRow(item as OrganizationInvitation),
  columns: invitationColumns,
  footer: (output: z.infer<typeof invitationList>) => `${output.data.length} of ${output.total_count} invitations`,
};

/** One organization's invitations, or the instance's (`GET /organization_invitations`) when none is named. */
const invitationsPath = (organizationId: string | undefined) =>
  organizationId ? apiPath("organizations", organizationId, "invitations") : "/organization_invitations";

export const orgsInvitationsList = defineAction({
  id: "orgs.invitations.list",
  summary: "List one organization's invitations, or every organization's",
  input: z.object({
    organization_id: orgRef.optional().describe("Only this organization's invitations (id or slug; default: all)"),
    status: z.enum(STATUSES).optional().describe("Only invitations in this state"),
    query: z.string().optional().describe("Search email addresses (all organizations only)"),
    order_by: z.string().default("-created_at").describe("Sort by created_at or email_address; prefix + or -"),
    limit,
    offset,
  }),
  positionals: ["organization_id"],
  examples: [
    "clerk orgs invitations list org_2abc --status pending",
    "clerk orgs invitations list --status pending --query @example.com --all --json",
  ],
  api: "backend",
  mutates: false,
  output: invitationList,
  async run(ctx, { organization_id, ...query }) {
    searchAcrossOrgsOnly(organization_id, query.query, "invitations");
    return (await ctx.backend.request({ method: "GET", path: invitationsPath(organization_id), query }, invitationList))
      .body;
  },
  stream: (ctx, { organization_id, status, query, order_by }) => {
    searchAcrossOrgsOnly(organization_id, query, "invitations");
    return paginate(ctx.backend, invitationsPath(organization_id), organizationInvitation, {
      query: { status, query, order_by },
    });
  },
  table: invitationListView,
});

export const orgsInvitationsGet = defineAction({
  id: "orgs.invitations.get",
  summary: "Show one organization invitation",
  input: z.object({ organization_id: orgRef, invitation_id: id("invitation") }),
  positionals: ["organization_id", "invitation_id"],
  examples: ["clerk orgs invitations get org_2abc orginv_2def", "clerk orgs invitations get acme orginv_2def --json"],
  api: "backend",
  mutates: false,
  output: organizationInvitation,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "GET", path: apiPath("organizations", input.organization_id, "invitations", input.invitation_id) },
        organizationInvitation,
      )
    ).body;
  },
  table: singleInvitation,
});

/** What every invitation of a create or a bulk create takes besides the address. */
const invitationOptions = {
  role: role.default("org:member"),
  inviter_user_id: z.string().optional().describe("User id of the member sending the invitation"),
  redirect_url: z.string().optional().describe("Where the invitation link leads"),
  expires_in_days: z.coerce.number().int().min(1).max(365).optional().describe("Days until the invitation expires"),
  public_metadata: jsonObject("Public metadata as a JSON object").optional(),
};

export const orgsInvitationsCreate = defineAction({
  id: "orgs.invitations.create",
  summary: "Invite someone to an organization by email",
  input: z.object({
    organization_id: orgRef,
    email_address: withFlagAliases(["email"], z.string().min(3).describe("Who to invite")),
    ...invitationOptions,
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

export const orgsInvitationsBulkCreate = defineAction({
  id: "orgs.invitations.bulk-create",
  summary: `Invite up to ${BULK_LIMIT} people to an organization at once, all or none`,
  description: "The options apply to every invitation; if Clerk refuses any address, none is created.",
  input: z.object({
    organization_id: orgRef,
    email_address: withFlagAliases(
      ["emails", "email"],
      z
        .array(z.string().min(3))
        .min(1, "give at least one --email-address")
        .max(BULK_LIMIT, `Clerk takes at most ${BULK_LIMIT} invitations per request`)
        .describe(`Who to invite (up to ${BULK_LIMIT})`),
    ),
    ...invitationOptions,
  }),
  positionals: ["organization_id"],
  examples: [
    "clerk orgs invitations bulk-create org_2abc --email-address ada@example.com --email-address grace@example.com",
    "clerk orgs invitations bulk-create acme --email-address a@example.com,b@example.com --role org:admin --json",
  ],
  api: "backend",
  mutates: true,
  output: invitationList,
  howToCheck: (input) => `clerk orgs invitations list ${input.organization_id} --status pending`,
  async run(ctx, { organization_id, email_address, ...options }) {
    const invitation = { ...options, role: await instanceRole(ctx, options.role) };
    const body = email_address.map((email) => ({ email_address: email, ...invitation }));
    return (
      await ctx.backend.request(
        { method: "POST", path: apiPath("organizations", organization_id, "invitations", "bulk"), body },
        invitationList,
      )
    ).body;
  },
  table: { ...invitationListView, footer: (output) => `${output.data.length} invitations created` },
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

export const orgInvitationActions = [
  orgsInvitationsList,
  orgsInvitationsGet,
  orgsInvitationsCreate,
  orgsInvitationsBulkCreate,
  orgsInvitationsRevoke,
];
