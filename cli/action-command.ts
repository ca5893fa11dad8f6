import type { Action } from "../shared/actions/action";
import { DryRunStop } from "../shared/clerk/transport";
import type { CommandSpec } from "./command";
import { confirmDestructive } from "./confirm";
import { createActionContext } from "./context";
import { ExitCode, UsageError } from "./errors";
import { formatResult, printResult, printStream } from "./output";
import { abortSignal } from "./shutdown";
import { withSpinner } from "./spinner";

const words = (id: string) => id.split(".").join(" ");

/** The CLI face of a catalog action: same input schema, examples and run(). */
export function actionCommand(action: Action): CommandSpec {
  return {
    id: action.id,
    summary: action.summary,
    ...(action.description ? { description: action.description } : {}),
    input: action.input,
    ...(action.positionals ? { positionals: action.positionals } : {}),
    examples: action.examples,
    streams: Boolean(action.stream),
    async run(input, globals) {
      if (globals.all && !action.stream) throw new UsageError(`clerk ${words(action.id)} does not take --all`);
      if (action.destructive && !globals.dryRun) {
        const name = action.destructive(input);
        const confirmed = await confirmDestructive(
          `This will ${action.summary.charAt(0).toLowerCase()}${action.summary.slice(1)}: ${name}. It cannot be undone. Continue?`,
          globals.yes,
        );
        if (!confirmed) {
          process.stderr.write("Cancelled.\n");
          process.exitCode = ExitCode.usage;
          return;
        }
      }
      const ctx = await createActionContext(globals, {
        signal: abortSignal(),
        dryRun: globals.dryRun ? (action.mutates ? "mutations" : "all") : false,
      });
      try {
        if (globals.all && action.stream) {
          const view = action.table?.item ? { row: action.table.item, columns: action.table.columns } : undefined;
          const count = await printStream(action.stream(ctx, input), globals.output, view);
          if (globals.output === "table") process.stderr.write(`${count} items\n`);
          return;
        }
        const output = await withSpinner(`${action.summary.split(/[,(]/)[0]?.trim()}…`, () => action.run(ctx, input));
        await printResult(output, globals.output, action.table);
      } catch (error) {
        if (!(error instanceof DryRunStop)) throw error;
        process.stderr.write("Dry run: this request was not sent.\n");
        process.stdout.write(
          `${await formatResult(error.request, globals.output === "table" ? "yaml" : globals.output)}\n`,
        );
      }
    },
  };
}
