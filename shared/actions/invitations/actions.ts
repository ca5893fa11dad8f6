import { z } from "zod";
import { paginate } from "../../clerk/paginate";
import { listOf } from "../../clerk/schemas";
import { defineAction } from "../action";
import { ActionError } from "../errors";
import { withFlagAliases } from "../fields";
import { id, jsonObject, limit, offset } from "../inputs";
import { recordSubject } from "../stakes";
import { apiPath, day } from "../view";
import { type Invitation, invitation } from "./schemas";

export const INVITATION_STATUSES = ["pending", "accepted", "revoked", "expired"] as const;
const ORDER_FIELDS = ["created_at", "email_address", "expires_at"] as const;
/** Clerk's limit on one `POST /invitations/bulk`. */
const BULK_LIMIT = 10;

const invitationColumns = [
  { key: "id", header: "ID" },
  { key: "email", header: "EMAIL" },
  { key: "status", header: "STATUS" },
  { key: "created", header: "CREATED" },
  { key: "expires", header: "EXPIRES" },
] as const;

function invitationRow(i: Invitation): Record<string, unknown> {
  return { id: i.id, email: i.email_address, status: i.status, created: day(i.created_at), expires: day(i.expires_at) };
}

const singleInvitation = { rows: (i: Invitation) => [invitationRow(i)], columns: invitationColumns };
const invitationList = listOf(invitation);

const listFilters = {
  status: z
    .enum(INVITATION_STATUSES)
    .optional()
    .describe("Only invitations in this status (without it, every invitation not revoked)"),
  query: z.string().optional().describe("Search email addresses and ids (partial match)"),
  order_by: z
    .string()
    .refine((value) => (ORDER_FIELDS as readonly string[]).includes(value.replace(/^[+-]/, "")), {
      message: `must be one of ${ORDER_FIELDS.join(", ")}, optionally prefixed with + or -`,
    })
    .default("-created_at")
    .describe(`Sort by ${ORDER_FIELDS.join(", ")}; prefix + for ascending, - for descending`),
};

export const invitationsList = defineAction({
  id: "invitations.list",
  summary: "List invitations to sign up, newest first",
  input: z.object({ ...listFilters, limit, offset }),
  examples: [
    "clerk invitations list",
    "clerk invitations list --status pending --query example.com",
    "clerk invitations list --status expired --all --json",
  ],
  api: "backend",
  mutates: false,
  output: invitationList,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "GET", path: "/invitations", query: { ...input, paginated: true } },
        invitationList,
      )
    ).body;
  },
  stream: (ctx, { status, query, order_by }) =>
    paginate(ctx.backend, "/invitations", invitation, { query: { status, query, order_by, paginated: true } }),
  table: {
    rows: (output) => output.data.map(invitationRow),
    item: (item) => invitationRow(item as Invitation),
    columns: invitationColumns,
    footer: (output) => `${output.data.length} of ${output.total_count} invitations`,
  },
  secretFields: ["url"],
});

/** What `create` and `bulk-create` share, per invitation. */
const invitationOptions = {
  notify: z.boolean().default(true).describe("Email the invitation (default; --no-notify creates it silently)"),
  expires_in_days: z.coerce
    .number()
    .int()
    .min(1)
    .max(365)
    .optional()
    .describe("Days the invitation can be accepted (1-365; Clerk's default is 30)"),
  ignore_existing: z.boolean().optional().describe("Create it even if the address already has a pending invitation"),
  redirect_url: z.string().optional().describe("Where the invitation link leads (your custom sign-up page)"),
  public_metadata: jsonObject("Public metadata the user gets on sign-up, as a JSON object").optional(),
  template_slug: z.enum(["invitation", "waitlist_invitation"]).optional().describe("Which email template to send"),
};

export const invitationsCreate = defineAction({
  id: "invitations.create",
  summary: "Invite someone to sign up, by email",
  input: z.object({
    email_address: withFlagAliases(["email"], z.string().min(3).describe("Who to invite")),
    ...invitationOptions,
  }),
  positionals: ["email_address"],
  examples: [
    "clerk invitations create ada@example.com",
    "clerk invitations create ada@example.com --expires-in-days 7 --redirect-url https://app.example.com/welcome",
    'clerk invitations create ada@example.com --no-notify --public-metadata \'{"plan":"pro"}\' --json',
  ],
  api: "backend",
  mutates: true,
  output: invitation,
  async run(ctx, input) {
    return (await ctx.backend.request({ method: "POST", path: "/invitations", body: input }, invitation)).body;
  },
  table: singleInvitation,
  secretFields: ["url"],
});

export const invitationsBulkCreate = defineAction({
  id: "invitations.bulk-create",
  summary: `Invite up to ${BULK_LIMIT} people at once, all or none`,
  description:
    "Creates every invitation or, if any address is refused (an existing user, or a pending invitation " +
    "without --ignore-existing), none of them. The options apply to every invitation.",
  input: z.object({
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
  examples: [
    "clerk invitations bulk-create --email-address ada@example.com --email-address grace@example.com",
    "clerk invitations bulk-create --email-address a@example.com,b@example.com --no-notify --json",
  ],
  api: "backend",
  mutates: true,
  output: z.array(invitation),
  async run(ctx, { email_address, ...options }) {
    const body = email_address.map((email) => ({ email_address: email, ...options }));
    return (await ctx.backend.request({ method: "POST", path: "/invitations/bulk", body }, z.array(invitation))).body;
  },
  table: {
    rows: (output) => output.map(invitationRow),
    columns: invitationColumns,
    footer: (output) => `${output.length} invitations created`,
  },
  secretFields: ["url"],
});

export const invitationsGet = defineAction({
  id: "invitations.get",
  summary: "Show one invitation",
  input: z.object({ invitation_id: id("invitation") }),
  positionals: ["invitation_id"],
  examples: ["clerk invitations get inv_2abc", "clerk invitations get inv_2abc --json"],
  api: "backend",
  mutates: false,
  output: invitation,
  async run(ctx, input) {
    // The Backend API has no GET /invitations/{id}: find it in the list, a page at a time.
    for await (const found of paginate(ctx.backend, "/invitations", invitation, { query: { paginated: true } })) {
      if (found.id === input.invitation_id) return found;
    }
    throw new ActionError(
      `No invitation ${input.invitation_id}`,
      "Run `clerk invitations list` to see the invitations.",
      "resource_not_found",
    );
  },
  table: singleInvitation,
});

export const invitationsRevoke = defineAction({
  id: "invitations.revoke",
  summary: "Revoke a pending invitation: its link stops working",
  input: z.object({ invitation_id: id("invitation") }),
  positionals: ["invitation_id"],
  examples: ["clerk invitations revoke inv_2abc", "clerk invitations revoke inv_2abc --yes --json"],
  api: "backend",
  mutates: true,
  stakes: "disruptive", // they can be invited again
  subject: async (ctx, input) => recordSubject(await invitationsGet.run(ctx, input)),
  output: invitation,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        // Revoking only moves the invitation to `revoked`, so a retry after a lost answer is safe.
        { method: "POST", path: apiPath("invitations", input.invitation_id, "revoke"), idempotent: true },
        invitation,
      )
    ).body;
  },
  table: singleInvitation,
  secretFields: ["url"],
});

export const invitationActions = [
  invitationsList,
  invitationsGet,
  invitationsCreate,
  invitationsBulkCreate,
  invitationsRevoke,
];
