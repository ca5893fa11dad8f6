/** Small helpers the actions' requests and table views share. */

/** A Backend API path with each segment encoded: `apiPath("domains", id)` is `/domains/<id>`. */
export const apiPath = (...parts: string[]) => `/${parts.map(encodeURIComponent).join("/")}`;

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
