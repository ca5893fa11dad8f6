/** Small helpers the actions' requests and table views share. */

import { maskSecret } from "../secrets";
import type { DetailView } from "./action";
import { ActionInputError } from "./errors";

/**
 * Why `value` cannot be one segment of an API path, or undefined when it can. An empty, `.` or
 * `..` segment would change which endpoint a request reaches (`/users/..` is `/`), and a lone
 * UTF-16 surrogate cannot be encoded at all.
 */
export function segmentProblem(value: string): string | undefined {
  if (value === "") return "is empty";
  if (value === "." || value === "..") return "is a dot segment (. or ..)";
  if (/\p{Cs}/u.test(value)) return "contains a lone UTF-16 surrogate";
  return undefined;
}

/** One path segment, encoded; an id that cannot be one (see segmentProblem) is a usage error. */
export function pathSegment(value: string): string {
  const problem = segmentProblem(value);
  if (problem) {
    throw new ActionInputError(
      `${JSON.stringify(value)} cannot be an id: it ${problem}.`,
      "Give the id as Clerk shows it, e.g. user_2abc.",
      "invalid_id",
    );
  }
  return encodeURIComponent(value);
}

/**
 * An API path with each segment checked and encoded: `apiPath("domains", id)` is `/domains/<id>`.
 * Every action builds its paths with it, so no input can point a request at another endpoint.
 */
export const apiPath = (...parts: string[]) => `/${parts.map(pathSegment).join("/")}`;

/** Epoch milliseconds as `2025-01-31` (empty when absent). */
export const day = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString().slice(0, 10) : "");

/** Epoch milliseconds as `2025-01-31 09:00` UTC (empty when absent). */
export const minute = (ms: number | null | undefined) =>
  ms ? new Date(ms).toISOString().slice(0, 16).replace("T", " ") : "";

/** A deleted-object answer (`{object, id, deleted}`) as one table row. */
export const deletedView = {
  rows: (o: { id?: string | undefined; object: string; deleted: boolean }) => [
    { id: o.id ?? "", object: o.object, deleted: o.deleted },
  ],
  columns: [
    { key: "id", header: "ID" },
    { key: "object", header: "OBJECT" },
    { key: "deleted", header: "DELETED" },
  ],
} as const;

/** Epoch milliseconds as `2025-01-31 09:00 UTC` (empty when absent), for detail views. */
export const when = (ms: number | null | undefined) => (ms ? `${minute(ms)} UTC` : "");

/** A field's name as a label: `last_sign_in_at` → `last sign in at`. */
const label = (key: string) => key.replace(/_/g, " ");

/** An `…_at` field holding epoch milliseconds (after 2001), shown as a date. */
const isTime = (key: string, value: unknown) => key.endsWith("_at") && typeof value === "number" && value > 1e12;

/** `value` with the strings under `secretFields` (at any depth) masked, as tables mask them. */
const masked = (value: unknown, secretFields: readonly string[]): unknown =>
  secretFields.length && value && typeof value === "object"
    ? JSON.parse(
        JSON.stringify(value, (key, inner) =>
          secretFields.includes(key) && typeof inner === "string" ? maskSecret(inner) : inner,
        ),
      )
    : value;

/**
 * The detail view of a record without a declared one: its kind and id as the title, then every
 * field as `key: value` (times as dates, objects as indented JSON, secrets masked).
 */
export function genericDetail(secretFields: readonly string[] = []): DetailView<unknown> {
  return {
    title(output) {
      const record = (output ?? {}) as Record<string, unknown>;
      return [record.object, record.id].filter((part) => typeof part === "string").join(" ") || "Record";
    },
    sections(output) {
      const record = masked(output, secretFields);
      const entries = record && typeof record === "object" ? Object.entries(record as Record<string, unknown>) : [];
      return [
        {
          title: "",
          fields: entries
            .filter(([key]) => key !== "object" && key !== "id")
            .map(([key, value]) => [label(key), isTime(key, value) ? when(value as number) : value] as const),
        },
      ];
    },
  };
}
