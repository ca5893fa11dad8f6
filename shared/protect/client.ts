import { ActionError, ActionInputError } from "../actions/errors";
import { type ProtectRule, protectRulePage, protectSchemaResponse } from "../actions/protect/schemas";
import { apiPath } from "../actions/view";
import type { ClerkTransport } from "../clerk/transport";
import { BUILTIN_PROTECT_SCHEMA } from "./builtin-schema";
import { type ProtectSchema, type Ruleset, rulesetFields } from "./schema";

/** Calls of the Protect rules API that several actions share. */

export const rulesPath = (ruleset: string, ruleId?: string) =>
  ruleId === undefined
    ? apiPath("protect", "rulesets", ruleset, "rules")
    : apiPath("protect", "rulesets", ruleset, "rules", ruleId);

export interface RulePage {
  rules: ProtectRule[];
  nextPageToken: string | null;
  /** The ruleset's version, for a reorder guarded by `If-Match`. */
  etag: string | null;
}

export async function fetchRulePage(
  backend: ClerkTransport,
  ruleset: string,
  page: { limit?: number | undefined; after?: string | undefined } = {},
): Promise<RulePage> {
  const response = await backend.request(
    { method: "GET", path: rulesPath(ruleset), query: { limit: page.limit, after: page.after } },
    protectRulePage,
  );
  return {
    rules: response.body.rules,
    nextPageToken: response.body.nextPageToken ?? null,
    etag: response.headers.get("etag"),
  };
}

/** Every rule of a ruleset, page by page. */
export async function* streamRules(backend: ClerkTransport, ruleset: string): AsyncGenerator<ProtectRule> {
  let after: string | undefined;
  do {
    const page = await fetchRulePage(backend, ruleset, { limit: 500, after });
    yield* page.rules;
    after = page.nextPageToken ?? undefined;
  } while (after);
}

/**
 * The whole ruleset with its ETag. A ruleset longer than a page is read again if it changed
 * between pages, so the rules and the ETag always describe the same version.
 */
export async function fetchAllRules(backend: ClerkTransport, ruleset: string): Promise<RulePage> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const first = await fetchRulePage(backend, ruleset, { limit: 500 });
    const rules = [...first.rules];
    let next = first.nextPageToken;
    let consistent = true;
    while (next && consistent) {
      const page = await fetchRulePage(backend, ruleset, { limit: 500, after: next });
      consistent = page.etag === first.etag;
      rules.push(...page.rules);
      next = page.nextPageToken;
    }
    if (consistent) return { rules, nextPageToken: null, etag: first.etag };
  }
  throw new ActionError(`The ${ruleset} ruleset kept changing while it was read.`, "Try again in a moment.");
}

export async function findRule(backend: ClerkTransport, ruleset: string, ruleId: string): Promise<ProtectRule> {
  for await (const rule of streamRules(backend, ruleset)) if (rule.id === ruleId) return rule;
  throw new ActionError(
    `No rule ${ruleId} in the ${ruleset} ruleset.`,
    `List the rules with \`clerk protect rules list ${ruleset}\`.`,
    "resource_not_found",
  );
}

/** The instance's Protect schema (what the server validates expressions with). */
export async function fetchSchema(backend: ClerkTransport): Promise<ProtectSchema> {
  return (await backend.request({ method: "GET", path: "/protect/schema" }, protectSchemaResponse)).body;
}

/**
 * Refuses an expression that does not check against the ruleset's fields, before any request:
 * the error carries the expression with a caret under the problem. Checks against the schema
 * this tool ships with unless given the instance's.
 */
export async function requireValidExpression(
  ruleset: Ruleset,
  expression: string,
  schema: ProtectSchema = BUILTIN_PROTECT_SCHEMA,
): Promise<void> {
  // The CEL checker loads only for commands that check an expression.
  const { checkExpression, pointAt } = await import("./expression");
  const problem = checkExpression(rulesetFields(schema, ruleset) ?? {}, expression);
  if (!problem) return;
  throw new ActionInputError(
    `Invalid expression for the ${ruleset} ruleset: ${problem.message} (line ${problem.line}, column ${problem.column}).`,
    `See the fields with \`clerk protect schema show ${ruleset}\`.`,
    "invalid_expression",
    pointAt(expression, problem),
  );
}
