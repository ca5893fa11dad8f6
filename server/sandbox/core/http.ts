import type { FastifyRequest } from "fastify";
import type { z } from "zod";
import { errors } from "./errors";

type Query = Record<string, unknown>;

export function queryOf(request: FastifyRequest): Query {
  return (request.query ?? {}) as Query;
}

/** A query parameter that may repeat (`?a=1&a=2`, or `a[]=1`), as a list. */
export function queryList(query: Query, name: string): string[] {
  const raw = query[name] ?? query[`${name}[]`];
  if (raw === undefined || raw === "") return [];
  const list = Array.isArray(raw) ? raw.map(String) : [String(raw)];
  // Clerk also accepts comma-separated values in a single parameter.
  return list.flatMap((value) => value.split(",")).filter((value) => value !== "");
}

export function queryString(query: Query, name: string): string | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  return Array.isArray(raw) ? String(raw[raw.length - 1]) : String(raw);
}

export function queryBoolean(query: Query, name: string): boolean | undefined {
  const raw = queryString(query, name);
  if (raw === undefined || raw === "") return undefined;
  if (raw === "true" || raw === "1") return true;
  if (raw === "false" || raw === "0") return false;
  throw errors.paramInvalid(name, `${name} must be either true or false.`);
}

/**
 * An integer query parameter, written in decimal digits as Clerk's API parses them (`1e3`,
 * `1.0` or a number beyond 64-bit precision is refused, never passed on to SQLite).
 */
export function queryInteger(query: Query, name: string, min?: number): number | undefined {
  const raw = queryString(query, name);
  if (raw === undefined || raw === "") return undefined;
  const value = /^[+-]?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || (min !== undefined && value < min)) {
    throw errors.paramInvalid(
      name,
      `${name} must be an integer${min !== undefined ? ` greater than or equal to ${min}` : ""}` +
        ` and at most ${Number.MAX_SAFE_INTEGER}.`,
    );
  }
  return value;
}

export interface Paging {
  limit: number;
  offset: number;
}

/** Reads `limit` (1..500, default 10) and `offset` (>= 0) as Clerk validates them. */
export function parsePaging(query: Query, defaults: { limit?: number; maxLimit?: number } = {}): Paging {
  const maxLimit = defaults.maxLimit ?? 500;
  const limit = queryInteger(query, "limit") ?? defaults.limit ?? 10;
  if (limit < 1 || limit > maxLimit) {
    throw errors.paramValueInvalid("limit", `limit must be between 1 and ${maxLimit}.`);
  }
  const offset = queryInteger(query, "offset") ?? 0;
  if (offset < 0) throw errors.paramValueInvalid("offset", "offset must be greater than or equal to 0.");
  return { limit, offset };
}

export interface OrderBy {
  field: string;
  direction: "ASC" | "DESC";
}

/**
 * Parses `order_by` as Clerk does: a field name with an optional `+` (ascending, implied when
 * there is no prefix) or `-` (descending) prefix, restricted to the fields the endpoint allows.
 */
export function parseOrderBy(query: Query, allowed: readonly string[], fallback: string): OrderBy {
  // An unencoded `+` arrives as a space; treat it as the ascending prefix it was meant to be.
  const raw = (queryString(query, "order_by") || fallback).replace(/^ /, "+");
  const direction = raw.startsWith("-") ? "DESC" : "ASC";
  const field = raw.replace(/^[+-]/, "");
  if (!allowed.includes(field)) {
    throw errors.paramValueInvalid(
      "order_by",
      `order_by must be one of ${allowed.map((name) => `'${name}'`).join(", ")}, optionally prefixed with '+' or '-'.`,
    );
  }
  return { field, direction };
}

/** The `{data, total_count}` envelope, or a bare array for endpoints that list that way. */
export function listBody<T>(request: FastifyRequest, shape: "array" | "paginated", data: T[], totalCount: number) {
  if (shape === "array" && queryBoolean(queryOf(request), "paginated") !== true) return data;
  return { data, total_count: totalCount };
}

/** Validates a JSON body with zod, turning the first problem into Clerk's 422 with `param_name`. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  // `reportInput` puts the offending value on each issue: without it a wrong type looks missing.
  const result = schema.safeParse(body ?? {}, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = issue?.path.map(String).join(".") || "body";
  if (issue?.code === "invalid_type" && issue.input === undefined) throw errors.paramMissing(param);
  throw errors.paramInvalid(param, `${param}: ${issue?.message ?? "invalid value"}`);
}
