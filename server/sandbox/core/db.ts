import { createHash } from "node:crypto";
import Database from "better-sqlite3";

export type SqliteDatabase = Database.Database;
// biome-ignore lint/suspicious/noExplicitAny: statements bind heterogeneous parameters
export type Statement = Database.Statement<any[]>;

/** Thrown when a data directory was written by a sandbox with a different table layout. */
export class SandboxDataIncompatibleError extends Error {
  constructor(readonly file: string) {
    super(
      `The sandbox data in ${file} was written by a different version of the sandbox. ` +
        "Start it once with --reset to recreate it (this deletes the sandbox data).",
    );
  }
}

/**
 * Opens the sandbox database. WAL + synchronous=NORMAL keeps every committed transaction
 * across a process crash (`kill -9`), which is what the sandbox promises; the DDL is applied
 * idempotently and its hash is recorded so an older data file is refused rather than misread.
 */
export function openDatabase(file: string, ddl: readonly string[]): SqliteDatabase {
  const db = new Database(file);
  if (file !== ":memory:") db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  db.exec("CREATE TABLE IF NOT EXISTS sandbox_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  const layout = createHash("sha256").update(ddl.join("\n")).digest("hex").slice(0, 16);
  const recorded = db.prepare("SELECT value FROM sandbox_meta WHERE key = 'layout'").pluck().get() as
    | string
    | undefined;
  if (recorded !== undefined && recorded !== layout) {
    db.close();
    throw new SandboxDataIncompatibleError(file);
  }
  db.transaction(() => {
    for (const statement of ddl) db.exec(statement);
    db.prepare("INSERT OR REPLACE INTO sandbox_meta (key, value) VALUES ('layout', ?)").run(layout);
  })();
  return db;
}
