/**
 * Directories (SCIM provisioning from an IdP, tied to an enterprise connection). Clerk serves
 * them as `/directories` and, under their older name, `/scim_directories`.
 */
export const directoryTables = [
  `CREATE TABLE IF NOT EXISTS directories (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    enterprise_connection_id TEXT NOT NULL UNIQUE REFERENCES enterprise_connections(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    provider TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    group_role_mapping_enabled INTEGER NOT NULL,
    attribute_mapping TEXT NOT NULL,
    api_key_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS directory_group_role_mappings (
    directory_id TEXT NOT NULL REFERENCES directories(id) ON DELETE CASCADE,
    group_id TEXT NOT NULL,
    display_name TEXT,
    role_id TEXT NOT NULL REFERENCES organization_roles(id) ON DELETE CASCADE,
    precedence INTEGER NOT NULL,
    PRIMARY KEY (directory_id, group_id)
  )`,
];
