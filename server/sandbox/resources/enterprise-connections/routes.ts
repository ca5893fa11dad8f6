import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { parseBody, parsePaging, queryBoolean, queryList, queryOf } from "../../core/http";
import { and, type Condition, placeholders, selectPage } from "../organizations/sql";
import {
  assertActivatable,
  assertOrganization,
  type ConnectionRow,
  certificateWindow,
  connectionDomains,
  DEFAULT_OIDC,
  DEFAULT_SAML,
  isSaml,
  PROVIDERS,
  releaseOrganizationDomains,
  requireConnection,
  type SamlSettings,
  saveConnection,
  serializeConnection,
} from "./repo";

const nullableString = z.string().nullish();
const attributeMapping = z.strictObject({
  user_id: nullableString,
  email_address: nullableString,
  first_name: nullableString,
  last_name: nullableString,
});
const loginHint = z.strictObject({
  mode: z.enum(["email_address", "custom_attribute", "off"]),
  source: z.string().optional(),
});

/** IdP settings, as both the Enterprise and the SAML Connections APIs take them. */
export const samlFields = {
  idp_entity_id: nullableString,
  idp_sso_url: nullableString,
  idp_certificate: nullableString,
  idp_metadata_url: nullableString,
  idp_metadata: nullableString,
  attribute_mapping: attributeMapping.nullish(),
  allow_subdomains: z.boolean().nullish(),
  allow_idp_initiated: z.boolean().nullish(),
  force_authn: z.boolean().nullish(),
  login_hint: loginHint.nullish(),
};
const samlBody = z.strictObject({ name: nullableString, ...samlFields });
const oidcBody = z.strictObject({
  client_id: nullableString,
  client_secret: nullableString,
  discovery_url: nullableString,
  auth_url: nullableString,
  token_url: nullableString,
  user_info_url: nullableString,
  requires_pkce: z.boolean().nullish(),
});
const customAttribute = z.strictObject({
  name: z.string().min(1),
  key: z.string().min(1),
  sso_path: z.string().optional(),
  scim_path: z.string().optional(),
});

const createBody = z.strictObject({
  name: z.string(),
  provider: z.enum(PROVIDERS),
  domains: z.array(z.string()).min(1),
  organization_id: nullableString,
  allow_organization_account_linking: z.boolean().nullish(),
  active: z.boolean().nullish(),
  saml: samlBody.nullish(),
  oidc: oidcBody.nullish(),
  custom_attributes: z.array(customAttribute).nullish(),
});

const updateBody = z.strictObject({
  name: nullableString,
  domains: z.array(z.string()).nullish(),
  active: z.boolean().nullish(),
  sync_user_attributes: z.boolean().nullish(),
  disable_additional_identifications: z.boolean().nullish(),
  allow_organization_account_linking: z.boolean().nullish(),
  organization_id: nullableString,
  saml: samlBody.nullish(),
  oidc: oidcBody.nullish(),
  custom_attributes: z.array(customAttribute).nullish(),
});

type Params = { enterprise_connection_id: string };

/** Sent settings over the current ones: `null` and absent both keep what is there. */
export function mergeSaml(current: SamlSettings, patch: Partial<z.infer<typeof samlBody>>): SamlSettings {
  const pick = <T>(value: T | null | undefined, fallback: T): T =>
    value === undefined || value === null ? fallback : value;
  const mapping = patch.attribute_mapping ?? {};
  const next: SamlSettings = {
    ...current,
    name: pick(patch.name, current.name ?? null),
    idp_entity_id: pick(patch.idp_entity_id, current.idp_entity_id),
    idp_sso_url: pick(patch.idp_sso_url, current.idp_sso_url),
    idp_certificate: pick(patch.idp_certificate, current.idp_certificate),
    idp_metadata_url: pick(patch.idp_metadata_url, current.idp_metadata_url),
    idp_metadata: pick(patch.idp_metadata, current.idp_metadata),
    attribute_mapping: {
      user_id: pick(mapping.user_id, current.attribute_mapping.user_id),
      email_address: pick(mapping.email_address, current.attribute_mapping.email_address),
      first_name: pick(mapping.first_name, current.attribute_mapping.first_name),
      last_name: pick(mapping.last_name, current.attribute_mapping.last_name),
    },
    allow_subdomains: pick(patch.allow_subdomains, current.allow_subdomains),
    allow_idp_initiated: pick(patch.allow_idp_initiated, current.allow_idp_initiated),
    force_authn: pick(patch.force_authn, current.force_authn),
    login_hint: pick(patch.login_hint, current.login_hint),
  };
  for (const [param, url] of [
    ["idp_sso_url", next.idp_sso_url],
    ["idp_metadata_url", next.idp_metadata_url],
  ] as const) {
    if (url && !URL.canParse(url)) throw errors.paramInvalid(param, `${param} must be a valid URL.`);
  }
  certificateWindow(next.idp_certificate, "idp_certificate");
  return next;
}

function mergeOidc(current: typeof DEFAULT_OIDC, patch: z.infer<typeof oidcBody>): typeof DEFAULT_OIDC {
  // The client secret is a credential the sandbox never shows back, so it is not kept.
  const { client_secret: _secret, ...rest } = patch;
  const next = { ...current };
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined && value !== null) (next as Record<string, unknown>)[key] = value;
  }
  for (const key of ["discovery_url", "auth_url", "token_url", "user_info_url"] as const) {
    const url = next[key];
    if (url && !URL.canParse(url)) throw errors.paramInvalid(`oidc.${key}`, `${key} must be a valid URL.`);
  }
  return next;
}

/** Inserts or updates a connection once it is consistent (activatable, domains released). */
export function storeConnection(sb: SandboxContext, row: ConnectionRow): ConnectionRow {
  assertActivatable(row);
  sb.tx(() => {
    releaseOrganizationDomains(sb, row);
    saveConnection(sb, row);
  });
  return row;
}

/** `organization_id` (one or more) and `active`, as both connection lists filter. */
export function connectionFilters(request: FastifyRequest, alias: string): Condition {
  const query = queryOf(request);
  let where: Condition = { sql: `${alias}.instance_id = ?`, params: [request.instance.id] };
  const organizations = queryList(query, "organization_id");
  if (organizations.length) {
    where = and(where, `${alias}.organization_id IN (${placeholders(organizations)})`, ...organizations);
  }
  const active = queryBoolean(query, "active");
  if (active !== undefined) where = and(where, `${alias}.active = ?`, active ? 1 : 0);
  return where;
}

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
