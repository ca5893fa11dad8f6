import { z } from "zod";
import { paginate } from "../../clerk/paginate";
import {
  deletedObject,
  emailAddress,
  listOf,
  type OrganizationMembership,
  organizationMembership,
  phoneNumber,
  totalCount,
  type User,
  user,
} from "../../clerk/schemas";
import { shellQuote } from "../../cli-line";
import { type ActionContext, type DetailView, defineAction } from "../action";
import { withFlagAliases } from "../fields";
import { id, jsonObject, limit, offset, stringList, timestamp } from "../inputs";
import { recordSubject } from "../stakes";
import { apiPath, day, when } from "../view";
import { accountActions } from "./accounts";
import { emailActions, phoneActions } from "./identifiers";
import { displayName, primaryEmail, singleUser, status, userColumns, userRow } from "./rows";
import { securityActions } from "./security";

const ORDER_FIELDS = [
  "created_at",
  "updated_at",
  "email_address",
  "web3wallet",
  "first_name",
  "last_name",
  "phone_number",
  "username",
  "last_active_at",
  "last_sign_in_at",
] as const;
const orderBy = z
  .string()
  .refine((value) => (ORDER_FIELDS as readonly string[]).includes(value.replace(/^[+-]/, "")), {
    message: `must be one of ${ORDER_FIELDS.join(", ")}, optionally prefixed with + or -`,
  })
  .default("-created_at")
  .describe(`Sort by ${ORDER_FIELDS.join(", ")}; prefix + for ascending, - for descending`);

/** The filters `GET /users` and `GET /users/count` share. */
const userFilters = {
  query: z.string().optional().describe("Search emails, phones, usernames, names and ids (partial match)"),
  email_address: withFlagAliases(["email"], stringList("Only users with these email addresses")),
  phone_number: withFlagAliases(["phone"], stringList("Only users with these phone numbers")),
  username: stringList("Only users with these usernames"),
  user_id: stringList("Only these user ids; prefix - to exclude"),
  external_id: stringList("Only these external ids; prefix - to exclude"),
  organization_id: stringList("Only members of these organizations; prefix - to exclude"),
  banned: z.boolean().optional().describe("Only banned users (--no-banned: only users not banned)"),
  created_at_after: timestamp("Created after this date"),
  created_at_before: timestamp("Created before this date"),
  last_active_at_after: withFlagAliases(["last-active-since"], timestamp("Active after this date")),
  last_active_at_before: timestamp("Active before this date"),
};

const userListInput = z.object({ ...userFilters, order_by: orderBy, limit, offset });
type UserFilters = Partial<Record<keyof typeof userFilters, unknown>>;

function filterQuery(input: UserFilters) {
  const { query, email_address, phone_number, username, user_id, external_id, organization_id, banned } = input;
  return {
    query,
    email_address,
    phone_number,
    username,
    user_id,
    external_id,
    organization_id,
    banned,
    created_at_after: input.created_at_after,
    created_at_before: input.created_at_before,
    last_active_at_after: input.last_active_at_after,
    last_active_at_before: input.last_active_at_before,
  } as Record<string, string | number | boolean | string[] | undefined>;
}

/** `hasMore` as in the official CLI's `users list` JSON (`{data, hasMore}`), beside Clerk's total_count. */
const userList = listOf(user).extend({ hasMore: z.boolean() });

/** An email address or phone number with what is known of it: `ada@example.com (primary, verified)`. */
function identifier(value: string, primary: boolean, verification: { status: string } | null): string {
  const verified = verification?.status === "verified" ? "verified" : "not verified";
  return `${value} (${[primary ? "primary" : "", verified].filter(Boolean).join(", ")})`;
}

const yesNo = (value: boolean) => (value ? "yes" : "no");

