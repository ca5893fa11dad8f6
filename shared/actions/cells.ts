/** How table cells show values (epoch milliseconds as UTC dates), shared by the list views. */
export const day = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString().slice(0, 10) : "");

export const minute = (ms: number | null | undefined) =>
  ms ? new Date(ms).toISOString().slice(0, 16).replace("T", " ") : "";

/** A path of encoded segments: `path("users", id)` is `/users/<id>`. */
export const path = (...parts: string[]) => `/${parts.map(encodeURIComponent).join("/")}`;
