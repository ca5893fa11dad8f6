import type { InstanceConfig } from "../../tenancy/config";
import type { InstanceRecord } from "../../tenancy/instances";
import type { DomainRow } from "./store";

/** One DNS record Clerk asks for: `<subdomain>.<domain>` CNAME `<value>`. */
export interface CnameTarget {
  subdomain: string;
  host: string;
  value: string;
  required: boolean;
}

/**
 * The CNAME records a production domain needs, with Clerk's targets. A primary domain serves
 * the Frontend API, the Account Portal and mail (with two DKIM keys); a satellite only the
 * Frontend API. Behind a proxy, the Frontend API record is optional.
 */
export function cnameTargets(row: Pick<DomainRow, "id" | "name" | "proxy_url" | "is_satellite">): CnameTarget[] {
  // Clerk's mail targets carry a per-domain key; the domain id's tail plays that part here.
  const key = row.id.slice(-10).toLowerCase();
  const target = (subdomain: string, value: string, required = true): CnameTarget => ({
    subdomain,
    host: `${subdomain}.${row.name}`,
    value,
    required,
  });
  const frontendApi = target("clerk", "frontend-api.clerk.services", row.proxy_url === null);
  if (row.is_satellite) return [frontendApi];
  return [
    frontendApi,
    target("accounts", "accounts.clerk.services"),
    target("clkmail", `mail.${key}.clerk.services`),
    target("clk._domainkey", `dkim1.${key}.clerk.services`),
    target("clk2._domainkey", `dkim2.${key}.clerk.services`),
  ];
}

/** Development domains all use the instance's own Frontend API host; production ones `clerk.<domain>`. */
export function frontendApiUrl(row: DomainRow, instance: InstanceRecord): string {
  return instance.environment_type === "production"
    ? `https://clerk.${row.name}`
    : `https://${instance.frontend_api_host}`;
}

/** Satellites have no Account Portal of their own. */
export function accountsPortalUrl(row: DomainRow): string | null {
  return row.is_satellite ? null : `https://accounts.${row.name}`;
}

/** The development origin belongs to a development instance's primary domain (`PATCH /instance`). */
export function developmentOrigin(row: DomainRow, instance: InstanceRecord, config: InstanceConfig): string {
  if (instance.environment_type !== "development" || row.is_satellite) return "";
  return config.instance.development_origin ?? "";
}
