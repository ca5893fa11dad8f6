import { readFileSync, writeFileSync } from "node:fs";
import type { CommandSpec } from "../command";
import { UsageError } from "../errors";
import { resolveCommand } from "../tree";
import { aliasesFile, ensureConfigDir } from "./paths";

/** Alias name → the command line it stands for, as typed (`users list --limit 5`). */
export type Aliases = Record<string, string>;

const ALIAS_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

export function readAliases(env: NodeJS.ProcessEnv = process.env): Aliases {
  const file = aliasesFile(env);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return {};
  }
  try {
    const data = JSON.parse(text) as unknown;
    if (data && typeof data === "object" && !Array.isArray(data)) {
      return Object.fromEntries(
        Object.entries(data).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
      );
    }
  } catch {}
  throw new UsageError(
    `${file} is not a JSON object of aliases.`,
    "Fix or delete it (`clerk config alias path` shows it).",
  );
}

export function writeAliases(aliases: Aliases, env: NodeJS.ProcessEnv = process.env): string {
  ensureConfigDir(env);
  const file = aliasesFile(env);
  const sorted = Object.fromEntries(Object.entries(aliases).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(file, `${JSON.stringify(sorted, null, 2)}\n`, { mode: 0o600 });
  return file;
}

/** Splits a command line into words the way a POSIX shell would for plain words and quotes. */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i] as string;
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === "\\" && quote === '"' && i + 1 < line.length) word = `${word ?? ""}${line[++i]}`;
      else word = `${word ?? ""}${char}`;
    } else if (char === "'" || char === '"') {
      quote = char;
      word ??= "";
    } else if (char === "\\" && i + 1 < line.length) {
      word = (word ?? "") + line[++i];
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? "") + char;
    }
  }
  if (quote) throw new UsageError(`unclosed ${quote} in "${line}"`);
  if (word !== undefined) words.push(word);
  return words;
}

/**
 * The command line the words of `clerk config alias add NAME words…` stand for: one word is
 * the line as typed (`"users list --limit 5"`); several are quoted where a shell would need it,
 * so that `splitCommandLine` gives them back.
 */
export function joinCommandLine(words: readonly string[]): string {
  if (words.length === 1) return words[0] as string;
  return words.map((word) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`)).join(" ");
}

/** argv with a leading alias replaced by its words, or undefined when argv[0] is no alias. */
export function expandAlias(argv: readonly string[], aliases: Aliases): string[] | undefined {
  const [first, ...rest] = argv;
  const expansion = first === undefined ? undefined : aliases[first];
  return expansion === undefined ? undefined : [...splitCommandLine(expansion), ...rest];
}

/**
 * Checks a new alias: a valid name that neither is nor abbreviates a command word (commands
 * always win, so such an alias would never run), standing for a real command.
 */
export function validateAlias(name: string, line: string, commands: readonly CommandSpec[]): void {
  if (!ALIAS_NAME.test(name)) {
    throw new UsageError(
      `"${name}" is not a valid alias name`,
      "Use letters, digits, - and _, starting with a letter.",
    );
  }
  const tops = [...new Set(commands.map((command) => command.id.split(".")[0] as string))];
  const matching = tops.filter((word) => word.startsWith(name));
  if (matching.includes(name) || matching.length === 1) {
    throw new UsageError(
      `"${name}" would shadow \`clerk ${matching.includes(name) ? name : matching[0]}\`: commands always win over aliases.`,
      "Pick another name.",
    );
  }
  const words = splitCommandLine(line);
  if (words.length === 0 || (words[0] as string).startsWith("-")) {
    throw new UsageError(`an alias stands for a command, e.g. "users list --limit 5", not "${line}"`);
  }
  const found = resolveCommand(commands, words);
  if (found.kind === "root") throw new UsageError(`"${line}" names no command`);
}
