import type { Action, ActionPlan, DetailView } from "../shared/actions/action";
import { fieldsOf } from "../shared/actions/fields";
import {
  doneLine,
  questionFor,
  recordSubject,
  type Subject,
  stakesOf,
  subjectOf,
  unaskedLine,
} from "../shared/actions/stakes";
import { genericDetail } from "../shared/actions/view";
import { ClerkNetworkError, ClerkTimeoutError } from "../shared/clerk/errors";
import { DryRunStop } from "../shared/clerk/transport";
import { clearsValues, formatChanges } from "../shared/config/diff";
import { commandLayerFields, fillFromRawBody, sendRawBody, splitCommandLayerInput } from "./action-flags";
import type { CommandSpec } from "./command";
import { confirmOrCancel } from "./confirm";
import { createActionContext } from "./context";
import { UsageError } from "./errors";
import type { GlobalOptions } from "./globals";
import { agentMode } from "./mode";
import { colorsFor, formatResult, printResult, printStream, saveResult } from "./output";
import { abortSignal } from "./shutdown";
import { startProgress } from "./spinner";

const words = (id: string) => id.split(".").join(" ");

/** A retried delete that found nothing to delete: an earlier attempt, whose answer was lost, did it. */
function noteAlreadyDeleted(output: unknown): void {
  const deleted = output as { id?: unknown; already_deleted?: unknown } | null;
  if (deleted?.already_deleted !== true) return;
  process.stderr.write(
    `${typeof deleted.id === "string" ? deleted.id : "It"} was already deleted: the first attempt did it, but its answer was lost.\n`,
  );
}

/**
 * `--open`: a browser only for a person at a terminal (as `clerk open dashboard` decides); scripts,
 * agents and piped output keep the URL as printed.
 */
async function browse(url: string, globals: GlobalOptions): Promise<void> {
  if (globals.output !== "table" || !process.stdout.isTTY) {
    process.stderr.write("Not opening a browser (no terminal): the URL is in the output.\n");
    return;
  }
  const { openBrowser } = await import("./ui/launch");
  await openBrowser(url);
}

function showPlan(plan: ActionPlan, globals: GlobalOptions): void {
  // The diff is for people; scripts asking for JSON/YAML get the changes in the output.
  if (globals.output !== "table" && !process.stderr.isTTY) return;
  const c = colorsFor(process.stderr);
  if (plan.changes.length === 0) {
    process.stderr.write("No changes.\n");
    return;
  }
  const paint = (line: string) =>
    line.startsWith("+") ? c.green(line) : line.startsWith("-") ? c.red(line) : c.yellow(line);
  process.stderr.write(
    `${plan.changes.length} change${plan.changes.length === 1 ? "" : "s"}${plan.version ? ` against config_version ${plan.version}` : ""}:\n` +
      `${formatChanges(plan.changes)
        .map((line) => `  ${paint(line)}`)
        .join("\n")}\n`,
  );
}

/**
 * A record's detail view on a terminal: the action's own, or the generic one for a `get` (`get`,
 * `get-…`) whose table is a single row.
 */
function detailOf(action: Action, output: unknown): DetailView<unknown> | undefined {
  if (action.detail) return action.detail;
  const verb = action.id.split(".").at(-1) ?? "";
  if (verb !== "get" && !verb.startsWith("get-")) return undefined;
  return !action.table || action.table.rows(output).length === 1 ? genericDetail(action.secretFields) : undefined;
}

const UNASKED =
  "Asks first on a terminal (--yes skips it); in agent mode (--mode agent, CLERK_MODE=agent, or stdout not a " +
  "terminal) and without a terminal it runs without asking, as Clerk's CLIs do.";

/** The action's description, with where it asks when that differs from other destructive commands. */
const description = (action: Action) =>
  action.confirm === "terminal" ? [action.description, UNASKED].filter(Boolean).join(" ") : action.description;

/**
 * The CLI face of a catalog action: same input schema, examples and run(). Adds what only a
 * terminal needs: confirmation, plans shown as diffs, spinners, streaming and dry runs.
 */
