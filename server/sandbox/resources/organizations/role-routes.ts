import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors, SandboxApiError } from "../../core/errors";
import { parseBody, parseOrderBy, parsePaging, queryOf, queryString } from "../../core/http";
import { readConfig, writeConfig } from "../../tenancy/instances";
import { likeContains } from "../users/query";
import { initialRoleSet } from "./role-sets";
import {
  addRoles,
  ensureOrganizationRoles,
  findRoleByKey,
  isCreatorEligible,
  type PermissionRow,
  type RoleRow,
  requirePermission,
  requireRole,
  rolePermissions,
  serializeRole,
  setRolePermissions,
} from "./roles";
import { and, type Condition, selectPage } from "./sql";

const createBody = z.object({
  name: z.string(),
  key: z.string(),
  description: z.string().nullish(),
  permissions: z.array(z.string()).nullish(),
  include_in_initial_role_set: z.boolean().nullish(),
});

const updateBody = z.object({
  name: z.string().nullish(),
  key: z.string().nullish(),
  description: z.string().nullish(),
  permissions: z.array(z.string()).nullish(),
});

type RoleParams = { organization_role_id: string };
type RolePermissionParams = RoleParams & { permission_id: string };

const ORDER_COLUMNS: Record<string, string> = {
  created_at: "r.created_at",
  name: "r.name COLLATE NOCASE",
  key: "r.key",
};

function assertRoleKeyFormat(key: string): void {
  if (!/^org:[a-z0-9_]+$/.test(key)) {
    throw errors.paramInvalid(
      "key",
      "key must start with 'org:' and contain only lowercase alphanumeric characters and underscores.",
    );
  }
}

function assertRoleKeyAvailable(sb: SandboxContext, instanceId: string, key: string, exceptId?: string): void {
  const owner = findRoleByKey(sb, instanceId, key);
  if (owner && owner.id !== exceptId) throw errors.identifierExists("key", "role key");
}

function roleError(code: string, message: string, longMessage: string): SandboxApiError {
  return SandboxApiError.one(422, code, message, longMessage);
}

/** The roles the instance's settings point at must stay fit to create organizations. */
function assertCreatorRoleKeeps(request: FastifyRequest, role: RoleRow, permissionKeys: string[]): void {
  if (readConfig(request.instance).organization_settings.creator_role !== role.key) return;
  if (!isCreatorEligible(permissionKeys)) {
    throw roleError(
      "organization_missing_creator_role_permissions",
      "missing creator role permissions",
      "The creator role must have the Manage members, Read members and Delete organization permissions.",
    );
  }
}

function permissionsByIds(sb: SandboxContext, instanceId: string, ids: string[]): PermissionRow[] {
  return ids.map((id) => requirePermission(sb, instanceId, id));
}

