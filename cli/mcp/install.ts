import { mkdirSync, realpathSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, dirname, join, relative } from "node:path";
import { isDeepStrictEqual } from "node:util";
import type { TableView } from "../../shared/actions/action";
import { confirmDestructive, interactive } from "../confirm";
import { ExitCode, RuntimeError } from "../errors";
import { readIfExists, writeAtomically } from "../files";
import type { GlobalOptions } from "../globals";
import { colorsFor, printResult } from "../output";
import { type ClientId, type McpClient, mcpClients, type ServerCommand } from "./clients";
import { JsonEditError, removeMember, setMember, valueAt } from "./json-edit";

export interface McpTargetInput {
  client?: ClientId[] | undefined;
  all: boolean;
  name: string;
}

export interface McpInstallInput extends McpTargetInput {
  allow_writes: boolean;
}

const realpath = (path: string) => {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
};

/**
 * The command a client runs to start `clerk mcp run`: `clerk` when the `clerk` on PATH is this
 * very CLI, otherwise Node and this CLI's script by absolute path (a checkout, npx), which works
 * whatever PATH the client starts it with. The target options given here are kept; never a secret.
 */
export function serverCommand(globals: GlobalOptions, allowWrites: boolean): ServerCommand {
  const args = [
    "mcp",
    "run",
    ...(allowWrites ? ["--allow-writes"] : []),
    ...(["profile", "app", "instance"] as const).flatMap((name) => (globals[name] ? [`--${name}`, globals[name]] : [])),
  ];
  const script = realpath(process.argv[1] ?? "");
  const onPath = (process.env.PATH ?? "")
    .split(delimiter)
    .filter(Boolean)
    .some((dir) => script !== undefined && realpath(join(dir, "clerk")) === script);
  return onPath ? { command: "clerk", args } : { command: process.execPath, args: [script ?? "clerk", ...args] };
}

/** A path for people: below the home directory as `~/…`. */
const shown = (file: string) => {
  const below = relative(homedir(), file);
  return below && !below.startsWith("..") ? join("~", below) : file;
};

/** The client's config file: its text, and the entry named `name` if it has one. */
function readClient(client: McpClient, name: string): { text: string | undefined; entry: unknown } {
  const text = readIfExists(client.file);
  try {
    return { text, entry: text === undefined ? undefined : valueAt(text, [...client.serversPath, name]) };
  } catch (error) {
    if (!(error instanceof JsonEditError)) throw error;
    throw new RuntimeError(
      `${shown(client.file)} is not valid JSON (${error.message}): it was left as it is.`,
      `Fix the file (or leave ${client.name} out with --client).`,
    );
  }
}

/** The clients a command works on: those named with --client, else those found on this machine. */
function targets(input: McpTargetInput): McpClient[] {
  const clients = mcpClients();
  if (input.client?.length) return clients.filter((client) => input.client?.includes(client.id));
  return clients.filter((client) => client.detected);
}

function noClientFound(globals: GlobalOptions): void {
  const looked = mcpClients()
    .map((client) => `${client.name} (${shown(client.file)})`)
    .join(", ");
  if (globals.output === "table") {
    process.stderr.write(
      `No MCP client found on this machine (looked for ${looked}).\nName one to create its config: --client claude|cursor|vscode|windsurf.\n`,
    );
  }
}

function printDiff(patch: string): void {
  const c = colorsFor(process.stderr);
  const paint = (line: string) =>
    line.startsWith("+")
      ? c.green(line)
      : line.startsWith("-")
        ? c.red(line)
        : line.startsWith("@@")
          ? c.cyan(line)
          : line;
  process.stderr.write(patch.split("\n").map(paint).join("\n"));
}

type Status = "installed" | "updated" | "unchanged" | "removed" | "absent" | "skipped";

interface ClientOutcome {
  client: ClientId;
  name: string;
  file: string;
  status: Status;
  diff?: string;
}

interface Outcomes {
  dry_run: boolean;
  clients: ClientOutcome[];
  [key: string]: unknown;
}

const outcomeView: TableView<Outcomes> = {
  rows: (output) => output.clients.map((c) => ({ client: c.name, file: shown(c.file), status: c.status })),
  columns: [
    { key: "client", header: "CLIENT" },
    { key: "file", header: "FILE" },
    { key: "status", header: "STATUS" },
  ],
};

/**
 * Writes one client's edited config after showing the diff: on a terminal it asks first (unless
 * --yes or --all); elsewhere it writes, except that replacing a different entry of the same name
 * needs --yes, as overwriting a value does in `clerk env pull`. --dry-run writes nothing.
 */
