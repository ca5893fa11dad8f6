export const tenancyTables = [
  `CREATE TABLE IF NOT EXISTS applications (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS instances (
    id TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    environment_type TEXT NOT NULL CHECK (environment_type IN ('development', 'production')),
    secret_key TEXT NOT NULL UNIQUE,
    publishable_key TEXT NOT NULL,
    frontend_api_host TEXT NOT NULL,
    signing_key_pem TEXT NOT NULL,
    signing_key_id TEXT NOT NULL,
    config TEXT NOT NULL,
    config_version INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (application_id, environment_type)
  )`,
  `CREATE TABLE IF NOT EXISTS platform_keys (
    key TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL
  )`,
];
