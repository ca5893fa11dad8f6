import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { Field } from "../../../shared/actions/fields";
import type { ActionInfo } from "../../../shared/actions/types";
import type { ConfigChange } from "../../../shared/config/diff";
import { callActionTable, PanelApiError, planAction, type TableRows, type Withheld } from "../../api";
import { CliCommand } from "../../components/cli-command";
import { ServerConfirmDialog } from "../../components/confirm";
import { JsonView } from "../../components/json-view";
import { Modal } from "../../components/modal";
import { useServerConfirmation } from "../../components/run-action";
import { toast } from "../../components/toasts";
import { queryClient, useMutation } from "../../query";
import { DiffList } from "../config/diff-list";
import { FieldInput } from "./field-input";
import { changedInput, cliInput, type Draft, parseDraft, prefillDraft } from "./form-values";
import { inSentence, verbLabel } from "./panel-entries";
import { ResultRows } from "./result-rows";

export interface ActionResult {
  output: unknown;
  table?: TableRows;
  /** Credentials the server kept out of the answer: shown as a note, not an error. */
  withheld?: Withheld;
}

interface Variables {
  input: Record<string, unknown>;
  confirm?: string;
}

/** A change may show anywhere on screen (lists, records, the header's app picker); the catalog cannot change. */
const refreshAfterChange = () =>
  queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== "catalog" });

const words = (id: string) => id.split(".").join(" ");

/** Clerk's DeletedObject (`{ deleted: true }`): the record is gone, so its page is too. */
export const isDeletion = (output: unknown) =>
  Boolean(output && typeof output === "object" && (output as { deleted?: unknown }).deleted === true);

/**
 * Runs an action as every generic screen does. One with stakes first answers 428 with its
 * question (and the name to type, when irreversible); the dialog asks, then the action runs. Success of
 * a change and Clerk's errors (message, code, trace id) are toasts; changes refresh the screen.
 */
function useActionRunner(action: ActionInfo, target: string | undefined, onDone?: (result: ActionResult) => void) {
  const confirmation = useServerConfirmation<Record<string, unknown>>();
  const [result, setResult] = useState<ActionResult | null>(null);
  const mutation = useMutation<ActionResult, Variables>({
    mutationFn: ({ input, confirm }) => {
      if (!confirm) confirmation.started();
      return callActionTable(action.id, input, confirm ? { confirm } : {});
    },
    onSuccess: async (answer) => {
      confirmation.close();
      setResult(answer);
      if (action.mutates) {
        const id = (answer.output as { id?: unknown } | null)?.id;
        toast.success(
          `Done: ${words(action.id)}${target ? ` ${target}` : ""}`,
          typeof id === "string" && id !== target ? id : undefined,
        );
      }
      // First, so a page that leaves (its record was deleted) is not refetched on the way out.
      onDone?.(answer);
      if (action.mutates) await refreshAfterChange();
    },
    onError: (error, variables) => {
      if (!confirmation.asked(error, variables)) {
        confirmation.close();
        toast.error(error);
        // The change was made; only its answer (holding a secret key) was withheld.
        if (action.mutates && error instanceof PanelApiError && error.code === "secret_withheld") {
          void refreshAfterChange();
        }
      }
    },
  });
  // Failures are already shown as toasts; the rejected promise needs no other handler.
  const mutate = (variables: Variables) => void mutation.mutate(variables).catch(() => undefined);
  return {
    run: (input: Record<string, unknown>) => mutate({ input }),
    confirming: confirmation.confirming(mutate, mutation.isPending),
    confirmingInput: confirmation.input,
    result,
    pending: mutation.isPending,
  };
}

/** The changes a `plan` action would make, shown before it runs (config documents, for instance). */
function PlanDialog(props: {
  action: ActionInfo;
  changes: ConfigChange[];
  /** The command that applies exactly this plan (with its `--if-match`). */
  cli: { input: Record<string, unknown>; extra: string[] };
  busy: boolean;
  onApply(): void;
  onCancel(): void;
}) {
  return (
    <Modal
      class="generic-plan"
      title={`${verbLabel(props.action.id)}: ${props.changes.length} change${props.changes.length === 1 ? "" : "s"}`}
      onCancel={props.onCancel}
      onSubmit={props.onApply}
    >
      <DiffList changes={props.changes} beforeLabel="Now" afterLabel="After" label="Planned changes" />
      <CliCommand action={props.action.id} input={props.cli.input} extra={props.cli.extra} />
      <div class="dialog-actions">
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" class="primary" disabled={props.busy}>
          Apply
        </button>
      </div>
    </Modal>
  );
}

