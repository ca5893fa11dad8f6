import type { z } from "zod";
import type { AiAccess } from "../ai/types";
import type { ClerkTransport } from "../clerk/transport";
import type { ConfigChange } from "../config/diff";
import type { Stakes, Subject } from "./stakes";

/** Which app and instance an action works on (from `--app`/`--instance`, the profile or the panel's picker). */
export interface Target {
  applicationId?: string;
  /** `development`, `production` or an `ins_…` id. */
  instance: string;
}

/** One step of a wait, as a checklist shows it: ✓ done, … pending, ✗ failed. */
export interface ChecklistItem {
  label: string;
  state: "done" | "pending" | "failed";
}

/** Everything an action may use. Actions never print or prompt: the CLI and the panel do that. */
export interface ActionContext {
  /** Backend API of the target instance (its secret key is injected by whoever built the context). */
  backend: ClerkTransport;
  /** Platform API (OAuth access token or platform key); absent when not configured. */
  platform?: ClerkTransport;
  target: Target;
  now(): number;
  signal?: AbortSignal;
  /**
   * Reports progress of long work (spinners, panel status); optional. `checklist`: where each
   * step of a wait stands (`deploy status --wait`), drawn as one line per step.
   */
  progress?(message: string, checklist?: readonly ChecklistItem[]): void;
  /** A language model with MCP tools, for actions that write with AI; absent when not offered. */
  ai?: AiAccess;
}

/** How a list-like output is shown as a table for people. */
export interface TableView<O> {
  rows(output: O): Record<string, unknown>[];
  /** One list item as a row, for `--all` streaming. */
  item?(item: unknown): Record<string, unknown>;
  columns: readonly { key: string; header: string }[];
  /** A footer such as "20 of 1,204 users". */
  footer?(output: O): string | undefined;
  /** A row's color on a terminal: green for something added, red for removed, yellow for changed. */
  color?(row: Record<string, unknown>): "green" | "red" | "yellow" | undefined;
}

/** A titled group of label/value lines in a record's detail view; empty values are left out. */
export interface DetailSection {
  title: string;
  fields: readonly (readonly [label: string, value: unknown])[];
}

/**
 * How one record is shown for people on a terminal (`clerk users get`): a title line, then
 * sections of label/value lines; objects (metadata) as indented JSON. Without one, a `get`
 * whose table is a single row shows every field as `key: value` lines (view.ts's genericDetail).
 */
export interface DetailView<O> {
  title(output: O): string;
  sections(output: O): DetailSection[];
}

/** What an action would change, shown before it runs (the CLI prints it, the panel renders a diff). */
export interface ActionPlan {
  changes: ConfigChange[];
  /** The version the changes were computed against; passed back to run() as `if_match`. */
  version?: string;
}

// biome-ignore lint/suspicious/noExplicitAny: the catalog holds actions of every input shape
export type AnyInput = z.ZodObject<any>;

/**
 * One action, defined once: the CLI command, its flags and help, the panel's `/api/<id>` route
 * and its validation are all derived from this declaration.
 */
export interface Action<I extends AnyInput = AnyInput, O = unknown, Id extends string = string> {
  /** Dotted id, e.g. `users.list`; the CLI command is its words: `clerk users list`. */
  id: Id;
  summary: string;
  description?: string;
  /** Input schema; each field's `.describe()` is its flag help. */
  input: I;
  /** Input fields taken as positional arguments, in order (`clerk users get <user_id>`). */
  positionals?: readonly string[];
  /** Command lines shown in `--help`; every action has at least one. */
  examples: readonly string[];
  /** Which API the action calls. */
  api: "backend" | "platform";
  /** Changes state (POST in the panel; shown with its CLI equivalent). */
  mutates: boolean;
  /**
   * Irreversible (the stakes unless `stakes` says otherwise), with the resource named from the
   * input (its id), for when `subject` has no lookup.
   */
  destructive?: (input: z.infer<I>) => string;
  /**
   * How much confirmation it needs (shared/actions/stakes.ts): `irreversible` (the panel asks to
   * type the name, the CLI asks and says it cannot be undone), `disruptive` (a plain yes/no naming
   * whom it acts on) or `none`. Absent: `irreversible` with `destructive`, else what the id's
   * words say (`delete` irreversible; `remove`, `revoke`, `ban`, `lock` disruptive), else none.
   * Off a terminal the CLI refuses the first two without `--yes`.
   */
  stakes?: Stakes;
  /**
   * Whom it acts on, as people recognise them (a `GET`, never a change): named in the question and
   * the line said when it is done; `name_to_type` is what the panel asks to type. Absent: the
   * `destructive` name or the positional arguments.
   */
  subject?(ctx: ActionContext, input: z.infer<I>): Promise<Subject | undefined>;
  /**
   * Where the CLI asks before a staked action. Absent: on a terminal, and when not
   * interactive it refuses without `--yes`. `"terminal"`: only on an interactive terminal in
   * human mode; elsewhere (agent mode, no TTY) it proceeds without `--yes` and says on stderr what
   * it does. For commands Clerk's Go CLI runs without confirmation (its reference documents no
   * `-f` for them, e.g. `clerk sessions revoke sess_123`) or the official CLI runs unasked
   * (`clerk imp revoke`), so their documented lines run unchanged. The panel always asks.
   */
  confirm?: "terminal";
  output: z.ZodType<O>;
  run(ctx: ActionContext, input: z.infer<I>): Promise<O>;
  /**
   * For a change that is not safe to send twice (a create): a `clerk …` command that shows
   * whether it was made, suggested when the connection dropped after the request was sent.
   */
  howToCheck?: (input: z.infer<I>) => string;
  /**
   * Computes the changes before running, for actions that edit a document (config). The CLI
   * shows them and then runs with `if_match` set to `plan.version`, so a document changed by
   * someone else in between is refused rather than overwritten.
   */
  plan?(ctx: ActionContext, input: z.infer<I>): Promise<ActionPlan>;
  /**
   * What the CLI's `--output <file>` writes, e.g. "the config" (the official CLI's `config pull
   * --output config.json`): an `-o/--output` value that is not an output format names a file the
   * result is written to instead of stdout.
   */
  outputFile?: string;
  /**
   * Prints JSON by default when stdout is piped (no `-o`, no `output` setting), as the official
   * CLI does for `apps list/create` and `users list/create`, so `clerk users list | jq .data`
   * works unchanged. Other commands print tables unless agent mode is asked for.
   */
  jsonWhenPiped?: boolean;
  /** Streams every item of a list (`--all`), one page in memory at a time. */
  stream?(ctx: ActionContext, input: z.infer<I>): AsyncIterable<unknown>;
  table?: TableView<O>;
  /** The record's detail view on a terminal (see DetailView); `get` actions without one get the generic one. */
  detail?: DetailView<O>;
  /**
   * Output fields that are credentials (tokens, sign-in URLs, secret keys), at any depth. The CLI
   * prints them; the panel never receives them: it shows the rest of the answer with a note.
   */
  secretFields?: readonly string[];
  /**
   * A page of the answer to open in the browser (a sign-in URL). The CLI adds `--open`, which
   * opens it on a terminal and otherwise leaves it printed in the output.
   */
  browse?(output: O): string | undefined;
  /** The CLI's exit code for a result it printed (`deploy status` not ready: 1); 0 when absent. */
  exitCode?(output: O): number;
}

/** Keeps the id's literal type (`"users.list"`), from which the browser's typed contract is derived (types.ts). */
export function defineAction<I extends AnyInput, O, Id extends string>(action: Action<I, O, Id>): Action<I, O, Id> {
  return action;
}
