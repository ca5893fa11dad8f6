/**
 * OAuth applications (Clerk as an identity provider for the instance's users) and the tokens
 * issued to them. Secrets and tokens are stored hashed.
 */
export const oauthApplicationTables = [
  `CREATE TABLE IF NOT EXISTS oauth_applications (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    client_id TEXT NOT NULL UNIQUE,
    client_secret_hash TEXT,
    public INTEGER NOT NULL,
    pkce_required INTEGER NOT NULL,
    consent_screen_enabled INTEGER NOT NULL,
    scopes TEXT NOT NULL,
    redirect_uris TEXT NOT NULL,
    client_image_url TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  )`,
  "CREATE INDEX IF NOT EXISTS oauth_applications_instance ON oauth_applications (instance_id, created_at)",
  `CREATE TABLE IF NOT EXISTS oauth_application_tokens (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    application_id TEXT NOT NULL REFERENCES oauth_applications(id) ON DELETE CASCADE,
    grant_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    scopes TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER,
    revocation_reason TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  )`,
  "CREATE INDEX IF NOT EXISTS oauth_application_tokens_grant ON oauth_application_tokens (grant_id)",
];
