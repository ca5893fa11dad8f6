/**
 * What the Backend API's user sub-resources need beyond the `users` row: the TOTP secret and
 * backup codes (hashed) behind `totp_enabled`/`backup_code_enabled`, a password marked
 * compromised, trusted devices, and the uploaded profile image's digest.
 */
export const userSecurityTables = [
  `CREATE TABLE IF NOT EXISTS user_second_factors (
    user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    totp_secret TEXT,
    backup_code_hashes TEXT NOT NULL DEFAULT '[]'
  )`,
  `CREATE TABLE IF NOT EXISTS user_compromised_passwords (
    user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS user_trusted_devices (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    platform TEXT NOT NULL,
    app_identifier TEXT NOT NULL,
    name TEXT,
    status TEXT NOT NULL,
    last_used_at INTEGER,
    revoked_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  )`,
  "CREATE INDEX IF NOT EXISTS user_trusted_devices_user ON user_trusted_devices (user_id, created_at)",
  `CREATE TABLE IF NOT EXISTS user_profile_images (
    user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  )`,
];
