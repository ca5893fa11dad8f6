import type { FastifyRequest } from "fastify";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import type { InstanceConfig } from "../../tenancy/config";
import { instanceById, readConfig, writeConfig } from "../../tenancy/instances";
import { ensureOrganizationRoles, findRoleByKey, isCreatorEligible, type RoleRow, rolePermissions } from "./roles";

export interface RoleSetRow {
  id: string;
  instance_id: string;
  key: string;
  name: string;
  description: string | null;
  type: "initial" | "custom";
  default_role_id: string | null;
  creator_role_id: string | null;
  created_at: number;
  updated_at: number;
}

/** The instance's settings as stored now (`request.instance` is read once per request). */
function currentConfig(sb: SandboxContext, request: FastifyRequest): InstanceConfig {
  return readConfig(instanceById(sb, request.instance.id) ?? request.instance);
}

export function requireRoleSet(sb: SandboxContext, request: FastifyRequest, keyOrId: string): RoleSetRow {
  ensureOrganizationRoles(sb, request.instance.id);
  const row = sb
    .stmt("SELECT * FROM organization_role_sets WHERE instance_id = ? AND (id = ? OR key = ?)")
    .get(request.instance.id, keyOrId, keyOrId) as RoleSetRow | undefined;
  if (!row) throw errors.notFound("Role set");
  return row;
}

export function initialRoleSet(sb: SandboxContext, request: FastifyRequest): RoleSetRow {
  ensureOrganizationRoles(sb, request.instance.id);
  return sb
    .stmt("SELECT * FROM organization_role_sets WHERE instance_id = ? AND type = 'initial'")
    .get(request.instance.id) as RoleSetRow;
}

export function roleSetRoles(sb: SandboxContext, roleSetId: string): RoleRow[] {
  return sb
    .stmt(
      `SELECT r.* FROM organization_role_set_roles rs JOIN organization_roles r ON r.id = rs.role_id
       WHERE rs.role_set_id = ? ORDER BY rs.rowid`,
    )
    .all(roleSetId) as RoleRow[];
}

/**
 * The role set's creator role. The initial set's is the instance's `creator_role` setting (the
 * role organization creation assigns), so the two can never disagree.
 */
export function creatorRoleOf(sb: SandboxContext, request: FastifyRequest, set: RoleSetRow): RoleRow | undefined {
  if (set.type === "initial") {
    return findRoleByKey(sb, request.instance.id, currentConfig(sb, request).organization_settings.creator_role);
  }
  if (!set.creator_role_id) return undefined;
  return sb.stmt("SELECT * FROM organization_roles WHERE id = ?").get(set.creator_role_id) as RoleRow | undefined;
}

/** Writes the creator role where it lives: the setting for the initial set, the row otherwise. */
export function setCreatorRole(sb: SandboxContext, request: FastifyRequest, set: RoleSetRow, role: RoleRow): void {
  if (!isCreatorEligible(rolePermissions(sb, role.id).map((p) => p.key))) {
    throw errors.unprocessable(
      "organization_missing_creator_role_permissions",
      "missing creator role permissions",
      "The creator role must have the Manage members, Read members and Delete organization permissions.",
      { param_name: "creator_role_key" },
    );
  }
  if (set.type === "initial") {
    const config = currentConfig(sb, request);
    config.organization_settings.creator_role = role.key;
    writeConfig(sb, request.instance.id, config);
  } else {
    sb.stmt("UPDATE organization_role_sets SET creator_role_id = ? WHERE id = ?").run(role.id, set.id);
  }
}

/** Makes `set` the initial role set; the previous one becomes custom and keeps its creator role. */
export function makeInitial(sb: SandboxContext, request: FastifyRequest, set: RoleSetRow): void {
  const previous = initialRoleSet(sb, request);
  if (previous.id === set.id) return;
  const previousCreator = creatorRoleOf(sb, request, previous);
  sb.stmt("UPDATE organization_role_sets SET type = 'custom', creator_role_id = ? WHERE id = ?").run(
    previousCreator?.id ?? null,
    previous.id,
  );
  const creator = creatorRoleOf(sb, request, set);
  sb.stmt("UPDATE organization_role_sets SET type = 'initial' WHERE id = ?").run(set.id);
  if (creator) setCreatorRole(sb, request, { ...set, type: "initial" }, creator);
}

/**
 * Memberships holding each role. Organizations are all on the initial role set (the sandbox does
 * not assign others), so only its roles count members.
 */
function memberCounts(sb: SandboxContext, set: RoleSetRow): Map<string, number> {
  if (set.type !== "initial") return new Map();
  const rows = sb
    .stmt("SELECT role, count(*) AS n FROM organization_memberships WHERE instance_id = ? GROUP BY role")
    .all(set.instance_id) as { role: string; n: number }[];
  return new Map(rows.map((row) => [row.role, row.n]));
}

function serializeItem(role: RoleRow, counts: Map<string, number>) {
  const members = counts.get(role.key) ?? 0;
  return {
    object: "role_set_item",
    id: role.id,
    name: role.name,
    key: role.key,
    description: role.description,
    members_count: members,
    has_members: members > 0,
    created_at: role.created_at,
    updated_at: role.updated_at,
  };
}

export function serializeRoleSet(sb: SandboxContext, request: FastifyRequest, set: RoleSetRow) {
  const counts = memberCounts(sb, set);
  const roles = roleSetRoles(sb, set.id);
  const creator = creatorRoleOf(sb, request, set);
  const defaultRole = roles.find((role) => role.id === set.default_role_id);
  return {
    object: "role_set",
    id: set.id,
    name: set.name,
    key: set.key,
    description: set.description,
    roles: roles.map((role) => serializeItem(role, counts)),
    default_role: defaultRole ? serializeItem(defaultRole, counts) : null,
    creator_role: creator ? serializeItem(creator, counts) : null,
    type: set.type,
    // Migrations run at once in the sandbox, so none is ever pending.
    role_set_migration: null,
    created_at: set.created_at,
    updated_at: set.updated_at,
  };
}
