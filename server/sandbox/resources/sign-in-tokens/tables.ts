/**
 * Sign-in tokens: tickets that sign a user in without credentials (`POST /sign_in_tokens`).
 * The token itself is only returned when created; accepting one is a test control.
 */
export const signInTokenTables = [
  `CREATE TABLE IF NOT EXISTS sign_in_tokens (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    organization_id TEXT,
    status TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    session_id TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  )`,
  "CREATE INDEX IF NOT EXISTS sign_in_tokens_user ON sign_in_tokens (user_id)",
];
