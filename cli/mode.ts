import { accessSync, constants, statSync } from "node:fs";
import { dirname } from "node:path";
import { UsageError } from "./errors";

/**
 * The interaction mode, as Clerk's official CLI has it (`--mode human|agent`, `CLERK_MODE`).
 * Agent mode: never prompt, JSON on stdout unless `-o` says otherwise, JSON errors on stderr, and
 * a warning when host-only state (the config directory) looks out of reach, as in a sandbox.
 * Chosen by neither, agent mode is detected as the official CLI does it: stdout is not a terminal
 * (then nothing prompts, and confirmations follow the agent rules); output stays a table and the
 * sandbox warning stays off unless agent mode was asked for.
 */
export type Mode = "human" | "agent";

export const MODES: readonly Mode[] = ["human", "agent"];

let chosen: Mode | undefined;

/**
 * Reads `--mode` (anywhere before `--`), else `CLERK_MODE`, and makes it the process's mode.
 * Returns the command line without `--mode`: it is read here, before anything else, so even
 * errors in parsing the rest honour it.
 */
export function takeMode(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string[] {
  chosen = undefined;
  let value: string | undefined;
  let where = "--mode";
  const rest: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const token = argv[index] as string;
    if (token === "--") {
      rest.push(...argv.slice(index));
      break;
    }
    if (token === "--mode") {
      value = argv[index + 1];
      if (value === undefined) throw new UsageError("--mode needs a value", "Use --mode human or --mode agent.");
      index++;
    } else if (token.startsWith("--mode=")) value = token.slice("--mode=".length);
    else rest.push(token);
  }
  if (value === undefined && env.CLERK_MODE) {
    value = env.CLERK_MODE;
    where = "CLERK_MODE";
  }
  if (value === undefined) return rest;
  const mode = value.toLowerCase();
  if (!(MODES as readonly string[]).includes(mode)) {
    throw new UsageError(`${where} must be human or agent, not "${value}".`, "Use --mode human or --mode agent.");
  }
  chosen = mode as Mode;
  return rest;
}

/** The mode asked for, if any. */
export const explicitMode = (): Mode | undefined => chosen;

/**
 * Agent mode, as the official CLI detects it: `--mode agent` or `CLERK_MODE=agent`, or (no mode
 * chosen) stdout is not a terminal. Agents are never prompted.
 */
export const agentMode = (): boolean => chosen === "agent" || (chosen === undefined && !process.stdout.isTTY);

/**
 * The output format when no `-o`/`--json` and no `output` setting is given: JSON when agent mode
 * was asked for, or for a command that prints JSON when piped (the official CLI's `apps` and
 * `users` list/create) when stdout is no terminal and no mode was chosen; tables otherwise.
 */
export const defaultOutput = (jsonWhenPiped = false): "json" | "table" =>
  chosen === "agent" || (jsonWhenPiped && chosen === undefined && !process.stdout.isTTY) ? "json" : "table";

/** Whether errors go to stderr as JSON: agents always, humans never, otherwise when stderr is no terminal. */
export const jsonErrors = (stderrIsTTY: boolean): boolean =>
  chosen === "agent" || (chosen === undefined && !stderrIsTTY);

export const HOST_WARNING =
  "Host-only Clerk state or system capabilities may be unavailable in agent mode. This may be a sandboxed run.";

/** Whether `dir`, or the nearest directory that exists above it, can be written to. */
function writable(dir: string): boolean {
  for (let current = dir; ; current = dirname(current)) {
    try {
      if (!statSync(current).isDirectory()) return false;
      accessSync(current, constants.W_OK);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") return false;
    }
    if (dirname(current) === current) return false;
  }
}

/** In agent mode (asked for), warns once (on stderr) when the config directory cannot be written: likely a sandbox. */
export function warnIfSandboxed(configDir: string): void {
  if (chosen !== "agent" || writable(configDir)) return;
  process.stderr.write(`warning: ${HOST_WARNING}\n`);
}
