import { Environment } from "@marcbachmann/cel-js";
import { type FieldMap, isObjectField, type SchemaField } from "./schema";

/** Longest expression accepted; a rule is a condition, not a program. */
export const MAX_EXPRESSION_LENGTH = 4096;

export type ProblemKind = "empty" | "too_long" | "syntax" | "unknown_field" | "type_mismatch" | "not_boolean";

/** Why an expression is refused and where: offsets into the expression, and 1-based line/column. */
export interface ExpressionProblem {
  kind: ProblemKind;
  message: string;
  start: number;
  end: number;
  line: number;
  column: number;
}

const CEL_TYPES: Record<string, string> = { STRING: "string", INTEGER: "int", FLOAT: "double", BOOLEAN: "bool" };
const SCHEMA_TYPES: Record<string, string> = Object.fromEntries(
  Object.entries(CEL_TYPES).map(([schema, cel]) => [cel, schema]),
);

type CelSchema = string | { [name: string]: CelSchema };

function celSchema(field: SchemaField): CelSchema {
  if (!isObjectField(field)) return CEL_TYPES[field.type] ?? "dyn";
  return Object.fromEntries(Object.entries(field.fields ?? {}).map(([name, child]) => [name, celSchema(child)]));
}

// Building an environment costs more than checking an expression: one per field set.
const environments = new WeakMap<FieldMap, Environment>();

function environmentFor(fields: FieldMap): Environment {
  let env = environments.get(fields);
  if (!env) {
    env = new Environment();
    for (const [name, field] of Object.entries(fields)) {
      const schema = celSchema(field);
      if (typeof schema === "string") env.registerVariable(name, schema);
      else env.registerVariable({ name, schema });
    }
    environments.set(fields, env);
  }
  return env;
}

/** CEL's type names (`int`) in the schema's words (`INTEGER`). */
const inSchemaTerms = (text: string) =>
  text.replace(/\b(string|int|double|bool)\b/g, (name) => SCHEMA_TYPES[name] ?? name);

/** The dotted field path ending at `end` (`ip.privacy.is_vnp` for the offending key). */
function pathEndingAt(expression: string, end: number): string {
  let start = end;
  while (start > 0 && /[A-Za-z0-9_.]/.test(expression[start - 1] as string)) start--;
  return expression.slice(start, end);
}

function fieldsAt(fields: FieldMap, path: string[]): FieldMap | undefined {
  let current: FieldMap | undefined = fields;
  for (const name of path) {
    const field: SchemaField | undefined = current?.[name];
    if (!field || !isObjectField(field)) return undefined;
    current = field.fields;
  }
  return current;
}

function unknownFieldMessage(fields: FieldMap, path: string): string {
  const parts = path.split(".");
  const parent = parts.slice(0, -1);
  const siblings = fieldsAt(fields, parent);
  const names = siblings ? Object.keys(siblings).join(", ") : "";
  return `unknown field ${path}${names ? ` (${parent.length ? `${parent.join(".")} has` : "fields are"} ${names})` : ""}`;
}

function position(expression: string, start: number, end: number, kind: ProblemKind, message: string) {
  const before = expression.slice(0, start);
  const line = before.split("\n").length;
  const column = start - (before.lastIndexOf("\n") + 1) + 1;
  return { kind, message, start, end: Math.max(end, start), line, column };
}

interface CelErrorLike {
  name?: string;
  code?: string;
  summary?: string;
  message?: string;
  range?: { start: number; end: number };
}

function describeCelError(fields: FieldMap, expression: string, error: CelErrorLike): ExpressionProblem {
  const range = error.range ?? { start: 0, end: expression.length };
  const summary = error.summary ?? error.message ?? "invalid expression";
  if (error.name === "ParseError") {
    return position(expression, range.start, range.end, "syntax", `syntax error: ${summary}`);
  }
  if (error.code === "no_such_key" || error.code === "unknown_variable") {
    // The caret goes under the unknown name; the message names its whole path.
    const path = pathEndingAt(expression, range.end);
    return position(expression, range.start, range.end, "unknown_field", unknownFieldMessage(fields, path));
  }
  const overload = /^no such overload: (.+)$/.exec(summary)?.[1];
  const message = overload ? `${inSchemaTerms(overload)} is not defined` : inSchemaTerms(summary);
  return position(expression, range.start, range.end, "type_mismatch", `type mismatch: ${message}`);
}

/**
 * Checks a rule expression against the fields of its ruleset: it must parse as CEL, name only
 * fields the schema has, use them with their types, and be BOOLEAN. Returns the first problem
 * with its position, or undefined when the expression is valid.
 */
export function checkExpression(fields: FieldMap, expression: string): ExpressionProblem | undefined {
  if (expression.trim() === "") return position(expression, 0, expression.length, "empty", "the expression is empty");
  if (expression.length > MAX_EXPRESSION_LENGTH) {
    return position(
      expression,
      MAX_EXPRESSION_LENGTH,
      expression.length,
      "too_long",
      `the expression is longer than ${MAX_EXPRESSION_LENGTH} characters`,
    );
  }
  let result: ReturnType<Environment["check"]>;
  try {
    result = environmentFor(fields).check(expression);
  } catch (error) {
    // Structural limits (nesting depth, node count) throw instead of failing the check.
    return describeCelError(fields, expression, error as CelErrorLike);
  }
  if (!result.valid) return describeCelError(fields, expression, (result.error ?? {}) as CelErrorLike);
  if (result.type !== "bool") {
    const start = expression.length - expression.trimStart().length;
    const end = expression.trimEnd().length;
    return position(
      expression,
      start,
      end,
      "not_boolean",
      `the expression must be BOOLEAN (true or false), but it is ${inSchemaTerms(String(result.type))}`,
    );
  }
  return undefined;
}

/** The offending line of the expression with a caret line under the problem, for terminals. */
export function pointAt(expression: string, problem: ExpressionProblem): [string, string] {
  const lines = expression.split("\n");
  const text = lines[problem.line - 1] ?? "";
  const width = Math.max(1, Math.min(problem.end - problem.start, text.length - (problem.column - 1)));
  return [text, `${" ".repeat(Math.max(0, problem.column - 1))}${"^".repeat(width)}`];
}