async function apply(
  client: McpClient,
  before: string | undefined,
  after: string,
  change: { replaces: boolean; verb: string },
  input: McpTargetInput,
  globals: GlobalOptions,
): Promise<{ written: boolean; diff: string }> {
  const { createTwoFilesPatch } = await import("diff");
  const diff = createTwoFilesPatch(shown(client.file), shown(client.file), before ?? "", after, "", "", { context: 2 });
  if (globals.output === "table") printDiff(diff);
  if (globals.dryRun) return { written: false, diff };
  const question = `${change.verb} the ${input.name} server ${change.replaces ? "(replacing its different entry) " : ""}in ${shown(client.file)}?`;
  let go = true;
  if (change.replaces) go = await confirmDestructive(question, globals.yes);
  else if (!globals.yes && !input.all && interactive()) {
    const { default: confirm } = await import("@inquirer/confirm");
    go = await confirm({ message: question, default: true }, { output: process.stderr });
  }
  if (!go) return { written: false, diff };
  mkdirSync(dirname(client.file), { recursive: true });
  // A config file kept elsewhere and linked (dotfiles) is edited where it lives.
  writeAtomically(realpath(client.file) ?? client.file, after);
  return { written: true, diff };
}

/** The outcome per client; a table for people (the diffs were shown as they came), JSON with the diffs. */
async function report(outcomes: ClientOutcome[], extra: Record<string, unknown>, globals: GlobalOptions) {
  if (globals.output === "table" && globals.dryRun) process.stderr.write("Dry run: no file was written.\n");
  if (globals.output === "table" && outcomes.length === 0) return;
  const output: Outcomes = { ...extra, dry_run: globals.dryRun, clients: outcomes };
  await printResult(output, globals.output, outcomeView);
}

/** `clerk mcp install`: registers `clerk mcp run` in each target client's config file. */
export async function runInstall(input: McpInstallInput, globals: GlobalOptions): Promise<void> {
  const server = serverCommand(globals, input.allow_writes);
  const clients = targets(input);
  if (clients.length === 0) noClientFound(globals);
  const outcomes: ClientOutcome[] = [];
  for (const client of clients) {
    const { text, entry } = readClient(client, input.name);
    const wanted = client.entry(server);
    const base = { client: client.id, name: client.name, file: client.file };
    if (isDeepStrictEqual(entry, wanted)) {
      outcomes.push({ ...base, status: "unchanged" });
      continue;
    }
    const after = setMember(text ?? "", client.serversPath, input.name, wanted);
    const replaces = entry !== undefined;
    const verb = replaces ? "Update" : "Add";
    const { written, diff } = await apply(client, text, after, { replaces, verb }, input, globals);
    const status: Status = !written && !globals.dryRun ? "skipped" : replaces ? "updated" : "installed";
    outcomes.push({ ...base, status, diff });
  }
  if (outcomes.some((o) => o.status === "skipped")) process.exitCode = ExitCode.usage;
  await report(outcomes, { name: input.name, server }, globals);
  if (globals.output === "table" && outcomes.some((o) => o.status === "installed" || o.status === "updated")) {
    process.stderr.write("Restart the client (or reload its MCP servers) to use the Clerk tools.\n");
  }
}

/** `clerk mcp uninstall`: removes the entry from each target client's config file; other servers stay. */
export async function runUninstall(input: McpTargetInput, globals: GlobalOptions): Promise<void> {
  const clients = targets(input);
  if (clients.length === 0) noClientFound(globals);
  const outcomes: ClientOutcome[] = [];
  for (const client of clients) {
    const { text, entry } = readClient(client, input.name);
    const base = { client: client.id, name: client.name, file: client.file };
    if (text === undefined || entry === undefined) {
      outcomes.push({ ...base, status: "absent" });
      continue;
    }
    const after = removeMember(text, client.serversPath, input.name);
    const { written, diff } = await apply(client, text, after, { replaces: false, verb: "Remove" }, input, globals);
    outcomes.push({
      ...base,
      status: written || globals.dryRun ? "removed" : "skipped",
      diff,
    });
  }
  if (outcomes.some((o) => o.status === "skipped")) process.exitCode = ExitCode.usage;
  await report(outcomes, { name: input.name }, globals);
}

/** `clerk mcp list`: each known client, whether it is on this machine and whether it has the entry. */
export async function runList(input: { name: string }, globals: GlobalOptions): Promise<void> {
  const clients = mcpClients().map((client) => {
    let entry: unknown;
    let problem: string | undefined;
    try {
      entry = readClient(client, input.name).entry;
    } catch (error) {
      problem = (error as Error).message;
    }
    const registered = entry as Partial<ServerCommand> | undefined;
    return {
      client: client.id,
      name: client.name,
      file: client.file,
      detected: client.detected,
      installed: entry !== undefined,
      ...(registered ? { command: [registered.command, ...(registered.args ?? [])].join(" ") } : {}),
      ...(problem ? { problem } : {}),
    };
  });
  await printResult({ name: input.name, clients }, globals.output, {
    rows: (output) =>
      output.clients.map((c) => ({
        client: c.name,
        file: shown(c.file),
        status: c.problem
          ? "unreadable"
          : c.installed
            ? `installed: ${c.command}`
            : c.detected
              ? "not installed"
              : "client not found",
      })),
    columns: [
      { key: "client", header: "CLIENT" },
      { key: "file", header: "FILE" },
      { key: "status", header: "STATUS" },
    ],
  });
}
