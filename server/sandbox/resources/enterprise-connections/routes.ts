import type { FastifyInstance } from "fastify";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { parseBody, parsePaging, queryList, queryOf } from "../../core/http";
import { and, type Condition, placeholders, selectPage } from "../organizations/sql";
import { connectionFilters, createBody, mergeOidc, mergeSaml, storeConnection, updateBody } from "./bodies";
import {
  assertOrganization,
  type ConnectionRow,
  connectionDomains,
  DEFAULT_OIDC,
  DEFAULT_SAML,
  isSaml,
  requireConnection,
  type SamlSettings,
  serializeConnection,
} from "./repo";

type Params = { enterprise_connection_id: string };

/** Backend API `/enterprise_connections`: SAML and OIDC single sign-on, and their test runs. */
export function enterpriseConnectionRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.get("/enterprise_connections", async (request) => {
    const paging = parsePaging(queryOf(request));
    const { rows, total } = selectPage<ConnectionRow>(
      sb,
      "enterprise_connections c",
      connectionFilters(request, "c"),
      "c.created_at DESC, c.rowid DESC",
      paging,
    );
    return { data: rows.map((row) => serializeConnection(request.instance, row)), total_count: total };
  });

  app.post("/enterprise_connections", async (request, reply) => {
    const body = parseBody(createBody, request.body);
    const instanceId = request.instance.id;
    if (body.name.trim() === "") throw errors.paramMissing("name");
    assertOrganization(sb, instanceId, body.organization_id);
    const saml = isSaml(body.provider);
    if (saml && body.oidc) throw errors.paramInvalid("oidc", "oidc settings only apply to OIDC providers.");
    if (!saml && body.saml) throw errors.paramInvalid("saml", "saml settings only apply to SAML providers.");
    const now = sb.clock.now();
    const row = storeConnection(sb, {
      id: sb.newId("entconn"),
      instance_id: instanceId,
      saml_id: saml ? sb.newId("samlc") : null,
      name: body.name,
      provider: body.provider,
      domains: JSON.stringify(connectionDomains(sb, instanceId, body.domains, "domains")),
      organization_id: body.organization_id ?? null,
      active: body.active ? 1 : 0,
      sync_user_attributes: 1,
      disable_additional_identifications: 0,
      allow_organization_account_linking: body.allow_organization_account_linking ? 1 : 0,
      custom_attributes: JSON.stringify(body.custom_attributes ?? []),
      saml: saml ? JSON.stringify(mergeSaml(DEFAULT_SAML, body.saml ?? {})) : null,
      oidc: saml ? null : JSON.stringify(mergeOidc(DEFAULT_OIDC, body.oidc ?? {})),
      created_at: now,
      updated_at: now,
    });
    return reply.code(201).send(serializeConnection(request.instance, row));
  });

  app.get<{ Params: Params }>("/enterprise_connections/:enterprise_connection_id", async (request) =>
    serializeConnection(
      request.instance,
      requireConnection(sb, request.instance.id, request.params.enterprise_connection_id),
    ),
  );

  app.patch<{ Params: Params }>("/enterprise_connections/:enterprise_connection_id", async (request) => {
    const body = parseBody(updateBody, request.body);
    const instanceId = request.instance.id;
    const current = requireConnection(sb, instanceId, request.params.enterprise_connection_id);
    if (body.organization_id) assertOrganization(sb, instanceId, body.organization_id);
    if (body.saml && !current.saml) throw errors.paramInvalid("saml", "saml settings only apply to SAML providers.");
    if (body.oidc && !current.oidc) throw errors.paramInvalid("oidc", "oidc settings only apply to OIDC providers.");
    const flag = (value: boolean | null | undefined, fallback: number) =>
      value === undefined || value === null ? fallback : value ? 1 : 0;
    const row = storeConnection(sb, {
      ...current,
      name: body.name || current.name,
      // An empty list leaves the domains as they are (Clerk's documented behaviour).
      domains: body.domains?.length
        ? JSON.stringify(connectionDomains(sb, instanceId, body.domains, "domains", current.id))
        : current.domains,
      active: flag(body.active, current.active),
      sync_user_attributes: flag(body.sync_user_attributes, current.sync_user_attributes),
      disable_additional_identifications: flag(
        body.disable_additional_identifications,
        current.disable_additional_identifications,
      ),
      allow_organization_account_linking: flag(
        body.allow_organization_account_linking,
        current.allow_organization_account_linking,
      ),
      // Organizations can be linked or changed, never unlinked.
      organization_id: body.organization_id || current.organization_id,
      custom_attributes: body.custom_attributes ? JSON.stringify(body.custom_attributes) : current.custom_attributes,
      saml:
        body.saml && current.saml
          ? JSON.stringify(mergeSaml(JSON.parse(current.saml) as SamlSettings, body.saml))
          : current.saml,
      oidc:
        body.oidc && current.oidc
          ? JSON.stringify(mergeOidc(JSON.parse(current.oidc) as typeof DEFAULT_OIDC, body.oidc))
          : current.oidc,
      updated_at: sb.clock.now(),
    });
    return serializeConnection(request.instance, row);
  });

  app.delete<{ Params: Params }>("/enterprise_connections/:enterprise_connection_id", async (request) => {
    const row = requireConnection(sb, request.instance.id, request.params.enterprise_connection_id);
    sb.stmt("DELETE FROM enterprise_connections WHERE id = ?").run(row.id);
    return { object: "enterprise_connection", id: row.id, deleted: true };
  });

  app.get<{ Params: Params }>("/enterprise_connections/:enterprise_connection_id/test_runs", async (request) => {
    const query = queryOf(request);
    const paging = parsePaging(query);
    const row = requireConnection(sb, request.instance.id, request.params.enterprise_connection_id);
    let where: Condition = { sql: "t.connection_id = ?", params: [row.id] };
    const statuses = queryList(query, "status");
    for (const status of statuses) {
      if (!["pending", "success", "failed"].includes(status)) {
        throw errors.paramValueInvalid("status", "status must be pending, success or failed.");
      }
    }
    if (statuses.length) where = and(where, `t.status IN (${placeholders(statuses)})`, ...statuses);
    type TestRun = { id: string; status: string; connection_type: string; created_at: number };
    const { rows, total } = selectPage<TestRun>(
      sb,
      "enterprise_connection_test_runs t",
      where,
      "t.created_at DESC, t.rowid DESC",
      paging,
    );
    const data = rows.map(({ id, status, connection_type, created_at }) => ({
      id,
      status,
      connection_type,
      created_at,
    }));
    return { data, total_count: total };
  });

  // Opening the URL would run the IdP round trip through the Frontend API; in the sandbox the
  // run is recorded and stays pending.
  app.post<{ Params: Params }>("/enterprise_connections/:enterprise_connection_id/test_runs", async (request) => {
    const row = requireConnection(sb, request.instance.id, request.params.enterprise_connection_id);
    const id = sb.newId("ectr");
    sb.stmt(
      `INSERT INTO enterprise_connection_test_runs (id, connection_id, status, connection_type, created_at)
       VALUES (?, ?, 'pending', ?, ?)`,
    ).run(id, row.id, row.saml ? "saml" : "oauth", sb.clock.now());
    const url = new URL(
      `https://${request.instance.frontend_api_host}/v1/enterprise_connections/${row.id}/test_runs/${id}`,
    );
    return { url: url.toString() };
  });
}
