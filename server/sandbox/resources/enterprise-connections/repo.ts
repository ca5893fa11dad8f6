import { X509Certificate } from "node:crypto";
import type { SandboxContext } from "../../core/context";
import { errors, SandboxApiError } from "../../core/errors";
import type { InstanceRecord } from "../../tenancy/instances";
import { domainName } from "../organizations/domains";
import { requireOrganization } from "../organizations/repo";

export const SAML_PROVIDERS = ["saml_custom", "saml_okta", "saml_google", "saml_microsoft"] as const;
export const OIDC_PROVIDERS = ["oidc_custom", "oidc_github_enterprise", "oidc_gitlab"] as const;
export const PROVIDERS = [...SAML_PROVIDERS, ...OIDC_PROVIDERS] as const;

export interface SamlSettings {
  name?: string | null;
  idp_entity_id: string | null;
  idp_sso_url: string | null;
  idp_certificate: string | null;
  idp_metadata_url: string | null;
  idp_metadata: string | null;
  attribute_mapping: { user_id: string; email_address: string; first_name: string; last_name: string };
  allow_subdomains: boolean;
  allow_idp_initiated: boolean;
  force_authn: boolean;
  login_hint: { mode: "email_address" | "custom_attribute" | "off"; source?: string };
}

export interface OidcSettings {
  client_id: string | null;
  discovery_url: string | null;
  auth_url: string | null;
  token_url: string | null;
  user_info_url: string | null;
  requires_pkce: boolean;
}

export interface ConnectionRow {
  id: string;
  instance_id: string;
  saml_id: string | null;
  name: string;
  provider: string;
  domains: string;
  organization_id: string | null;
  active: number;
  sync_user_attributes: number;
  disable_additional_identifications: number;
  allow_organization_account_linking: number;
  custom_attributes: string;
  saml: string | null;
  oidc: string | null;
  created_at: number;
  updated_at: number;
}

/** Clerk's default mapping of SAML attributes to user properties. */
export const DEFAULT_SAML: SamlSettings = {
  idp_entity_id: null,
  idp_sso_url: null,
  idp_certificate: null,
  idp_metadata_url: null,
  idp_metadata: null,
  attribute_mapping: {
    user_id: "",
    email_address: "",
    first_name: "",
    last_name: "",
  },
  allow_subdomains: false,
  allow_idp_initiated: false,
  force_authn: false,
  login_hint: { mode: "email_address" },
};

export const DEFAULT_OIDC: OidcSettings = {
  client_id: null,
  discovery_url: null,
  auth_url: null,
  token_url: null,
  user_info_url: null,
  requires_pkce: false,
};

export const isSaml = (provider: string) => provider.startsWith("saml_");

export function samlOf(row: ConnectionRow): SamlSettings | null {
  return row.saml ? (JSON.parse(row.saml) as SamlSettings) : null;
}

export function oidcOf(row: ConnectionRow): OidcSettings | null {
  return row.oidc ? (JSON.parse(row.oidc) as OidcSettings) : null;
}

/** Lower-cased, valid, and not claimed by another connection of the instance. */
export function connectionDomains(
  sb: SandboxContext,
  instanceId: string,
  raw: readonly string[],
  param: string,
  exceptId?: string,
): string[] {
  const domains = [...new Set(raw.map((domain) => domainName(domain)))];
  const others = sb.stmt("SELECT id, domains FROM enterprise_connections WHERE instance_id = ?").all(instanceId) as {
    id: string;
    domains: string;
  }[];
  for (const other of others) {
    if (other.id === exceptId) continue;
    const taken = (JSON.parse(other.domains) as string[]).find((domain) => domains.includes(domain));
    if (taken) {
      throw SandboxApiError.one(
        409,
        "enterprise_connection_domain_exists",
        "domain taken",
        `${taken} already belongs to another enterprise connection of this instance.`,
        { param_name: param },
      );
    }
  }
  return domains;
}

