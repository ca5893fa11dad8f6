import { ActionError } from "../actions/errors";
import { chatModel } from "../ai/chat-model";
import { answer, type Conversation, type ToolCallRecord } from "../ai/converse";
import { connectToolServers } from "../ai/mcp";
import type { AiAccess, AiEvent } from "../ai/types";
import { checkExpression, type ExpressionProblem, pointAt } from "./expression";
import {
  flattenFields,
  type ProtectSchema,
  RULE_ACTIONS,
  type RuleAction,
  type Ruleset,
  rulesetFields,
} from "./schema";

/** Answers before giving up: the first, and two corrections after being told what was wrong. */
export const MAX_ATTEMPTS = 3;

export interface GeneratedRule {
  ruleset: Ruleset;
  expression: string;
  action: RuleAction;
  description: string;
  /** How many answers it took (1 when the first was valid). */
  attempts: number;
  tool_calls: ToolCallRecord[];
  provider: string;
  model: string;
  warnings: string[];
}

/** The system prompt: the language, the ruleset's fields with their types, the answer's shape. */
export function rulePrompt(schema: ProtectSchema, ruleset: Ruleset, withTools: boolean): string {
  const fields = flattenFields(rulesetFields(schema, ruleset) ?? {});
  const event =
    ruleset === "ALL"
      ? "every event (sign-ins, sign-ups, SMS and emails about to be sent), so only the fields all of them have"
      : `every ${ruleset} event (${schema.events[ruleset]?.description?.toLowerCase() ?? ruleset})`;
  return [
    "You write rules for Clerk Protect, which screens sign-ins, sign-ups, SMS and emails for abuse.",
    "A rule is a CEL (Common Expression Language) expression that must evaluate to a BOOLEAN; when it is true,",
    "the rule's action applies: ALLOW lets the attempt through, BLOCK refuses it, CHALLENGE asks for a captcha.",
    "",
    `The rule runs on ${event}. Its expression may use exactly these fields (path, type, meaning):`,
    ...fields.map((field) => `- ${field.path} (${field.type})${field.description ? `: ${field.description}` : ""}`),
    "",
    "Write STRING values in double quotes, INTEGER without a decimal point, FLOAT with one, BOOLEAN as true/false.",
    'Operators: == != < <= > >= && || ! ?: and `in` with a list (ip.geo.country_code in ["RU", "CN"]);',
    "STRING functions: startsWith(), endsWith(), contains(), matches(regex). No other fields or functions exist.",
    withTools
      ? "Use the tools to look up facts you do not know (an organisation's AS number, a WHOIS record): never guess them."
      : "Do not guess facts you do not know (such as AS numbers); say so in the description instead.",
    "",
    'Answer with one JSON object and nothing else: {"expression": "<CEL>", "action": "ALLOW|BLOCK|CHALLENGE", "description": "<what the rule does, one short sentence>"}',
  ].join("\n");
}

interface Answer {
  expression: string;
  action: RuleAction;
  description: string;
}

/** The JSON object in the model's answer (fenced in ``` or not), or what is wrong with it. */
export function parseAnswer(text: string): Answer | { problem: string } {
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  let parsed: unknown;
  try {
    parsed = start >= 0 && end > start ? JSON.parse(text.slice(start, end + 1)) : undefined;
  } catch {
    parsed = undefined;
  }
  const record = (parsed ?? {}) as Record<string, unknown>;
  if (typeof record.expression !== "string" || record.expression.trim() === "") {
    return { problem: 'the answer is not a JSON object with an "expression"' };
  }
  const action = String(record.action ?? "").toUpperCase();
  if (!(RULE_ACTIONS as readonly string[]).includes(action)) {
    return { problem: `"action" must be one of ${RULE_ACTIONS.join(", ")}` };
  }
  return {
    expression: record.expression.trim(),
    action: action as RuleAction,
    description: typeof record.description === "string" ? record.description.trim() : "",
  };
}

function feedback(expression: string | undefined, problem: ExpressionProblem | string): string {
  if (typeof problem === "string")
    return `Your answer cannot be used: ${problem}. Answer again with only the JSON object.`;
  const [line, caret] = pointAt(expression ?? "", problem);
  return [
    `That expression is invalid: ${problem.message} (line ${problem.line}, column ${problem.column}):`,
    line,
    caret,
    "Correct it and answer again with only the JSON object.",
  ].join("\n");
}

/**
 * Asks the configured model for a rule of `ruleset` matching `request`, offering the MCP
 * servers' tools. Each answer is checked against the ruleset's schema; an invalid one is sent
 * back with the problem, up to MAX_ATTEMPTS answers.
 */
export async function generateRule(
  ai: AiAccess,
  schema: ProtectSchema,
  ruleset: Ruleset,
  request: string,
  options: { useTools: boolean; signal?: AbortSignal | undefined; progress?: ((message: string) => void) | undefined },
): Promise<GeneratedRule> {
  const config = await ai.model();
  const warnings: string[] = [];
  const onEvent = (event: AiEvent) => {
    if (event.kind === "warning") warnings.push(event.message);
    ai.onEvent?.(event);
  };
  const servers = options.useTools ? await ai.mcpServers() : {};
  if (Object.keys(servers).length) options.progress?.("Starting MCP tool servers…");
  const tools = await connectToolServers(servers, (message) => onEvent({ kind: "warning", message }));
  try {
    const chat: Conversation = {
      config,
      model: await chatModel(config),
      system: rulePrompt(schema, ruleset, tools.tools.length > 0),
      messages: [{ role: "user", content: request }],
      tools,
      onEvent,
      progress: options.progress,
      signal: options.signal,
    };
    const fields = rulesetFields(schema, ruleset) ?? {};
    const calls: ToolCallRecord[] = [];
    let last: { expression?: string | undefined; problem: ExpressionProblem | string } | undefined;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const parsed = parseAnswer(await answer(chat, calls));
      if ("problem" in parsed) {
        last = { problem: parsed.problem };
      } else {
        const problem = checkExpression(fields, parsed.expression);
        if (!problem) {
          const { provider, model } = config;
          return { ruleset, ...parsed, attempts: attempt, tool_calls: calls, provider, model, warnings };
        }
        last = { expression: parsed.expression, problem };
      }
      const { problem, expression } = last;
      onEvent({
        kind: "invalid_answer",
        attempt,
        expression: expression ?? "",
        problem: typeof problem === "string" ? problem : problem.message,
      });
      if (attempt < MAX_ATTEMPTS) chat.messages.push({ role: "user", content: feedback(expression, problem) });
    }
    const problem = last?.problem;
    const where =
      last?.expression !== undefined && typeof problem === "object" ? pointAt(last.expression, problem) : [];
    throw new ActionError(
      `The model gave no valid rule in ${MAX_ATTEMPTS} answers; the last one: ${
        typeof problem === "string" ? problem : problem?.message
      }.`,
      "Describe the rule more precisely, or write the expression yourself with --expression.",
      "generation_failed",
      where,
    );
  } finally {
    await tools.close();
  }
}
