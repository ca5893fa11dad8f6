/**
 * Machines, which machines each may call (scopes), and the M2M tokens they mint. Tokens are
 * stored as SHA-256 hashes: Clerk shows a token once, so the sandbox never needs it again.
 */
export const machineTables = [
  `CREATE TABLE IF NOT EXISTS machines (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    default_token_ttl INTEGER NOT NULL,
    secret_key TEXT NOT NULL UNIQUE,
    previous_secret_key TEXT,
    previous_secret_expires_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  )`,
  "CREATE INDEX IF NOT EXISTS machines_created ON machines (instance_id, created_at, id)",
  "CREATE INDEX IF NOT EXISTS machines_previous_secret ON machines (previous_secret_key)",
  `CREATE TABLE IF NOT EXISTS machine_scopes (
    from_machine_id TEXT NOT NULL REFERENCES machines(id) ON DELETE CASCADE,
    to_machine_id TEXT NOT NULL REFERENCES machines(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (from_machine_id, to_machine_id)
  )`,
  `CREATE TABLE IF NOT EXISTS m2m_tokens (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    machine_id TEXT NOT NULL REFERENCES machines(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    claims TEXT NOT NULL,
    scopes TEXT NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0,
    revocation_reason TEXT,
    expiration INTEGER NOT NULL,
    last_used_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  )`,
  "CREATE INDEX IF NOT EXISTS m2m_tokens_machine ON m2m_tokens (machine_id, created_at, id)",
];
