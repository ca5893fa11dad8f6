import { useState } from "preact/hooks";
import type { ActionInput } from "../../../shared/actions/types";
import { CliCommand } from "../../components/cli-command";
import { useRunAction } from "../../components/run-action";
import { Form, Options } from "../shared/parts";
import { type ProtectRule, RULE_ACTIONS, type Ruleset, refreshRules } from "./common";
import { ExpressionField, useExpressionCheck } from "./expression-field";

export interface RuleDraft {
  expression: string;
  action: string;
  description: string;
}

export const EMPTY_DRAFT: RuleDraft = { expression: "", action: "BLOCK", description: "" };

/** Expression, action and description: the parts of a rule people write, shared by add and edit. */
function RuleFields(props: {
  idPrefix: string;
  ruleset: Ruleset;
  draft: RuleDraft;
  onChange(draft: RuleDraft): void;
  check: ReturnType<typeof useExpressionCheck>;
}) {
  const { draft, onChange } = props;
  return (
    <>
      <ExpressionField
        id={`${props.idPrefix}-expression`}
        ruleset={props.ruleset}
        value={draft.expression}
        check={props.check}
        onInput={(expression) => onChange({ ...draft, expression })}
      />
      <div class="protect-row">
        <label>
          Action
          <select
            value={draft.action}
            onChange={(event) => onChange({ ...draft, action: (event.target as HTMLSelectElement).value })}
          >
            <Options values={RULE_ACTIONS} />
          </select>
        </label>
        <label class="protect-grow">
          Description
          <input
            value={draft.description}
            maxLength={500}
            placeholder="Why the rule exists"
            onInput={(event) => onChange({ ...draft, description: (event.target as HTMLInputElement).value })}
          />
        </label>
      </div>
    </>
  );
}

/** Adds a rule to the ruleset: checked as you type; the CLI line says the same. */
export function AddRule(props: { ruleset: Ruleset; draft: RuleDraft; onChange(draft: RuleDraft): void }) {
  const { ruleset, draft } = props;
  const [placement, setPlacement] = useState<"last" | "first">("last");
  const check = useExpressionCheck(ruleset, draft.expression);
  const add = useRunAction("protect.rules.add", {
    success: (rule) => `Added the rule at position ${rule.position} of ${ruleset}`,
    onSuccess: () => {
      props.onChange(EMPTY_DRAFT);
      void refreshRules(ruleset);
    },
  });
  const input: ActionInput<"protect.rules.add"> = {
    ruleset,
    expression: draft.expression.trim(),
    action: draft.action,
    ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
    ...(placement === "first" ? { index: 0 } : {}),
  };
  const valid = check.ready && !check.problem;
  return (
    <Form
      class="card protect-form"
      aria-labelledby="protect-add-title"
      onSubmit={() => {
        if (valid) add.mutate({ input });
      }}
    >
      <h2 id="protect-add-title">Add a rule to {ruleset}</h2>
      <RuleFields idPrefix="add" ruleset={ruleset} draft={draft} onChange={props.onChange} check={check} />
      <label class="inline">
        <input
          type="checkbox"
          checked={placement === "first"}
          onChange={(event) => setPlacement((event.target as HTMLInputElement).checked ? "first" : "last")}
        />
        Put it first (rules run in order; default: last)
      </label>
      {draft.expression.trim() && <CliCommand action="protect.rules.add" input={input} />}
      <div class="protect-actions">
        <button type="submit" class="primary" disabled={!valid || add.isPending}>
          {add.isPending ? "Adding…" : "Add rule"}
        </button>
      </div>
    </Form>
  );
}

/** Edits a rule in place; only what changed is sent. */
export function EditRule(props: { ruleset: Ruleset; rule: ProtectRule; onDone(): void }) {
  const { ruleset, rule } = props;
  const [draft, setDraft] = useState<RuleDraft>({
    expression: rule.expression,
    action: rule.action,
    description: rule.description ?? "",
  });
  const check = useExpressionCheck(ruleset, draft.expression);
  const save = useRunAction("protect.rules.edit", {
    success: () => "Saved the rule",
    onSuccess: () => {
      props.onDone();
      void refreshRules(ruleset);
    },
  });
  const input: ActionInput<"protect.rules.edit"> = { ruleset, rule_id: rule.id };
  if (draft.expression.trim() !== rule.expression) input.expression = draft.expression.trim();
  if (draft.action !== rule.action) input.action = draft.action;
  if (draft.description.trim() !== (rule.description ?? "")) input.description = draft.description.trim();
  const changed = Object.keys(input).length > 2;
  const valid = check.ready && !check.problem;
  return (
    <Form
      class="protect-edit"
      aria-label={`Edit rule ${rule.id}`}
      onSubmit={() => {
        if (valid && changed) save.mutate({ input });
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.stopPropagation();
          props.onDone();
        }
      }}
    >
      <RuleFields idPrefix={`edit-${rule.id}`} ruleset={ruleset} draft={draft} onChange={setDraft} check={check} />
      {changed && <CliCommand action="protect.rules.edit" input={input} />}
      <div class="protect-actions">
        <button type="button" onClick={props.onDone}>
          Cancel
        </button>
        <button type="submit" class="primary" disabled={!valid || !changed || save.isPending}>
          {save.isPending ? "Saving…" : "Save rule"}
        </button>
      </div>
    </Form>
  );
}
