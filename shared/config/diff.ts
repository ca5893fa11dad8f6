/** One difference between two configs, at a dotted key path. */
export interface ConfigChange {
  path: string;
  kind: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Keys that describe the document rather than the instance's settings. */
const META_KEYS = new Set(["config_version", "$schema"]);

/** Every leaf that differs between `before` and `after`; arrays compare as whole values. */
export function diffConfig(before: unknown, after: unknown, prefix = ""): ConfigChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
      (k) => prefix || !META_KEYS.has(k),
    );
    return keys.sort().flatMap((key) => diffConfig(before[key], after[key], prefix ? `${prefix}.${key}` : key));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (before === undefined) return [{ path: prefix, kind: "added", after }];
  if (after === undefined) return [{ path: prefix, kind: "removed", before }];
  return [{ path: prefix, kind: "changed", before, after }];
}

/**
 * The smallest PATCH body that turns `current` into `desired`. A desired document may be
 * partial: keys it leaves out are not managed and stay as they are (config as code for the
 * keys you care about). A key set to null in `desired` is cleared.
 */
export function minimalPatch(current: unknown, desired: unknown): Json | undefined {
  if (!isObject(desired)) return undefined;
  const patch: Json = {};
  for (const [key, value] of Object.entries(desired)) {
    if (META_KEYS.has(key)) continue;
    const existing = isObject(current) ? current[key] : undefined;
    if (isObject(value) && isObject(existing)) {
      const nested = minimalPatch(existing, value);
      if (nested) patch[key] = nested;
    } else if (JSON.stringify(value) !== JSON.stringify(existing)) {
      patch[key] = value;
    }
  }
  return Object.keys(patch).length ? patch : undefined;
}

/** `current` with `patch` merged in (what a PATCH would produce), for previews. */
export function mergePatch(current: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: Json = isObject(current) ? { ...current } : {};
  for (const [key, value] of Object.entries(patch)) out[key] = isObject(value) ? mergePatch(out[key], value) : value;
  return out;
}

/** Does applying these changes clear any value (a null)? Clearing needs `destructive`. */
export function clearsValues(changes: readonly ConfigChange[]): boolean {
  return changes.some((change) => change.kind === "removed" || (change.kind === "changed" && change.after === null));
}

const show = (value: unknown) => (value === undefined ? "" : JSON.stringify(value));

/** A readable one-line-per-key rendering: `~ path: before → after`, `+ path: value`, `- path: value`. */
export function formatChanges(changes: readonly ConfigChange[]): string[] {
  return changes.map((change) =>
    change.kind === "added"
      ? `+ ${change.path}: ${show(change.after)}`
      : change.kind === "removed"
        ? `- ${change.path}: ${show(change.before)}`
        : `~ ${change.path}: ${show(change.before)} → ${show(change.after)}`,
  );
}