export function actionCommand(action: Action): CommandSpec {
  // Actions with a `dry_run` input let Clerk validate the request; others preview it locally.
  const serverDryRun = "dry_run" in action.input.shape;
  const added = commandLayerFields(action);
  const schema = action.input.extend(added);
  const help = description(action);
  return {
    id: action.id,
    summary: action.summary,
    ...(help ? { description: help } : {}),
    input: schema,
    ...(action.positionals ? { positionals: action.positionals } : {}),
    examples: action.examples,
    streams: Boolean(action.stream),
    ...(action.outputFile ? { outputFile: action.outputFile } : {}),
    ...(action.jsonWhenPiped ? { jsonWhenPiped: true } : {}),
    ...("data" in added ? { prepareInput: (raw) => fillFromRawBody(raw, fieldsOf(schema)) } : {}),
    async run(given, globals) {
      const { actionInput: input, secretKey, rawBody, open } = splitCommandLayerInput(added, given);
      if (globals.all && !action.stream) throw new UsageError(`clerk ${words(action.id)} does not take --all`);
      const stakes = stakesOf(action);
      // Said to people once a change is done: "✓ Banned Ada Lovelace (user_…)"; never to scripts.
      const human = action.mutates && globals.output === "table" && !agentMode();
      // The context first: it may ask for a secret key, which no spinner must draw over.
      const ctx = await createActionContext(globals, {
        signal: abortSignal(),
        dryRun: globals.dryRun && !serverDryRun ? (action.mutates ? "mutations" : "all") : false,
        backendOnly: action.api === "backend",
        ...(secretKey ? { secretKey } : {}),
      });
      let subject: Subject | undefined;
      if (stakes !== "none" && !globals.dryRun && (human || !globals.yes)) {
        // Whom it acts on, as people know them ("Ada Lovelace (ada@example.com)"): the question names
        // them, and off a terminal without --yes so does the refusal (exit 2).
        subject = await subjectOf(action, ctx, input);
        const unasked = action.confirm === "terminal" ? unaskedLine(action, subject) : undefined;
        const nameToType = stakes === "irreversible" ? subject.name_to_type : undefined;
        if (!(await confirmOrCancel(questionFor(action, stakes, subject), globals, unasked, nameToType))) return;
      }
      if (rawBody) sendRawBody(ctx.backend, rawBody);
      const progress = startProgress(`${action.summary.split(/[:,(]/)[0]?.trim()}…`);
      ctx.progress = (text, checklist) => progress.update(text, checklist);
      try {
        if (globals.all && action.stream) {
          progress.stop();
          const view = action.table?.item ? { row: action.table.item, columns: action.table.columns } : undefined;
          const count = await printStream(action.stream(ctx, input), globals.output, view);
          if (globals.output === "table") process.stderr.write(`${count} item${count === 1 ? "" : "s"}\n`);
          return;
        }
        let runInput = input;
        if (action.plan) {
          const plan = await action.plan(ctx, input);
          progress.stop();
          showPlan(plan, globals);
          if (clearsValues(plan.changes)) {
            if (!globals.dryRun) {
              const cleared = plan.changes.filter((c) => c.after === null || c.kind === "removed").length;
              if (!(await confirmOrCancel(`This clears ${cleared} config value(s). Continue?`, globals))) return;
            }
            // Confirmed (or only validated): Clerk refuses to clear values unless told it is meant.
            if ("destructive" in action.input.shape) runInput = { ...runInput, destructive: true };
          }
          if (plan.version && input.if_match === undefined) runInput = { ...runInput, if_match: plan.version };
        }
        const output = await action.run(ctx, runInput);
        progress.stop();
        if (globals.outputFile && action.outputFile) {
          await saveResult(output, globals.outputFile, action.outputFile);
          return;
        }
        await printResult(output, globals.output, action.table, detailOf(action, output));
        if (globals.output === "table") noteAlreadyDeleted(output);
        if (human) {
          const line = doneLine(action, subject ?? recordSubject(output));
          process.stderr.write(`${colorsFor(process.stderr).green("✓")} ${line}\n`);
        }
        const url = open ? action.browse?.(output) : undefined;
        if (url) await browse(url, globals);
        const code = action.exitCode?.(output);
        if (code) process.exitCode = code;
      } catch (error) {
        progress.stop();
        if ((error instanceof ClerkNetworkError || error instanceof ClerkTimeoutError) && error.maybeApplied) {
          error.check ??= action.howToCheck?.(input);
        }
        if (!(error instanceof DryRunStop)) throw error;
        process.stderr.write("Dry run: this request was not sent.\n");
        process.stdout.write(
          `${await formatResult(error.request, globals.output === "table" ? "yaml" : globals.output)}\n`,
        );
      }
    },
  };
}
