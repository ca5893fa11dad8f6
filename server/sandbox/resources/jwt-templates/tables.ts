/**
 * JWT templates: claims (JSON, with shortcodes) minted into tokens by
 * `POST /sessions/{id}/tokens/{template_name}`. A custom signing key stays here and is never
 * sent back, as in Clerk.
 */
export const jwtTemplateTables = [
  `CREATE TABLE IF NOT EXISTS jwt_templates (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    claims TEXT NOT NULL,
    lifetime INTEGER NOT NULL,
    allowed_clock_skew INTEGER NOT NULL,
    custom_signing_key INTEGER NOT NULL,
    signing_algorithm TEXT NOT NULL,
    signing_key TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (instance_id, name)
  )`,
  "CREATE INDEX IF NOT EXISTS jwt_templates_created ON jwt_templates (instance_id, created_at, id)",
];
