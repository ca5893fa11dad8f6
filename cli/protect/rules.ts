import type { z } from "zod";
import { protectRulesAdd, protectRulesEdit, protectRulesReorder } from "../../shared/actions/protect/actions";
import { fetchAllRules, findRule, requireValidExpression } from "../../shared/protect/client";
import { actionCommand } from "../action-command";
import { interactive } from "../confirm";
import { createActionContext } from "../context";
import { ExitCode, UsageError } from "../errors";
import type { GlobalOptions } from "../globals";
import { validateInput } from "../parse";
import { abortSignal } from "../shutdown";

/** A context for reading what the command works on; in a dry run, reads still go out. */
export const readContext = (globals: GlobalOptions) =>
  createActionContext(globals, { signal: abortSignal(), dryRun: globals.dryRun ? "mutations" : false });

function cancelled(message: string): void {
  process.stderr.write(`${message}\n`);
  process.exitCode = ExitCode.usage;
}

type AddInput = z.infer<typeof protectRulesAdd.input>;

/** Runs the catalog's `protect.rules.add` once the expression and action are known. */
export async function addRule(input: Partial<AddInput> & { ruleset: AddInput["ruleset"] }, globals: GlobalOptions) {
  const base = actionCommand(protectRulesAdd);
  if (input.expression === undefined) {
    throw new UsageError(
      "missing option --expression",
      'Give the rule\'s expression, or describe it in words with --generate "…".',
    );
  }
  if (input.action === undefined)
    throw new UsageError("missing option --action", "Give --action ALLOW, BLOCK or CHALLENGE.");
  await base.run(validateInput(base, protectRulesAdd.input, input), globals);
}

type EditInput = z.infer<typeof protectRulesEdit.input>;

/** `clerk protect rules edit`: flags update directly; without them the expression opens in $EDITOR. */
export async function editRule(input: EditInput, globals: GlobalOptions): Promise<void> {
  const base = actionCommand(protectRulesEdit);
  if (input.expression !== undefined || input.action !== undefined || input.description !== undefined) {
    return base.run(input, globals);
  }
  const ctx = await readContext(globals);
  const rule = await findRule(ctx.backend, input.ruleset, input.rule_id);
  const { editExpression } = await import("./editor");
  const edited = await editExpression({
    initial: rule.expression,
    header: [
      `Expression of rule ${rule.id} (${rule.action}) in the ${input.ruleset} ruleset.`,
      ...(rule.description ? [`Description: ${rule.description}`] : []),
      `Fields: \`clerk protect schema show ${input.ruleset} --flat\`.`,
    ],
    check: (expression) => requireValidExpression(input.ruleset, expression),
  });
  if (edited === undefined) return cancelled("Cancelled: the file was emptied; the rule is unchanged.");
  if (edited === rule.expression) {
    process.stderr.write("No changes.\n");
    return;
  }
  await base.run({ ...input, expression: edited }, globals);
}

type ReorderInput = z.infer<typeof protectRulesReorder.input>;

/** `clerk protect rules reorder`: `--order` as given, or chosen interactively on a terminal. */
export async function reorderRules(input: ReorderInput, globals: GlobalOptions): Promise<void> {
  const base = actionCommand(protectRulesReorder);
  if (input.order) return base.run(input, globals);
  if (!interactive()) {
    throw new UsageError(
      "missing option --order",
      "Give every rule id in the new order (--order id,id,…), or run it on a terminal to reorder interactively.",
    );
  }
  const ctx = await readContext(globals);
  const { rules, etag } = await fetchAllRules(ctx.backend, input.ruleset);
  if (rules.length < 2) {
    process.stderr.write(`Nothing to reorder: the ${input.ruleset} ruleset has ${rules.length} rule(s).\n`);
    return;
  }
  const { chooseOrder } = await import("./reorder-prompt");
  const order = await chooseOrder(input.ruleset, rules);
  if (!order) return cancelled("Cancelled: the order is unchanged.");
  if (order.every((id, index) => rules[index]?.id === id)) {
    process.stderr.write("No changes.\n");
    return;
  }
  // The ETag of the list that was shown: if someone changed it meanwhile, the reorder is refused.
  await base.run({ ...input, order, ...(etag ? { if_match: etag } : {}) }, globals);
}
