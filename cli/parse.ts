import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { z } from "zod";
import { type Field, fieldsOf } from "../shared/actions/fields";
import { issueSentence, valueAt } from "../shared/actions/issues";
import { attachDashValues, isInlineJson, type OptionTable } from "./argv";
import type { CommandSpec } from "./command";
import { UsageError } from "./errors";
import { GLOBAL_FLAGS, type GlobalOptions, isOutputFormat, OUTPUT_FORMAT_LIST, spellingsOf } from "./globals";
import { type InputJson, parseInputJson, readInputJson, readPipedInput } from "./input-json";
import { defaultOutput } from "./mode";
import { outputSettings } from "./settings/resolve";
import { closest } from "./suggest";

type ParseArgsOptions = NonNullable<Parameters<typeof parseArgs>[0]>["options"];

export interface ParsedCommandLine {
  input: unknown;
  globals: GlobalOptions;
}

function optionsFor(fields: Field[], spec: CommandSpec): ParseArgsOptions {
  const options: NonNullable<ParseArgsOptions> = {};
  // A command's own one-letter flag wins over a global flag's letter.
  const ownShorts = new Set(fields.map((field) => field.short));
  for (const flag of GLOBAL_FLAGS) {
    if ((flag.listsOnly && !spec.streams) || flag.readFirst) continue;
    for (const { name, short } of spellingsOf(flag)) {
      options[name] = { type: flag.type, ...(short && !ownShorts.has(short) ? { short } : {}) };
    }
  }
  options.help = { type: "boolean", short: "h" };
  for (const field of fields) {
    flagSpellings(field).forEach((flag, index) => {
      const short = index === 0 && field.short ? { short: field.short } : {};
      if (field.kind === "boolean") {
        options[flag] = { type: "boolean", ...short };
        options[`no-${flag}`] = { type: "boolean" };
      } else {
        options[flag] = { type: "string", multiple: field.kind === "list", ...short };
      }
    });
  }
  return options;
}

/** Every flag a field answers to: ours first, then its synonyms (`--email-address`, `--email`). */
const flagSpellings = (field: Field): string[] => [field.flag, ...(field.aliases ?? [])];

type Parsed = ReturnType<typeof parseArgs>;

/**
 * A field's value from the parsed flags, whichever spelling was used. A list takes every value
 * of every spelling in the order typed, each also split on commas (`--scope a,b --scope c`), as
 * the Go CLI takes them.
 */
function flagValue(field: Field, parsed: Parsed): unknown {
  const values = parsed.values as Record<string, unknown>;
  const given = flagSpellings(field).filter((flag) => values[flag] !== undefined);
  if (field.kind === "boolean") {
    if (flagSpellings(field).some((flag) => values[`no-${flag}`])) return false;
    return given.length ? values[given[0] as string] : undefined;
  }
  if (field.kind === "list") {
    if (!given.length) return undefined;
    return (parsed.tokens ?? [])
      .flatMap((token) => (token.kind === "option" && given.includes(token.name) ? [token.value ?? ""] : []))
      .flatMap((value) => value.split(","))
      .map((value) => value.trim())
      .filter((value) => value !== "");
  }
  return given.length ? values[given[0] as string] : undefined;
}

function usageHint(spec: CommandSpec): string {
  return `Run \`clerk ${spec.id.split(".").join(" ")} --help\` for usage.`;
}

/** Turns Node's parseArgs errors into messages that name the fix. */
function parseError(error: unknown, spec: CommandSpec, known: string[]): UsageError {
  const { code, message } = error as { code?: string; message: string };
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const flag = /'([^']+)'/.exec(message)?.[1] ?? "";
    const suggestion = closest(flag.replace(/^-+/, ""), known);
    return new UsageError(
      `unknown option ${flag}`,
      suggestion ? `Did you mean --${suggestion}? ${usageHint(spec)}` : usageHint(spec),
    );
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const flag = /'(--?[^' ]+)/.exec(message)?.[1] ?? "option";
    if (message.includes("does not take an argument")) {
      return new UsageError(`${flag} is a switch and takes no value`, `Write ${flag} alone. ${usageHint(spec)}`);
    }
    return new UsageError(
      `${flag} needs a value`,
      // parseArgs takes a value that starts with "-" (a PEM key, a negative number) for a flag.
      `If the value starts with "-", write ${flag}=<value>. ${usageHint(spec)}`,
    );
  }
  return new UsageError(message.split("\n")[0] ?? message, usageHint(spec));
}

