/**
 * Actor tokens (impersonation). The token itself is only returned when created; accepting one
 * (a test control, as the sandbox has no Frontend API) starts the session it records.
 */
export const actorTokenTables = [
  `CREATE TABLE IF NOT EXISTS actor_tokens (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    actor TEXT NOT NULL,
    status TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    session_max_duration_seconds INTEGER NOT NULL,
    session_id TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  )`,
  "CREATE INDEX IF NOT EXISTS actor_tokens_user ON actor_tokens (user_id)",
];
