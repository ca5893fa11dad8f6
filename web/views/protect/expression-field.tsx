import { useEffect, useRef, useState } from "preact/hooks";
import { type FlatField, flattenFields, isObjectField } from "../../../shared/protect/schema";
import { type ExpressionProblem, type FieldMap, loadChecker, type Ruleset, useFields } from "./common";

export interface ExpressionCheck {
  /** The checker and the schema have loaded. */
  ready: boolean;
  problem?: ExpressionProblem;
  /** The offending line and a caret line under the problem. */
  pointer?: [string, string];
}

/** Checks the expression against the ruleset's schema as it is typed, with the same code as the CLI. */
export function useExpressionCheck(ruleset: Ruleset, expression: string): ExpressionCheck {
  const fields = useFields(ruleset).data;
  const [check, setCheck] = useState<ExpressionCheck>({ ready: false });
  useEffect(() => {
    if (!fields) return;
    let current = true;
    void loadChecker().then(({ checkExpression, pointAt }) => {
      if (!current) return;
      const problem = checkExpression(fields, expression);
      setCheck(problem ? { ready: true, problem, pointer: pointAt(expression, problem) } : { ready: true });
    });
    return () => {
      current = false;
    };
  }, [fields, expression]);
  return check;
}

function FieldTree({ fields, prefix, onPick }: { fields: FieldMap; prefix: string; onPick(path: string): void }) {
  return (
    <ul class="protect-field-tree">
      {Object.entries(fields).map(([name, field]) => {
        const path = prefix ? `${prefix}.${name}` : name;
        if (isObjectField(field)) {
          return (
            <li key={path}>
              <span class="protect-field-group" title={field.description}>
                {name} <span class="muted">{field.type}</span>
              </span>
              <FieldTree fields={field.fields ?? {}} prefix={path} onPick={onPick} />
            </li>
          );
        }
        return (
          <li key={path}>
            <FieldButton
              field={{ path, type: field.type, description: field.description ?? "" }}
              label={name}
              onPick={onPick}
            />
          </li>
        );
      })}
    </ul>
  );
}

function FieldButton({ field, label, onPick }: { field: FlatField; label: string; onPick(path: string): void }) {
  return (
    <button
      type="button"
      class="protect-field"
      title={`Insert ${field.path}`}
      data-field={field.path}
      onClick={() => onPick(field.path)}
    >
      <code>{label}</code>
      <span class="badge badge-muted">{field.type}</span>
      {field.description && <span class="muted protect-field-description">{field.description}</span>}
    </button>
  );
}

/** The fields of the ruleset as a tree (or, while searching, the matching paths); a click inserts one. */
export function FieldBrowser({ ruleset, onPick }: { ruleset: Ruleset; onPick(path: string): void }) {
  const fields = useFields(ruleset).data;
  const [filter, setFilter] = useState("");
  if (!fields) return <div class="muted">Loading the schema…</div>;
  const wanted = filter.trim().toLowerCase();
  const matches = wanted
    ? flattenFields(fields).filter((f) => `${f.path} ${f.description}`.toLowerCase().includes(wanted))
    : [];
  return (
    <div class="protect-field-browser" data-testid="field-browser">
      <input
        type="search"
        placeholder="Search fields (vpn, country, asn…)"
        aria-label="Search fields"
        value={filter}
        onInput={(event) => setFilter((event.target as HTMLInputElement).value)}
      />
      {wanted ? (
        <ul class="protect-field-tree">
          {matches.map((field) => (
            <li key={field.path}>
              <FieldButton field={field} label={field.path} onPick={onPick} />
            </li>
          ))}
          {matches.length === 0 && <li class="muted">No field matches “{filter}”.</li>}
        </ul>
      ) : (
        <FieldTree fields={fields} prefix="" onPick={onPick} />
      )}
    </div>
  );
}

/**
 * A rule's expression: a textarea checked as you type (the problem is shown with a caret
 * under it, like the CLI), and the field browser to insert paths at the cursor.
 */
export function ExpressionField(props: {
  id: string;
  ruleset: Ruleset;
  value: string;
  check: ExpressionCheck;
  onInput(value: string): void;
}) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const [browsing, setBrowsing] = useState(false);
  const { problem, pointer } = props.check;
  const showProblem = props.value.trim() !== "" && problem;
  const insert = (path: string) => {
    const area = ref.current;
    const start = area?.selectionStart ?? props.value.length;
    const end = area?.selectionEnd ?? props.value.length;
    props.onInput(props.value.slice(0, start) + path + props.value.slice(end));
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(start + path.length, start + path.length);
    });
  };
  return (
    <div class="protect-expression">
      <label for={props.id}>Expression (CEL)</label>
      <textarea
        id={props.id}
        ref={ref}
        class="protect-expression-input"
        value={props.value}
        spellcheck={false}
        autoComplete="off"
        placeholder='ip.privacy.is_vpn && ip.geo.country_code != "US"'
        aria-invalid={showProblem ? "true" : "false"}
        aria-describedby={`${props.id}-status`}
        onInput={(event) => props.onInput((event.target as HTMLTextAreaElement).value)}
      />
      <div id={`${props.id}-status`} class="protect-check" aria-live="polite" data-testid="expression-status">
        {showProblem ? (
          <div class="protect-problem" role="alert">
            <strong>
              {problem.message} (line {problem.line}, column {problem.column})
            </strong>
            {pointer && <pre class="protect-pointer">{`${pointer[0]}\n${pointer[1]}`}</pre>}
          </div>
        ) : props.value.trim() === "" ? (
          <span class="muted">Checked against the {props.ruleset} schema as you type.</span>
        ) : props.check.ready ? (
          <span class="protect-valid">✓ Valid for {props.ruleset}</span>
        ) : (
          <span class="muted">Checking…</span>
        )}
      </div>
      <button type="button" class="link-button" aria-expanded={browsing} onClick={() => setBrowsing(!browsing)}>
        {browsing ? "▾" : "▸"} Fields of {props.ruleset}
      </button>
      {browsing && <FieldBrowser ruleset={props.ruleset} onPick={insert} />}
    </div>
  );
}