let formCount = 0;
const FIELDS_SHOWN = 4;

/**
 * One catalog action as a form, generated from its input fields: the equivalent `clerk …` line
 * (with a copy button) updates as the person types, bad values are caught before sending,
 * destructive actions ask for the typed confirmation, plan actions preview their changes, and
 * the result is shown as the CLI's table and JSON.
 */
export function ActionCard(props: {
  action: ActionInfo;
  /** Inputs set by the screen (the record's id), not shown as fields. */
  fixed?: Record<string, unknown>;
  /** What the action acts on, for the toast and the confirmation ("sess_2abc"). */
  target?: string;
  /** The record an update changes: its fields start from these values, and only changes are sent. */
  current?: Record<string, unknown>;
  onDone?(result: ActionResult): void;
}) {
  const { action, fixed = {} } = props;
  const [idPrefix] = useState(() => `action-${++formCount}`);
  const editable = action.fields.filter(
    (field) => !(field.name in fixed) && !(action.plan && field.name === "if_match"),
  );
  const currentKey = JSON.stringify(props.current ?? null);
  const start = useMemo(() => prefillDraft(editable, props.current), [action.id, currentKey]);
  const [draft, setDraft] = useState<Draft>(start.draft);
  // The record changed (an update was saved, or it was reloaded): the form starts from it again.
  useEffect(() => setDraft(start.draft), [start]);
  const [tried, setTried] = useState(false);
  const [plan, setPlan] = useState<{ changes: ConfigChange[]; version?: string } | null>(null);
  const [planning, setPlanning] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const runner = useActionRunner(action, props.target, props.onDone);

  const parsed = parseDraft(editable, draft);
  const prefilled = start.prefilled.size > 0;
  const changes = changedInput(parsed.input, parseDraft(editable, start.draft).input, start.prefilled);
  // An update showing the record's values with none changed has nothing to send.
  const unchanged = prefilled && Object.keys(changes).length === 0;
  const input = { ...fixed, ...changes };
  const cli = cliInput(action.fields, input);
  const invalid = Object.keys(parsed.errors);
  // A typed value is checked at once; a missing required one only once sending was tried.
  const errorOf = (name: string) => (tried || (draft[name] ?? "").trim() !== "" ? parsed.errors[name] : undefined);
  const busy = runner.pending || planning;
  // Long forms show what is required (and the first options); the rest fold away.
  const required = editable.filter((field) => field.required);
  const optional = editable.filter((field) => !field.required);
  const room = Math.max(0, FIELDS_SHOWN - required.length);
  const shown = [...required, ...optional.slice(0, room)];
  const folded = optional.slice(room);
  const fieldInput = (field: Field) => (
    <FieldInput
      key={field.name}
      field={field}
      idPrefix={idPrefix}
      value={draft[field.name] ?? ""}
      prefilled={start.prefilled.has(field.name)}
      error={errorOf(field.name)}
      onChange={(value) => setDraft({ ...draft, [field.name]: value })}
    />
  );
  const label = verbLabel(action.id);
  const buttonText = action.plan ? `Preview ${inSentence(label)}…` : action.stakes !== "none" ? `${label}…` : label;

  const submit = async () => {
    setTried(true);
    if (invalid.length) {
      form.current?.querySelector<HTMLElement>(`[name="${invalid[0]}"]`)?.focus();
      return;
    }
    if (!action.plan) return runner.run(input);
    setPlanning(true);
    try {
      const planned = await planAction(action.id, input);
      if (planned.changes.length === 0) toast.success(`Nothing to change: ${words(action.id)}`);
      else setPlan(planned);
    } catch (error) {
      toast.error(error);
    } finally {
      setPlanning(false);
    }
  };
  // Applied only if nothing changed since the plan: its version goes back as `if_match`.
  const planned =
    plan?.version && action.fields.some((field) => field.name === "if_match")
      ? { ...input, if_match: plan.version }
      : input;
  const applyPlan = () => {
    runner.run(planned);
    setPlan(null);
  };

  // The dialogs are outside the form: their own forms' submit events must not reach it.
  return (
    <section
      class={`card generic-action${action.destructive ? " generic-action-danger" : ""}`}
      aria-labelledby={`${idPrefix}-title`}
      data-testid={`action-${action.id}`}
    >
      <form
        ref={form}
        noValidate
        aria-labelledby={`${idPrefix}-title`}
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div class="generic-action-head">
          <h3 id={`${idPrefix}-title`}>{label}</h3>
          {action.destructive && <span class="badge badge-danger">irreversible</span>}
          {!action.mutates && <span class="badge badge-muted">read only</span>}
        </div>
        <p class="generic-summary">{action.summary}</p>
        {action.description && <p class="generic-hint">{action.description}</p>}
        {shown.length > 0 && <div class="generic-form-grid">{shown.map(fieldInput)}</div>}
        {folded.length > 0 && (
          <details
            class="generic-more-fields"
            open={folded.some((field) => (draft[field.name] ?? "") !== (start.draft[field.name] ?? ""))}
          >
            <summary>
              {folded.length} more option{folded.length === 1 ? "" : "s"}
            </summary>
            <div class="generic-form-grid">{folded.map(fieldInput)}</div>
          </details>
        )}
        <CliCommand action={action.id} input={cli.input} extra={cli.extra} />
        <div class="generic-submit-row">
          {unchanged && (
            <span class="muted" id={`${idPrefix}-unchanged`}>
              Showing the current values: change one to {inSentence(label)}.
            </span>
          )}
          <button
            type="submit"
            class={action.stakes !== "none" ? "danger" : action.mutates ? "primary" : ""}
            disabled={busy || unchanged}
            aria-describedby={unchanged ? `${idPrefix}-unchanged` : undefined}
            // On a record page, the button's name says which record ("Revoke… sess_2abc").
            aria-label={props.target ? `${buttonText} ${props.target}` : undefined}
          >
            {busy ? "Working…" : buttonText}
          </button>
        </div>
      </form>
      {runner.result && <ActionResultView action={action} result={runner.result} />}
      {plan && (
        <PlanDialog
          action={action}
          changes={plan.changes}
          cli={cliInput(action.fields, planned)}
          busy={runner.pending}
          onApply={applyPlan}
          onCancel={() => setPlan(null)}
        />
      )}
      {runner.confirming && runner.confirmingInput && (
        <ServerConfirmDialog confirming={runner.confirming} confirmLabel={label}>
          <p class="generic-summary">
            {action.summary}.{runner.confirming.confirmation.stakes === "irreversible" ? " This cannot be undone." : ""}
          </p>
          <ConfirmedCli action={action} input={runner.confirmingInput} />
        </ServerConfirmDialog>
      )}
    </section>
  );
}

/** The command line for exactly the input being confirmed. */
function ConfirmedCli({ action, input }: { action: ActionInfo; input: Record<string, unknown> }) {
  const cli = cliInput(action.fields, input);
  return <CliCommand action={action.id} input={cli.input} extra={cli.extra} />;
}

/** An action's answer as `clerk …` prints it: its table (with the footer), and the `--json` document. */
function ActionResultView({ action, result }: { action: ActionInfo; result: ActionResult }) {
  return (
    <section class="generic-result" aria-label={`Result of ${words(action.id)}`} data-testid="action-result">
      {result.withheld && (
        <p class="generic-withheld" role="note" data-testid="withheld-note">
          <strong>{result.withheld.message}</strong> {result.withheld.hint}
        </p>
      )}
      {result.table && action.table && (
        <ResultRows columns={action.table.columns} rows={result.table.rows} footer={result.table.footer} />
      )}
      <JsonView value={result.output} label="Result JSON (as --json)" initiallyOpen={!action.table} />
    </section>
  );
}
