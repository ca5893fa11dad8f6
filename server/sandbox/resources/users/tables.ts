/**
 * Keep `users_search` in step with `users.search`. Empty texts (a user is inserted first, its
 * identifiers after) are left out of the index.
 */
export const USER_SEARCH_TRIGGERS = [
  `CREATE TRIGGER IF NOT EXISTS users_search_insert AFTER INSERT ON users WHEN new.search <> '' BEGIN
    INSERT INTO users_search (rowid, search) VALUES (new.rowid, new.search);
  END`,
  `CREATE TRIGGER IF NOT EXISTS users_search_delete AFTER DELETE ON users WHEN old.search <> '' BEGIN
    INSERT INTO users_search (users_search, rowid, search) VALUES ('delete', old.rowid, old.search);
  END`,
  `CREATE TRIGGER IF NOT EXISTS users_search_update AFTER UPDATE OF search ON users
    WHEN old.search IS NOT new.search BEGIN
    INSERT INTO users_search (users_search, rowid, search) SELECT 'delete', old.rowid, old.search WHERE old.search <> '';
    INSERT INTO users_search (rowid, search) SELECT new.rowid, new.search WHERE new.search <> '';
  END`,
];

/** Users and their identifiers. `search` is a lower-cased blob of every identifier for `?query=`. */
export const userTables = [
  `CREATE TABLE IF NOT EXISTS users (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    external_id TEXT,
    username TEXT,
    first_name TEXT,
    last_name TEXT,
    locale TEXT,
    password_hash TEXT,
    password_last_updated_at INTEGER,
    public_metadata TEXT NOT NULL DEFAULT '{}',
    private_metadata TEXT NOT NULL DEFAULT '{}',
    unsafe_metadata TEXT NOT NULL DEFAULT '{}',
    banned INTEGER NOT NULL DEFAULT 0,
    locked INTEGER NOT NULL DEFAULT 0,
    lockout_expires_at INTEGER,
    totp_enabled INTEGER NOT NULL DEFAULT 0,
    backup_code_enabled INTEGER NOT NULL DEFAULT 0,
    mfa_enabled_at INTEGER,
    mfa_disabled_at INTEGER,
    primary_email_address_id TEXT,
    primary_phone_number_id TEXT,
    primary_web3_wallet_id TEXT,
    primary_email TEXT,
    primary_phone TEXT,
    primary_web3 TEXT,
    image_url TEXT,
    last_sign_in_at INTEGER,
    last_active_at INTEGER,
    legal_accepted_at INTEGER,
    delete_self_enabled INTEGER NOT NULL DEFAULT 1,
    create_organization_enabled INTEGER NOT NULL DEFAULT 1,
    create_organizations_limit INTEGER,
    bypass_client_trust INTEGER NOT NULL DEFAULT 0,
    search TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  )`,
  "CREATE INDEX IF NOT EXISTS users_created ON users (instance_id, created_at, id)",
  "CREATE INDEX IF NOT EXISTS users_updated ON users (instance_id, updated_at, id)",
  "CREATE INDEX IF NOT EXISTS users_last_active ON users (instance_id, last_active_at, id)",
  "CREATE INDEX IF NOT EXISTS users_last_sign_in ON users (instance_id, last_sign_in_at, id)",
  "CREATE INDEX IF NOT EXISTS users_first_name ON users (instance_id, first_name COLLATE NOCASE, id)",
  "CREATE INDEX IF NOT EXISTS users_last_name ON users (instance_id, last_name COLLATE NOCASE, id)",
  "CREATE INDEX IF NOT EXISTS users_primary_email ON users (instance_id, primary_email COLLATE NOCASE, id)",
  "CREATE INDEX IF NOT EXISTS users_primary_phone ON users (instance_id, primary_phone, id)",
  "CREATE INDEX IF NOT EXISTS users_primary_web3 ON users (instance_id, primary_web3 COLLATE NOCASE, id)",
  "CREATE UNIQUE INDEX IF NOT EXISTS users_username ON users (instance_id, username) WHERE username IS NOT NULL",
  "CREATE UNIQUE INDEX IF NOT EXISTS users_external_id ON users (instance_id, external_id) WHERE external_id IS NOT NULL",
  // `?query=` is a substring search: a trigram index over `search` answers it without a full scan
  // (100,000 users), kept in step with the column by triggers.
  "CREATE VIRTUAL TABLE IF NOT EXISTS users_search USING fts5(search, content='users', content_rowid='rowid', tokenize='trigram')",
  ...USER_SEARCH_TRIGGERS,
  `CREATE TABLE IF NOT EXISTS email_addresses (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    email_address TEXT NOT NULL,
    email_lower TEXT NOT NULL,
    verified INTEGER NOT NULL,
    verification_strategy TEXT,
    reserved INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (instance_id, email_lower)
  )`,
  "CREATE INDEX IF NOT EXISTS email_addresses_user ON email_addresses (user_id, created_at)",
  `CREATE TABLE IF NOT EXISTS phone_numbers (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    phone_number TEXT NOT NULL,
    verified INTEGER NOT NULL,
    verification_strategy TEXT,
    reserved_for_second_factor INTEGER NOT NULL DEFAULT 0,
    default_second_factor INTEGER NOT NULL DEFAULT 0,
    reserved INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (instance_id, phone_number)
  )`,
  "CREATE INDEX IF NOT EXISTS phone_numbers_user ON phone_numbers (user_id, created_at)",
  `CREATE TABLE IF NOT EXISTS web3_wallets (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    web3_wallet TEXT NOT NULL,
    web3_lower TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (instance_id, web3_lower)
  )`,
  "CREATE INDEX IF NOT EXISTS web3_wallets_user ON web3_wallets (user_id, created_at)",
];
