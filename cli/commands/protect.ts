import { protectRulesAdd, protectRulesEdit, protectRulesReorder } from "../../shared/actions/protect";
import { actionCommand } from "../action-command";
import { type CommandSpec, defineCommand } from "../command";

// The terminal parts (editor, interactive reorder, AI) load on use, so listing commands stays cheap.
const rules = () => import("../protect/rules");

/** The add command takes the expression, or a description to write it from (`--generate`). */
const addInput = protectRulesAdd.input.extend({
  expression: protectRulesAdd.input.shape.expression
    .optional()
    .describe(protectRulesAdd.input.shape.expression.description ?? ""),
  action: protectRulesAdd.input.shape.action.optional().describe("What a match does: ALLOW, BLOCK, CHALLENGE"),
});

/**
 * Catalog actions the CLI drives with more than flags: `edit` opens $EDITOR, `reorder` is
 * interactive on a terminal. Each still runs its catalog action (same input, same run()).
 */
export const protectCommands = [
  defineCommand({
    ...actionCommand(protectRulesAdd),
    input: addInput,
    run: async (input, globals) => (await rules()).addRule(input, globals),
  }),
  defineCommand({
    ...actionCommand(protectRulesEdit),
    input: protectRulesEdit.input,
    run: async (input, globals) => (await rules()).editRule(input, globals),
  }),
  defineCommand({
    ...actionCommand(protectRulesReorder),
    input: protectRulesReorder.input,
    run: async (input, globals) => (await rules()).reorderRules(input, globals),
  }),
] as CommandSpec[];
