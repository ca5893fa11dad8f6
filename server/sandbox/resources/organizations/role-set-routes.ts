import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { parseBody, parseOrderBy, parsePaging, queryOf, queryString } from "../../core/http";
import { likeContains } from "../users/query";
import {
  creatorRoleOf,
  makeInitial,
  type RoleSetRow,
  requireRoleSet,
  roleSetRoles,
  serializeRoleSet,
  setCreatorRole,
} from "./role-sets";
import { addRoles, ensureOrganizationRoles, findRoleByKey, MAX_ROLES_PER_SET, type RoleRow } from "./roles";
import { and, type Condition, selectPage } from "./sql";

const roleKeys = z.array(z.string()).min(1).max(MAX_ROLES_PER_SET);

const createBody = z.strictObject({
  name: z.string(),
  key: z.string().optional(),
  description: z.string().nullish(),
  default_role_key: z.string(),
  creator_role_key: z.string(),
  type: z.enum(["initial", "custom"]).optional(),
  roles: roleKeys,
});

const updateBody = z.object({
  name: z.string().nullish(),
  key: z.string().nullish(),
  description: z.string().nullish(),
  type: z.enum(["initial"]).nullish(),
  default_role_key: z.string().nullish(),
  creator_role_key: z.string().nullish(),
});

const replaceBody = z.object({
  dest_role_set_key: z.string(),
  reassignment_mappings: z.record(z.string(), z.string()).nullish(),
});

const addRolesBody = z.object({
  role_keys: roleKeys,
  default_role_key: z.string().nullish(),
  creator_role_key: z.string().nullish(),
});

const replaceRoleBody = z.object({ role_key: z.string(), to_role_key: z.string() });

type RoleSetParams = { role_set_key_or_id: string };

const ORDER_COLUMNS: Record<string, string> = {
  created_at: "s.created_at",
  name: "s.name COLLATE NOCASE",
  key: "s.key",
};

function assertRoleSetKey(key: string): void {
  if (!/^role_set:[a-z0-9_]+$/.test(key)) {
    throw errors.paramInvalid(
      "key",
      "key must start with 'role_set:' and contain only lowercase alphanumeric characters and underscores.",
    );
  }
}

/** `role_set:` and the name in lower case, runs of anything else turned into one underscore. */
function keyFromName(name: string): string {
  return `role_set:${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "")}`;
}

function assertKeyAvailable(sb: SandboxContext, instanceId: string, key: string, exceptId?: string): void {
  const owner = sb
    .stmt("SELECT id FROM organization_role_sets WHERE instance_id = ? AND key = ?")
    .pluck()
    .get(instanceId, key) as string | undefined;
  if (owner && owner !== exceptId) throw errors.identifierExists("key", "role set key");
}

function roleByKey(sb: SandboxContext, instanceId: string, key: string, param: string): RoleRow {
  const role = findRoleByKey(sb, instanceId, key);
  if (!role) throw errors.paramValueInvalid(param, `${key} is not an organization role of this instance.`);
  return role;
}

/** A default or creator role must be one of the set's roles. */
function memberRole(roles: readonly RoleRow[], key: string, param: string): RoleRow {
  const role = roles.find((r) => r.key === key);
  if (!role) throw errors.paramValueInvalid(param, `${param} must name one of the role set's roles; ${key} is not.`);
  return role;
}

function touch(sb: SandboxContext, set: RoleSetRow): void {
  sb.stmt("UPDATE organization_role_sets SET updated_at = ? WHERE id = ?").run(sb.clock.now(), set.id);
}

/** Moves every membership and pending invitation from one role key to another (the initial set's organizations). */
function reassign(sb: SandboxContext, instanceId: string, from: string, to: string): void {
  if (from === to) return;
  sb.stmt("UPDATE organization_memberships SET role = ?, updated_at = ? WHERE instance_id = ? AND role = ?").run(
    to,
    sb.clock.now(),
    instanceId,
    from,
  );
  sb.stmt(
    "UPDATE organization_invitations SET role = ?, updated_at = ? WHERE instance_id = ? AND role = ? AND status = 'pending'",
  ).run(to, sb.clock.now(), instanceId, from);
}

function roleHasMembers(sb: SandboxContext, instanceId: string, key: string): boolean {
  return Boolean(
    sb.stmt("SELECT 1 FROM organization_memberships WHERE instance_id = ? AND role = ?").get(instanceId, key),
  );
}

