import { cac } from "cac";
import { ExitCode, RuntimeError, UsageError } from "./errors";

declare const __CLERK_VERSION__: string;

function fail(error: unknown): never {
  if (error instanceof UsageError || (error instanceof Error && error.name === "CACError")) {
    process.stderr.write(`error: ${error.message}\n`);
    const hint = error instanceof UsageError ? error.hint : undefined;
    process.stderr.write(`${hint ?? "Run `clerk --help` for usage."}\n`);
    process.exit(ExitCode.usage);
  }
  if (error instanceof RuntimeError) {
    process.stderr.write(`error: ${error.message}\n${error.hint ? `${error.hint}\n` : ""}`);
    process.exit(error.exitCode);
  }
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === "EADDRINUSE") {
    process.stderr.write(
      `error: ${(error as Error).message}\nAnother process uses that port; pass --port <n> or --port 0.\n`,
    );
    process.exit(ExitCode.runtime);
  }
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(ExitCode.runtime);
}

export async function main(argv: string[]): Promise<void> {
  const cli = cac("clerk");
  cli
    .command("sandbox", "Run the local Clerk-compatible sandbox (Backend API, Platform API, OAuth)")
    .option("--port <port>", "Port on 127.0.0.1 (0 picks a free one)", { default: undefined })
    .option("--data <dir>", "Directory for the sandbox database")
    .option("--reset", "Delete the sandbox data first")
    .option("--seed <seed>", "Data for a new sandbox: demo, empty, or a number of users")
    .option("--json", "Print URLs and credentials as one JSON line")
    .example("clerk sandbox")
    .example("clerk sandbox --port 0 --json --seed empty")
    .action(async (options) => {
      const { runSandboxCommand } = await import("./commands/sandbox");
      await runSandboxCommand(options);
    });
  cli.help();
  cli.version(__CLERK_VERSION__);
  try {
    cli.parse(argv, { run: false });
    if (!cli.matchedCommand && cli.args.length > 0) {
      throw new UsageError(`unknown command "${cli.args.join(" ")}"`, "Run `clerk --help` to see the commands.");
    }
    if (!cli.matchedCommand && !cli.options.help && !cli.options.version) {
      cli.outputHelp();
      return;
    }
    await cli.runMatchedCommand();
  } catch (error) {
    fail(error);
  }
}

main(process.argv);
