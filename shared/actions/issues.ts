import type { z } from "zod";

type Issue = z.core.$ZodIssue;

const quoted = (value: unknown) => JSON.stringify(typeof value === "string" ? value : String(value));
const plural = (count: number | bigint, word: string) => `${count} ${word}${Number(count) === 1 ? "" : "s"}`;

/** What a type check expected, in words. */
const KINDS: Record<string, string> = {
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  string: "text",
  array: "a list",
  object: "a JSON object",
  record: "a JSON object",
  date: "a date",
};

/** Bounds of a number, a text's length or a list's size, as "at least 1", "at least 8 characters". */
function bound(issue: Extract<Issue, { code: "too_small" | "too_big" }>): string {
  const small = issue.code === "too_small";
  const limit = small ? issue.minimum : issue.maximum;
  const exact = issue.inclusive === false ? (small ? "more than" : "less than") : small ? "at least" : "at most";
  if (issue.origin === "string") {
    return small && Number(limit) === 1 ? "cannot be empty" : `must be ${exact} ${plural(limit, "character")} long`;
  }
  if (issue.origin === "array" || issue.origin === "set") {
    return `takes ${exact} ${plural(limit, "value")}`;
  }
  return `must be ${exact} ${limit}`;
}

/** A message an action wrote (a refinement's, or a lower-case predicate such as `must be one of …`), not zod's. */
const ownMessage = (issue: Issue) => issue.code === "custom" || /^[a-z]/.test(issue.message);

/** The most telling issue of a union: one of our own messages, else one past the type check. */
function unionIssue(issue: Extract<Issue, { code: "invalid_union" }>): Issue | undefined {
  const all = issue.errors.flat();
  return all.find(ownMessage) ?? all.find((c) => c.code !== "invalid_type");
}

/**
 * A zod issue as a plain sentence about `subject` (`--limit`, `<user_id>`, a field's name), for
 * every command's input errors: `--limit expects a number, got "abc"`, `--limit must be at least 1`.
 * Messages the actions wrote for their fields (refinements', and lower-case predicates such as
 * `must be one of …`) are kept as written; zod's own (`Too small: expected number to be >=1`) are rewritten. `given`
 * is the value the issue is about; undefined means it was not given at all.
 */
export function issueSentence(issue: Issue, subject: string, given: unknown): string {
  const about = subject ? `${subject} ` : "";
  if (ownMessage(issue)) return subject ? `${subject}: ${issue.message}` : issue.message;
  switch (issue.code) {
    case "invalid_type": {
      const kind = KINDS[issue.expected] ?? issue.expected;
      if (given === undefined) return `${about}is required`;
      return `${about}expects ${kind}, got ${quoted(given)}`;
    }
    case "too_small":
    case "too_big":
      return `${about}${bound(issue)}`;
    case "invalid_value":
      return `${about}must be ${issue.values.length === 1 ? "" : "one of "}${issue.values.map((v) => String(v)).join(", ")}`;
    case "invalid_format":
      return issue.format === "regex"
        ? `${about}does not have the expected form`
        : `${about}must be a valid ${issue.format.replace(/_/g, " ")}`;
    case "not_multiple_of":
      return `${about}must be a multiple of ${issue.divisor}`;
    case "unrecognized_keys":
      return `${about}has unknown ${issue.keys.length === 1 ? "field" : "fields"} ${issue.keys.join(", ")}`;
    case "invalid_union": {
      const inner = unionIssue(issue);
      return inner ? issueSentence(inner, subject, given) : `${about}is not valid: ${quoted(given)}`;
    }
    default:
      return `${about}is not valid${given === undefined ? "" : `: ${quoted(given)}`}`;
  }
}

/** The value an issue's path points at in the input given (undefined when absent). */
export const valueAt = (input: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>(
    (value, key) => (value && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined),
    input,
  );

/** An issue about a field named as in JSON (`limit`, `data.0.id`), for the panel's and MCP's answers. */
export const fieldIssueSentence = (issue: Issue, input: unknown): string =>
  issueSentence(issue, issue.path.map(String).join("."), valueAt(input, issue.path));
