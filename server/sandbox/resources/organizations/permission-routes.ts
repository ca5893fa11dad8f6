import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { parseBody, parseOrderBy, parsePaging, queryOf, queryString } from "../../core/http";
import { likeContains } from "../users/query";
import { ensureOrganizationRoles, type PermissionRow, requirePermission, serializePermission } from "./roles";
import { and, type Condition, selectPage } from "./sql";

const createBody = z.object({
  name: z.string(),
  key: z.string(),
  description: z.string().nullish(),
});

const updateBody = z.object({
  name: z.string().nullish(),
  key: z.string().nullish(),
  description: z.string().nullish(),
});

type PermissionParams = { permission_id: string };

const ORDER_COLUMNS: Record<string, string> = {
  created_at: "p.created_at",
  name: "p.name COLLATE NOCASE",
  key: "p.key",
};

/** Clerk's format `org:feature:action`; the `org:sys_` prefix belongs to system permissions. */
function assertPermissionKey(key: string): void {
  if (!/^org:[a-z0-9_]+:[a-z0-9_]+$/.test(key)) {
    throw errors.paramInvalid(
      "key",
      "key must have the format 'org:feature:action', where feature and action contain only lowercase letters, digits and underscores.",
    );
  }
  if (key.startsWith("org:sys_")) {
    throw errors.paramInvalid(
      "key",
      "key cannot begin with 'org:sys_': that prefix is reserved for system permissions.",
    );
  }
}

function assertKeyAvailable(sb: SandboxContext, instanceId: string, key: string, exceptId?: string): void {
  const owner = sb
    .stmt("SELECT id FROM organization_permissions WHERE instance_id = ? AND key = ?")
    .pluck()
    .get(instanceId, key) as string | undefined;
  if (owner && owner !== exceptId) throw errors.identifierExists("key", "permission key");
}

/** System permissions are Clerk's own: they can be read and assigned, never changed. */
function assertCustom(row: PermissionRow): void {
  if (row.type === "system") {
    throw errors.forbidden(`${row.key} is a system permission; system permissions cannot be changed or deleted.`);
  }
}

/** Backend API `/organization_permissions`: the instance's system and custom permissions. */
export function permissionRoutes(app: FastifyInstance, sb: SandboxContext): void {
  const emit = (type: string, row: PermissionRow) => {
    const permission = serializePermission(row);
    sb.emit({ instanceId: row.instance_id, type, data: permission });
    return permission;
  };

  app.get("/organization_permissions", async (request) => {
    const query = queryOf(request);
    const paging = parsePaging(query);
    const order = parseOrderBy(query, Object.keys(ORDER_COLUMNS), "-created_at");
    const instanceId = request.instance.id;
    ensureOrganizationRoles(sb, instanceId);
    let where: Condition = { sql: "p.instance_id = ?", params: [instanceId] };
    const search = queryString(query, "query");
    if (search) {
      const like = likeContains(search);
      where = and(
        where,
        "(p.id = ? OR lower(p.name) LIKE ? ESCAPE '\\' OR p.key LIKE ? ESCAPE '\\')",
        search,
        like,
        like,
      );
    }
    const orderSql = `${ORDER_COLUMNS[order.field]} ${order.direction}, p.rowid ${order.direction}`;
    const { rows, total } = selectPage<PermissionRow>(sb, "organization_permissions p", where, orderSql, paging);
    return { data: rows.map(serializePermission), total_count: total };
  });

  app.post("/organization_permissions", async (request) => {
    const body = parseBody(createBody, request.body);
    const instanceId = request.instance.id;
    if (body.name.trim() === "") throw errors.paramMissing("name");
    assertPermissionKey(body.key);
    ensureOrganizationRoles(sb, instanceId);
    return sb.tx(() => {
      assertKeyAvailable(sb, instanceId, body.key);
      const id = sb.newId("perm");
      const now = sb.clock.now();
      sb.stmt(
        `INSERT INTO organization_permissions (id, instance_id, key, name, description, type, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'user', ?, ?)`,
      ).run(id, instanceId, body.key, body.name, body.description ?? "", now, now);
      return emit("permission.created", requirePermission(sb, instanceId, id));
    });
  });

  app.get<{ Params: PermissionParams }>("/organization_permissions/:permission_id", async (request) =>
    serializePermission(requirePermission(sb, request.instance.id, request.params.permission_id)),
  );

  app.patch<{ Params: PermissionParams }>("/organization_permissions/:permission_id", async (request) => {
    const body = parseBody(updateBody, request.body);
    const instanceId = request.instance.id;
    const current = requirePermission(sb, instanceId, request.params.permission_id);
    assertCustom(current);
    if (body.key) assertPermissionKey(body.key);
    return sb.tx(() => {
      if (body.key) assertKeyAvailable(sb, instanceId, body.key, current.id);
      sb.stmt(
        "UPDATE organization_permissions SET key = ?, name = ?, description = ?, updated_at = ? WHERE id = ?",
      ).run(
        body.key || current.key,
        body.name || current.name,
        body.description ?? current.description,
        sb.clock.now(),
        current.id,
      );
      return emit("permission.updated", requirePermission(sb, instanceId, current.id));
    });
  });

  app.delete<{ Params: PermissionParams }>("/organization_permissions/:permission_id", async (request) => {
    const instanceId = request.instance.id;
    const permission = requirePermission(sb, instanceId, request.params.permission_id);
    assertCustom(permission);
    const deleted = { object: "permission", id: permission.id, deleted: true };
    sb.tx(() => {
      // Roles holding it lose it (the association rows cascade).
      sb.stmt("DELETE FROM organization_permissions WHERE id = ?").run(permission.id);
      sb.emit({ instanceId, type: "permission.deleted", data: deleted });
    });
    return deleted;
  });
}
