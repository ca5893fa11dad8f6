import type { InstanceConfig } from "../../tenancy/config";
import type { InstanceRecord } from "../../tenancy/instances";
import { accountsPortalUrl, cnameTargets, developmentOrigin, frontendApiUrl } from "./hosts";
import type { DomainRow } from "./store";

/** The Backend API's `Domain` object. Development domains need no DNS records. */
export function serializeDomain(row: DomainRow, instance: InstanceRecord, config: InstanceConfig) {
  return {
    object: "domain",
    id: row.id,
    name: row.name,
    is_satellite: Boolean(row.is_satellite),
    frontend_api_url: frontendApiUrl(row, instance),
    accounts_portal_url: accountsPortalUrl(row),
    proxy_url: row.proxy_url,
    development_origin: developmentOrigin(row, instance, config),
    cname_targets:
      instance.environment_type === "production"
        ? cnameTargets(row).map(({ host, value, required }) => ({ host, value, required }))
        : null,
  };
}
