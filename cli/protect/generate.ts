import { protectRulesGenerate } from "../../shared/actions/protect/actions";
import type { AiEvent, ChatMessage } from "../../shared/ai/types";
import type { GeneratedRule } from "../../shared/protect/generate";
import type { Ruleset } from "../../shared/protect/schema";
import { confirmDestructive } from "../confirm";
import { ExitCode } from "../errors";
import type { GlobalOptions } from "../globals";
import { colorsFor, printResult } from "../output";
import { startProgress } from "../spinner";
import { cliAiAccess } from "./ai-access";
import { addRule, readContext } from "./rules";

const json = (value: unknown) => JSON.stringify(value);

function describeMessage(message: ChatMessage): string {
  if (message.role === "user") return `user: ${message.content}`;
  if (message.role === "tool") return `tool result for ${message.name}: ${message.content}`;
  const calls = (message.toolCalls ?? []).map((call) => `${call.name} ${json(call.arguments)}`);
  return `assistant: ${message.content}${calls.length ? `${message.content ? " " : ""}[calls ${calls.join(", ")}]` : ""}`;
}

/**
 * Prints each step of a generation on stderr: warnings always; with --debug also what the model
 * was sent (the system prompt once, then each new message), its replies, and every tool call
 * with its result.
 */
function eventPrinter(debug: boolean): (event: AiEvent) => void {
  const c = colorsFor(process.stderr);
  // Continuation lines (a system prompt, an error with its caret) stay indented under their entry.
  const say = (line: string) => process.stderr.write(`${c.dim("[debug]")} ${line.replace(/\n/g, "\n            ")}\n`);
  let requests = 0;
  let shown = 0;
  return (event) => {
    if (event.kind === "warning") {
      process.stderr.write(`${c.yellow("warning:")} ${event.message}\n`);
      return;
    }
    if (!debug) return;
    switch (event.kind) {
      case "model_request": {
        const { request } = event;
        requests++;
        say(
          `model request ${requests} → ${request.provider} ${request.model}` +
            `, tools: ${request.tools.length ? request.tools.join(", ") : "none"}`,
        );
        if (requests === 1) say(`  system:\n${request.system}`);
        for (const message of request.messages.slice(shown)) say(`  ${describeMessage(message)}`);
        shown = request.messages.length;
        break;
      }
      case "model_reply":
        shown++;
        say(
          `model reply: ${[event.text, ...event.toolCalls.map((call) => `[calls ${call.name} ${json(call.arguments)}]`)]
            .filter(Boolean)
            .join(" ")}`,
        );
        break;
      case "tool_call":
        say(`tool call ${event.server}.${event.tool} ${json(event.arguments)}`);
        break;
      case "tool_result":
        shown++;
        say(`tool result ${event.server}.${event.tool}${event.isError ? " (error)" : ""}: ${event.result}`);
        break;
      case "invalid_answer":
        say(`answer ${event.attempt} refused: ${event.problem}${event.expression ? ` — ${event.expression}` : ""}`);
        break;
    }
  };
}

interface GenerateOptions {
  ruleset: Ruleset;
  prompt: string;
  tools: boolean;
  mcp_config?: string | undefined;
}

async function generate(input: GenerateOptions, globals: GlobalOptions): Promise<GeneratedRule> {
  const ctx = await readContext(globals);
  ctx.ai = cliAiAccess(globals, { mcpConfig: input.mcp_config, onEvent: eventPrinter(globals.debug) });
  const progress = globals.debug ? { update() {}, stop() {} } : startProgress("Writing the rule…");
  ctx.progress = (text) => progress.update(text);
  try {
    return await protectRulesGenerate.run(ctx, { ruleset: input.ruleset, prompt: input.prompt, tools: input.tools });
  } finally {
    progress.stop();
  }
}

/** The generated rule for people: what the model looked up, and the rule. */
function formatGenerated(rule: GeneratedRule, stream: NodeJS.WriteStream): string {
  const c = colorsFor(stream);
  const answers = `${rule.attempts} answer${rule.attempts === 1 ? "" : "s"}`;
  const calls = `${rule.tool_calls.length} tool call${rule.tool_calls.length === 1 ? "" : "s"}`;
  return [
    c.dim(`Written by ${rule.provider} ${rule.model} for ${rule.ruleset} (${answers}, ${calls}):`),
    ...rule.tool_calls.map((call) =>
      c.dim(
        `  tool ${call.server}.${call.tool} ${json(call.arguments)} → ${call.is_error ? "error: " : ""}${call.result}`,
      ),
    ),
    `  expression   ${c.bold(rule.expression)}`,
    `  action       ${rule.action}`,
    `  description  ${rule.description}`,
  ].join("\n");
}

/** `clerk protect rules generate`: prints the rule, saves nothing. */
export async function generateCommand(input: GenerateOptions, globals: GlobalOptions): Promise<void> {
  const rule = await generate(input, globals);
  if (globals.output === "table") process.stdout.write(`${formatGenerated(rule, process.stdout)}\n`);
  else await printResult(rule, globals.output);
}

/**
 * `clerk protect rules add --generate "…"`: writes the expression with the model, shows it and
 * asks before adding it (`--yes` skips the question; flags given override the model's choice).
 */
export async function addGenerated(
  input: Parameters<typeof addRule>[0] & { generate: string; mcp_config?: string | undefined },
  globals: GlobalOptions,
): Promise<void> {
  const { generate: prompt, mcp_config, ...rule } = input;
  const generated = await generate({ ruleset: rule.ruleset, prompt, tools: true, mcp_config }, globals);
  const chosen = {
    ...rule,
    expression: generated.expression,
    action: rule.action ?? generated.action,
    description: rule.description ?? generated.description,
  };
  process.stderr.write(`${formatGenerated({ ...generated, ...chosen }, process.stderr)}\n`);
  if (!globals.dryRun && !(await confirmDestructive(`Add this rule to ${rule.ruleset}?`, globals.yes))) {
    process.stderr.write("Cancelled: nothing was added.\n");
    process.exitCode = ExitCode.usage;
    return;
  }
  await addRule(chosen, globals);
}
