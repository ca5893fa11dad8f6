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

export async function main(argv: string[]): Promise<void> {
  // `--version` needs nothing else loaded: keep it at the cost of a bare `node`.
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-v")) {
    process.stdout.write(`${__CLERK_VERSION__}\n`);
    return;
  }
  const wantsJson = argv.includes("--json") || argv.includes("-o=json") || argv.join(" ").includes("-o json");
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
    await spec.run(parsed.input as Record<string, unknown>, parsed.globals);
  } catch (error) {
    await fail(error, wantsJson);
  }
}

export { ExitCode, RuntimeError, UsageError };

main(process.argv.slice(2));
