import type { SandboxContext } from "../../core/context";
import type { Paging } from "../../core/http";

/** A SQL condition with its bound parameters. */
export interface Condition {
  sql: string;
  params: unknown[];
}

export function placeholders(values: readonly unknown[]): string {
  return values.map(() => "?").join(",");
}

/** `where AND sql`, its parameters appended. */
export function and(where: Condition, sql: string, ...params: unknown[]): Condition {
  return { sql: `${where.sql} AND ${sql}`, params: [...where.params, ...params] };
}

/** One page of `from` (a table with its alias, and any joins) and the size of the whole filtered set. */
export function selectPage<T>(
  sb: SandboxContext,
  from: string,
  where: Condition,
  order: string,
  paging: Paging,
): { rows: T[]; total: number } {
  const alias = from.split(/\s+/)[1];
  const rows = sb.db
    .prepare(`SELECT ${alias}.* FROM ${from} WHERE ${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .all(...where.params, paging.limit, paging.offset) as T[];
  const total = sb.db
    .prepare(`SELECT count(*) FROM ${from} WHERE ${where.sql}`)
    .pluck()
    .get(...where.params) as number;
  return { rows, total };
}
