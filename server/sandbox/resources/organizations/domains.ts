import type { SandboxContext } from "../../core/context";
import { errors, SandboxApiError } from "../../core/errors";
import type { InstanceConfig } from "../../tenancy/config";
import { publicOrganizationData } from "./invitations";
import type { OrganizationRow } from "./repo";

export interface OrganizationDomainRow {
  id: string;
  instance_id: string;
  organization_id: string;
  name: string;
  enrollment_mode: EnrollmentMode;
  verified_at: number | null;
  ownership_verified_at: number | null;
  created_at: number;
  updated_at: number;
}

export const ENROLLMENT_MODES = [
  "manual_invitation",
  "automatic_invitation",
  "automatic_suggestion",
  "enterprise_sso",
] as const;
export type EnrollmentMode = (typeof ENROLLMENT_MODES)[number];

/** Public email providers: Clerk refuses them as organization domains (anyone can have an address there). */
const COMMON_DOMAINS = new Set([
  "gmail.com",
  "googlemail.com",
  "yahoo.com",
  "hotmail.com",
  "outlook.com",
  "live.com",
  "icloud.com",
  "me.com",
  "aol.com",
  "proton.me",
  "protonmail.com",
]);

const DOMAIN_NAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** The domain name as stored (lower case), once it is one an organization may claim. */
export function domainName(raw: string): string {
  const name = raw.trim().toLowerCase();
  if (name === "") throw errors.paramMissing("name");
  if (!DOMAIN_NAME.test(name)) throw errors.paramInvalid("name", `${raw} is not a valid domain name.`);
  if (COMMON_DOMAINS.has(name)) {
    throw errors.badRequest(
      "organization_domain_common",
      "common domain",
      `${name} is a public email provider's domain and cannot be added to an organization.`,
      { param_name: "name" },
    );
  }
  return name;
}

/**
 * Organization domains must be enabled for the instance; automatic enrollment modes must be
 * among the enabled ones, and `enterprise_sso` needs an enterprise connection for the domain.
 */
export function assertDomainsEnabled(config: InstanceConfig): void {
  if (!config.organization_settings.domains_enabled) {
    throw SandboxApiError.one(
      403,
      "organization_domains_not_enabled",
      "organization domains disabled",
      "Verified domains are not enabled for organizations in this instance. Enable them in the organization settings.",
    );
  }
}

export function assertEnrollmentMode(
  sb: SandboxContext,
  instanceId: string,
  config: InstanceConfig,
  mode: string,
  domain: string,
): EnrollmentMode {
  if (!(ENROLLMENT_MODES as readonly string[]).includes(mode)) {
    throw errors.paramValueInvalid("enrollment_mode", `enrollment_mode must be one of ${ENROLLMENT_MODES.join(", ")}.`);
  }
  if (mode === "enterprise_sso") {
    const connected = sb
      .stmt("SELECT 1 FROM enterprise_connections e, json_each(e.domains) d WHERE e.instance_id = ? AND d.value = ?")
      .get(instanceId, domain);
    if (!connected) {
      throw errors.paramValueInvalid(
        "enrollment_mode",
        `enterprise_sso needs an enterprise connection for ${domain}; this instance has none.`,
      );
    }
    return mode;
  }
  const enabled: readonly string[] = config.organization_settings.domains_enrollment_modes;
  if (mode !== "manual_invitation" && !enabled.includes(mode)) {
    throw errors.paramValueInvalid(
      "enrollment_mode",
      `The ${mode} enrollment mode is not enabled for this instance's organization domains.`,
    );
  }
  return mode as EnrollmentMode;
}

export function requireDomain(sb: SandboxContext, organizationId: string, id: string): OrganizationDomainRow {
  const row = sb
    .stmt("SELECT * FROM organization_domains WHERE organization_id = ? AND id = ?")
    .get(organizationId, id) as OrganizationDomainRow | undefined;
  if (!row) throw errors.notFound("Organization domain");
  return row;
}

function pendingInvitations(sb: SandboxContext, row: OrganizationDomainRow): number {
  return sb
    .stmt(
      `SELECT count(*) FROM organization_invitations
       WHERE organization_id = ? AND status = 'pending' AND lower(email_address) LIKE ?`,
    )
    .pluck()
    .get(row.organization_id, `%@${row.name}`) as number;
}

export function serializeDomain(sb: SandboxContext, row: OrganizationDomainRow, organization?: OrganizationRow) {
  const affiliation =
    row.verified_at === null
      ? null
      : { status: "verified", strategy: "admin", attempts: null, expire_at: null, verified_at: null };
  const ownership =
    row.ownership_verified_at === null
      ? null
      : {
          status: "verified",
          strategy: "manual_override",
          attempts: null,
          expire_at: null,
          verified_at: row.ownership_verified_at,
        };
  return {
    object: "organization_domain",
    id: row.id,
    organization_id: row.organization_id,
    name: row.name,
    enrollment_mode: row.enrollment_mode,
    affiliation_email_address: null,
    affiliation_verification: affiliation,
    ownership_verification: ownership,
    verification: affiliation,
    total_pending_invitations: pendingInvitations(sb, row),
    // The sandbox has no Frontend API, so nobody is ever suggested to join.
    total_pending_suggestions: 0,
    ...(organization ? { public_organization_data: publicOrganizationData(organization) } : {}),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