/** `clerk users get` on a terminal: the user's name, identifiers, status, dates and metadata. */
const userDetail: DetailView<User> = {
  title: (u) => `${displayName(u) || primaryEmail(u) || u.username || "User"} (${u.id})`,
  sections: (u) => [
    {
      title: "Name",
      fields: [
        ["first name", u.first_name],
        ["last name", u.last_name],
        ["username", u.username],
        ["external id", u.external_id],
      ],
    },
    {
      title: "Identifiers",
      fields: [
        ...u.email_addresses.map(
          (e) => ["email", identifier(e.email_address, e.id === u.primary_email_address_id, e.verification)] as const,
        ),
        ...u.phone_numbers.map(
          (p) => ["phone", identifier(p.phone_number, p.id === u.primary_phone_number_id, p.verification)] as const,
        ),
      ],
    },
    {
      title: "Status",
      fields: [
        ["status", status(u)],
        ["banned", yesNo(u.banned)],
        ["locked", yesNo(u.locked)],
        ["password", u.password_enabled ? "set" : "none"],
        ["two-factor", u.two_factor_enabled ? "on" : "off"],
      ],
    },
    {
      title: "Dates",
      fields: [
        ["created", when(u.created_at)],
        ["updated", when(u.updated_at)],
        ["last sign-in", when(u.last_sign_in_at)],
        ["last active", when(u.last_active_at)],
      ],
    },
    {
      title: "Metadata",
      fields: [
        ["public", u.public_metadata],
        ["private", u.private_metadata],
        ["unsafe", u.unsafe_metadata],
      ],
    },
  ],
};

export const usersList = defineAction({
  id: "users.list",
  jsonWhenPiped: true,
  summary: "List users, with Clerk's filters, search and sorting",
  input: userListInput,
  examples: [
    "clerk users list",
    "clerk users list --query ada --order-by +created_at --limit 50",
    "clerk users list --banned --json",
    "clerk users list --all --json > users.json",
  ],
  api: "backend",
  mutates: false,
  output: userList,
  async run(ctx, input) {
    const filters = filterQuery(input);
    const [page, count] = await Promise.all([
      ctx.backend.request(
        {
          method: "GET",
          path: "/users",
          query: { ...filters, order_by: input.order_by, limit: input.limit, offset: input.offset },
        },
        z.array(user),
      ),
      ctx.backend.request({ method: "GET", path: "/users/count", query: filters }, totalCount),
    ]);
    const total = count.body.total_count;
    return { data: page.body, total_count: total, hasMore: input.offset + page.body.length < total };
  },
  stream: (ctx, input) =>
    paginate(ctx.backend, "/users", user, { query: { ...filterQuery(input), order_by: input.order_by } }),
  table: {
    rows: (output) => output.data.map(userRow),
    item: (item) => userRow(item as User),
    columns: userColumns,
    footer: (output) => `${output.data.length} of ${output.total_count} users`,
  },
});

export const usersCount = defineAction({
  id: "users.count",
  summary: "Count users matching Clerk's filters",
  input: z.object(userFilters),
  examples: ["clerk users count", "clerk users count --query example.com --json"],
  api: "backend",
  mutates: false,
  output: totalCount,
  async run(ctx, input) {
    return (await ctx.backend.request({ method: "GET", path: "/users/count", query: filterQuery(input) }, totalCount))
      .body;
  },
  table: {
    rows: (output) => [{ total: output.total_count }],
    columns: [{ key: "total", header: "USERS" }],
  },
});

const userIdInput = z.object({ user_id: id("user") });

export const usersGet = defineAction({
  id: "users.get",
  summary: "Show one user",
  input: userIdInput,
  positionals: ["user_id"],
  examples: ["clerk users get user_2abc", "clerk users get user_2abc --json"],
  api: "backend",
  mutates: false,
  output: user,
  async run(ctx, input) {
    return (await ctx.backend.request({ method: "GET", path: apiPath("users", input.user_id) }, user)).body;
  },
  table: singleUser,
  detail: userDetail,
});

/** A user as people know them: "Ada Lovelace", confirmed by typing ada@example.com. */
export const userSubject = async (ctx: ActionContext, input: { user_id: string }) =>
  recordSubject(await usersGet.run(ctx, { user_id: input.user_id }));

const metadataFields = {
  public_metadata: jsonObject("Public metadata as a JSON object").optional(),
  private_metadata: jsonObject("Private metadata as a JSON object").optional(),
  unsafe_metadata: jsonObject("Unsafe metadata as a JSON object").optional(),
};

