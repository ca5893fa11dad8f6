import { errors } from "./errors";

/** Deep-merges `patch` into `target` as Clerk's metadata merge does: `null` deletes a key. */
export function mergeMetadata(
  target: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else if (
      typeof value === "object" &&
      !Array.isArray(value) &&
      typeof out[key] === "object" &&
      out[key] !== null &&
      !Array.isArray(out[key])
    ) {
      out[key] = mergeMetadata(out[key] as Record<string, unknown>, value as Record<string, unknown>);
    } else out[key] = value;
  }
  return out;
}

export function checkMetadataSize(value: Record<string, unknown>, param: string): string {
  const json = JSON.stringify(value);
  if (Buffer.byteLength(json) > 8192) {
    throw errors.paramInvalid(param, `${param} exceeds the maximum allowed size of 8KB.`);
  }
  return json;
}
