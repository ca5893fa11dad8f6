/** The allowlist and blocklist of sign-up identifiers; `identifier_lower` keeps each list free of duplicates. */
export const restrictionTables = ["allowlist_identifiers", "blocklist_identifiers"].flatMap((table) => [
  `CREATE TABLE IF NOT EXISTS ${table} (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    identifier TEXT NOT NULL,
    identifier_lower TEXT NOT NULL,
    identifier_type TEXT NOT NULL,
    ${table === "allowlist_identifiers" ? "invitation_id TEXT," : ""}
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (instance_id, identifier_lower)
  )`,
  `CREATE INDEX IF NOT EXISTS ${table}_created ON ${table} (instance_id, created_at, id)`,
]);
