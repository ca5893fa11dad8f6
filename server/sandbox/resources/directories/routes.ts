import { randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { parseBody, parsePaging, queryOf } from "../../core/http";
import { randomToken } from "../../core/ids";
import { hashToken } from "../../oauth/tokens";
import { requireConnection } from "../enterprise-connections/repo";
import { requireRole } from "../organizations/roles";
import { selectPage } from "../organizations/sql";

interface DirectoryRow {
  id: string;
  instance_id: string;
  enterprise_connection_id: string;
  name: string;
  provider: string;
  enabled: number;
  group_role_mapping_enabled: number;
  attribute_mapping: string;
  api_key_hash: string;
  created_at: number;
  updated_at: number;
}

/** Where user properties come from in SCIM's core User schema, as Clerk maps them by default. */
const DEFAULT_ATTRIBUTE_MAPPING: Record<string, string> = {
  external_id: "externalId",
  email_address: 'emails[type eq "work"].value',
  first_name: "name.givenName",
  last_name: "name.familyName",
  username: "userName",
};

const mapping = z.object({
  role_id: z.string(),
  precedence: z.number().int().min(1).optional(),
  directory_group_id: z.string().min(1).optional(),
  scim_group_id: z.string().min(1).optional(),
  directory_group_display_name: z.string().max(255).optional(),
  scim_group_display_name: z.string().max(255).optional(),
});

const createBody = z.object({
  enterprise_connection_id: z.string(),
  name: z.string().optional(),
  provider: z.string().min(1),
  group_role_mappings: z.array(mapping).optional(),
});

const updateBody = z.object({
  name: z.string().optional(),
  enabled: z.boolean().optional(),
  provider: z.string().min(1).optional(),
  attribute_mapping: z.record(z.string(), z.string().nullable()).optional(),
  group_role_mapping_enabled: z.boolean().optional(),
});

/** The two names Clerk serves directories under; they differ only in paths and `object`. */
const VIEWS = [
  { path: "/directories", param: "directory_id", object: "directory" },
  { path: "/scim_directories", param: "scim_directory_id", object: "scim_directory" },
] as const;
type View = (typeof VIEWS)[number];

/** A group id may come under its new name or its legacy SCIM one, but not as two different values. */
function groupOf(entry: z.infer<typeof mapping>, index: number): { id: string; name: string | null } {
  const param = `group_role_mappings.${index}`;
  const pick = (current: string | undefined, legacy: string | undefined, field: string) => {
    if (current !== undefined && legacy !== undefined && current !== legacy) {
      throw errors.paramInvalid(
        `${param}.${field}`,
        `${field} and its legacy scim_ name must agree when both are sent.`,
      );
    }
    return current ?? legacy;
  };
  const id = pick(entry.directory_group_id, entry.scim_group_id, "directory_group_id");
  if (!id) throw errors.paramMissing(`${param}.directory_group_id`);
  const name = pick(entry.directory_group_display_name, entry.scim_group_display_name, "directory_group_display_name");
  return { id, name: name ?? null };
}

const secureRandom = (size: number) => new Uint8Array(randomBytes(size));

/** Backend API directories: SCIM provisioning endpoints with their API key, per enterprise connection. */
export function directoryRoutes(app: FastifyInstance, sb: SandboxContext): void {
  const serialize = (request: FastifyRequest, view: View, row: DirectoryRow, apiKey?: string) => ({
    object: view.object,
    id: row.id,
    name: row.name,
    enterprise_connection_id: row.enterprise_connection_id,
    endpoint_url: `https://${request.instance.frontend_api_host}/scim/v2/${row.id}`,
    provider: row.provider,
    enabled: row.enabled === 1,
    group_role_mapping_enabled: row.group_role_mapping_enabled === 1,
    attribute_mapping: JSON.parse(row.attribute_mapping) as Record<string, string>,
    custom_attributes: [],
    ...(apiKey === undefined ? {} : { api_key: apiKey }),
    created_at: row.created_at,
    updated_at: row.updated_at,
  });
  const requireDirectory = (request: FastifyRequest, id: string) => {
    const row = sb.stmt("SELECT * FROM directories WHERE instance_id = ? AND id = ?").get(request.instance.id, id) as
      | DirectoryRow
      | undefined;
    if (!row) throw errors.notFound("Directory");
    return row;
  };

  for (const view of VIEWS) {
    type Params = Record<string, string>;
    const item = `${view.path}/:${view.param}`;

    app.get(view.path, async (request) => {
      const paging = parsePaging(queryOf(request));
      const { rows, total } = selectPage<DirectoryRow>(
        sb,
        "directories d",
        { sql: "d.instance_id = ?", params: [request.instance.id] },
        "d.created_at DESC, d.rowid DESC",
        paging,
      );
      return { data: rows.map((row) => serialize(request, view, row)), total_count: total };
    });

    app.post(view.path, async (request) => {
      const body = parseBody(createBody, request.body);
      const instanceId = request.instance.id;
      const connection = requireConnection(sb, instanceId, body.enterprise_connection_id);
      if (sb.stmt("SELECT 1 FROM directories WHERE enterprise_connection_id = ?").get(connection.id)) {
        throw errors.badRequest(
          "directory_exists",
          "directory exists",
          "This enterprise connection already has a directory; an enterprise connection has at most one.",
          { param_name: "enterprise_connection_id" },
        );
      }
      const mappings = (body.group_role_mappings ?? []).map((entry, index) => ({
        group: groupOf(entry, index),
        role: requireRole(sb, instanceId, entry.role_id),
        precedence: entry.precedence ?? index + 1,
      }));
      // The API key authenticates the IdP's SCIM calls: shown once, stored hashed.
      const apiKey = `scim_${randomToken(secureRandom, 40)}`;
      const now = sb.clock.now();
      const row: DirectoryRow = {
        id: sb.newId("dir"),
        instance_id: instanceId,
        enterprise_connection_id: connection.id,
        name: body.name ?? connection.name,
        provider: body.provider,
        enabled: 1,
        group_role_mapping_enabled: mappings.length ? 1 : 0,
        attribute_mapping: JSON.stringify(DEFAULT_ATTRIBUTE_MAPPING),
        api_key_hash: hashToken(apiKey),
        created_at: now,
        updated_at: now,
      };
      sb.tx(() => {
        sb.stmt(
          `INSERT INTO directories (id, instance_id, enterprise_connection_id, name, provider, enabled,
             group_role_mapping_enabled, attribute_mapping, api_key_hash, created_at, updated_at)
           VALUES (@id, @instance_id, @enterprise_connection_id, @name, @provider, @enabled,
             @group_role_mapping_enabled, @attribute_mapping, @api_key_hash, @created_at, @updated_at)`,
        ).run(row);
        const insert = sb.stmt(
          `INSERT OR REPLACE INTO directory_group_role_mappings (directory_id, group_id, display_name, role_id, precedence)
           VALUES (?, ?, ?, ?, ?)`,
        );
        for (const { group, role, precedence } of mappings)
          insert.run(row.id, group.id, group.name, role.id, precedence);
      });
      return serialize(request, view, row, apiKey);
    });

    app.get<{ Params: Params }>(item, async (request) =>
      serialize(request, view, requireDirectory(request, request.params[view.param] as string)),
    );

    app.patch<{ Params: Params }>(item, async (request) => {
      const body = parseBody(updateBody, request.body);
      const current = requireDirectory(request, request.params[view.param] as string);
      // Entries merge into the mapping; a null value removes its key.
      const attributeMapping = JSON.parse(current.attribute_mapping) as Record<string, string>;
      for (const [key, value] of Object.entries(body.attribute_mapping ?? {})) {
        if (value === null) delete attributeMapping[key];
        else attributeMapping[key] = value;
      }
      const flag = (value: boolean | undefined, fallback: number) => (value === undefined ? fallback : value ? 1 : 0);
      const next: DirectoryRow = {
        ...current,
        name: body.name || current.name,
        provider: body.provider ?? current.provider,
        enabled: flag(body.enabled, current.enabled),
        group_role_mapping_enabled: flag(body.group_role_mapping_enabled, current.group_role_mapping_enabled),
        attribute_mapping: JSON.stringify(attributeMapping),
        updated_at: sb.clock.now(),
      };
      sb.stmt(
        `UPDATE directories SET name = @name, provider = @provider, enabled = @enabled,
           group_role_mapping_enabled = @group_role_mapping_enabled, attribute_mapping = @attribute_mapping,
           updated_at = @updated_at WHERE id = @id`,
      ).run(next);
      return serialize(request, view, next);
    });

    app.delete<{ Params: Params }>(item, async (request) => {
      const row = requireDirectory(request, request.params[view.param] as string);
      sb.stmt("DELETE FROM directories WHERE id = ?").run(row.id);
      return { object: view.object, id: row.id, deleted: true };
    });
  }
}
