import type { SandboxContext } from "../../core/context";
import { USER_SEARCH_TRIGGERS } from "./tables";

const triggerName = (ddl: string) => /CREATE TRIGGER IF NOT EXISTS (\w+)/.exec(ddl)?.[1] as string;

/**
 * Runs a bulk insert of users (seeding) with the search index built once at the end, which is
 * 4–5 times faster than keeping it up to date row by row. Call inside the bulk's transaction:
 * the dropped triggers come back with it, or not at all.
 */
export function withBulkSearchIndex<T>(sb: SandboxContext, bulk: () => T): T {
  for (const ddl of USER_SEARCH_TRIGGERS) sb.db.exec(`DROP TRIGGER IF EXISTS ${triggerName(ddl)}`);
  const result = bulk();
  for (const ddl of USER_SEARCH_TRIGGERS) sb.db.exec(ddl);
  sb.db.exec("INSERT INTO users_search (users_search) VALUES ('rebuild')");
  return result;
}
