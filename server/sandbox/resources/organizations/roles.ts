import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";

export interface RoleRow {
  id: string;
  instance_id: string;
  key: string;
  name: string;
  description: string;
  created_at: number;
  updated_at: number;
}

export interface PermissionRow {
  id: string;
  instance_id: string;
  key: string;
  name: string;
  description: string;
  type: string;
  created_at: number;
  updated_at: number;
}

/** Clerk's system permissions: every instance has them, and they cannot be changed. */
const SYSTEM_PERMISSIONS = [
  ["org:sys_profile:manage", "Manage organization", "Permission to manage an organization."],
  ["org:sys_profile:delete", "Delete organization", "Permission to delete an organization."],
  ["org:sys_memberships:read", "Read members", "Permission to read the members of an organization."],
  ["org:sys_memberships:manage", "Manage members", "Permission to manage the members of an organization."],
  ["org:sys_domains:read", "Read domains", "Permission to read the domains of an organization."],
  ["org:sys_domains:manage", "Manage domains", "Permission to manage the domains of an organization."],
  ["org:sys_billing:read", "Read billing", "Permission to read the billing of an organization."],
  ["org:sys_billing:manage", "Manage billing", "Permission to manage the billing of an organization."],
] as const;

/** Clerk's two default roles: Admin holds every system permission, Member only the read ones. */
const DEFAULT_ROLES = [
  {
    key: "org:admin",
    name: "Admin",
    description: "Offers full access to organization resources",
    permissions: SYSTEM_PERMISSIONS.map(([key]) => key as string),
  },
  {
    key: "org:member",
    name: "Member",
    description: "Offers limited access to organization resources",
    permissions: ["org:sys_memberships:read", "org:sys_billing:read"],
  },
];

/** What a role needs to be an organization's creator role (Clerk's documented minimum). */
const CREATOR_PERMISSIONS = ["org:sys_memberships:manage", "org:sys_memberships:read", "org:sys_profile:delete"];

/** Members holding this permission run the organization (invite, revoke, manage members). */
export const MANAGE_MEMBERS_PERMISSION = "org:sys_memberships:manage";

/**
 * Seeds the instance's system permissions and default roles the first time anything asks for
 * roles, so a reset instance gets them again without a separate bootstrap step.
 */
export function ensureOrganizationRoles(sb: SandboxContext, instanceId: string): void {
  const seeded = sb
    .stmt("SELECT 1 FROM organization_permissions WHERE instance_id = ? AND type = 'system' LIMIT 1")
    .get(instanceId);
  if (!seeded) seedRoles(sb, instanceId);
  if (!sb.stmt("SELECT 1 FROM organization_role_sets WHERE instance_id = ? LIMIT 1").get(instanceId)) {
    seedPrimaryRoleSet(sb, instanceId);
  }
}

