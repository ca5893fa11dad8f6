import { z } from "zod";
import { paginate } from "../../clerk/paginate";
import { deletedObject, listOf } from "../../clerk/schemas";
import { defineAction } from "../action";
import { limit, offset } from "../inputs";
import { apiPath, day, deletedView } from "../view";
import { type RoleSet, roleSet } from "./schemas";

/**
 * `clerk orgs role-sets …`: the sets of roles an organization can hand out. The initial set is
 * what new organizations get; each set names the role new members and creators receive.
 */

const roleSetColumns = [
  { key: "id", header: "ID" },
  { key: "key", header: "KEY" },
  { key: "name", header: "NAME" },
  { key: "type", header: "TYPE" },
  { key: "roles", header: "ROLES" },
  { key: "default_role", header: "DEFAULT ROLE" },
  { key: "creator_role", header: "CREATOR ROLE" },
  { key: "created", header: "CREATED" },
] as const;

function roleSetRow(s: RoleSet): Record<string, unknown> {
  return {
    id: s.id,
    key: s.key,
    name: s.name,
    type: s.type,
    roles: s.roles.map((r) => r.key).join(", "),
    default_role: s.default_role?.key ?? "",
    creator_role: s.creator_role?.key ?? "",
    created: day(s.created_at),
  };
}

const singleRoleSet = { rows: (s: RoleSet) => [roleSetRow(s)], columns: roleSetColumns };
const roleSetList = listOf(roleSet);
const roleSetRef = z.coerce.string().min(1).describe("The role set's key (role_set:…) or id");
const roleKey = (description: string) => z.string().min(1).describe(description);
const roleKeyList = (description: string) =>
  z
    .array(z.string().min(1))
    .min(1, "give at least one role key")
    .max(10, "a role set holds at most 10 roles")
    .describe(`${description} (role keys such as org:admin; up to 10)`);

export const orgsRoleSetsList = defineAction({
  id: "orgs.role-sets.list",
  summary: "List role sets, with their roles and default and creator roles",
  input: z.object({
    query: z.string().optional().describe("Search keys and names (partial match)"),
    order_by: z
      .string()
      .default("-created_at")
      .describe("Sort by name, key or created_at; prefix + for ascending, - for descending"),
    limit,
    offset,
  }),
  examples: ["clerk orgs role-sets list", "clerk orgs role-sets list --all --json"],
  api: "backend",
  mutates: false,
  output: roleSetList,
  async run(ctx, query) {
    return (await ctx.backend.request({ method: "GET", path: "/role_sets", query }, roleSetList)).body;
  },
  stream: (ctx, { query, order_by }) => paginate(ctx.backend, "/role_sets", roleSet, { query: { query, order_by } }),
  table: {
    rows: (output) => output.data.map(roleSetRow),
    item: (item) => roleSetRow(item as RoleSet),
    columns: roleSetColumns,
    footer: (output) => `${output.data.length} of ${output.total_count} role sets`,
  },
});

export const orgsRoleSetsGet = defineAction({
  id: "orgs.role-sets.get",
  summary: "Show one role set (by key or id)",
  input: z.object({ role_set: roleSetRef }),
  positionals: ["role_set"],
  examples: ["clerk orgs role-sets get role_set:default", "clerk orgs role-sets get rs_2abc --json"],
  api: "backend",
  mutates: false,
  output: roleSet,
  async run(ctx, input) {
    return (await ctx.backend.request({ method: "GET", path: apiPath("role_sets", input.role_set) }, roleSet)).body;
  },
  table: singleRoleSet,
});

const roleSetKey = z
  .string()
  .min(1)
  .describe("The key, role_set:<name> in lowercase letters, digits and underscores (derived from the name if omitted)");

export const orgsRoleSetsCreate = defineAction({
  id: "orgs.role-sets.create",
  summary: "Create a role set from existing roles",
  input: z.object({
    name: z.string().min(1).describe("Its name, e.g. Support teams"),
    key: roleSetKey.optional(),
    description: z.string().optional().describe("What the role set is for"),
    roles: roleKeyList("The roles it holds"),
    default_role_key: roleKey("The role new members get (one of --roles)"),
    creator_role_key: roleKey("The role an organization's creator gets (one of --roles)"),
    type: z
      .enum(["initial", "custom"])
      .optional()
      .describe("initial: the set new organizations get (only one is); custom (the default) otherwise"),
  }),
  examples: [
    'clerk orgs role-sets create --name "Support teams" --roles org:admin,org:member --default-role-key org:member --creator-role-key org:admin',
  ],
  api: "backend",
  mutates: true,
  output: roleSet,
  howToCheck: (input) => `clerk orgs role-sets list --query "${input.name}"`,
  async run(ctx, body) {
    return (await ctx.backend.request({ method: "POST", path: "/role_sets", body }, roleSet)).body;
  },
  table: singleRoleSet,
});

