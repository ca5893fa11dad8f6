import { readFileSync } from "node:fs";
import { ExitCode, RuntimeError, UsageError } from "./errors";
import type { Listed } from "./help";
import type { ManifestEntry } from "./manifest";

declare const __CLERK_VERSION__: string;

/** Turns any failure into the output contract: a message that names the fix, and an exit code. */
async function fail(error: unknown, json: boolean): Promise<never> {
  const [{ describeFailure }, { jsonErrors }] = await Promise.all([import("./failure"), import("./mode")]);
  const failure = describeFailure(error);
  if (json || jsonErrors(Boolean(process.stderr.isTTY))) {
    process.stderr.write(`${JSON.stringify({ error: failure.json })}\n`);
  } else {
    const { colorsFor } = await import("./output");
    const c = colorsFor(process.stderr);
    process.stderr.write(
      `${c.red("error:")} ${failure.message}\n${failure.details.map((d) => `  ${c.dim(d)}\n`).join("")}`,
    );
    if (failure.hint) process.stderr.write(`${failure.hint}\n`);
  }
  process.exit(failure.exitCode);
}

/**
 * Every command's id, summary and options, written by scripts/build.mjs next to this file
 * (cli/manifest.ts): enough to resolve the command words, print `--help` or a group's commands
 * and complete words, without loading every command's schemas (and zod). Missing (running from
 * source) means loading all commands.
 */
function readManifest(): ManifestEntry[] | undefined {
  try {
    return JSON.parse(readFileSync(new URL("./commands.json", import.meta.url), "utf8")) as ManifestEntry[];
  } catch {
    return undefined;
  }
}

async function loadManifest(): Promise<ManifestEntry[]> {
  const manifest = readManifest();
  if (manifest) return manifest;
  const [{ allCommands }, { commandManifest }] = await Promise.all([import("./commands/index"), import("./manifest")]);
  return commandManifest(await allCommands());
}

/** `clerk __complete <shell> -- <words…>`: what the completion scripts call on every Tab. */
async function complete(argv: string[]): Promise<void> {
  const [shell, separator, ...words] = argv;
  const [{ completionCandidates, formatCandidates }, { readAliases }] = await Promise.all([
    import("./completion/complete"),
    import("./settings/aliases"),
  ]);
  let aliases = {};
  try {
    aliases = readAliases();
  } catch {}
  const candidates = completionCandidates(await loadManifest(), aliases, separator === "--" ? words : []);
  process.stdout.write(formatCandidates(shell === "zsh" || shell === "fish" ? shell : "bash", candidates));
}

/**
 * The command words, with a leading alias expanded (`clerk ul --json` → `clerk users list
 * --limit 5 --json`). Aliases are read only when the words name no command: commands win,
 * and running a command costs no extra file read.
 */
async function resolveWithAliases(commands: readonly Listed[], argv: string[]) {
  const { resolveCommand } = await import("./tree");
  try {
    return { argv, found: resolveCommand(commands, argv) };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const { expandAlias, readAliases } = await import("./settings/aliases");
    const expanded = expandAlias(argv, readAliases());
    if (!expanded) throw error;
    return { argv: expanded, found: resolveCommand(commands, expanded) };
  }
}

/**
 * Whether the command line asks for JSON, read before parsing (errors in parsing must honour
 * it too): `--json`, `-o json`, `-ojson`, `--output json`, `--output=json`.
 */
function asksForJson(argv: string[]): boolean {
  return argv.some(
    (token, index) =>
      token === "--json" ||
      /^(-o|--output=)json$/.test(token) ||
      ((token === "-o" || token === "--output") && argv[index + 1] === "json"),
  );
}

export async function main(argv: string[]): Promise<void> {
  // `--version` needs nothing else loaded: keep it at the cost of a bare `node`.
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-v")) {
    process.stdout.write(`${__CLERK_VERSION__}\n`);
    return;
  }
  if (argv[0] === "__complete") return complete(argv.slice(1));
  if (argv[0] === "__update-check") return (await import("./update/notice")).refreshUpdateCheck();
  let wantsJson = asksForJson(argv);
  try {
    const [{ agentMode, takeMode, warnIfSandboxed }, { hoistGlobals }] = await Promise.all([
      import("./mode"),
      import("./argv"),
    ]);
    const tokens = takeMode(argv);
    if (agentMode()) warnIfSandboxed((await import("./settings/paths")).configDir());
    const commands: Listed[] = readManifest() ?? (await (await import("./commands/index")).allCommands());
    // Global flags may come before the command words (`clerk -p work users list`).
    const { globals: leading, rest } = hoistGlobals(tokens);
    const resolved = await resolveWithAliases(commands, rest);
    wantsJson = asksForJson(argv) || asksForJson(resolved.argv);
    const { found } = resolved;
    const help = await import("./help");
    if (found.kind === "root") {
      if (found.rest.length && !["--help", "-h"].includes(found.rest[0] as string)) {
        throw new UsageError(`unknown option ${found.rest[0]}`, "Run `clerk --help` for usage.");
      }
      process.stdout.write(help.wrapHelp(await help.renderHelp(commands)));
      return;
    }
    if (found.kind === "group") {
      const text = help.renderGroupHelp(found.words, found.children);
      if (found.rest.some((t) => t === "--help" || t === "-h")) {
        process.stdout.write(`${help.wrapHelp(text)}\n`);
        return;
      }
      throw new UsageError(`"clerk ${found.words.join(" ")}" needs a command`, text);
    }
    const { id } = found.spec;
    const table = await import("./commands/index");
    (await import("./commands/listing")).provideCommandList(table.allCommands);
    const spec = await table.loadCommand(id);
    if (!spec)
      throw new RuntimeError(`clerk ${id.split(".").join(" ")} is missing from this build.`, "Rebuild the CLI.");
    const { parseCommandLine } = await import("./parse");
    const parsed = await parseCommandLine(spec, [...leading, ...found.rest]);
    if (parsed.help) {
      process.stdout.write(help.wrapHelp(await help.renderHelp(commands, spec)));
      return;
    }
    // The Go CLI's profiles, imported the first time (when we have no config file yet).
    const imported = await (await import("./settings/go-profiles")).importGoProfiles();
    if (imported) process.stderr.write(`${imported}\n`);
    await spec.run(parsed.input as Record<string, unknown>, parsed.globals);
    // `clerk update` says it itself.
    if (id !== "update") (await import("./update/notice")).notifyUpdate(parsed.globals);
  } catch (error) {
    await fail(error, wantsJson);
  }
}

export { ExitCode, RuntimeError, UsageError };

main(process.argv.slice(2));
