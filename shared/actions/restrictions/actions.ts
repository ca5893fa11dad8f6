import { z } from "zod";
import { paginate } from "../../clerk/paginate";
import { deletedObject, listOf } from "../../clerk/schemas";
import type { ClerkTransport } from "../../clerk/transport";
import { defineAction } from "../action";
import { apiPath, day, deletedView } from "../view";
import { allowlistIdentifier, blocklistIdentifier, type RestrictionIdentifier, restrictionIdentifier } from "./schemas";

/**
 * One command for two Backend API lists: the sign-up allowlist (`alid_…` entries) and the
 * blocklist (`blid_…`). The id prefix says which list an entry is on, so `remove` needs no flag.
 */
const LISTS = {
  allow: { path: "/allowlist_identifiers", prefix: "alid_" },
  block: { path: "/blocklist_identifiers", prefix: "blid_" },
} as const;
type ListName = keyof typeof LISTS;

const listOfEntry = (entry: RestrictionIdentifier): ListName =>
  entry.object === "allowlist_identifier" ? "allow" : "block";

const restrictionColumns = [
  { key: "list", header: "LIST" },
  { key: "id", header: "ID" },
  { key: "identifier", header: "IDENTIFIER" },
  { key: "type", header: "TYPE" },
  { key: "invitation", header: "INVITATION" },
  { key: "created", header: "CREATED" },
] as const;

function restrictionRow(entry: RestrictionIdentifier): Record<string, unknown> {
  return {
    list: listOfEntry(entry),
    id: entry.id,
    identifier: entry.identifier,
    type: entry.identifier_type,
    invitation: "invitation_id" in entry ? (entry.invitation_id ?? "") : "",
    created: day(entry.created_at),
  };
}

/** Every entry of one list. The allowlist pages; the blocklist answers whole, as `{data, total_count}`. */
async function* entriesOf(backend: ClerkTransport, list: ListName): AsyncGenerator<RestrictionIdentifier> {
  if (list === "allow") {
    yield* paginate(backend, LISTS.allow.path, allowlistIdentifier);
    return;
  }
  const { body } = await backend.request({ method: "GET", path: LISTS.block.path }, listOf(blocklistIdentifier));
  yield* body.data;
}

const restrictionList = listOf(restrictionIdentifier);
const listChoice = z.enum(["allow", "block"]);

export const restrictionsList = defineAction({
  id: "restrictions.list",
  summary: "List the sign-up allowlist and blocklist, with a LIST column saying which",
  description:
    "Shows the identifiers (email addresses, *@domain wildcards, phone numbers, web3 wallets) on " +
    "the allowlist and the blocklist. Turn the lists on with `clerk instance restrictions update`.",
  input: z.object({ list: listChoice.optional().describe("Only this list: allow or block (default: both)") }),
  examples: ["clerk restrictions list", "clerk restrictions list --list block --json"],
  api: "backend",
  mutates: false,
  output: restrictionList,
  async run(ctx, input) {
    const data: RestrictionIdentifier[] = [];
    for (const list of input.list ? [input.list] : listChoice.options) {
      for await (const entry of entriesOf(ctx.backend, list)) data.push(entry);
    }
    return { data, total_count: data.length };
  },
  table: {
    rows: (output) => output.data.map(restrictionRow),
    columns: restrictionColumns,
    footer: (output) => `${output.total_count} identifiers`,
  },
});

/** Clerk's form of a whole email domain is `*@domain`; the Go CLI writes it `@domain`. */
const clerkIdentifier = (identifier: string) => (/^@[^\s@]+$/.test(identifier) ? `*${identifier}` : identifier);

export const restrictionsAdd = defineAction({
  id: "restrictions.add",
  summary: "Allow or block an email address, *@domain, phone number or web3 wallet at sign-up",
  input: z
    .object({
      identifier: z
        .string()
        .min(1)
        .describe("An email address, *@domain (or @domain), phone number (E.164) or web3 wallet"),
      allow: z.boolean().optional().describe("Add it to the allowlist"),
      block: z.boolean().optional().describe("Add it to the blocklist"),
      notify: z.boolean().optional().describe("With --allow: invite the email address or phone number to sign up"),
    })
    .superRefine((input, ctx) => {
      if (Boolean(input.allow) === Boolean(input.block)) {
        ctx.addIssue({ code: "custom", message: "give exactly one of --allow or --block" });
      } else if (input.notify && input.block) {
        ctx.addIssue({ code: "custom", path: ["notify"], message: "only applies to --allow" });
      }
    }),
  positionals: ["identifier"],
  examples: [
    "clerk restrictions add '*@example.com' --allow",
    "clerk restrictions add ada@partner.example --allow --notify",
    "clerk restrictions add '*@spam.example' --block --json",
    "clerk restrictions add @spam.example --block",
  ],
  api: "backend",
  mutates: true,
  output: restrictionIdentifier,
  async run(ctx, { allow, notify, ...input }) {
    const identifier = clerkIdentifier(input.identifier);
    if (allow) {
      const body = { identifier, notify: Boolean(notify) };
      return (await ctx.backend.request({ method: "POST", path: LISTS.allow.path, body }, allowlistIdentifier)).body;
    }
    return (
      await ctx.backend.request({ method: "POST", path: LISTS.block.path, body: { identifier } }, blocklistIdentifier)
    ).body;
  },
  table: { rows: (entry) => [restrictionRow(entry)], columns: restrictionColumns },
});

const entryId = z
  .string()
  .refine((value) => Object.values(LISTS).some((list) => value.startsWith(list.prefix)), {
    message: "must be an allowlist (alid_…) or blocklist (blid_…) identifier id; see `clerk restrictions list`",
  })
  .describe("The entry's id: alid_… (allowlist) or blid_… (blocklist)");

export const restrictionsRemove = defineAction({
  id: "restrictions.remove",
  summary: "Remove an identifier from the allowlist or blocklist (the id says which)",
  input: z.object({ identifier_id: entryId }),
  positionals: ["identifier_id"],
  examples: ["clerk restrictions remove alid_2abc", "clerk restrictions remove blid_2abc --yes --json"],
  api: "backend",
  mutates: true,
  stakes: "disruptive", // it can be added again
  confirm: "terminal", // unasked off a terminal, the Go CLI does not ask (001:1065)
  output: deletedObject,
  async run(ctx, { identifier_id }) {
    const list = identifier_id.startsWith(LISTS.allow.prefix) ? LISTS.allow : LISTS.block;
    return (
      await ctx.backend.request({ method: "DELETE", path: `${list.path}${apiPath(identifier_id)}` }, deletedObject)
    ).body;
  },
  table: deletedView,
});

export const restrictionActions = [restrictionsList, restrictionsAdd, restrictionsRemove];
