import type { ProtectRule } from "../../../shared/actions/protect/schemas";
import type { ActionOutput } from "../../../shared/actions/types";
import type { ExpressionProblem } from "../../../shared/protect/expression";
import { type FieldMap, RULE_ACTIONS, RULESETS, type Ruleset } from "../../../shared/protect/schema";
import { callAction } from "../../api";
import { queryClient, useQuery } from "../../query";
import "./protect.css";

export type { ExpressionProblem, FieldMap, ProtectRule, Ruleset };
export { RULE_ACTIONS, RULESETS };

/** A ruleset's rules, as `protect rules list` answers. */
export type RuleList = ActionOutput<"protect.rules.list">;

export const RULESET_LABELS: Record<Ruleset, string> = {
  ALL: "All events",
  SIGN_IN: "Sign-in",
  SIGN_UP: "Sign-up",
  SMS: "SMS",
  EMAIL: "Email",
};

export const rulesKey = (ruleset: Ruleset) => ["protect", "rules", ruleset];

/** The ruleset's rules in order, with the ETag a reorder must send back. */
export function useRules(ruleset: Ruleset) {
  return useQuery({
    queryKey: rulesKey(ruleset),
    queryFn: ({ signal }) => callAction("protect.rules.list", { ruleset, limit: 500 }, { signal }),
  });
}

export const refreshRules = (ruleset: Ruleset) => queryClient.invalidateQueries({ queryKey: rulesKey(ruleset) });

/** The fields the ruleset's expressions may use, from the instance's schema. */
export function useFields(ruleset: Ruleset) {
  return useQuery({
    queryKey: ["protect", "schema", ruleset],
    queryFn: async ({ signal }): Promise<FieldMap> => {
      const { fields } = await callAction("protect.schema.show", { event: ruleset }, { signal });
      // Only `--flat` answers a list of paths; the panel asks for the tree.
      if (Array.isArray(fields)) throw new Error("protect schema show answered a flat list, not the tree.");
      return fields;
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

type Checker = typeof import("../../../shared/protect/expression");
let checker: Promise<Checker> | undefined;
/** The CEL checker loads with the first expression typed, not with the panel. */
export const loadChecker = () => {
  checker ??= import("../../../shared/protect/expression");
  return checker;
};

export function actionBadgeClass(action: string): string {
  return action === "BLOCK"
    ? "badge badge-danger"
    : action === "CHALLENGE"
      ? "badge protect-badge-challenge"
      : "badge badge-success";
}
