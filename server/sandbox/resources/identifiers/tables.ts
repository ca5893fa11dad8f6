/**
 * One-time-code verifications started with `prepare_verification`, each for an email address
 * or a phone number (exactly one is set); they go with the identifier.
 */
export const identifierTables = [
  `CREATE TABLE IF NOT EXISTS identifier_verifications (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL,
    email_address_id TEXT REFERENCES email_addresses(id) ON DELETE CASCADE,
    phone_number_id TEXT REFERENCES phone_numbers(id) ON DELETE CASCADE,
    strategy TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    expire_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK ((email_address_id IS NULL) <> (phone_number_id IS NULL))
  )`,
  "CREATE INDEX IF NOT EXISTS identifier_verifications_email ON identifier_verifications (email_address_id)",
  "CREATE INDEX IF NOT EXISTS identifier_verifications_phone ON identifier_verifications (phone_number_id)",
];
