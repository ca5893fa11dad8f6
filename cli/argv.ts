import { statSync } from "node:fs";
import { basename, resolve } from "node:path";
import { UsageError } from "./errors";
import { globalFlagFor, spellingsOf } from "./globals";

/** What a command line's options are, as `node:util` parseArgs takes them. */
export type OptionTable = Record<string, { type: "string" | "boolean"; short?: string }>;

/**
 * Takes the global flags out from among the command words, Go-CLI style: `clerk -o json users
 * list`, `clerk -p work users --debug list`. They come back in their long form (`--profile=work`:
 * a command's own `-p` cannot take them over) to be parsed with the command's options. Scanning
 * stops at the first other option and at `--`, so a command's flag values are never read here.
 */
export function hoistGlobals(tokens: readonly string[]): { globals: string[]; rest: string[] } {
  const argv = bareDotenv(tokens);
  const globals: string[] = [];
  const rest: string[] = [];
  let index = 0;
  for (; index < argv.length; index++) {
    const token = argv[index] as string;
    if (token === "--") break;
    if (!token.startsWith("-") || token === "-") {
      rest.push(token);
      continue;
    }
    const long = /^--([^=]+)(?:=(.*))?$/s.exec(token);
    const short = long ? undefined : /^-([^-])(.*)$/s.exec(token);
    const flag = long ? globalFlagFor({ name: long[1] as string }) : globalFlagFor({ short: short?.[1] as string });
    if (!flag) break;
    const attached = long ? long[2] : short?.[2] || undefined;
    if (flag.type === "boolean") {
      if (attached !== undefined) break; // `--yes=…` or `-yf`: left to the parser's own message
      if (flag.name === "json" && isInlineJson(argv[index + 1])) break; // a document: the command's (parse.ts)
      // Another CLI's spelling stays as typed (`--force`): a command's own flag of that name takes it.
      const spelled = long ? long[1] : spellingsOf(flag).find((s) => s.short === short?.[1])?.name;
      globals.push(`--${spelled ?? flag.name}`);
      continue;
    }
    let value = attached;
    if (value === undefined) {
      value = argv[index + 1];
      if (value === undefined || value === "--") {
        throw new UsageError(`${token} needs a value`, "Run `clerk --help` for the global options.");
      }
      index++;
    }
    globals.push(`--${flag.name}=${value}`);
  }
  return { globals, rest: [...rest, ...argv.slice(index)] };
}

/** Whether a value is JSON written inline (`--json '{"session":…}'`, the official CLI's body), not a word. */
export const isInlineJson = (value: string | undefined): boolean => value !== undefined && /^\s*[[{]/.test(value);

/** Whether `token` is one of the options (`--name`, `--no-name`, `--name=…`, `-x`, `-xVALUE`). */
function isKnownOption(token: string, options: OptionTable): boolean {
  const long = /^--([^=]+)/.exec(token);
  if (long) return (long[1] as string) in options;
  const letter = token[1];
  const option = Object.values(options).find((o) => o.short === letter);
  return Boolean(option) && (token.length === 2 || option?.type === "string");
}

/**
 * Lets a flag's value start with "-" without `=`: `--order-by -created_at` becomes
 * `--order-by=-created_at`, as long as the flag takes a value and the next token is not itself a
 * known option. Everything after `--` is left as it is (positionals).
 */
export function attachDashValues(tokens: readonly string[], options: OptionTable): string[] {
  const out: string[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] as string;
    if (token === "--") return [...out, ...tokens.slice(index)];
    const next = tokens[index + 1];
    const name = token.startsWith("--")
      ? token.slice(2)
      : token.length === 2 && token.startsWith("-")
        ? Object.keys(options).find((key) => options[key]?.short === token[1])
        : undefined;
    const takesValue = name !== undefined && !name.includes("=") && options[name]?.type === "string";
    if (takesValue && next?.startsWith("-") && next !== "--" && next !== "-" && !isKnownOption(next, options)) {
      out.push(`--${name}=${next}`);
      index++;
    } else {
      out.push(token);
    }
  }
  return out;
}

const isFile = (path: string) => statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;

/**
 * `--dotenv` takes an optional value (the Go CLI's flag is boolean: the nearest .env). The next token
 * is its value when it names an existing file, contains a path separator or has ".env" in its name;
 * otherwise `--dotenv` stands alone and becomes `--dotenv=` (empty: the nearest .env).
 */
export function bareDotenv(argv: readonly string[], cwd: string = process.cwd()): string[] {
  const out: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const token = argv[index] as string;
    if (token === "--") return [...out, ...argv.slice(index)];
    const next = argv[index + 1];
    const isValue =
      next !== undefined &&
      !next.startsWith("-") &&
      (next.includes("/") || basename(next).includes(".env") || isFile(resolve(cwd, next)));
    out.push(token === "--dotenv" && !isValue ? "--dotenv=" : token);
  }
  return out;
}
