/** Invitations to sign up to the instance (organization invitations live with organizations). */
export const invitationTables = [
  `CREATE TABLE IF NOT EXISTS invitations (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    email_address TEXT NOT NULL,
    email_lower TEXT NOT NULL,
    public_metadata TEXT NOT NULL DEFAULT '{}',
    redirect_url TEXT,
    template_slug TEXT NOT NULL,
    status TEXT NOT NULL,
    url TEXT NOT NULL,
    expires_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  )`,
  "CREATE INDEX IF NOT EXISTS invitations_created ON invitations (instance_id, created_at, id)",
  "CREATE INDEX IF NOT EXISTS invitations_email ON invitations (instance_id, email_lower)",
];
