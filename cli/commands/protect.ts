import { z } from "zod";
import { withShortFlag } from "../../shared/actions/fields";
import {
  protectRulesAdd,
  protectRulesEdit,
  protectRulesGenerate,
  protectRulesReorder,
} from "../../shared/actions/protect/actions";
import { actionCommand } from "../action-command";
import { type CommandSpec, defineCommand } from "../command";
import { UsageError } from "../errors";

// The terminal parts (editor, interactive reorder, AI) load on use, so listing commands stays cheap.
const rules = () => import("../protect/rules");
const ai = () => import("../protect/generate");

const mcpConfig = z
  .string()
  .min(1)
  .optional()
  .describe("MCP servers file (default: the ai.mcp.config setting, else mcp.json in the config dir)");

/** The add command takes the expression, or a description to write it from (`--generate`). */
const addInput = protectRulesAdd.input.extend({
  expression: protectRulesAdd.input.shape.expression
    .optional()
    .describe(protectRulesAdd.input.shape.expression.description ?? ""),
  action: protectRulesAdd.input.shape.action
    .optional()
    .describe("What a match does: ALLOW, BLOCK, CHALLENGE (with --generate: the model's choice)"),
  generate: withShortFlag(
    "g",
    z
      .string()
      .trim()
      .min(3)
      .optional()
      .describe("Describe the rule in words: the configured AI model writes the expression, you confirm it"),
  ),
  mcp_config: mcpConfig,
});

/**
 * Catalog actions the CLI drives with more than flags: `edit` opens $EDITOR, `reorder` is
 * interactive on a terminal, `add --generate` and `generate` talk to an AI model with MCP tools.
 * Each still runs its catalog action (same input, same run()).
 */
export const protectCommands = [
  defineCommand({
    ...actionCommand(protectRulesAdd),
    input: addInput,
    examples: [
      ...protectRulesAdd.examples,
      'clerk protect rules add SIGN_IN -g "challenge sign-ins from Cloudflare\'s network" --debug',
    ],
    async run({ generate, mcp_config, ...input }, globals) {
      if (generate === undefined) return (await rules()).addRule(input, globals);
      if (input.expression !== undefined) throw new UsageError("Give --expression or --generate, not both.");
      return (await ai()).addGenerated({ ...input, generate, mcp_config }, globals);
    },
  }),
  defineCommand({
    ...actionCommand(protectRulesGenerate),
    input: protectRulesGenerate.input.extend({ mcp_config: mcpConfig }),
    examples: [...protectRulesGenerate.examples, 'clerk protect rules generate SIGN_UP "…" --mcp-config ./mcp.json'],
    run: async (input, globals) => (await ai()).generateCommand(input, globals),
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
