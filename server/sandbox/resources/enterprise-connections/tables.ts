/**
 * Enterprise connections (SAML or OIDC single sign-on for email domains). The deprecated SAML
 * Connections API is another view of the SAML ones (`saml_id`). Provider settings are JSON.
 */
export const enterpriseConnectionTables = [
  `CREATE TABLE IF NOT EXISTS enterprise_connections (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    saml_id TEXT UNIQUE,
    name TEXT NOT NULL,
    provider TEXT NOT NULL,
    domains TEXT NOT NULL,
    organization_id TEXT REFERENCES organizations(id) ON DELETE SET NULL,
    active INTEGER NOT NULL,
    sync_user_attributes INTEGER NOT NULL,
    disable_additional_identifications INTEGER NOT NULL,
    allow_organization_account_linking INTEGER NOT NULL,
    custom_attributes TEXT NOT NULL,
    saml TEXT,
    oidc TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  )`,
  "CREATE INDEX IF NOT EXISTS enterprise_connections_instance ON enterprise_connections (instance_id, created_at)",
  `CREATE TABLE IF NOT EXISTS enterprise_connection_test_runs (
    id TEXT PRIMARY KEY,
    connection_id TEXT NOT NULL REFERENCES enterprise_connections(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    connection_type TEXT NOT NULL,
    created_at INTEGER NOT NULL
  )`,
];
