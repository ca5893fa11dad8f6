/**
 * API keys a user, organization or machine holds. The secret is kept (as the instance secret
 * keys are) because Clerk's `GET /api_keys/{id}/secret` returns it again.
 */
export const apiKeyTables = [
  `CREATE TABLE IF NOT EXISTS api_keys (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    subject TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    claims TEXT NOT NULL,
    scopes TEXT NOT NULL,
    secret TEXT NOT NULL UNIQUE,
    revoked INTEGER NOT NULL DEFAULT 0,
    revocation_reason TEXT,
    expiration INTEGER,
    created_by TEXT,
    last_used_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  )`,
  "CREATE INDEX IF NOT EXISTS api_keys_subject ON api_keys (instance_id, subject, created_at, id)",
];
