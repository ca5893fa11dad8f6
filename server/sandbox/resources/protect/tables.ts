/**
 * Protect rules, one ordered list per (instance, ruleset). Positions are 0-based and kept
 * contiguous by every write; no UNIQUE on them, so a shift can run as a single UPDATE.
 */
export const protectTables = [
  `CREATE TABLE IF NOT EXISTS protect_rules (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    ruleset TEXT NOT NULL,
    position INTEGER NOT NULL,
    expression TEXT NOT NULL,
    action TEXT NOT NULL,
    description TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  )`,
  "CREATE INDEX IF NOT EXISTS protect_rules_order ON protect_rules (instance_id, ruleset, position)",
];
