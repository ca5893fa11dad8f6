import type { Action } from "../../shared/actions/action";

/** What the panel says in place of the credentials it did not receive. */
export interface Withheld {
  /** The field names removed from the answer (`token`, `url`, `secret_key`…). */
  fields: string[];
  message: string;
  hint: string;
}

/** `value` without the fields named in `names`, at any depth; the names found go into `found`. */
function without(value: unknown, names: ReadonlySet<string>, found: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => without(item, names, found));
  if (!value || typeof value !== "object") return value;
  const kept: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (names.has(key) && child !== undefined && child !== null) found.add(key);
    else kept[key] = without(child, names, found);
  }
  return kept;
}

/**
 * The panel's copy of an action's answer: the fields the action declares as credentials
 * (`secretFields`: tokens, sign-in URLs, secret keys) are removed, with a note saying so. The
 * CLI prints them; the browser never receives them.
 */
export function withholdSecrets(action: Action, output: unknown): { output: unknown; withheld?: Withheld } {
  if (!action.secretFields?.length) return { output };
  const found = new Set<string>();
  const shown = without(output, new Set(action.secretFields), found);
  if (found.size === 0) return { output };
  const fields = [...found];
  const they = fields.length === 1 ? "it was" : "they were";
  return {
    output: shown,
    withheld: {
      fields,
      message: `The answer's ${fields.join(", ")} ${fields.length === 1 ? "is a credential" : "are credentials"}, so ${they} not sent to the panel.${action.mutates ? " The change was made." : ""}`,
      hint: `The panel never receives tokens or secret keys. To get ${fields.length === 1 ? "it" : "them"}, run this action's CLI line in a terminal with --json${action.mutates ? " (it makes a new one)" : ""}.`,
    },
  };
}
