import type { z } from "zod";
import type { AnyInput } from "../shared/actions/action";
import type { GlobalOptions } from "./globals";

/**
 * A CLI command. Catalog actions are adapted into this shape (cli/action-command.ts); the few
 * CLI-only commands (sandbox, ui, config profiles, auth, doctor) are written in it directly,
 * so every command gets the same flag parsing, validation, help and exit codes.
 */
export interface CommandSpec<I extends AnyInput = AnyInput> {
  /** Dotted id; the command words are its parts (`config.profile.create` → `clerk config profile create`). */
  id: string;
  summary: string;
  description?: string;
  input: I;
  positionals?: readonly string[];
  examples: readonly string[];
  /** Accepts `--all` (streams every page of a list). */
  streams?: boolean;
  /** What `--output <file>` writes (see Action.outputFile). */
  outputFile?: string;
  /** JSON by default when stdout is piped (see Action.jsonWhenPiped). */
  jsonWhenPiped?: boolean;
  /** Takes its options as JSON piped into stdin too (`echo '{"yes":true}' | clerk init`), as --input-json. */
  pipedInputJson?: boolean;
  /** Completes the options as parsed (flags, `--input-json`, files read) before they are validated. */
  prepareInput?(raw: Record<string, unknown>): Record<string, unknown>;
  run(input: z.infer<I>, globals: GlobalOptions): Promise<void>;
}

export function defineCommand<I extends AnyInput>(spec: CommandSpec<I>): CommandSpec<I> {
  return spec;
}

export const commandWords = (id: string) => id.split(".");