export const usersCreate = defineAction({
  id: "users.create",
  jsonWhenPiped: true,
  summary: "Create a user",
  input: z.object({
    email_address: withFlagAliases(["email"], stringList("Email address; the first is primary")),
    phone_number: withFlagAliases(["phone"], stringList("Phone number in E.164, e.g. +15555550100")),
    username: z.coerce.string().optional().describe("Username"),
    password: z.string().optional().describe("Password (at least 8 characters, not a breached one)"),
    first_name: z.string().optional().describe("First name"),
    last_name: z.string().optional().describe("Last name"),
    external_id: z.coerce.string().optional().describe("Your system's id for this user"),
    skip_password_checks: z.boolean().optional().describe("Skip password policy checks (migrations)"),
    ...metadataFields,
  }),
  examples: [
    'clerk users create --email-address ada@example.com --first-name Ada --password "correct horse battery"',
    'clerk users create --email-address a@example.com --public-metadata \'{"plan":"pro"}\' --json',
  ],
  api: "backend",
  mutates: true,
  output: user,
  async run(ctx, input) {
    return (await ctx.backend.request({ method: "POST", path: "/users", body: input }, user)).body;
  },
  howToCheck(input) {
    const identifier = input.email_address?.[0] ?? input.phone_number?.[0] ?? input.username ?? input.external_id;
    return identifier
      ? `clerk users list --query ${shellQuote(identifier)}`
      : "clerk users list --order-by -created_at --limit 5";
  },
  table: singleUser,
});

export const usersUpdate = defineAction({
  id: "users.update",
  summary: "Update a user's names, username, external id, password or primary identifiers",
  input: z.object({
    user_id: id("user"),
    first_name: z.string().optional().describe("First name"),
    last_name: z.string().optional().describe("Last name"),
    username: z.coerce.string().optional().describe('Username ("" removes it)'),
    external_id: z.coerce.string().optional().describe("Your system's id for this user"),
    password: z.string().optional().describe("New password"),
    sign_out_of_other_sessions: withFlagAliases(
      ["sign-out-other-sessions"],
      z.boolean().optional().describe("With --password: end the user's other sessions"),
    ),
    primary_email_address_id: withFlagAliases(
      ["primary-email-id"],
      z.string().optional().describe("Id of a verified email address to make primary"),
    ),
    primary_phone_number_id: withFlagAliases(
      ["primary-phone-id"],
      z.string().optional().describe("Id of a verified phone number to make primary"),
    ),
    skip_password_checks: z.boolean().optional().describe("With --password: skip password policy checks"),
    public_metadata: jsonObject("Public metadata as a JSON object (replaces it; `users metadata` merges)").optional(),
    private_metadata: jsonObject("Private metadata as a JSON object (replaces it; `users metadata` merges)").optional(),
  }),
  positionals: ["user_id"],
  examples: [
    "clerk users update user_2abc --first-name Ada --last-name Lovelace",
    'clerk users update user_2abc --password "correct horse battery" --sign-out-of-other-sessions',
  ],
  api: "backend",
  mutates: true,
  output: user,
  async run(ctx, { user_id, ...body }) {
    return (await ctx.backend.request({ method: "PATCH", path: apiPath("users", user_id), body }, user)).body;
  },
  table: singleUser,
});

export const usersDelete = defineAction({
  id: "users.delete",
  summary: "Delete a user and everything that belongs to them (sessions, memberships)",
  input: userIdInput,
  positionals: ["user_id"],
  examples: ["clerk users delete user_2abc", "clerk users delete user_2abc --yes --json"],
  api: "backend",
  mutates: true,
  destructive: (input) => input.user_id,
  subject: userSubject,
  output: deletedObject,
  async run(ctx, input) {
    return (await ctx.backend.request({ method: "DELETE", path: apiPath("users", input.user_id) }, deletedObject)).body;
  },
  table: {
    rows: (o) => [{ id: o.id, deleted: o.deleted }],
    columns: [
      { key: "id", header: "ID" },
      { key: "deleted", header: "DELETED" },
    ],
  },
});

