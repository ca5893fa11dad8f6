import type { FastifyInstance, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors, SandboxApiError } from "../../core/errors";
import { listBody, parseBody, parsePaging, queryOf } from "../../core/http";
import { type ParsedIdentifier, parseRestrictionIdentifier } from "./identifiers";

export interface RestrictionRow {
  id: string;
  instance_id: string;
  identifier: string;
  identifier_lower: string;
  identifier_type: string;
  invitation_id?: string | null;
  created_at: number;
  updated_at: number;
}

/** What differs between the allowlist and the blocklist. */
export interface RestrictionList<Body extends z.ZodObject<{ identifier: z.ZodString }>> {
  table: "allowlist_identifiers" | "blocklist_identifiers";
  object: "allowlist_identifier" | "blocklist_identifier";
  /** Clerk-style event name family, e.g. `allowlistIdentifier.created`. */
  eventPrefix: string;
  label: string;
  idPrefix: string;
  /** The allowlist lists as a bare array (or `paginated=true`); the blocklist always as `{data, total_count}`. */
  listShape: "array" | "paginated";
  body: Body;
  /** Runs in the creating transaction; returns the invitation it sent, if any. */
  afterCreate?(
    sb: SandboxContext,
    request: FastifyRequest,
    parsed: ParsedIdentifier,
    body: z.infer<Body>,
  ): string | null;
}

export function serializeRestriction(object: string, row: RestrictionRow) {
  return {
    object,
    id: row.id,
    ...(row.invitation_id ? { invitation_id: row.invitation_id } : {}),
    identifier: row.identifier,
    identifier_type: row.identifier_type,
    instance_id: row.instance_id,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** `GET|POST /<list>` and `DELETE /<list>/{id}` for one list. */
export function restrictionListRoutes<Body extends z.ZodObject<{ identifier: z.ZodString }>>(
  app: FastifyInstance,
  sb: SandboxContext,
  list: RestrictionList<Body>,
): void {
  const path = `/${list.table}`;
  const serialize = (row: RestrictionRow) => serializeRestriction(list.object, row);

  app.get(path, async (request) => {
    const query = queryOf(request);
    // The blocklist documents no paging: everything, unless the caller pages explicitly.
    const paged = list.listShape === "array" || query.limit !== undefined || query.offset !== undefined;
    const { limit, offset } = paged ? parsePaging(query) : { limit: -1, offset: 0 };
    const instanceId = request.instance.id;
    const total = sb.stmt(`SELECT count(*) FROM ${list.table} WHERE instance_id = ?`).pluck().get(instanceId) as number;
    const rows = sb
      .stmt(`SELECT * FROM ${list.table} WHERE instance_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`)
      .all(instanceId, limit, offset) as RestrictionRow[];
    return listBody(request, list.listShape, rows.map(serialize), total);
  });

  app.post(path, async (request) => {
    const body = parseBody(list.body, request.body);
    const parsed = parseRestrictionIdentifier(body.identifier);
    const instanceId = request.instance.id;
    const row = sb.tx(() => {
      const taken = sb
        .stmt(`SELECT 1 FROM ${list.table} WHERE instance_id = ? AND identifier_lower = ?`)
        .get(instanceId, parsed.identifier.toLowerCase());
      if (taken) {
        throw errors.badRequest(
          "duplicate_record",
          `duplicate ${list.label} identifier`,
          `the identifier ${parsed.identifier} already exists`,
        );
      }
      const now = sb.clock.now();
      const created: RestrictionRow = {
        id: sb.newId(list.idPrefix),
        instance_id: instanceId,
        identifier: parsed.identifier,
        identifier_lower: parsed.identifier.toLowerCase(),
        identifier_type: parsed.type,
        created_at: now,
        updated_at: now,
      };
      const invitationId = list.afterCreate?.(sb, request, parsed, body) ?? null;
      if (list.object === "allowlist_identifier") created.invitation_id = invitationId;
      const columns = Object.keys(created);
      sb.db
        .prepare(`INSERT INTO ${list.table} (${columns.join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")})`)
        .run(created);
      sb.emit({ instanceId, type: `${list.eventPrefix}.created`, data: serialize(created) });
      return created;
    });
    return serialize(row);
  });

  app.delete<{ Params: { identifier_id: string } }>(`${path}/:identifier_id`, async (request) => {
    const instanceId = request.instance.id;
    const id = request.params.identifier_id;
    sb.tx(() => {
      const deleted = sb.stmt(`DELETE FROM ${list.table} WHERE id = ? AND instance_id = ?`).run(id, instanceId);
      if (deleted.changes === 0) {
        throw SandboxApiError.one(
          404,
          "resource_not_found",
          "Identifier not found",
          `No identifier was found with id ${id}`,
        );
      }
      sb.emit({ instanceId, type: `${list.eventPrefix}.deleted`, data: { object: list.object, id, deleted: true } });
    });
    return { object: list.object, id, deleted: true };
  });
}
