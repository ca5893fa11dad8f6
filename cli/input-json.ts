import { readFileSync } from "node:fs";
import type { Field } from "../shared/actions/fields";
import { UsageError } from "./errors";
import { GLOBAL_FLAGS, type GlobalFlag } from "./globals";
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

/** Global flags a JSON object may set (`{"yes": true}`), by name or with underscores (`dry_run`). */
function globalFlagOf(key: string): GlobalFlag | undefined {
  const name = key.replace(/_/g, "-");
  return GLOBAL_FLAGS.find((flag) => flag.name === name && !flag.readFirst && flag.name !== "input-json");
}

export interface InputJson {
  /** The command's own options, by input name. */
  input: Record<string, unknown>;
  /** Global flags (`yes`, `dry-run`, `app`, …), by flag name, as parseArgs gives them. */
  globals: Record<string, unknown>;
}

/**
 * Options given as one JSON object. Keys are the input names (`email_address`), the flag names
 * (`email-address`) or a global flag (`yes`, `dry_run`, `app`); an unknown key is a usage
 * error, not silently dropped.
 */
export function parseInputJson(text: string, from: string, fields: Field[], hint: string): InputJson {
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
  const globals: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed)) {
    const field = fields.find((f) => f.name === key || f.flag === key || f.aliases?.includes(key));
    const global = field ? undefined : globalFlagOf(key);
    if (global) {
      if (typeof value !== global.type) {
        throw new UsageError(`--input-json: "${key}" must be a ${global.type}, not ${JSON.stringify(value)}`, hint);
      }
      globals[global.name] = value;
      continue;
    }
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
  return { input, globals };
}

/** `--input-json <json|@file|->`: see parseInputJson. */
export function readInputJson(source: string, fields: Field[], hint: string): InputJson {
  const { text, from } = readSource(source);
  return parseInputJson(text, from, fields, hint);
}

/**
 * What is piped into a command that takes its options from stdin (`echo '{"yes":true}' | clerk
 * init`): empty on a terminal, and when nothing arrives for a moment (a pipe nobody writes to
 * must not hang the command).
 */
export function readPipedInput(quietMs = 250): Promise<string> {
  const stdin = process.stdin;
  if (stdin.isTTY) return Promise.resolve("");
  return new Promise((resolve) => {
    let text = "";
    const done = () => {
      clearTimeout(timer);
      stdin.off("data", onData);
      stdin.off("end", done);
      stdin.off("error", done);
      stdin.destroy();
      resolve(text);
    };
    let timer = setTimeout(done, quietMs);
    const onData = (chunk: string) => {
      text += chunk;
      clearTimeout(timer);
      timer = setTimeout(done, quietMs);
    };
    stdin.setEncoding("utf8");
    stdin.on("data", onData);
    stdin.on("end", done);
    stdin.on("error", done);
  });
}
