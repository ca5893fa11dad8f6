import type { ConfigChange } from "./diff";

type Schema = Record<string, unknown>;

/** How a secret reads in a config document: Clerk never sends one back in clear, and neither do we. */
export const MASKED = "********";

const isObject = (value: unknown): value is Schema =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The schema of `key` below `schema`: through `properties`, `additionalProperties` or an `anyOf` branch. */
function child(schema: Schema | undefined, key: string): Schema | undefined {
  if (!schema) return undefined;
  const properties = schema.properties;
  if (isObject(properties) && isObject(properties[key])) return properties[key];
  if (isObject(schema.additionalProperties)) return schema.additionalProperties;
  const branches = Array.isArray(schema.anyOf) ? (schema.anyOf as unknown[]) : [];
  return branches
    .filter(isObject)
    .map((branch) => child(branch, key))
    .find(Boolean);
}

/** Whether the config schema marks the value at a dotted path `x-sensitive` (OAuth client secrets…). */
export function isSensitivePath(schema: Schema, path: string): boolean {
  let node: Schema | undefined = schema;
  for (const key of path.split(".")) {
    node = child(node, key);
    if (!node) return false;
    if (node["x-sensitive"] === true) return true;
  }
  return false;
}

/**
 * Changes fit to show and print: a secret's value (from the user's file, or a whole section
 * holding one) is replaced by the mask, so a diff in a terminal or a CI log never reveals it.
 */
export function maskSensitive(changes: ConfigChange[], schema: Schema): ConfigChange[] {
  const mask = (value: unknown, path: string): unknown => {
    if (value === null || value === undefined) return value;
    if (isSensitivePath(schema, path)) return MASKED;
    if (!isObject(value)) return value;
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, mask(inner, `${path}.${key}`)]));
  };
  return changes.map((change) => ({
    ...change,
    ...("before" in change ? { before: mask(change.before, change.path) } : {}),
    ...("after" in change ? { after: mask(change.after, change.path) } : {}),
  }));
}
