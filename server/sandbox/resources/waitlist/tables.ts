/**
 * Waitlist entries. `completed` is not stored: an invited entry reads as completed once its
 * invitation was accepted.
 */
export const waitlistTables = [
  `CREATE TABLE IF NOT EXISTS waitlist_entries (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    email_address TEXT NOT NULL,
    email_lower TEXT NOT NULL,
    status TEXT NOT NULL,
    invitation_id TEXT REFERENCES invitations(id) ON DELETE SET NULL,
    invited_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (instance_id, email_lower)
  )`,
  "CREATE INDEX IF NOT EXISTS waitlist_entries_created ON waitlist_entries (instance_id, created_at, id)",
];