/** ban, unban, lock, unlock: POSTs that only set a flag, so safe to retry. */
function userFlagAction(verb: "ban" | "unban" | "lock" | "unlock", summary: string, example: string) {
  const disruptive = verb === "ban" || verb === "lock";
  return defineAction({
    id: `users.${verb}`,
    summary,
    input: userIdInput,
    positionals: ["user_id"],
    examples: [example],
    api: "backend",
    mutates: true,
    // Ban and lock ask (yes/no, naming the user); unban and lock undo them, unasked.
    stakes: disruptive ? "disruptive" : "none",
    subject: userSubject,
    // Unasked off a terminal: the Go CLI does not ask (001:797, 001:809).
    ...(disruptive ? { confirm: "terminal" as const } : {}),
    output: user,
    async run(ctx, input) {
      return (
        await ctx.backend.request(
          { method: "POST", path: apiPath("users", input.user_id, verb), idempotent: true },
          user,
        )
      ).body;
    },
    table: singleUser,
  });
}

export const usersBan = userFlagAction(
  "ban",
  "Ban a user: they cannot sign in and their sessions end",
  "clerk users ban user_2abc",
);
export const usersUnban = userFlagAction(
  "unban",
  "Unban a user: they can sign in again",
  "clerk users unban user_2abc",
);
export const usersLock = userFlagAction("lock", "Lock a user out of signing in", "clerk users lock user_2abc");
export const usersUnlock = userFlagAction("unlock", "Unlock a locked user", "clerk users unlock user_2abc");

export const usersVerifyPassword = defineAction({
  id: "users.verify-password",
  summary: "Check a password against a user's (answers verified: true, or fails with Clerk's error)",
  input: z.object({ user_id: id("user"), password: z.string().min(1).describe("The password to check") }),
  positionals: ["user_id"],
  examples: ['clerk users verify-password user_2abc --password "correct horse battery"'],
  api: "backend",
  mutates: false,
  output: z.object({ verified: z.boolean() }),
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        {
          method: "POST",
          path: apiPath("users", input.user_id, "verify_password"),
          body: { password: input.password },
          idempotent: true,
        },
        z.object({ verified: z.boolean() }),
      )
    ).body;
  },
  table: { rows: (o) => [{ verified: o.verified }], columns: [{ key: "verified", header: "VERIFIED" }] },
});

export const usersMetadata = defineAction({
  id: "users.metadata",
  summary: "Merge into a user's metadata (null deletes a key), or replace it with --replace",
  input: z.object({
    user_id: id("user"),
    ...metadataFields,
    replace: z.boolean().default(false).describe("Replace the given metadata objects instead of merging"),
  }),
  positionals: ["user_id"],
  examples: [
    'clerk users metadata user_2abc --public-metadata \'{"plan":"pro"}\'',
    "clerk users metadata user_2abc --private-metadata '{}' --replace",
  ],
  api: "backend",
  mutates: true,
  output: user,
  async run(ctx, { user_id, replace, ...body }) {
    return (
      await ctx.backend.request(
        { method: replace ? "PUT" : "PATCH", path: apiPath("users", user_id, "metadata"), body },
        user,
      )
    ).body;
  },
  table: singleUser,
});

export const usersEmailsAdd = defineAction({
  id: "users.emails.add",
  summary: "Add an email address to a user",
  input: z.object({
    user_id: id("user"),
    email_address: withFlagAliases(["email"], z.string().describe("The email address")),
    verified: z
      .boolean()
      .default(true)
      .describe("Mark it verified (default true; --no-verified to leave it unverified)"),
    primary: z.boolean().default(false).describe("Make it the primary email address"),
  }),
  positionals: ["user_id"],
  examples: ["clerk users emails add user_2abc --email-address ada@work.example --primary"],
  api: "backend",
  mutates: true,
  output: emailAddress,
  async run(ctx, input) {
    return (await ctx.backend.request({ method: "POST", path: "/email_addresses", body: input }, emailAddress)).body;
  },
});

