/** Each instance's email and SMS templates: Clerk's defaults, seeded on first use, then edited. */
export const templateTables = [
  `CREATE TABLE IF NOT EXISTS templates (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    template_type TEXT NOT NULL,
    slug TEXT NOT NULL,
    position INTEGER NOT NULL,
    edited INTEGER NOT NULL,
    name TEXT NOT NULL,
    subject TEXT,
    markup TEXT NOT NULL,
    body TEXT NOT NULL,
    from_email_name TEXT NOT NULL,
    reply_to_email_name TEXT NOT NULL,
    delivered_by_clerk INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (instance_id, template_type, slug)
  )`,
];
