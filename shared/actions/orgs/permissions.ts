import { z } from "zod";
import { paginate } from "../../clerk/paginate";
import { deletedObject, listOf } from "../../clerk/schemas";
import { defineAction } from "../action";
import { id, limit, offset } from "../inputs";
import { apiPath, deletedView } from "../view";
import { type OrgPermission, orgPermission } from "./schemas";

/** `clerk orgs permissions …`: the permissions custom organization roles are made of. */

const permissionColumns = [
  { key: "id", header: "ID" },
  { key: "key", header: "KEY" },
  { key: "name", header: "NAME" },
  { key: "type", header: "TYPE" },
  { key: "description", header: "DESCRIPTION" },
] as const;

function permissionRow(p: OrgPermission): Record<string, unknown> {
  return { id: p.id, key: p.key, name: p.name, type: p.type, description: p.description };
}

const singlePermission = { rows: (p: OrgPermission) => [permissionRow(p)], columns: permissionColumns };
const permissionList = listOf(orgPermission);
const permissionId = id("permission");

export const orgsPermissionsList = defineAction({
  id: "orgs.permissions.list",
  summary: "List organization permissions: Clerk's system ones (org:sys_…) and yours",
  input: z.object({
    query: z.string().optional().describe("Search keys and names (partial match)"),
    order_by: z
      .string()
      .optional()
      .describe("Sort by name, key or created_at; prefix + for ascending, - for descending"),
    limit,
    offset,
  }),
  examples: ["clerk orgs permissions list", "clerk orgs permissions list --query invoices --all --json"],
  api: "backend",
  mutates: false,
  output: permissionList,
  async run(ctx, query) {
    return (await ctx.backend.request({ method: "GET", path: "/organization_permissions", query }, permissionList))
      .body;
  },
  stream: (ctx, { query, order_by }) =>
    paginate(ctx.backend, "/organization_permissions", orgPermission, { query: { query, order_by } }),
  table: {
    rows: (output) => output.data.map(permissionRow),
    item: (item) => permissionRow(item as OrgPermission),
    columns: permissionColumns,
    footer: (output) => `${output.data.length} of ${output.total_count} permissions`,
  },
});

export const orgsPermissionsGet = defineAction({
  id: "orgs.permissions.get",
  summary: "Show one organization permission",
  input: z.object({ permission_id: permissionId }),
  positionals: ["permission_id"],
  examples: ["clerk orgs permissions get perm_2abc", "clerk orgs permissions get perm_2abc --json"],
  api: "backend",
  mutates: false,
  output: orgPermission,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "GET", path: apiPath("organization_permissions", input.permission_id) },
        orgPermission,
      )
    ).body;
  },
  table: singlePermission,
});

const permissionKey = z
  .string()
  .min(1)
  .describe("The key, org:<feature>:<action> in lowercase letters, digits and underscores, e.g. org:invoices:read");

export const orgsPermissionsCreate = defineAction({
  id: "orgs.permissions.create",
  summary: "Create a custom organization permission, to give to roles",
  input: z.object({
    key: permissionKey,
    name: z.string().min(1).describe("Its name, e.g. Read invoices"),
    description: z.string().optional().describe("What it allows"),
  }),
  positionals: ["key"],
  examples: [
    'clerk orgs permissions create org:invoices:read --name "Read invoices"',
    'clerk orgs permissions create org:invoices:pay --name "Pay invoices" --description "Pay open invoices" --json',
  ],
  api: "backend",
  mutates: true,
  output: orgPermission,
  howToCheck: (input) => `clerk orgs permissions list --query ${input.key}`,
  async run(ctx, body) {
    return (await ctx.backend.request({ method: "POST", path: "/organization_permissions", body }, orgPermission)).body;
  },
  table: singlePermission,
});

export const orgsPermissionsUpdate = defineAction({
  id: "orgs.permissions.update",
  summary: "Rename a custom organization permission, or change its key or description",
  input: z.object({
    permission_id: permissionId,
    key: permissionKey.optional(),
    name: z.string().min(1).optional().describe("The new name"),
    description: z.string().optional().describe("The new description"),
  }),
  positionals: ["permission_id"],
  examples: ['clerk orgs permissions update perm_2abc --name "View invoices"'],
  api: "backend",
  mutates: true,
  output: orgPermission,
  async run(ctx, { permission_id, ...body }) {
    return (
      await ctx.backend.request(
        { method: "PATCH", path: apiPath("organization_permissions", permission_id), body, idempotent: true },
        orgPermission,
      )
    ).body;
  },
  table: singlePermission,
});

export const orgsPermissionsDelete = defineAction({
  id: "orgs.permissions.delete",
  summary: "Delete a custom organization permission (the roles holding it lose it)",
  input: z.object({ permission_id: permissionId }),
  positionals: ["permission_id"],
  examples: ["clerk orgs permissions delete perm_2abc", "clerk orgs permissions delete perm_2abc --yes --json"],
  api: "backend",
  mutates: true,
  destructive: (input) => input.permission_id,
  output: deletedObject,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "DELETE", path: apiPath("organization_permissions", input.permission_id) },
        deletedObject,
      )
    ).body;
  },
  table: deletedView,
});

export const orgPermissionActions = [
  orgsPermissionsList,
  orgsPermissionsGet,
  orgsPermissionsCreate,
  orgsPermissionsUpdate,
  orgsPermissionsDelete,
];
