/**
 * The Platform API's own state: application transfers, domain intents, accountless applications,
 * and application logos and favicons (their digest, type and size; not their bytes).
 */
export const platformTables = [
  `CREATE TABLE IF NOT EXISTS platform_application_transfers (
    id TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    code TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('pending', 'completed', 'canceled')),
    expires_at INTEGER NOT NULL,
    canceled_at INTEGER,
    completed_at INTEGER,
    created_at INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS platform_domain_intents (
    id TEXT PRIMARY KEY,
    domain_name TEXT NOT NULL,
    proxy_path TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'completed', 'canceled')),
    domain_id TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS platform_accountless_applications (
    application_id TEXT PRIMARY KEY REFERENCES applications(id) ON DELETE CASCADE,
    claim_token_sha256 TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS platform_application_images (
    application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('logo', 'favicon')),
    sha256 TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (application_id, kind)
  )`,
];
