import { accountsPortalUrl, cnameTargets, developmentOrigin, frontendApiUrl } from "../resources/domains/hosts";
import type { DomainRow } from "../resources/domains/store";
import { type ApplicationRecord, type InstanceRecord, readConfig } from "../tenancy/instances";

const iso = (epochMs: number) => new Date(epochMs).toISOString();

/**
 * The Platform API's `PlatformDomainResponse`: like the Backend API's domain, but absent values
 * are omitted rather than null, dates are RFC 3339, and workspace-wide endpoints add the
 * owning application and instance.
 */
export function serializePlatformDomain(
  row: DomainRow,
  instance: InstanceRecord,
  workspace?: { application: ApplicationRecord },
) {
  const portal = accountsPortalUrl(row);
  return {
    object: "domain",
    id: row.id,
    name: row.name,
    is_satellite: Boolean(row.is_satellite),
    is_provider_domain: Boolean(row.is_provider_domain),
    frontend_api_url: frontendApiUrl(row, instance),
    development_origin: developmentOrigin(row, instance, readConfig(instance)),
    ...(portal ? { accounts_portal_url: portal } : {}),
    ...(row.proxy_url ? { proxy_url: row.proxy_url } : {}),
    ...(instance.environment_type === "production"
      ? { cname_targets: cnameTargets(row).map(({ host, value, required }) => ({ host, value, required })) }
      : {}),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    ...(workspace
      ? {
          application: {
            object: "application",
            id: workspace.application.id,
            created_at: iso(workspace.application.created_at),
            updated_at: iso(workspace.application.updated_at),
          },
          instance: {
            object: "instance",
            id: instance.id,
            environment_type: instance.environment_type,
            created_at: iso(instance.created_at),
            updated_at: iso(instance.updated_at),
          },
        }
      : {}),
  };
}