export const orgsRoleSetsUpdate = defineAction({
  id: "orgs.role-sets.update",
  summary: "Rename a role set, change its default or creator role, or make it the initial one",
  input: z.object({
    role_set: roleSetRef,
    name: z.string().min(1).optional().describe("The new name"),
    key: roleSetKey.optional().describe("A new key, role_set:<name>"),
    description: z.string().optional().describe("The new description"),
    default_role_key: roleKey("The role new members get (one of the set's roles)").optional(),
    creator_role_key: roleKey("The role an organization's creator gets (one of the set's roles)").optional(),
    initial: z
      .boolean()
      .optional()
      .describe("Make it the initial role set, the one new organizations get (the previous one becomes custom)"),
  }),
  positionals: ["role_set"],
  examples: [
    "clerk orgs role-sets update role_set:support --default-role-key org:viewer",
    "clerk orgs role-sets update role_set:support --initial --json",
  ],
  api: "backend",
  mutates: true,
  output: roleSet,
  async run(ctx, { role_set, initial, ...changes }) {
    const body = { ...changes, ...(initial ? { type: "initial" } : {}) };
    return (
      await ctx.backend.request(
        { method: "PATCH", path: apiPath("role_sets", role_set), body, idempotent: true },
        roleSet,
      )
    ).body;
  },
  table: singleRoleSet,
});

/** `--map org:old=org:new`, repeatable, as Clerk's `reassignment_mappings` object. */
const mappings = z
  .array(z.string().regex(/^[^=]+=[^=]+$/, "give each mapping as <from role key>=<to role key>"))
  .optional()
  .transform((pairs) =>
    pairs ? Object.fromEntries(pairs.map((pair) => pair.split("=") as [string, string])) : undefined,
  )
  .describe("Where members holding a role the other set lacks go: <from role key>=<to role key>");

export const orgsRoleSetsReplace = defineAction({
  id: "orgs.role-sets.replace",
  summary: "Replace a role set by another: its organizations move over, and it is deleted",
  description:
    "Organizations using the role set move to the other one; members whose role the other set lacks " +
    "get the role --map names for it. If the replaced set was the initial one, the other becomes initial.",
  input: z.object({
    role_set: roleSetRef,
    with: z.string().min(1).describe("The role set to move its organizations to (its key)"),
    map: mappings,
  }),
  positionals: ["role_set"],
  examples: [
    "clerk orgs role-sets replace role_set:legacy --with role_set:default",
    "clerk orgs role-sets replace role_set:legacy --with role_set:default --map org:editor=org:member --yes",
  ],
  api: "backend",
  mutates: true,
  destructive: (input) => input.role_set,
  output: deletedObject,
  async run(ctx, input) {
    const body = {
      dest_role_set_key: input.with,
      ...(input.map ? { reassignment_mappings: input.map } : {}),
    };
    return (
      await ctx.backend.request(
        { method: "POST", path: apiPath("role_sets", input.role_set, "replace"), body },
        deletedObject,
      )
    ).body;
  },
  table: deletedView,
});

export const orgsRoleSetsAddRoles = defineAction({
  id: "orgs.role-sets.add-roles",
  summary: "Add roles to a role set, optionally making one of them its default or creator role",
  input: z.object({
    role_set: roleSetRef,
    role_keys: roleKeyList("The roles to add"),
    default_role_key: roleKey("Make this added role the one new members get").optional(),
    creator_role_key: roleKey("Make this added role the one an organization's creator gets").optional(),
  }),
  positionals: ["role_set"],
  examples: [
    "clerk orgs role-sets add-roles role_set:support --role-keys org:viewer",
    "clerk orgs role-sets add-roles role_set:support --role-keys org:viewer,org:agent --default-role-key org:viewer",
  ],
  api: "backend",
  mutates: true,
  output: roleSet,
  async run(ctx, { role_set, ...body }) {
    return (await ctx.backend.request({ method: "POST", path: apiPath("role_sets", role_set, "roles"), body }, roleSet))
      .body;
  },
  table: singleRoleSet,
});

export const orgsRoleSetsReplaceRole = defineAction({
  id: "orgs.role-sets.replace-role",
  summary: "Take a role out of a role set, moving its members to another of the set's roles",
  input: z.object({
    role_set: roleSetRef,
    role_key: roleKey("The role to take out"),
    to_role_key: roleKey("The set's role its members (and its default or creator duty) move to"),
  }),
  positionals: ["role_set"],
  examples: ["clerk orgs role-sets replace-role role_set:support --role-key org:agent --to-role-key org:member"],
  api: "backend",
  mutates: true,
  destructive: (input) => input.role_key,
  output: roleSet,
  async run(ctx, { role_set, ...body }) {
    return (
      await ctx.backend.request(
        { method: "POST", path: apiPath("role_sets", role_set, "roles", "replace"), body },
        roleSet,
      )
    ).body;
  },
  table: singleRoleSet,
});

export const orgRoleSetActions = [
  orgsRoleSetsList,
  orgsRoleSetsGet,
  orgsRoleSetsCreate,
  orgsRoleSetsUpdate,
  orgsRoleSetsReplace,
  orgsRoleSetsAddRoles,
  orgsRoleSetsReplaceRole,
];
