import { fieldsOf } from "../shared/actions/fields";
import type { CommandSpec } from "./command";

/** A command's own option, as shell completion offers it. */
export interface ManifestFlag {
  name: string;
  short?: string;
  /** Takes a value (`--limit 5`); false for switches (`--banned`, `--no-banned`). */
  value: boolean;
  /** Other spellings it answers to (`email` for `email-address`). */
  aliases?: readonly string[];
  choices?: readonly string[];
  description: string;
}

/**
 * What dist/cli/commands.json holds per command (written by scripts/build.mjs): enough to
 * resolve command words, print the top-level and group help, and complete words and options,
 * without loading any command's schemas (nor zod).
 */
export interface ManifestEntry {
  id: string;
  summary: string;
  /** The first example, for group help. */
  examples: readonly string[];
  positionals?: readonly string[];
  flags: ManifestFlag[];
  /** Takes `--all`. */
  streams?: boolean;
}

export function commandManifest(commands: readonly CommandSpec[]): ManifestEntry[] {
  return commands.map((command) => {
    const positionals = command.positionals ?? [];
    const flags = fieldsOf(command.input)
      .filter((field) => !positionals.includes(field.name))
      .map(
        (field): ManifestFlag => ({
          name: field.flag,
          ...(field.short ? { short: field.short } : {}),
          value: field.kind !== "boolean",
          ...(field.aliases ? { aliases: field.aliases } : {}),
          ...(field.choices ? { choices: field.choices } : {}),
          description: field.description,
        }),
      );
    return {
      id: command.id,
      summary: command.summary,
      examples: command.examples.slice(0, 1),
      ...(positionals.length ? { positionals } : {}),
      flags,
      ...(command.streams ? { streams: true } : {}),
    };
  });
}