export function roleRoutes(app: FastifyInstance, sb: SandboxContext): void {
  const emitRole = (type: string, row: RoleRow) => {
    const role = serializeRole(sb, row);
    sb.emit({ instanceId: row.instance_id, type, data: role });
    return role;
  };

  app.get("/organization_roles", async (request) => {
    const query = queryOf(request);
    const paging = parsePaging(query);
    const order = parseOrderBy(query, Object.keys(ORDER_COLUMNS), "-created_at");
    const instanceId = request.instance.id;
    ensureOrganizationRoles(sb, instanceId);
    let where: Condition = { sql: "r.instance_id = ?", params: [instanceId] };
    const search = queryString(query, "query");
    if (search) {
      const like = likeContains(search);
      where = and(
        where,
        "(r.id = ? OR lower(r.name) LIKE ? ESCAPE '\\' OR r.key LIKE ? ESCAPE '\\')",
        search,
        like,
        like,
      );
    }
    const orderSql = `${ORDER_COLUMNS[order.field]} ${order.direction}, r.id ${order.direction}`;
    const { rows, total } = selectPage<RoleRow>(sb, "organization_roles r", where, orderSql, paging);
    return { data: rows.map((row) => serializeRole(sb, row)), total_count: total };
  });

  app.post("/organization_roles", async (request) => {
    const body = parseBody(createBody, request.body);
    const instanceId = request.instance.id;
    if (body.name.trim() === "") throw errors.paramMissing("name");
    assertRoleKeyFormat(body.key);
    ensureOrganizationRoles(sb, instanceId);
    return sb.tx(() => {
      assertRoleKeyAvailable(sb, instanceId, body.key);
      const permissions = permissionsByIds(sb, instanceId, body.permissions ?? []);
      const id = sb.newId("role");
      const now = sb.clock.now();
      sb.stmt(
        `INSERT INTO organization_roles (id, instance_id, key, name, description, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, instanceId, body.key, body.name, body.description ?? "", now, now);
      setRolePermissions(
        sb,
        id,
        permissions.map((p) => p.id),
      );
      if (body.include_in_initial_role_set) addRoles(sb, initialRoleSet(sb, request).id, [id]);
      return emitRole("role.created", requireRole(sb, instanceId, id));
    });
  });

  app.get<{ Params: RoleParams }>("/organization_roles/:organization_role_id", async (request) =>
    serializeRole(sb, requireRole(sb, request.instance.id, request.params.organization_role_id)),
  );

  app.patch<{ Params: RoleParams }>("/organization_roles/:organization_role_id", async (request) => {
    const body = parseBody(updateBody, request.body);
    const instanceId = request.instance.id;
    const current = requireRole(sb, instanceId, request.params.organization_role_id);
    if (body.key) assertRoleKeyFormat(body.key);
    return sb.tx(() => {
      const now = sb.clock.now();
      if (body.permissions) {
        const permissions = permissionsByIds(sb, instanceId, body.permissions);
        assertCreatorRoleKeeps(
          request,
          current,
          permissions.map((p) => p.key),
        );
        setRolePermissions(
          sb,
          current.id,
          permissions.map((p) => p.id),
        );
      }
      if (body.key && body.key !== current.key) {
        assertRoleKeyAvailable(sb, instanceId, body.key, current.id);
        renameRoleKey(sb, request, current.key, body.key);
      }
      sb.stmt("UPDATE organization_roles SET key = ?, name = ?, description = ?, updated_at = ? WHERE id = ?").run(
        body.key || current.key,
        body.name || current.name,
        body.description ?? current.description,
        now,
        current.id,
      );
      return emitRole("role.updated", requireRole(sb, instanceId, current.id));
    });
  });

  app.delete<{ Params: RoleParams }>("/organization_roles/:organization_role_id", async (request) => {
    const instanceId = request.instance.id;
    const role = requireRole(sb, instanceId, request.params.organization_role_id);
    const settings = readConfig(request.instance).organization_settings;
    if (settings.creator_role === role.key) {
      throw roleError(
        "organization_role_default_creator_role",
        "role is the creator role",
        "This role is the organization creator role and cannot be deleted. Assign another creator role first.",
      );
    }
    if (settings.domains_default_role === role.key) {
      throw roleError(
        "organization_role_domain_default_role",
        "role is the domain default role",
        "This role is the default role for organization domains and cannot be deleted. Assign another one first.",
      );
    }
    if (
      sb.stmt("SELECT 1 FROM organization_memberships WHERE instance_id = ? AND role = ?").get(instanceId, role.key)
    ) {
      throw roleError(
        "organization_role_assigned_members",
        "role is assigned to members",
        "This role is assigned to organization members and cannot be deleted.",
      );
    }
    if (
      sb.stmt("SELECT 1 FROM organization_invitations WHERE instance_id = ? AND role = ?").get(instanceId, role.key)
    ) {
      throw roleError(
        "organization_role_exists_in_invitations",
        "role is used in invitations",
        "This role is used in organization invitations and cannot be deleted.",
      );
    }
    const deleted = { object: "role", id: role.id, deleted: true };
    sb.tx(() => {
      sb.stmt("DELETE FROM organization_roles WHERE id = ?").run(role.id);
      sb.emit({ instanceId, type: "role.deleted", data: deleted });
    });
    return deleted;
  });

  app.post<{ Params: RolePermissionParams }>(
    "/organization_roles/:organization_role_id/permissions/:permission_id",
    async (request) => {
      const instanceId = request.instance.id;
      const role = requireRole(sb, instanceId, request.params.organization_role_id);
      const permission = requirePermission(sb, instanceId, request.params.permission_id);
      const held = rolePermissions(sb, role.id);
      if (held.some((p) => p.id === permission.id)) {
        throw SandboxApiError.one(
          409,
          "organization_role_permission_association_exists",
          "permission already assigned",
          `The permission ${permission.key} is already assigned to this role.`,
        );
      }
      return sb.tx(() => {
        sb.stmt("INSERT INTO organization_role_permissions (role_id, permission_id) VALUES (?, ?)").run(
          role.id,
          permission.id,
        );
        sb.stmt("UPDATE organization_roles SET updated_at = ? WHERE id = ?").run(sb.clock.now(), role.id);
        return emitRole("role.updated", requireRole(sb, instanceId, role.id));
      });
    },
  );

  app.delete<{ Params: RolePermissionParams }>(
    "/organization_roles/:organization_role_id/permissions/:permission_id",
    async (request) => {
      const instanceId = request.instance.id;
      const role = requireRole(sb, instanceId, request.params.organization_role_id);
      const permission = requirePermission(sb, instanceId, request.params.permission_id);
      const held = rolePermissions(sb, role.id);
      if (!held.some((p) => p.id === permission.id)) {
        throw SandboxApiError.one(
          404,
          "organization_role_permission_association_not_found",
          "permission not assigned",
          `The permission ${permission.key} is not assigned to this role.`,
        );
      }
      assertCreatorRoleKeeps(
        request,
        role,
        held.filter((p) => p.id !== permission.id).map((p) => p.key),
      );
      return sb.tx(() => {
        sb.stmt("DELETE FROM organization_role_permissions WHERE role_id = ? AND permission_id = ?").run(
          role.id,
          permission.id,
        );
        sb.stmt("UPDATE organization_roles SET updated_at = ? WHERE id = ?").run(sb.clock.now(), role.id);
        return emitRole("role.updated", requireRole(sb, instanceId, role.id));
      });
    },
  );
}

/** A role's key lives on memberships, invitations and the instance settings: rename it everywhere. */
function renameRoleKey(sb: SandboxContext, request: FastifyRequest, from: string, to: string): void {
  const instanceId = request.instance.id;
  sb.stmt("UPDATE organization_memberships SET role = ? WHERE instance_id = ? AND role = ?").run(to, instanceId, from);
  sb.stmt("UPDATE organization_invitations SET role = ? WHERE instance_id = ? AND role = ?").run(to, instanceId, from);
  const config = readConfig(request.instance);
  const settings = config.organization_settings;
  if (settings.creator_role !== from && settings.domains_default_role !== from) return;
  if (settings.creator_role === from) settings.creator_role = to;
  if (settings.domains_default_role === from) settings.domains_default_role = to;
  writeConfig(sb, instanceId, config);
}
