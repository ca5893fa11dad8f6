import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { parseBody, parseOrderBy, parsePaging, queryOf, queryString } from "../../core/http";
import { and, selectPage } from "../organizations/sql";
import { likeContains } from "../users/query";
import { connectionFilters, mergeSaml, samlFields, storeConnection } from "./bodies";
import {
  assertOrganization,
  type ConnectionRow,
  connectionDomains,
  DEFAULT_SAML,
  requireSamlConnection,
  SAML_PROVIDERS,
  type SamlSettings,
  serializeSamlConnection,
} from "./repo";

const createBody = z.strictObject({
  name: z.string(),
  domain: z.string().nullish(),
  domains: z.array(z.string()).nullish(),
  provider: z.enum(SAML_PROVIDERS),
  organization_id: z.string().nullish(),
  ...samlFields,
});

const updateBody = z.strictObject({
  name: z.string().nullish(),
  domain: z.string().nullish(),
  domains: z.array(z.string()).nullish(),
  organization_id: z.string().nullish(),
  active: z.boolean().nullish(),
  sync_user_attributes: z.boolean().nullish(),
  disable_additional_identifications: z.boolean().nullish(),
  allow_organization_account_linking: z.boolean().nullish(),
  consent_verified_domains_deletion: z.boolean().nullish(),
  ...samlFields,
});

type Params = { saml_connection_id: string };

const ORDER_COLUMNS: Record<string, string> = { created_at: "c.created_at", name: "c.name COLLATE NOCASE" };

/** `domains`, or the deprecated single `domain`. */
function domainsOf(body: { domain?: string | null; domains?: string[] | null }): string[] | undefined {
  if (body.domains?.length) return body.domains;
  return body.domain ? [body.domain] : undefined;
}

/** Backend API `/saml_connections` (deprecated by Clerk): the SAML enterprise connections. */
export function samlConnectionRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.get("/saml_connections", async (request) => {
    const query = queryOf(request);
    const paging = parsePaging(query);
    const order = parseOrderBy(query, Object.keys(ORDER_COLUMNS), "-created_at");
    let where = and(connectionFilters(request, "c"), "c.saml_id IS NOT NULL");
    const search = queryString(query, "query");
    if (search) {
      where = and(
        where,
        "(c.saml_id = ? OR lower(c.name) LIKE ? ESCAPE '\\' OR c.domains LIKE ? ESCAPE '\\')",
        search,
        likeContains(search),
        likeContains(search),
      );
    }
    const orderSql = `${ORDER_COLUMNS[order.field]} ${order.direction}, c.rowid ${order.direction}`;
    const { rows, total } = selectPage<ConnectionRow>(sb, "enterprise_connections c", where, orderSql, paging);
    return { data: rows.map((row) => serializeSamlConnection(request.instance, row)), total_count: total };
  });

  app.post("/saml_connections", async (request) => {
    const { name, domain, domains, provider, organization_id, ...saml } = parseBody(createBody, request.body);
    const instanceId = request.instance.id;
    if (name.trim() === "") throw errors.paramMissing("name");
    const names = domainsOf({ domain, domains });
    if (!names) throw errors.paramMissing("domains");
    assertOrganization(sb, instanceId, organization_id);
    const now = sb.clock.now();
    const row = storeConnection(sb, {
      id: sb.newId("entconn"),
      instance_id: instanceId,
      saml_id: sb.newId("samlc"),
      name,
      provider,
      domains: JSON.stringify(connectionDomains(sb, instanceId, names, "domains")),
      organization_id: organization_id ?? null,
      active: 0,
      sync_user_attributes: 1,
      disable_additional_identifications: 0,
      allow_organization_account_linking: 0,
      custom_attributes: "[]",
      saml: JSON.stringify(mergeSaml(DEFAULT_SAML, saml)),
      oidc: null,
      created_at: now,
      updated_at: now,
    });
    return serializeSamlConnection(request.instance, row);
  });

  app.get<{ Params: Params }>("/saml_connections/:saml_connection_id", async (request) =>
    serializeSamlConnection(
      request.instance,
      requireSamlConnection(sb, request.instance.id, request.params.saml_connection_id),
    ),
  );

  app.patch<{ Params: Params }>("/saml_connections/:saml_connection_id", async (request) => {
    const body = parseBody(updateBody, request.body);
    const {
      name,
      domain,
      domains,
      organization_id,
      active,
      sync_user_attributes,
      disable_additional_identifications,
      allow_organization_account_linking,
      consent_verified_domains_deletion: _consent,
      ...saml
    } = body;
    const instanceId = request.instance.id;
    const current = requireSamlConnection(sb, instanceId, request.params.saml_connection_id);
    if (organization_id) assertOrganization(sb, instanceId, organization_id);
    const names = domainsOf({ domain, domains });
    const flag = (value: boolean | null | undefined, fallback: number) =>
      value === undefined || value === null ? fallback : value ? 1 : 0;
    const row = storeConnection(sb, {
      ...current,
      name: name || current.name,
      domains: names
        ? JSON.stringify(connectionDomains(sb, instanceId, names, "domains", current.id))
        : current.domains,
      organization_id: organization_id || current.organization_id,
      active: flag(active, current.active),
      sync_user_attributes: flag(sync_user_attributes, current.sync_user_attributes),
      disable_additional_identifications: flag(
        disable_additional_identifications,
        current.disable_additional_identifications,
      ),
      allow_organization_account_linking: flag(
        allow_organization_account_linking,
        current.allow_organization_account_linking,
      ),
      saml: JSON.stringify(mergeSaml(JSON.parse(current.saml as string) as SamlSettings, saml)),
      updated_at: sb.clock.now(),
    });
    return serializeSamlConnection(request.instance, row);
  });

  app.delete<{ Params: Params }>("/saml_connections/:saml_connection_id", async (request) => {
    const row = requireSamlConnection(sb, request.instance.id, request.params.saml_connection_id);
    sb.stmt("DELETE FROM enterprise_connections WHERE id = ?").run(row.id);
    return { object: "saml_connection", id: row.saml_id, deleted: true };
  });
}
