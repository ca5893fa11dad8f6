import { errors, SandboxApiError } from "../core/errors";
import { queryList } from "../core/http";
import {
  CONFIG_KEYS,
  type ConfigKey,
  type InstanceConfig,
  instanceConfigJsonSchema,
  instanceConfigSchema,
} from "../tenancy/config";

/**
 * The Platform API's view of an instance's config document.
 *
 * Sensitive values (schema nodes marked `x-sensitive`, e.g. `social.*.client_secret`) are never
 * sent back in clear: a value that is set reads as `REDACTED`, an unset one as null, so callers
 * can still tell whether a secret is configured. Writing `REDACTED` back keeps the stored value,
 * which makes a GET → edit → PUT round trip safe.
 *
 * Clearing: null sets a nullable key to null; any other key (or a whole section) returns to its
 * default, and one without a default (a social provider that was added) is removed. A null
 * that changes the stored config needs `destructive=true`; one that changes nothing (a GET
 * document sent back as is) does not.
 */
export const REDACTED = "********";

type JsonObject = Record<string, unknown>;
type Schema = JsonObject;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The schema of `key` inside `schema`, through `properties`, `additionalProperties` or `anyOf`. */
function childSchema(schema: Schema | undefined, key: string): Schema | undefined {
  if (!schema) return undefined;
  const properties = schema.properties as Record<string, Schema> | undefined;
  if (properties?.[key]) return properties[key];
  if (isObject(schema.additionalProperties)) return schema.additionalProperties;
  const branches = (schema.anyOf ?? []) as Schema[];
  return branches.map((branch) => childSchema(branch, key)).find(Boolean);
}

const isSensitive = (schema: Schema | undefined) => schema?.["x-sensitive"] === true;

function redact(value: unknown, schema: Schema | undefined): unknown {
  if (isSensitive(schema)) return value === null || value === undefined ? value : REDACTED;
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [key, redact(child, childSchema(schema, key))]),
  );
}

/** The given top-level keys of the config, with sensitive values redacted. */
export function configView(config: InstanceConfig, keys: readonly ConfigKey[]): JsonObject {
  const schema = instanceConfigJsonSchema();
  return Object.fromEntries(keys.map((key) => [key, redact(config[key], childSchema(schema, key))]));
}

/** The `keys` query parameter: top-level config keys, all of them when absent. */
export function requestedKeys(query: Record<string, unknown>): ConfigKey[] | undefined {
  const keys = queryList(query, "keys");
  if (keys.length === 0) return undefined;
  const unknown = keys.filter((key) => !(CONFIG_KEYS as string[]).includes(key));
  if (unknown.length) {
    throw errors.badRequest(
      "config_keys_invalid",
      "unknown config keys",
      `Unknown config keys: ${unknown.join(", ")}. Valid keys: ${CONFIG_KEYS.join(", ")}.`,
      { param_name: "keys" },
    );
  }
  return [...new Set(keys)] as ConfigKey[];
}

/** `If-Match: <config_version>` (quoted or weak forms too); a stale version is a 409. */
export function checkIfMatch(header: string | string[] | undefined, version: number): void {
  if (header === undefined) return;
  const expected = String(header)
    .trim()
    .replace(/^W\//, "")
    .replace(/^"(.*)"$/, "$1");
  if (expected === "*" || expected === String(version)) return;
  throw errors.conflict(
    "config_version_conflict",
    "config version conflict",
    `The config is at version ${version}, not ${expected}: it changed since it was read. Read it again and retry.`,
  );
}

export interface WriteMode {
  /** PATCH deep-merges into the current config; PUT replaces each key with what was sent. */
  mode: "merge" | "replace";
  destructive: boolean;
}

const REMOVE = Symbol("remove");

/** Whether the schema accepts null (`type: [..., "null"]` or a null branch of `anyOf`). */
function allowsNull(schema: Schema): boolean {
  const type = schema.type;
  if (type === "null" || (Array.isArray(type) && type.includes("null"))) return true;
  return ((schema.anyOf ?? []) as Schema[]).some(allowsNull);
}

/** What null means for a key: a value where null is allowed, otherwise its default (or removal). */
function cleared(current: unknown, fallback: unknown, schema: Schema, path: string[], write: WriteMode) {
  const next = allowsNull(schema) ? null : fallback === undefined ? REMOVE : structuredClone(fallback);
  const absent = current === undefined || current === null;
  const changes = next === REMOVE || next === null ? !absent : !sameJson(current, next);
  if (changes && !write.destructive) {
    const param = path.join(".");
    throw errors.unprocessable(
      "destructive_change_not_allowed",
      "destructive change",
      `Setting ${param} to null clears it. Repeat the request with destructive=true to allow that.`,
      { param_name: param },
    );
  }
  return next;
}

function applyValue(
  current: unknown,
  incoming: unknown,
  fallback: unknown,
  schema: Schema | undefined,
  path: string[],
  write: WriteMode,
): unknown {
  // An unknown key passes through untouched for validation to name it.
  if (schema === undefined) return incoming;
  if (incoming === null) return cleared(current, fallback, schema, path, write);
  if (incoming === REDACTED && isSensitive(schema)) return current;
  if (!isObject(incoming)) return incoming;
  const base: JsonObject = write.mode === "merge" && isObject(current) ? { ...current } : {};
  for (const [key, value] of Object.entries(incoming)) {
    const child = (node: unknown) => (isObject(node) ? node[key] : undefined);
    const next = applyValue(child(current), value, child(fallback), childSchema(schema, key), [...path, key], write);
    if (next === REMOVE) delete base[key];
    else base[key] = next;
  }
  return base;
}

/** The config after a write of `changes` (top-level keys), not yet validated. */
export function applyConfigWrite(
  current: InstanceConfig,
  changes: JsonObject,
  defaults: InstanceConfig,
  write: WriteMode,
): unknown {
  if (write.mode === "replace") {
    const missing = CONFIG_KEYS.filter((key) => !(key in changes));
    if (missing.length) {
      throw errors.badRequest(
        "config_keys_missing",
        "missing config keys",
        `PUT replaces the whole config, so every key must be sent. Missing: ${missing.join(", ")}.`,
        { missing_keys: missing },
      );
    }
  }
  return applyValue(current, changes, defaults, instanceConfigJsonSchema(), [], write);
}

/** Validates a whole config against the schema; the first problem is a 422 naming its key. */
export function validateConfig(value: unknown): InstanceConfig {
  const result = instanceConfigSchema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  // An unknown key explains the rest of its object's problems, so it is reported first.
  const issues = result.error.issues;
  const issue =
    issues.find((candidate) => candidate.code === "unrecognized_keys") ?? (issues[0] as (typeof issues)[number]);
  const path = issue.path.map(String);
  if (issue.code === "unrecognized_keys") {
    const param = [...path, issue.keys[0]].join(".");
    throw SandboxApiError.one(
      422,
      "form_param_unknown",
      `${param} is not a config key`,
      `${param} is not a config key.`,
      {
        param_name: param,
      },
    );
  }
  const param = path.join(".");
  if (issue.code === "invalid_type" && issue.input === undefined) throw errors.paramMissing(param);
  throw errors.paramInvalid(param, `${param}: ${issue.message}`);
}

/** Deep equality of two JSON documents, independent of key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (!isObject(value)) return value;
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical(value[key])]),
    );
  };
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
