import { readFileSync } from "node:fs";
import type { CommandSpec } from "./command";
import { ExitCode, RuntimeError, UsageError } from "./errors";

declare const __CLERK_VERSION__: string;

/** Turns any failure into the output contract: a message that names the fix, and an exit code. */
async function fail(error: unknown, json: boolean): Promise<never> {
  const { describeFailure } = await import("./failure");
  const failure = describeFailure(error);
  if (json || !process.stderr.isTTY) {
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
 * Every command's id and summary, written by scripts/build.mjs next to this file: enough to
 * resolve the command words and print `--help` or a group's commands without loading every
 * command's schemas (and zod). Missing (running from source) means loading all commands.
 */
function readManifest(): CommandSpec[] | undefined {
  try {
    return JSON.parse(readFileSync(new URL("./commands.json", import.meta.url), "utf8")) as CommandSpec[];
  } catch {
    return undefined;
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

/** Servers that keep running (and keep calling Clerk), so fully optimised code pays off. */
const LONG_RUNNING = new Set(["ui", "sandbox"]);

export async function main(argv: string[]): Promise<void> {
  // `--version` needs nothing else loaded: keep it at the cost of a bare `node`.
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-v")) {
    process.stdout.write(`${__CLERK_VERSION__}\n`);
    return;
  }
  const wantsJson = asksForJson(argv);
  try {
    const { resolveCommand } = await import("./tree");
    const commands = readManifest() ?? (await import("./commands/index")).allCommands();
    const found = resolveCommand(commands, argv);
    const help = await import("./help");
    if (found.kind === "root") {
      if (found.rest.length && !["--help", "-h"].includes(found.rest[0] as string)) {
        throw new UsageError(`unknown option ${found.rest[0]}`, "Run `clerk --help` for usage.");
      }
      process.stdout.write(await help.renderHelp(commands));
      return;
    }
    if (found.kind === "group") {
      const text = help.renderGroupHelp(found.words, found.children);
      if (found.rest.some((t) => t === "--help" || t === "-h")) {
        process.stdout.write(`${text}\n`);
        return;
      }
      throw new UsageError(`"clerk ${found.words.join(" ")}" needs a command`, text);
    }
    const { id } = found.spec;
    const spec = (await import("./commands/index")).allCommands().find((command) => command.id === id);
    if (!spec)
      throw new RuntimeError(`clerk ${id.split(".").join(" ")} is missing from this build.`, "Rebuild the CLI.");
    const { parseCommandLine } = await import("./parse");
    const parsed = await parseCommandLine(spec, found.rest);
    if (parsed.help) {
      process.stdout.write(await help.renderHelp(commands, spec));
      return;
    }
    if (!LONG_RUNNING.has(id)) {
      // Node waits, before exiting, for V8 to finish optimising the WebAssembly HTTP parser that
      // fetch compiles on first use (~150 ms after the output is written). A command that makes a
      // few requests and exits gains nothing from that optimised code: keep the baseline tier.
      (await import("node:v8")).setFlagsFromString("--liftoff-only");
    }
    await spec.run(parsed.input as Record<string, unknown>, parsed.globals);
  } catch (error) {
    await fail(error, wantsJson);
  }
}

export { ExitCode, RuntimeError, UsageError };

main(process.argv.slice(2));
