import { readFileSync } from "node:fs";
import type { Field } from "../shared/actions/fields";
import { UsageError } from "./errors";
import { closest } from "./suggest";

/** `--input-json` as given: `-` reads stdin, `@path` a file, anything else is the JSON itself. */
function readSource(source: string): { text: string; from: string } {
  if (source !== "-" && !source.startsWith("@")) return { text: source, from: "--input-json" };
  const path = source === "-" ? undefined : source.slice(1);
  try {
    return { text: readFileSync(path ?? 0, "utf8"), from: path ?? "stdin" };
  } catch (error) {
    throw new UsageError(
      `--input-json: cannot read ${path ?? "stdin"}: ${(error as Error).message}`,
      "Give a JSON object inline, @path/to/file.json, or - to read stdin.",
    );
  }
}

/**
 * A value from JSON in the form the command line would give it, so the same schema validates
 * both: text options take numbers and booleans as text, repeatable options take one value.
 */
export function asFlagValue(field: Field, value: unknown): unknown {
  if ((field.kind === "string" || field.kind === "enum") && (typeof value === "number" || typeof value === "boolean"))
    return String(value);
  if (field.kind === "list" && !Array.isArray(value)) return [value];
  return value;
}

/**
 * Reads the options given as one JSON object (`--input-json '{"email_address":["a@b.co"]}'`).
 * Keys are the input names (`email_address`) or the flag names (`email-address`); an unknown
 * key is a usage error, not silently dropped.
 */
export function readInputJson(source: string, fields: Field[], hint: string): Record<string, unknown> {
  const { text, from } = readSource(source);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--input-json: ${from} is not valid JSON: ${(error as Error).message}`, hint);
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new UsageError(`--input-json: ${from} must hold a JSON object of options, e.g. '{"limit": 5}'`, hint);
  }
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed)) {
    const field = fields.find((f) => f.name === key || f.flag === key || f.aliases?.includes(key));
    if (!field) {
      const suggestion = closest(
        key,
        fields.map((f) => f.name),
      );
      throw new UsageError(
        `--input-json: unknown option "${key}"`,
        suggestion ? `Did you mean "${suggestion}"? ${hint}` : hint,
      );
    }
    input[field.name] = asFlagValue(field, value);
  }
  return input;
}