/** A global flag's value under any of its spellings (`--yes` or `--force`). */
function globalValue(values: Record<string, unknown>, name: string, own: ReadonlySet<string>): unknown {
  const flag = GLOBAL_FLAGS.find((f) => f.name === name);
  // A synonym that is also the command's own flag (a `--force` of its own) is the command's.
  const spellings = (flag ? spellingsOf(flag) : [{ name }]).filter((s) => s.name === name || !own.has(s.name));
  return spellings.map((s) => values[s.name]).find((v) => v !== undefined);
}

/**
 * The global options. `-o/--output` and `--debug` given win; otherwise the `output` and `debug`
 * settings (profile, environment, `.env`: the Go CLI's `clerk config set output json`) apply, and
 * then the defaults (JSON for agents, tables otherwise). On a command that writes its result to
 * a file (`outputFile`), an `--output` value that is no format is that file (the official CLI's
 * `config pull --output config.json`).
 */
async function readGlobals(
  values: Record<string, unknown>,
  own: ReadonlySet<string>,
  spec: CommandSpec,
): Promise<GlobalOptions> {
  const given = values.output as string | undefined;
  const outputFile = given !== undefined && !isOutputFormat(given) && spec.outputFile ? given : undefined;
  if (given !== undefined && !isOutputFormat(given) && !outputFile) {
    throw new UsageError(`--output must be ${OUTPUT_FORMAT_LIST}, not "${given}"`, usageHint(spec));
  }
  const format = values.json ? "json" : outputFile ? undefined : (given as GlobalOptions["output"] | undefined);
  const text = (name: string) => (values[name] === undefined ? {} : { [name]: String(values[name]) });
  const chosen = { ...text("profile"), ...text("app"), ...text("instance"), ...text("dotenv") };
  const debugFlag = Boolean(globalValue(values, "debug", own));
  const settings = format && debugFlag ? {} : await outputSettings(chosen);
  return {
    output: format ?? settings.output ?? defaultOutput(spec.jsonWhenPiped),
    yes: Boolean(globalValue(values, "yes", own)),
    dryRun: Boolean(values["dry-run"]),
    all: Boolean(values.all),
    debug: debugFlag || Boolean(settings.debug),
    ...chosen,
    ...(outputFile ? { outputFile } : {}),
  };
}

/** Where a zod issue points, in the user's terms: `--flag` or `<positional>`. */
function describePath(path: PropertyKey[], spec: CommandSpec, fields: Field[]): string {
  const name = String(path[0] ?? "");
  if (spec.positionals?.includes(name)) return `<${name}>`;
  const field = fields.find((f) => f.name === name);
  return field ? `--${field.flag}` : name;
}

export function validateInput<I extends z.ZodType>(spec: CommandSpec, schema: I, raw: unknown): z.infer<I> {
  const fields = fieldsOf(spec.input);
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0] as z.core.$ZodIssue;
  const where = describePath(issue.path, spec, fields);
  const given = valueAt(raw, issue.path);
  const missing = issue.code === "invalid_type" && given === undefined && where !== "";
  throw new UsageError(
    missing
      ? `missing ${where.startsWith("<") ? "argument" : "option"} ${where}`
      : // A rule over several flags (such as "one of --allow or --block") points at none of them.
        issueSentence(issue, where, given),
    usageHint(spec),
  );
}

/** The options given as JSON: `--input-json`, or stdin piped into a command that takes it. */
async function inputJsonOf(
  spec: CommandSpec,
  values: Record<string, unknown>,
  fields: Field[],
): Promise<InputJson | undefined> {
  const source = values["input-json"];
  if (source !== undefined) return readInputJson(String(source), fields, usageHint(spec));
  if (!spec.pipedInputJson) return undefined;
  const piped = (await readPipedInput()).trim();
  return piped ? parseInputJson(piped, "stdin", fields, usageHint(spec)) : undefined;
}

/**
 * `--json '{…}'` (the official CLI's inline body, `config patch --json '{"session":…}'`): on a
 * command whose document is a positional read from a JSON/YAML file, `--json` followed by a value
 * starting with `{` or `[` is that document inline. A bare `--json` stays the output flag.
 */