export function assertOrganization(sb: SandboxContext, instanceId: string, organizationId: string | null | undefined) {
  if (organizationId) requireOrganization(sb, instanceId, organizationId);
}

/** The certificate's validity window, once it parses as the X.509 (PEM) certificate Clerk requires. */
export function certificateWindow(pem: string | null, param: string): { issued: number; expires: number } | null {
  if (!pem) return null;
  const text = pem.includes("BEGIN CERTIFICATE")
    ? pem
    : `-----BEGIN CERTIFICATE-----\n${pem.replace(/\s+/g, "")}\n-----END CERTIFICATE-----`;
  try {
    const certificate = new X509Certificate(text);
    return { issued: Date.parse(certificate.validFrom), expires: Date.parse(certificate.validTo) };
  } catch {
    throw errors.paramInvalid(param, "The IdP certificate is not a valid X.509 certificate.");
  }
}

/** An active connection must be able to sign users in: its IdP configuration must be complete. */
export function assertActivatable(row: Pick<ConnectionRow, "active" | "saml" | "oidc">): void {
  if (!row.active) return;
  const saml = row.saml ? (JSON.parse(row.saml) as SamlSettings) : null;
  const oidc = row.oidc ? (JSON.parse(row.oidc) as OidcSettings) : null;
  const complete = saml
    ? Boolean(
        saml.idp_metadata || saml.idp_metadata_url || (saml.idp_entity_id && saml.idp_sso_url && saml.idp_certificate),
      )
    : Boolean(oidc?.client_id && (oidc.discovery_url || (oidc.auth_url && oidc.token_url)));
  if (!complete) {
    throw errors.unprocessable(
      "enterprise_connection_incomplete",
      "connection incomplete",
      saml
        ? "A SAML connection can only be active once the IdP's metadata (or its entity ID, SSO URL and certificate) is set."
        : "An OIDC connection can only be active once its client ID and discovery URL (or endpoints) are set.",
      { param_name: "active" },
    );
  }
}

/**
 * Activating a connection takes its domains away from organization domains (the documented
 * behaviour: verified organization domains for the same names are removed).
 */
export function releaseOrganizationDomains(sb: SandboxContext, row: ConnectionRow): void {
  if (!row.active) return;
  const domains = JSON.parse(row.domains) as string[];
  if (!domains.length) return;
  sb.stmt(
    `DELETE FROM organization_domains WHERE instance_id = ? AND verified_at IS NOT NULL
     AND enrollment_mode != 'enterprise_sso' AND name IN (${domains.map(() => "?").join(",")})`,
  ).run(row.instance_id, ...domains);
}

export function requireConnection(sb: SandboxContext, instanceId: string, id: string): ConnectionRow {
  const row = sb.stmt("SELECT * FROM enterprise_connections WHERE instance_id = ? AND id = ?").get(instanceId, id) as
    | ConnectionRow
    | undefined;
  if (!row) throw errors.notFound("Enterprise connection");
  return row;
}

export function requireSamlConnection(sb: SandboxContext, instanceId: string, samlId: string): ConnectionRow {
  const row = sb
    .stmt("SELECT * FROM enterprise_connections WHERE instance_id = ? AND saml_id = ?")
    .get(instanceId, samlId) as ConnectionRow | undefined;
  if (!row) throw errors.notFound("SAML Connection");
  return row;
}

export function saveConnection(sb: SandboxContext, row: ConnectionRow): void {
  sb.stmt(
    `INSERT OR REPLACE INTO enterprise_connections (id, instance_id, saml_id, name, provider, domains, organization_id,
       active, sync_user_attributes, disable_additional_identifications, allow_organization_account_linking,
       custom_attributes, saml, oidc, created_at, updated_at)
     VALUES (@id, @instance_id, @saml_id, @name, @provider, @domains, @organization_id, @active,
       @sync_user_attributes, @disable_additional_identifications, @allow_organization_account_linking,
       @custom_attributes, @saml, @oidc, @created_at, @updated_at)`,
  ).run(row);
}

