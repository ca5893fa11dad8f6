/** Redirect URLs an instance allows after OAuth and sign-in flows (native apps' custom schemes too). */
export const redirectUrlTables = [
  `CREATE TABLE IF NOT EXISTS redirect_urls (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (instance_id, url)
  )`,
];