function takeInlineDocument(
  tokens: readonly string[],
  spec: CommandSpec,
  fields: Field[],
): { tokens: string[]; inline?: { field: Field; document: unknown } } {
  const field = fields.find((f) => f.file && spec.positionals?.includes(f.name));
  if (!field) return { tokens: [...tokens] };
  const rest: string[] = [];
  let text: string | undefined;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] as string;
    if (token === "--") {
      rest.push(...tokens.slice(index));
      break;
    }
    const attached = token.startsWith("--json=") ? token.slice("--json=".length) : undefined;
    const value = attached ?? (token === "--json" ? tokens[index + 1] : undefined);
    if (!isInlineJson(value)) {
      rest.push(token);
      continue;
    }
    if (text !== undefined) throw new UsageError("--json: give the inline document once", usageHint(spec));
    text = value;
    if (attached === undefined) index++;
  }
  if (text === undefined) return { tokens: rest };
  try {
    return { tokens: rest, inline: { field, document: JSON.parse(text) } };
  } catch (error) {
    throw new UsageError(`--json: the inline document is not valid JSON: ${(error as Error).message}`, usageHint(spec));
  }
}

/**
 * Parses the tokens after the command words. Values stay strings exactly as typed (so
 * `+15555550100` and `007` survive); the input schema then coerces and validates them.
 */
export async function parseCommandLine(
  spec: CommandSpec,
  tokens: string[],
): Promise<ParsedCommandLine & { help: boolean }> {
  const fields = fieldsOf(spec.input);
  const options = optionsFor(fields, spec);
  const { tokens: flags, inline } = takeInlineDocument(tokens, spec, fields);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    const args = attachDashValues(flags, options as OptionTable);
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw parseError(error, spec, Object.keys(options ?? {}));
  }
  const values = parsed.values as Record<string, unknown>;
  const own = new Set(fields.map((field) => field.flag));
  if (values.help) return { input: {}, globals: await readGlobals(values, own, spec), help: true };
  const fromJson = await inputJsonOf(spec, values, fields);
  // Explicit flags win over the same options given as JSON.
  const globals = await readGlobals({ ...fromJson?.globals, ...values }, own, spec);

  const positionals = spec.positionals ?? [];
  // A list as the last positional takes the remaining arguments (`clerk protect schema type IP ASN`).
  const variadic = fields.find((field) => field.name === positionals.at(-1))?.kind === "list";
  if (parsed.positionals.length > positionals.length && !variadic) {
    const extra = parsed.positionals.slice(positionals.length).join(" ");
    throw new UsageError(`unexpected argument "${extra}"`, usageHint(spec));
  }
  const raw: Record<string, unknown> = {};
  positionals.forEach((name, index) => {
    const last = index === positionals.length - 1;
    if (last && variadic) {
      if (parsed.positionals.length > index) raw[name] = parsed.positionals.slice(index);
    } else if (parsed.positionals[index] !== undefined) raw[name] = parsed.positionals[index];
  });
  for (const field of fields) {
    const value = flagValue(field, parsed);
    if (value === undefined) continue;
    // A list given as flags and as the trailing arguments takes both (`--keys auth_email session`).
    const trailing = raw[field.name];
    raw[field.name] = Array.isArray(value) && Array.isArray(trailing) ? [...value, ...trailing] : value;
  }
  if (inline) {
    if (raw[inline.field.name] !== undefined) {
      throw new UsageError(`give <${inline.field.name}> once: as a file or inline with --json '{…}'`, usageHint(spec));
    }
    raw[inline.field.name] = inline.document;
  }
  const merged = { ...fromJson?.input, ...raw };
  for (const field of fields) {
    if (field.file && typeof merged[field.name] === "string")
      merged[field.name] = await readDocument(merged[field.name] as string, field);
  }
  const prepared = spec.prepareInput ? spec.prepareInput(merged) : merged;
  return { input: validateInput(spec, spec.input, prepared), globals, help: false };
}

/** Reads a JSON or YAML document from a file, or from stdin for `-`. */
async function readDocument(path: string, field: Field): Promise<unknown> {
  let text: string;
  try {
    text = readFileSync(path === "-" ? 0 : path, "utf8");
  } catch (error) {
    throw new UsageError(
      `cannot read ${path === "-" ? "stdin" : path}: ${(error as Error).message}`,
      `Give <${field.name}> as a path to a JSON or YAML file, or - for stdin.`,
    );
  }
  const { parse: parseYaml } = await import("yaml");
  try {
    return parseYaml(text);
  } catch (error) {
    throw new UsageError(`${path} is not valid JSON or YAML: ${(error as Error).message.split("\n")[0]}`);
  }
}
