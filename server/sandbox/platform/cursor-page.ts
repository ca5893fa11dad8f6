import type { SandboxContext } from "../core/context";
import { errors } from "../core/errors";
import { parsePaging, queryString } from "../core/http";

export interface CursorSource {
  /** The table listed (its `id`, `created_at` and `rowid` order the list), as `table alias`. */
  table: string;
  alias: string;
  /** Tables joined to it (`JOIN … ON …`), if the filter needs them. */
  joins?: string;
  /** What the rows must match (SQL over `alias`, and any joins), with its parameters. */
  where: string;
  params: unknown[];
  /** What the cursor names in an error: "the id of a <what>". */
  what: string;
}

/**
 * A page of a Platform API list, newest first, with Clerk's `limit` and `starting_after` /
 * `ending_before` cursors (an id of the list); `total_count` counts every match.
 */
export function cursorPage<Row>(
  sb: SandboxContext,
  query: Record<string, unknown>,
  source: CursorSource,
): { rows: Row[]; total_count: number } {
  const { limit } = parsePaging(query);
  const { alias: a, where, params } = source;
  const from = `FROM ${source.table} ${a} ${source.joins ?? ""} WHERE ${where}`;
  const total_count = sb.db
    .prepare(`SELECT count(*) ${from}`)
    .pluck()
    .get(...params) as number;
  const cursors = (["starting_after", "ending_before"] as const).filter((param) => queryString(query, param));
  if (cursors.length > 1) {
    throw errors.paramInvalid("ending_before", "starting_after and ending_before cannot be used together.");
  }
  const cursor = cursors[0];
  if (!cursor) {
    const rows = sb.db
      .prepare(`SELECT ${a}.* ${from} ORDER BY ${a}.created_at DESC, ${a}.rowid DESC LIMIT ?`)
      .all(...params, limit) as Row[];
    return { rows, total_count };
  }
  const anchor = sb.db
    .prepare(`SELECT created_at, rowid FROM ${source.table} WHERE id = ?`)
    .get(queryString(query, cursor)) as { created_at: number; rowid: number } | undefined;
  if (!anchor) throw errors.paramValueInvalid(cursor, `${cursor} must be the id of ${source.what}.`);
  // Newest first: the page after an item is older than it, the page before it newer.
  const after = cursor === "starting_after";
  const direction = after ? "DESC" : "ASC";
  const rows = sb.db
    .prepare(
      `SELECT ${a}.* ${from} AND (${a}.created_at, ${a}.rowid) ${after ? "<" : ">"} (?, ?)
       ORDER BY ${a}.created_at ${direction}, ${a}.rowid ${direction} LIMIT ?`,
    )
    .all(...params, anchor.created_at, anchor.rowid, limit) as Row[];
  if (!after) rows.reverse();
  return { rows, total_count };
}
