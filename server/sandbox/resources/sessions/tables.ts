/** Clients (devices) and their sessions. Deleting a user removes both. */
export const sessionTables = [
  `CREATE TABLE IF NOT EXISTS clients (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    actor TEXT,
    last_active_organization_id TEXT,
    last_active_at INTEGER NOT NULL,
    expire_at INTEGER NOT NULL,
    abandon_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  )`,
  "CREATE INDEX IF NOT EXISTS sessions_user ON sessions (user_id, created_at)",
  "CREATE INDEX IF NOT EXISTS sessions_instance ON sessions (instance_id, created_at)",
  "CREATE INDEX IF NOT EXISTS sessions_client ON sessions (client_id)",
];