/** The Frontend API URLs the IdP talks to, named after the SAML connection. */
function serviceProvider(instance: InstanceRecord, samlId: string) {
  const base = `https://${instance.frontend_api_host}`;
  return {
    acs_url: `${base}/v1/saml/acs/${samlId}`,
    sp_entity_id: `${base}/saml/${samlId}`,
    sp_metadata_url: `${base}/v1/saml/metadata/${samlId}`,
  };
}

export function serializeConnection(instance: InstanceRecord, row: ConnectionRow) {
  const saml = samlOf(row);
  const oidc = oidcOf(row);
  return {
    object: "enterprise_connection",
    id: row.id,
    name: row.name,
    provider: row.provider,
    logo_public_url: null,
    active: row.active === 1,
    domains: JSON.parse(row.domains) as string[],
    organization_id: row.organization_id,
    sync_user_attributes: row.sync_user_attributes === 1,
    disable_additional_identifications: row.disable_additional_identifications === 1,
    allow_organization_account_linking: row.allow_organization_account_linking === 1,
    authenticatable: row.active === 1,
    disable_jit_provisioning: false,
    custom_attributes: JSON.parse(row.custom_attributes) as unknown[],
    saml_connection:
      saml && row.saml_id
        ? {
            id: row.saml_id,
            name: saml.name ?? row.name,
            idp_entity_id: saml.idp_entity_id,
            idp_sso_url: saml.idp_sso_url,
            idp_metadata_url: saml.idp_metadata_url,
            ...serviceProvider(instance, row.saml_id),
            active: row.active === 1,
            allow_idp_initiated: saml.allow_idp_initiated,
            allow_subdomains: saml.allow_subdomains,
            force_authn: saml.force_authn,
            login_hint: saml.login_hint,
          }
        : null,
    oauth_config: oidc
      ? {
          id: `oac_${row.id.slice(row.id.indexOf("_") + 1)}`,
          name: row.name,
          provider_key: row.provider,
          ...oidc,
          logo_public_url: null,
          created_at: row.created_at,
          updated_at: row.updated_at,
        }
      : null,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** The deprecated SAML Connections API's view of a SAML enterprise connection. */
export function serializeSamlConnection(instance: InstanceRecord, row: ConnectionRow) {
  const saml = samlOf(row) ?? DEFAULT_SAML;
  const samlId = row.saml_id as string;
  const domains = JSON.parse(row.domains) as string[];
  const window = certificateWindow(saml.idp_certificate, "idp_certificate");
  return {
    object: "saml_connection",
    id: samlId,
    name: row.name,
    domain: domains[0] ?? "",
    domains,
    idp_entity_id: saml.idp_entity_id,
    idp_sso_url: saml.idp_sso_url,
    idp_certificate: saml.idp_certificate,
    idp_certificate_issued_at: window?.issued ?? null,
    idp_certificate_expires_at: window?.expires ?? null,
    idp_metadata_url: saml.idp_metadata_url,
    idp_metadata: saml.idp_metadata,
    ...serviceProvider(instance, samlId),
    organization_id: row.organization_id,
    attribute_mapping: saml.attribute_mapping,
    active: row.active === 1,
    provider: row.provider,
    // Users sign in through a connection only via the Frontend API, which the sandbox lacks.
    user_count: 0,
    sync_user_attributes: row.sync_user_attributes === 1,
    allow_subdomains: saml.allow_subdomains,
    allow_idp_initiated: saml.allow_idp_initiated,
    disable_additional_identifications: row.disable_additional_identifications === 1,
    allow_organization_account_linking: row.allow_organization_account_linking === 1,
    authenticatable: row.active === 1,
    force_authn: saml.force_authn,
    login_hint: saml.login_hint,
    disable_jit_provisioning: false,
    enterprise_connection_id: row.id,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
