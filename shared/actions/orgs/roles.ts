import { z } from "zod";
import { paginate } from "../../clerk/paginate";
import { deletedObject, listOf } from "../../clerk/schemas";
import { defineAction } from "../action";
import { id, limit, offset, stringList } from "../inputs";
import { apiPath, day, deletedView } from "../view";
import { type OrgRole, orgRole } from "./schemas";

/** `clerk orgs roles …`: the instance's organization roles and the permissions each holds. */

const roleColumns = [
  { key: "id", header: "ID" },
  { key: "key", header: "KEY" },
  { key: "name", header: "NAME" },
  { key: "permissions", header: "PERMISSIONS" },
  { key: "created", header: "CREATED" },
] as const;

function roleRow(r: OrgRole): Record<string, unknown> {
  return {
    id: r.id,
    key: r.key,
    name: r.name,
    permissions: r.permissions.map((p) => p.key).join(", "),
    created: day(r.created_at),
  };
}

const singleRole = { rows: (r: OrgRole) => [roleRow(r)], columns: roleColumns };
const roleList = listOf(orgRole);
const roleId = id("role");

export const orgsRolesList = defineAction({
  id: "orgs.roles.list",
  summary: "List the instance's organization roles with their permissions",
  input: z.object({
    query: z.string().optional().describe("Search keys and names (partial match)"),
    order_by: z
      .string()
      .default("-created_at")
      .describe("Sort by name, key or created_at; prefix + for ascending, - for descending"),
    limit,
    offset,
  }),
  examples: ["clerk orgs roles list", "clerk orgs roles list --order-by +key --all --json"],
  api: "backend",
  mutates: false,
  output: roleList,
  async run(ctx, query) {
    return (await ctx.backend.request({ method: "GET", path: "/organization_roles", query }, roleList)).body;
  },
  stream: (ctx, { query, order_by }) =>
    paginate(ctx.backend, "/organization_roles", orgRole, { query: { query, order_by } }),
  table: {
    rows: (output) => output.data.map(roleRow),
    item: (item) => roleRow(item as OrgRole),
    columns: roleColumns,
    footer: (output) => `${output.data.length} of ${output.total_count} roles`,
  },
});

export const orgsRolesGet = defineAction({
  id: "orgs.roles.get",
  summary: "Show one organization role and its permissions",
  input: z.object({ role_id: roleId }),
  positionals: ["role_id"],
  examples: ["clerk orgs roles get role_2abc", "clerk orgs roles get role_2abc --json"],
  api: "backend",
  mutates: false,
  output: orgRole,
  async run(ctx, input) {
    return (await ctx.backend.request({ method: "GET", path: apiPath("organization_roles", input.role_id) }, orgRole))
      .body;
  },
  table: singleRole,
});

const roleKey = z
  .string()
  .min(1)
  .describe("The key, org:<name> in lowercase letters, digits and underscores, e.g. org:billing_manager");
const permissionIds = (what: string) => stringList(`${what} (perm_… ids; see \`clerk orgs permissions list\`)`);

export const orgsRolesCreate = defineAction({
  id: "orgs.roles.create",
  summary: "Create a custom organization role",
  input: z.object({
    key: roleKey,
    name: z.string().min(1).describe("Its name, e.g. Billing manager"),
    description: z.string().optional().describe("What the role is for"),
    permissions: permissionIds("The permissions it holds"),
    include_in_initial_role_set: z
      .boolean()
      .optional()
      .describe("Also add it to the initial role set, which new organizations get"),
  }),
  positionals: ["key"],
  examples: [
    'clerk orgs roles create org:billing_manager --name "Billing manager" --permissions perm_2abc,perm_2def',
    "clerk orgs roles create org:auditor --name Auditor --include-in-initial-role-set --json",
  ],
  api: "backend",
  mutates: true,
  output: orgRole,
  howToCheck: (input) => `clerk orgs roles list --query ${input.key}`,
  async run(ctx, body) {
    return (await ctx.backend.request({ method: "POST", path: "/organization_roles", body }, orgRole)).body;
  },
  table: singleRole,
});

export const orgsRolesUpdate = defineAction({
  id: "orgs.roles.update",
  summary: "Rename an organization role, change its key or description, or replace its permissions",
  input: z.object({
    role_id: roleId,
    key: roleKey.optional().describe("A new key (members holding the role keep it)"),
    name: z.string().min(1).optional().describe("The new name"),
    description: z.string().optional().describe("The new description"),
    permissions: permissionIds("Replace its permissions with these"),
  }),
  positionals: ["role_id"],
  examples: [
    'clerk orgs roles update role_2abc --name "Finance"',
    "clerk orgs roles update role_2abc --permissions perm_2abc --json",
  ],
  api: "backend",
  mutates: true,
  output: orgRole,
  async run(ctx, { role_id, ...body }) {
    return (
      await ctx.backend.request(
        { method: "PATCH", path: apiPath("organization_roles", role_id), body, idempotent: true },
        orgRole,
      )
    ).body;
  },
  table: singleRole,
});

export const orgsRolesDelete = defineAction({
  id: "orgs.roles.delete",
  summary: "Delete a custom organization role that no member holds",
  input: z.object({ role_id: roleId }),
  positionals: ["role_id"],
  examples: ["clerk orgs roles delete role_2abc", "clerk orgs roles delete role_2abc --yes --json"],
  api: "backend",
  mutates: true,
  destructive: (input) => input.role_id,
  output: deletedObject,
  async run(ctx, input) {
    return (
      await ctx.backend.request({ method: "DELETE", path: apiPath("organization_roles", input.role_id) }, deletedObject)
    ).body;
  },
  table: deletedView,
});

const rolePermissionInput = z.object({ role_id: roleId, permission_id: id("permission") });

export const orgsRolesAddPermission = defineAction({
  id: "orgs.roles.add-permission",
  summary: "Give an organization role one more permission",
  input: rolePermissionInput,
  positionals: ["role_id", "permission_id"],
  examples: [
    "clerk orgs roles add-permission role_2abc perm_2def",
    "clerk orgs roles add-permission role_2abc perm_2def --json",
  ],
  api: "backend",
  mutates: true,
  output: orgRole,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "POST", path: apiPath("organization_roles", input.role_id, "permissions", input.permission_id) },
        orgRole,
      )
    ).body;
  },
  table: singleRole,
});

export const orgsRolesRemovePermission = defineAction({
  id: "orgs.roles.remove-permission",
  summary: "Take a permission away from an organization role",
  input: rolePermissionInput,
  positionals: ["role_id", "permission_id"],
  examples: ["clerk orgs roles remove-permission role_2abc perm_2def"],
  api: "backend",
  mutates: true,
  output: orgRole,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "DELETE", path: apiPath("organization_roles", input.role_id, "permissions", input.permission_id) },
        orgRole,
      )
    ).body;
  },
  table: singleRole,
});

export const orgRoleActions = [
  orgsRolesList,
  orgsRolesGet,
  orgsRolesCreate,
  orgsRolesUpdate,
  orgsRolesDelete,
  orgsRolesAddPermission,
  orgsRolesRemovePermission,
];
