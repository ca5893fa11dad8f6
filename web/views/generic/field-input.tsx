import type { Field } from "../../../shared/actions/fields";
import { isCheckbox, isSecretField } from "./form-values";
import { humanize } from "./panel-entries";

/**
 * One input of a generated form or filter bar, chosen by the field's kind: text, number,
 * yes/no (a checkbox, or "not set / yes / no" when leaving it out means something and there
 * is no current value), a
 * select for choices, one-per-line lists and JSON objects. The flag and its help text from
 * the catalog are shown with it, as `clerk … --help` shows them.
 */
export function FieldInput(props: {
  field: Field;
  value: string;
  onChange(value: string): void;
  /** Unique per form, so two forms on a page never share an input id. */
  idPrefix: string;
  error?: string | undefined;
  /** Filters are compact: the help text becomes a tooltip. */
  compact?: boolean;
  /** A search box (`query`): ↑/↓ and Enter still drive the table from it. */
  search?: boolean;
  /** The value shown is the record's current one: a yes/no is then a checkbox (no "not set"). */
  prefilled?: boolean;
  /** The input `/` focuses. */
  slashTarget?: boolean;
}) {
  const { field, value, error } = props;
  const id = `${props.idPrefix}-${field.name}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const described = [props.compact ? "" : hintId, error ? errorId : ""].filter(Boolean).join(" ") || undefined;
  const label = humanize(field.name);
  const set = (event: Event) => props.onChange((event.target as HTMLInputElement).value);
  const common = {
    id,
    name: field.name,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": described,
    title: props.compact ? field.description : undefined,
  };

  let control: preact.JSX.Element;
  if (isCheckbox(field, props.prefilled)) {
    return (
      <div class="generic-field generic-field-check">
        <label class="inline" for={id}>
          <input
            type="checkbox"
            {...common}
            checked={value === "true"}
            onChange={(event) => props.onChange(String((event.target as HTMLInputElement).checked))}
          />
          {label} <code class="generic-flag">--{field.flag}</code>
        </label>
        {!props.compact && (
          <span class="generic-hint" id={hintId}>
            {field.description}
          </span>
        )}
      </div>
    );
  }
  if (field.kind === "boolean" || field.kind === "enum") {
    const options = field.kind === "boolean" ? ["true", "false"] : (field.choices ?? []);
    control = (
      <select {...common} value={value} onChange={set}>
        {!(field.required && field.kind === "enum") && <option value="">{props.compact ? "Any" : "Not set"}</option>}
        {options.map((option) => (
          <option key={option} value={option}>
            {field.kind === "boolean" ? (option === "true" ? "Yes" : "No") : option}
          </option>
        ))}
      </select>
    );
  } else if (field.kind === "json") {
    control = (
      <textarea
        {...common}
        class="generic-json"
        rows={6}
        spellcheck={false}
        placeholder='{ "key": "value" }'
        value={value}
        onInput={set}
      />
    );
  } else {
    const type =
      field.kind === "number" ? "number" : isSecretField(field.name) ? "password" : props.search ? "search" : "text";
    control = (
      <input
        {...common}
        // preact's types tie some attributes to each input type; these inputs share them all.
        type={type as "text"}
        {...(props.slashTarget ? { "data-search": "" } : {})}
        autoComplete={isSecretField(field.name) ? "new-password" : "off"}
        spellcheck={false}
        required={field.required}
        placeholder={
          field.kind === "list"
            ? "Comma separated"
            : field.defaultValue === undefined
              ? undefined
              : String(field.defaultValue)
        }
        value={value}
        onInput={set}
      />
    );
  }
  return (
    <div class={`generic-field${field.kind === "json" ? " generic-field-wide" : ""}`}>
      <label for={id}>
        <span>
          {label}
          {field.required && <span aria-hidden="true"> *</span>} <code class="generic-flag">--{field.flag}</code>
        </span>
      </label>
      {control}
      {error && (
        <span class="generic-error" id={errorId} role="alert">
          {error}
        </span>
      )}
      {!props.compact && (
        <span class="generic-hint" id={hintId}>
          {field.description}
          {field.file && <> · Paste it as JSON here; the CLI reads it from a file (or - for stdin).</>}
        </span>
      )}
    </div>
  );
}
