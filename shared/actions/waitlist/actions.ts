import { z } from "zod";
import { paginate } from "../../clerk/paginate";
import { deletedObject, listOf } from "../../clerk/schemas";
import { shellQuote } from "../../cli-line";
import { defineAction } from "../action";
import { withFlagAliases } from "../fields";
import { id, limit, offset } from "../inputs";
import { apiPath, day, deletedView } from "../view";
import { type WaitlistEntry, waitlistEntry } from "./schemas";

export const WAITLIST_STATUSES = ["pending", "invited", "rejected", "completed"] as const;
const ORDER_FIELDS = ["created_at", "email_address", "invited_at"] as const;
/** Clerk's limit on one `POST /waitlist_entries/bulk`. */
const BULK_LIMIT = 50;

const entryColumns = [
  { key: "id", header: "ID" },
  { key: "email", header: "EMAIL" },
  { key: "status", header: "STATUS" },
  { key: "invitation", header: "INVITATION" },
  { key: "created", header: "CREATED" },
] as const;

function entryRow(e: WaitlistEntry): Record<string, unknown> {
  return {
    id: e.id,
    email: e.email_address,
    status: e.status,
    invitation: e.invitation?.id ?? "",
    created: day(e.created_at),
  };
}

const singleEntry = { rows: (e: WaitlistEntry) => [entryRow(e)], columns: entryColumns };
const entryList = listOf(waitlistEntry);

const listFilters = {
  status: z
    .enum(WAITLIST_STATUSES)
    .optional()
    .describe(`Only entries in this status: ${WAITLIST_STATUSES.join(", ")}`),
  query: z.string().optional().describe("Search email addresses and ids (partial match)"),
  order_by: z
    .string()
    .refine((value) => (ORDER_FIELDS as readonly string[]).includes(value.replace(/^[+-]/, "")), {
      message: `must be one of ${ORDER_FIELDS.join(", ")}, optionally prefixed with + or -`,
    })
    .default("-created_at")
    .describe(`Sort by ${ORDER_FIELDS.join(", ")}; prefix + for ascending, - for descending`),
};

export const waitlistList = defineAction({
  id: "waitlist.list",
  summary: "List who is on the waitlist, newest first",
  input: z.object({ ...listFilters, limit, offset }),
  examples: [
    "clerk waitlist list",
    "clerk waitlist list --status pending --query example.com",
    "clerk waitlist list --all --json",
  ],
  api: "backend",
  mutates: false,
  output: entryList,
  async run(ctx, input) {
    return (await ctx.backend.request({ method: "GET", path: "/waitlist_entries", query: { ...input } }, entryList))
      .body;
  },
  stream: (ctx, { status, query, order_by }) =>
    paginate(ctx.backend, "/waitlist_entries", waitlistEntry, { query: { status, query, order_by } }),
  table: {
    rows: (output) => output.data.map(entryRow),
    item: (item) => entryRow(item as WaitlistEntry),
    columns: entryColumns,
    footer: (output) => `${output.data.length} of ${output.total_count} waitlist entries`,
  },
});

const notify = z.boolean().default(true).describe("Email a confirmation (default; --no-notify adds it silently)");

export const waitlistCreate = defineAction({
  id: "waitlist.create",
  summary: "Add an email address to the waitlist",
  input: z.object({
    email_address: withFlagAliases(["email"], z.string().min(3).describe("The email address to add")),
    notify,
  }),
  positionals: ["email_address"],
  examples: ["clerk waitlist create ada@example.com", "clerk waitlist create ada@example.com --no-notify --json"],
  api: "backend",
  mutates: true,
  output: waitlistEntry,
  async run(ctx, input) {
    return (await ctx.backend.request({ method: "POST", path: "/waitlist_entries", body: input }, waitlistEntry)).body;
  },
  howToCheck: (input) => `clerk waitlist list --query ${shellQuote(input.email_address)}`,
  table: singleEntry,
});

export const waitlistBulkCreate = defineAction({
  id: "waitlist.bulk-create",
  summary: `Add up to ${BULK_LIMIT} email addresses to the waitlist at once`,
  input: z.object({
    email_address: withFlagAliases(
      ["emails", "email"],
      z
        .array(z.string().min(3))
        .min(1, "give at least one --email-address")
        .max(BULK_LIMIT, `Clerk takes at most ${BULK_LIMIT} entries per request`)
        .describe(`The email addresses to add (up to ${BULK_LIMIT})`),
    ),
    notify,
  }),
  examples: [
    "clerk waitlist bulk-create --email-address ada@example.com --email-address grace@example.com",
    "clerk waitlist bulk-create --email-address a@example.com,b@example.com --no-notify --json",
  ],
  api: "backend",
  mutates: true,
  output: z.array(waitlistEntry),
  async run(ctx, { email_address, notify }) {
    const body = email_address.map((email) => ({ email_address: email, notify }));
    return (await ctx.backend.request({ method: "POST", path: "/waitlist_entries/bulk", body }, z.array(waitlistEntry)))
      .body;
  },
  table: {
    rows: (output) => output.map(entryRow),
    columns: entryColumns,
    footer: (output) => `${output.length} waitlist entries added`,
  },
});

const entryId = id("waitlist entry");

export const waitlistDelete = defineAction({
  id: "waitlist.delete",
  summary: "Remove an entry from the waitlist",
  input: z.object({ waitlist_entry_id: entryId }),
  positionals: ["waitlist_entry_id"],
  examples: ["clerk waitlist delete wle_2abc", "clerk waitlist delete wle_2abc --yes --json"],
  api: "backend",
  mutates: true,
  destructive: (input) => input.waitlist_entry_id,
  output: deletedObject,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "DELETE", path: apiPath("waitlist_entries", input.waitlist_entry_id) },
        deletedObject,
      )
    ).body;
  },
  table: deletedView,
});

export const waitlistInvite = defineAction({
  id: "waitlist.invite",
  summary: "Invite a waitlist entry to sign up (sends the invitation email)",
  input: z.object({
    waitlist_entry_id: entryId,
    ignore_existing: z.boolean().optional().describe("Invite even if the address already has a pending invitation"),
  }),
  positionals: ["waitlist_entry_id"],
  examples: ["clerk waitlist invite wle_2abc", "clerk waitlist invite wle_2abc --ignore-existing --json"],
  api: "backend",
  mutates: true,
  output: waitlistEntry,
  async run(ctx, { waitlist_entry_id, ...body }) {
    return (
      await ctx.backend.request(
        { method: "POST", path: apiPath("waitlist_entries", waitlist_entry_id, "invite"), body },
        waitlistEntry,
      )
    ).body;
  },
  table: singleEntry,
});

export const waitlistReject = defineAction({
  id: "waitlist.reject",
  summary: "Reject a waitlist entry (no email is sent)",
  input: z.object({ waitlist_entry_id: entryId }),
  positionals: ["waitlist_entry_id"],
  examples: ["clerk waitlist reject wle_2abc"],
  api: "backend",
  mutates: true,
  output: waitlistEntry,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "POST", path: apiPath("waitlist_entries", input.waitlist_entry_id, "reject") },
        waitlistEntry,
      )
    ).body;
  },
  table: singleEntry,
});

export const waitlistActions = [
  waitlistList,
  waitlistCreate,
  waitlistBulkCreate,
  waitlistDelete,
  waitlistInvite,
  waitlistReject,
];
