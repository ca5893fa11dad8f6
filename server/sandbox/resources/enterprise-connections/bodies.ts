import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { queryBoolean, queryList, queryOf } from "../../core/http";
import { and, type Condition, placeholders } from "../organizations/sql";
import {
  assertActivatable,
  type ConnectionRow,
  certificateWindow,
  type DEFAULT_OIDC,
  PROVIDERS,
  releaseOrganizationDomains,
  type SamlSettings,
  saveConnection,
} from "./repo";

/** The request bodies of both connection APIs (Enterprise and SAML) and how they merge into a stored connection. */
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

export const createBody = z.strictObject({
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

export const updateBody = z.strictObject({
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

export function mergeOidc(current: typeof DEFAULT_OIDC, patch: z.infer<typeof oidcBody>): typeof DEFAULT_OIDC {
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
