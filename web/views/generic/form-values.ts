import type { Field } from "../../../shared/actions/fields";
import { parseDocument } from "../config/json-check";

/**
 * What a person typed into a generated form, field by field, as text: a number's digits, a
 * list one item per line (or comma separated), a JSON object's source, "true"/"false" for
 * yes/no ("" leaves an optional one unset). Kept as text so it round-trips through the URL.
 */
export type Draft = Record<string, string>;

export interface Parsed {
  /** The action's input: what parsed, blanks left out (the action's defaults apply). */
  input: Record<string, unknown>;
  /** Why a field cannot be sent, by field name. */
  errors: Record<string, string>;
}

/** Values the CLI line must not show (and the browser must not remember): a shell variable stands in. */
export const isSecretField = (name: string) => /(^|_)(password|secret|token)$/.test(name);

/**
 * Yes/no fields with a default, required ones, or ones showing a record's current value are
 * checkboxes; only other yes/no fields (where leaving them out means "unchanged") have a
 * "not set" state.
 */
export const isCheckbox = (field: Field, prefilled = false) =>
  field.kind === "boolean" && (prefilled || field.required || typeof field.defaultValue === "boolean");

export function initialDraft(fields: readonly Field[]): Draft {
  const draft: Draft = {};
  for (const field of fields) {
    if (isCheckbox(field)) draft[field.name] = String(field.defaultValue === true);
    else if (field.kind === "enum" && typeof field.defaultValue === "string") draft[field.name] = field.defaultValue;
    else draft[field.name] = "";
  }
  return draft;
}

/** A record's value as the text of a field, or undefined when that field cannot show it (or must not: secrets). */
export function draftValue(field: Field, value: unknown): string | undefined {
  if (value === undefined || value === null || isSecretField(field.name)) return undefined;
  switch (field.kind) {
    case "boolean":
      return typeof value === "boolean" ? String(value) : undefined;
    case "number":
      return typeof value === "number" ? String(value) : undefined;
    case "enum":
      return typeof value === "string" && (field.choices ?? [value]).includes(value) ? value : undefined;
    case "list":
      // Items are split at commas: a list whose items have one cannot round-trip.
      return Array.isArray(value) && value.every((item) => typeof item === "string" && !/[,\n]/.test(item))
        ? value.join(", ")
        : undefined;
    case "json":
      return typeof value === "object" && !Array.isArray(value) ? JSON.stringify(value, null, 2) : undefined;
    default:
      return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
  }
}

/**
 * The draft of a form that changes a record, started from the record's current values (the
 * fields that could show one are `prefilled`); other fields start as `initialDraft` has them.
 */
export function prefillDraft(
  fields: readonly Field[],
  current: Record<string, unknown> | undefined,
): { draft: Draft; prefilled: ReadonlySet<string> } {
  const draft = initialDraft(fields);
  const prefilled = new Set<string>();
  for (const field of fields) {
    const value = current ? draftValue(field, current[field.name]) : undefined;
    if (value === undefined) continue;
    draft[field.name] = value;
    prefilled.add(field.name);
  }
  return { draft, prefilled };
}

/** What to send: the input without the prefilled values left as they were (only changes go to Clerk). */
export function changedInput(
  input: Record<string, unknown>,
  baseline: Record<string, unknown>,
  prefilled: ReadonlySet<string>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(input).filter(
      ([name, value]) => !prefilled.has(name) || JSON.stringify(value) !== JSON.stringify(baseline[name]),
    ),
  );
}

export const splitList = (text: string) =>
  text
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter(Boolean);

/** A JSON object field: where the text is broken (line and column), or why it is not an object. */
function parseJsonObject(text: string): { value?: unknown; error?: string } {
  const parsed = parseDocument(text);
  if (parsed.value) return { value: parsed.value };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const { message, line, column } = parsed.problem;
    return { error: `${message} (line ${line}, column ${column}).` };
  }
  const kind = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
  return { error: `Must be a JSON object ({ … }), not ${kind}.` };
}

function parseField(field: Field, text: string): { value?: unknown; error?: string } {
  const trimmed = text.trim();
  if (trimmed === "") return field.required && !isCheckbox(field) ? { error: "Required." } : {};
  switch (field.kind) {
    case "number": {
      const value = Number(trimmed);
      return Number.isFinite(value) ? { value } : { error: "Must be a number." };
    }
    case "boolean":
      return trimmed === "true" || trimmed === "false" ? { value: trimmed === "true" } : { error: "Yes or no." };
    case "enum":
      return field.choices && !field.choices.includes(trimmed)
        ? { error: `One of: ${field.choices.join(", ")}.` }
        : { value: trimmed };
    case "list":
      return { value: splitList(text) };
    case "json":
      return parseJsonObject(text);
    default:
      return { value: isSecretField(field.name) ? text : trimmed };
  }
}

/** Turns a draft into the action's input, checking each field before anything is sent. */
export function parseDraft(fields: readonly Field[], draft: Draft): Parsed {
  const input: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const { value, error } = parseField(field, draft[field.name] ?? "");
    if (error) errors[field.name] = error;
    else if (value !== undefined) input[field.name] = value;
  }
  return { input, errors };
}

/**
 * The input for the CLI line: secret values are replaced by a shell variable (`--password
 * "$PASSWORD"`), so copying the line never copies the secret.
 */
export function cliInput(fields: readonly Field[], input: Record<string, unknown>) {
  const shown: Record<string, unknown> = { ...input };
  const extra: string[] = [];
  for (const field of fields) {
    if (isSecretField(field.name) && shown[field.name] !== undefined) {
      delete shown[field.name];
      extra.push(`--${field.flag}`, `"$${field.name.toUpperCase()}"`);
    }
  }
  return { input: shown, extra };
}