function seedRoles(sb: SandboxContext, instanceId: string): void {
  sb.tx(() => {
    const now = sb.clock.now();
    const insertPermission = sb.stmt(
      `INSERT INTO organization_permissions (id, instance_id, key, name, description, type, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'system', ?, ?)`,
    );
    for (const [key, name, description] of SYSTEM_PERMISSIONS) {
      insertPermission.run(sb.newId("perm"), instanceId, key, name, description, now, now);
    }
    for (const role of DEFAULT_ROLES) {
      const id = sb.newId("role");
      sb.stmt(
        `INSERT INTO organization_roles (id, instance_id, key, name, description, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, instanceId, role.key, role.name, role.description, now, now);
      setRolePermissions(sb, id, permissionIdsForKeys(sb, instanceId, role.permissions));
    }
  });
}

/** Clerk's Primary role set, which every instance starts with and new organizations get. */
const PRIMARY_ROLE_SET = { key: "role_set:primary", name: "Primary role set", defaultRole: "org:member" };

/** Clerk caps the roles of one role set. */
export const MAX_ROLES_PER_SET = 10;

/**
 * The initial role set holds the roles the instance has when it is seeded (the defaults, on a
 * new instance); members get `org:member`, and its creator role is the `creator_role` setting.
 */
function seedPrimaryRoleSet(sb: SandboxContext, instanceId: string): void {
  sb.tx(() => {
    const now = sb.clock.now();
    const roles = sb
      .stmt("SELECT * FROM organization_roles WHERE instance_id = ? ORDER BY created_at, rowid LIMIT ?")
      .all(instanceId, MAX_ROLES_PER_SET) as RoleRow[];
    const id = sb.newId("rs");
    const defaultRole = findRoleByKey(sb, instanceId, PRIMARY_ROLE_SET.defaultRole) ?? roles[0];
    sb.stmt(
      `INSERT INTO organization_role_sets (id, instance_id, key, name, description, type, default_role_id,
         creator_role_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, NULL, 'initial', ?, NULL, ?, ?)`,
    ).run(id, instanceId, PRIMARY_ROLE_SET.key, PRIMARY_ROLE_SET.name, defaultRole?.id ?? null, now, now);
    addRoles(
      sb,
      id,
      roles.map((role) => role.id),
    );
  });
}

export function addRoles(sb: SandboxContext, roleSetId: string, roleIds: readonly string[]): void {
  const insert = sb.stmt("INSERT OR IGNORE INTO organization_role_set_roles (role_set_id, role_id) VALUES (?, ?)");
  for (const roleId of roleIds) insert.run(roleSetId, roleId);
}

function permissionIdsForKeys(sb: SandboxContext, instanceId: string, keys: string[]): string[] {
  return keys.map(
    (key) =>
      sb
        .stmt("SELECT id FROM organization_permissions WHERE instance_id = ? AND key = ?")
        .pluck()
        .get(instanceId, key) as string,
  );
}

export function findRoleByKey(sb: SandboxContext, instanceId: string, key: string): RoleRow | undefined {
  return sb.stmt("SELECT * FROM organization_roles WHERE instance_id = ? AND key = ?").get(instanceId, key) as
    | RoleRow
    | undefined;
}

export function requireRole(sb: SandboxContext, instanceId: string, id: string): RoleRow {
  ensureOrganizationRoles(sb, instanceId);
  const row = sb.stmt("SELECT * FROM organization_roles WHERE instance_id = ? AND id = ?").get(instanceId, id) as
    | RoleRow
    | undefined;
  if (!row) throw errors.notFound("Organization role");
  return row;
}

export function requirePermission(sb: SandboxContext, instanceId: string, id: string): PermissionRow {
  ensureOrganizationRoles(sb, instanceId);
  const row = sb.stmt("SELECT * FROM organization_permissions WHERE instance_id = ? AND id = ?").get(instanceId, id) as
    | PermissionRow
    | undefined;
  if (!row) throw errors.notFound("Permission");
  return row;
}

/** A role key sent for a membership or an invitation must name one of the instance's roles. */
export function assertRoleKey(sb: SandboxContext, instanceId: string, key: string, param = "role"): void {
  ensureOrganizationRoles(sb, instanceId);
  if (!findRoleByKey(sb, instanceId, key)) {
    throw errors.paramValueInvalid(param, `${key} is not a valid organization role for this instance.`);
  }
}

export function rolePermissions(sb: SandboxContext, roleId: string): PermissionRow[] {
  return sb
    .stmt(
      `SELECT p.* FROM organization_role_permissions rp JOIN organization_permissions p ON p.id = rp.permission_id
       WHERE rp.role_id = ? ORDER BY rp.rowid`,
    )
    .all(roleId) as PermissionRow[];
}

export function setRolePermissions(sb: SandboxContext, roleId: string, permissionIds: string[]): void {
  sb.stmt("DELETE FROM organization_role_permissions WHERE role_id = ?").run(roleId);
  const insert = sb.stmt("INSERT OR IGNORE INTO organization_role_permissions (role_id, permission_id) VALUES (?, ?)");
  for (const permissionId of permissionIds) insert.run(roleId, permissionId);
}

/** Whether a set of permission keys is enough for the organization creator role. */
export function isCreatorEligible(permissionKeys: readonly string[]): boolean {
  return CREATOR_PERMISSIONS.every((key) => permissionKeys.includes(key));
}

export interface RoleSummary {
  name: string;
  permissions: string[];
}

/** Every role of the instance by key, with its permission keys: what memberships and invitations show. */
export function roleDirectory(sb: SandboxContext, instanceId: string): Map<string, RoleSummary> {
  ensureOrganizationRoles(sb, instanceId);
  const rows = sb
    .stmt(
      `SELECT r.key AS role, r.name AS name, p.key AS permission FROM organization_roles r
       LEFT JOIN organization_role_permissions rp ON rp.role_id = r.id
       LEFT JOIN organization_permissions p ON p.id = rp.permission_id
       WHERE r.instance_id = ? ORDER BY r.key, rp.rowid`,
    )
    .all(instanceId) as { role: string; name: string; permission: string | null }[];
  const directory = new Map<string, RoleSummary>();
  for (const row of rows) {
    const entry = directory.get(row.role) ?? { name: row.name, permissions: [] };
    if (row.permission) entry.permissions.push(row.permission);
    directory.set(row.role, entry);
  }
  return directory;
}

/** Role directories by instance, each loaded once (for serializing a page of results). */
export function roleDirectories(sb: SandboxContext): (instanceId: string) => Map<string, RoleSummary> {
  const loaded = new Map<string, Map<string, RoleSummary>>();
  return (instanceId) => {
    let directory = loaded.get(instanceId);
    if (!directory) {
      directory = roleDirectory(sb, instanceId);
      loaded.set(instanceId, directory);
    }
    return directory;
  };
}

/** A role missing from the directory (deleted since) still shows its key. */
export function summaryOf(directory: Map<string, RoleSummary>, key: string): RoleSummary {
  return directory.get(key) ?? { name: key, permissions: [] };
}

/** Keys of the roles whose members run an organization. */
export function elevatedRoleKeys(directory: Map<string, RoleSummary>): string[] {
  return [...directory].filter(([, role]) => role.permissions.includes(MANAGE_MEMBERS_PERMISSION)).map(([key]) => key);
}

export function serializePermission(row: PermissionRow) {
  return {
    object: "permission",
    id: row.id,
    name: row.name,
    key: row.key,
    description: row.description,
    type: row.type,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function serializeRole(sb: SandboxContext, row: RoleRow) {
  const permissions = rolePermissions(sb, row.id);
  return {
    object: "role",
    id: row.id,
    name: row.name,
    key: row.key,
    description: row.description,
    is_creator_eligible: isCreatorEligible(permissions.map((p) => p.key)),
    permissions: permissions.map(serializePermission),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
