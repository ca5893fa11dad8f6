import { GLOBAL_FLAGS } from "../globals";
import type { ManifestEntry, ManifestFlag } from "../manifest";
import { type Aliases, expandAlias } from "../settings/aliases";
import { type Resolution, resolveCommand } from "../tree";
import type { Shell } from "./scripts";

export interface Candidate {
  value: string;
  description?: string;
}

/** The options `entry` takes: its own, the global ones, and --help. */
function flagsOf(entry: ManifestEntry | undefined): ManifestFlag[] {
  const globals = GLOBAL_FLAGS.filter((flag) => !flag.listsOnly || entry?.streams).map(
    (flag): ManifestFlag => ({
      name: flag.name,
      ...(flag.short ? { short: flag.short } : {}),
      value: flag.type === "string",
      ...(flag.choices ? { choices: flag.choices } : {}),
      description: flag.description,
    }),
  );
  return [...(entry?.flags ?? []), ...globals, { name: "help", short: "h", value: false, description: "Show help" }];
}

function flagNamed(flags: readonly ManifestFlag[], token: string): ManifestFlag | undefined {
  if (token.startsWith("--"))
    return flags.find((flag) => flag.name === token.slice(2) || flag.aliases?.includes(token.slice(2)));
  return flags.find((flag) => flag.short === token.slice(1));
}

/** The words that may follow `words` (already resolved), with what they run. */
function nextWords(manifest: readonly ManifestEntry[], words: readonly string[]): Candidate[] {
  const depth = words.length;
  const below = manifest.filter((entry) => {
    const parts = entry.id.split(".");
    return parts.length > depth && words.every((word, i) => parts[i] === word);
  });
  const names = [...new Set(below.map((entry) => entry.id.split(".")[depth] as string))];
  return names.map((name) => {
    const id = [...words, name].join(".");
    const exact = manifest.find((entry) => entry.id === id);
    const count = below.filter((entry) => entry.id.startsWith(`${id}.`)).length;
    return { value: name, description: exact?.summary ?? `${count} commands` };
  });
}

function resolveQuietly(manifest: readonly ManifestEntry[], words: string[]): Resolution<ManifestEntry> | undefined {
  try {
    return resolveCommand(manifest, words);
  } catch {
    return undefined;
  }
}

/**
 * What can complete the last of `words` (everything typed after `clerk`; the last may be
 * empty): command words (prefixes and aliases understood as the CLI does), options of the
 * command, or the values of an option with fixed choices. Empty: let the shell offer files.
 */
export function completionCandidates(
  manifest: readonly ManifestEntry[],
  aliases: Aliases,
  words: readonly string[],
): Candidate[] {
  const current = words.at(-1) ?? "";
  let before = words.slice(0, -1);
  if (before.length && resolveQuietly(manifest, before.slice(0, 1)) === undefined) {
    try {
      before = expandAlias(before, aliases) ?? before;
    } catch {
      return [];
    }
  }
  const resolution = resolveQuietly(manifest, before);
  if (!resolution) return [];
  const matches = (candidates: Candidate[]) => candidates.filter((c) => c.value.startsWith(current));

  const entry = resolution.kind === "command" ? resolution.spec : undefined;
  const flags = flagsOf(entry);
  const previous = resolution.rest.at(-1);
  const pending = previous && /^-/.test(previous) && !previous.includes("=") ? flagNamed(flags, previous) : undefined;
  if (pending?.value) return matches((pending.choices ?? []).map((value) => ({ value })));

  if (current.startsWith("-")) {
    return matches(
      flags.flatMap((flag) => [
        { value: `--${flag.name}`, description: flag.description },
        ...(flag.aliases ?? []).map((alias) => ({ value: `--${alias}`, description: `same as --${flag.name}` })),
        ...(flag.value || !entry?.flags.includes(flag) ? [] : [{ value: `--no-${flag.name}`, description: "" }]),
      ]),
    );
  }
  // Past the command words (an argument or option was typed): arguments are the shell's business.
  if (resolution.rest.length > 0) return [];
  const commandWords =
    resolution.kind === "root" ? [] : resolution.kind === "group" ? resolution.words : (entry?.id.split(".") ?? []);
  const candidates = nextWords(manifest, commandWords);
  if (resolution.kind === "root") {
    const taken = new Set(candidates.map((c) => c.value));
    for (const [name, line] of Object.entries(aliases)) {
      if (!taken.has(name)) candidates.push({ value: name, description: `alias for: clerk ${line}` });
    }
  }
  if (candidates.length === 0 && entry && !entry.positionals?.length) {
    return matches(flags.map((flag) => ({ value: `--${flag.name}`, description: flag.description })));
  }
  return matches(candidates);
}

/** One candidate per line, as each shell's completion function reads them. */
export function formatCandidates(shell: Shell, candidates: readonly Candidate[]): string {
  const line = (c: Candidate) => {
    const description = (c.description ?? "").replace(/\s+/g, " ");
    if (shell === "bash" || !description) return shell === "zsh" ? c.value.replace(/:/g, "\\:") : c.value;
    return shell === "zsh" ? `${c.value.replace(/:/g, "\\:")}:${description}` : `${c.value}\t${description}`;
  };
  return candidates.map((c) => `${line(c)}\n`).join("");
}