/** Backend API `/role_sets`: which roles organizations may use, the initial set being new organizations'. */
export function roleSetRoutes(app: FastifyInstance, sb: SandboxContext): void {
  const answer = (request: FastifyRequest, id: string) =>
    serializeRoleSet(sb, request, requireRoleSet(sb, request, id));

  app.get("/role_sets", async (request) => {
    const query = queryOf(request);
    const paging = parsePaging(query);
    const order = parseOrderBy(query, Object.keys(ORDER_COLUMNS), "-created_at");
    ensureOrganizationRoles(sb, request.instance.id);
    let where: Condition = { sql: "s.instance_id = ?", params: [request.instance.id] };
    const search = queryString(query, "query");
    if (search) {
      const like = likeContains(search);
      where = and(
        where,
        "(s.id = ? OR lower(s.name) LIKE ? ESCAPE '\\' OR s.key LIKE ? ESCAPE '\\')",
        search,
        like,
        like,
      );
    }
    const orderSql = `${ORDER_COLUMNS[order.field]} ${order.direction}, s.rowid ${order.direction}`;
    const { rows, total } = selectPage<RoleSetRow>(sb, "organization_role_sets s", where, orderSql, paging);
    return { data: rows.map((row) => serializeRoleSet(sb, request, row)), total_count: total };
  });

  app.post("/role_sets", async (request) => {
    const body = parseBody(createBody, request.body);
    const instanceId = request.instance.id;
    if (body.name.trim() === "") throw errors.paramMissing("name");
    const key = body.key ?? keyFromName(body.name);
    assertRoleSetKey(key);
    ensureOrganizationRoles(sb, request.instance.id);
    return sb.tx(() => {
      assertKeyAvailable(sb, instanceId, key);
      const roles = [...new Set(body.roles)].map((roleKey) => roleByKey(sb, instanceId, roleKey, "roles"));
      const defaultRole = memberRole(roles, body.default_role_key, "default_role_key");
      const creator = memberRole(roles, body.creator_role_key, "creator_role_key");
      const now = sb.clock.now();
      const row: RoleSetRow = {
        id: sb.newId("rs"),
        instance_id: instanceId,
        key,
        name: body.name,
        description: body.description ?? null,
        type: "custom",
        default_role_id: defaultRole.id,
        creator_role_id: null,
        created_at: now,
        updated_at: now,
      };
      sb.stmt(
        `INSERT INTO organization_role_sets (id, instance_id, key, name, description, type, default_role_id,
           creator_role_id, created_at, updated_at)
         VALUES (@id, @instance_id, @key, @name, @description, @type, @default_role_id, @creator_role_id,
           @created_at, @updated_at)`,
      ).run(row);
      addRoles(
        sb,
        row.id,
        roles.map((role) => role.id),
      );
      setCreatorRole(sb, request, row, creator);
      if (body.type === "initial") makeInitial(sb, request, { ...row, creator_role_id: creator.id });
      return answer(request, row.id);
    });
  });

  app.get<{ Params: RoleSetParams }>("/role_sets/:role_set_key_or_id", async (request) =>
    answer(request, request.params.role_set_key_or_id),
  );

  app.patch<{ Params: RoleSetParams }>("/role_sets/:role_set_key_or_id", async (request) => {
    const body = parseBody(updateBody, request.body);
    const instanceId = request.instance.id;
    const set = requireRoleSet(sb, request, request.params.role_set_key_or_id);
    if (body.key) assertRoleSetKey(body.key);
    if (body.name !== undefined && body.name !== null && body.name.trim() === "") throw errors.paramMissing("name");
    return sb.tx(() => {
      if (body.key) assertKeyAvailable(sb, instanceId, body.key, set.id);
      const roles = roleSetRoles(sb, set.id);
      const defaultRole = body.default_role_key ? memberRole(roles, body.default_role_key, "default_role_key") : null;
      sb.stmt(
        "UPDATE organization_role_sets SET key = ?, name = ?, description = ?, default_role_id = ?, updated_at = ? WHERE id = ?",
      ).run(
        body.key || set.key,
        body.name || set.name,
        body.description === undefined ? set.description : body.description,
        defaultRole?.id ?? set.default_role_id,
        sb.clock.now(),
        set.id,
      );
      if (body.creator_role_key) {
        setCreatorRole(sb, request, set, memberRole(roles, body.creator_role_key, "creator_role_key"));
      }
      if (body.type === "initial") makeInitial(sb, request, requireRoleSet(sb, request, set.id));
      return answer(request, set.id);
    });
  });

  app.post<{ Params: RoleSetParams }>("/role_sets/:role_set_key_or_id/replace", async (request) => {
    const body = parseBody(replaceBody, request.body);
    const instanceId = request.instance.id;
    const source = requireRoleSet(sb, request, request.params.role_set_key_or_id);
    const dest = requireRoleSet(sb, request, body.dest_role_set_key);
    if (dest.id === source.id) {
      throw errors.paramValueInvalid("dest_role_set_key", "A role set cannot be replaced by itself.");
    }
    const mappings = body.reassignment_mappings ?? {};
    const destRoles = roleSetRoles(sb, dest.id);
    const sourceRoles = roleSetRoles(sb, source.id);
    for (const [from, to] of Object.entries(mappings)) {
      if (!sourceRoles.some((role) => role.key === from)) {
        throw errors.paramValueInvalid("reassignment_mappings", `${from} is not a role of the replaced role set.`);
      }
      memberRole(destRoles, to, "reassignment_mappings");
    }
    // Members whose role the destination lacks must be told where to go.
    const moves = sourceRoles
      .filter((role) => !destRoles.some((d) => d.id === role.id))
      .filter((role) => source.type === "initial" && roleHasMembers(sb, instanceId, role.key));
    const unmapped = moves.find((role) => !mappings[role.key]);
    if (unmapped) {
      throw errors.unprocessable(
        "role_set_reassignment_mappings_missing",
        "reassignment mappings missing",
        `Members hold ${unmapped.key}, which ${dest.key} does not have: map it to one of ${dest.key}'s roles in reassignment_mappings.`,
        { param_name: "reassignment_mappings" },
      );
    }
    const deleted = { object: "role_set", id: source.id, deleted: true };
    sb.tx(() => {
      if (source.type === "initial") {
        for (const role of moves) reassign(sb, instanceId, role.key, mappings[role.key] as string);
        makeInitial(sb, request, dest);
      }
      sb.stmt("DELETE FROM organization_role_sets WHERE id = ?").run(source.id);
    });
    return deleted;
  });

  app.post<{ Params: RoleSetParams }>("/role_sets/:role_set_key_or_id/roles", async (request) => {
    const body = parseBody(addRolesBody, request.body);
    const instanceId = request.instance.id;
    const set = requireRoleSet(sb, request, request.params.role_set_key_or_id);
    const held = roleSetRoles(sb, set.id);
    const added = [...new Set(body.role_keys)].map((key) => roleByKey(sb, instanceId, key, "role_keys"));
    const already = added.find((role) => held.some((h) => h.id === role.id));
    if (already) {
      throw errors.paramValueInvalid("role_keys", `${already.key} is already in the role set.`);
    }
    if (held.length + added.length > MAX_ROLES_PER_SET) {
      throw errors.paramValueInvalid("role_keys", `A role set can hold at most ${MAX_ROLES_PER_SET} roles.`);
    }
    return sb.tx(() => {
      addRoles(
        sb,
        set.id,
        added.map((role) => role.id),
      );
      if (body.default_role_key) {
        const role = memberRole(added, body.default_role_key, "default_role_key");
        sb.stmt("UPDATE organization_role_sets SET default_role_id = ? WHERE id = ?").run(role.id, set.id);
      }
      if (body.creator_role_key) {
        setCreatorRole(sb, request, set, memberRole(added, body.creator_role_key, "creator_role_key"));
      }
      touch(sb, set);
      return answer(request, set.id);
    });
  });

  app.post<{ Params: RoleSetParams }>("/role_sets/:role_set_key_or_id/roles/replace", async (request) => {
    const body = parseBody(replaceRoleBody, request.body);
    const instanceId = request.instance.id;
    const set = requireRoleSet(sb, request, request.params.role_set_key_or_id);
    const held = roleSetRoles(sb, set.id);
    const removed = memberRole(held, body.role_key, "role_key");
    const target = memberRole(held, body.to_role_key, "to_role_key");
    if (removed.id === target.id) {
      throw errors.paramValueInvalid("to_role_key", "to_role_key must differ from role_key.");
    }
    return sb.tx(() => {
      // The removed role's duties pass to the target: members, default role, creator role.
      if (set.type === "initial") reassign(sb, instanceId, removed.key, target.key);
      if (set.default_role_id === removed.id) {
        sb.stmt("UPDATE organization_role_sets SET default_role_id = ? WHERE id = ?").run(target.id, set.id);
      }
      if (creatorRoleOf(sb, request, set)?.id === removed.id) setCreatorRole(sb, request, set, target);
      sb.stmt("DELETE FROM organization_role_set_roles WHERE role_set_id = ? AND role_id = ?").run(set.id, removed.id);
      touch(sb, set);
      return answer(request, set.id);
    });
  });
}
