/**
 * Every instance's domains: its primary domain (created from the instance's Frontend API host
 * the first time it is needed) and satellite/provider domains. Names are unique sandbox-wide,
 * as a domain can only belong to one Clerk instance. `stage` and `failure` hold the simulated
 * DNS/SSL/mail provisioning state (see status.ts).
 */
export const domainTables = [
  `CREATE TABLE IF NOT EXISTS domains (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    is_satellite INTEGER NOT NULL,
    is_provider_domain INTEGER NOT NULL DEFAULT 0,
    is_secondary INTEGER NOT NULL DEFAULT 0,
    proxy_url TEXT,
    stage TEXT NOT NULL,
    failure TEXT,
    last_dns_check_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  )`,
  "CREATE UNIQUE INDEX IF NOT EXISTS domains_name ON domains (name)",
  "CREATE UNIQUE INDEX IF NOT EXISTS domains_primary ON domains (instance_id) WHERE is_satellite = 0",
  "CREATE INDEX IF NOT EXISTS domains_instance ON domains (instance_id, created_at)",
];