export const usersEmailsRemove = defineAction({
  id: "users.emails.remove",
  summary: "Remove an email address",
  input: z.object({ email_address_id: id("email address") }),
  positionals: ["email_address_id"],
  examples: ["clerk users emails remove idn_2abc"],
  api: "backend",
  mutates: true,
  stakes: "disruptive", // it can be added again (and verified again)
  confirm: "terminal", // unasked off a terminal, the Go CLI does not ask (001:1110)
  output: deletedObject,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "DELETE", path: apiPath("email_addresses", input.email_address_id) },
        deletedObject,
      )
    ).body;
  },
});

export const usersPhonesAdd = defineAction({
  id: "users.phones.add",
  summary: "Add a phone number to a user",
  input: z.object({
    user_id: id("user"),
    phone_number: withFlagAliases(["phone"], z.string().describe("The phone number in E.164, e.g. +15555550100")),
    verified: z.boolean().default(true).describe("Mark it verified (default true)"),
    primary: z.boolean().default(false).describe("Make it the primary phone number"),
  }),
  positionals: ["user_id"],
  examples: ["clerk users phones add user_2abc --phone-number +15555550100"],
  api: "backend",
  mutates: true,
  output: phoneNumber,
  async run(ctx, input) {
    return (await ctx.backend.request({ method: "POST", path: "/phone_numbers", body: input }, phoneNumber)).body;
  },
});

export const usersPhonesRemove = defineAction({
  id: "users.phones.remove",
  summary: "Remove a phone number",
  input: z.object({ phone_number_id: id("phone number") }),
  positionals: ["phone_number_id"],
  examples: ["clerk users phones remove idn_2abc"],
  api: "backend",
  mutates: true,
  stakes: "disruptive", // it can be added again (and verified again)
  confirm: "terminal", // unasked off a terminal, the Go CLI does not ask (001:1154)
  output: deletedObject,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "DELETE", path: apiPath("phone_numbers", input.phone_number_id) },
        deletedObject,
      )
    ).body;
  },
});

const membershipList = listOf(organizationMembership);

const membershipColumns = [
  { key: "organization", header: "ORGANIZATION" },
  { key: "slug", header: "SLUG" },
  { key: "org_id", header: "ORGANIZATION ID" },
  { key: "role", header: "ROLE" },
  { key: "since", header: "SINCE" },
] as const;

function membershipRow(m: OrganizationMembership): Record<string, unknown> {
  return {
    organization: m.organization.name,
    slug: m.organization.slug,
    org_id: m.organization.id,
    role: m.role,
    since: day(m.created_at),
  };
}

export const usersMemberships = defineAction({
  id: "users.memberships",
  summary: "List the organizations a user belongs to, with their role in each",
  input: z.object({ user_id: id("user"), limit, offset }),
  positionals: ["user_id"],
  examples: ["clerk users memberships user_2abc", "clerk users memberships user_2abc --all --json"],
  api: "backend",
  mutates: false,
  output: membershipList,
  async run(ctx, { user_id, ...query }) {
    return (
      await ctx.backend.request(
        { method: "GET", path: apiPath("users", user_id, "organization_memberships"), query },
        membershipList,
      )
    ).body;
  },
  stream: (ctx, input) =>
    paginate(ctx.backend, apiPath("users", input.user_id, "organization_memberships"), organizationMembership),
  table: {
    rows: (output) => output.data.map(membershipRow),
    item: (item) => membershipRow(item as OrganizationMembership),
    columns: membershipColumns,
    footer: (output) => `${output.data.length} of ${output.total_count} memberships`,
  },
});

export const userActions = [
  usersList,
  usersCount,
  usersGet,
  usersCreate,
  usersUpdate,
  usersDelete,
  usersBan,
  usersUnban,
  usersLock,
  usersUnlock,
  usersVerifyPassword,
  usersMetadata,
  ...emailActions,
  usersEmailsAdd,
  usersEmailsRemove,
  ...phoneActions,
  usersPhonesAdd,
  usersPhonesRemove,
  usersMemberships,
  ...securityActions,
  ...accountActions,
];
