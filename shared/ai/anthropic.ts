import Anthropic from "@anthropic-ai/sdk";
import type { ContentBlockParam, MessageParam, Tool } from "@anthropic-ai/sdk/resources/messages";
import { argumentsObject, type ChatModel, MODEL_TIMEOUT_MS, modelError } from "./model";
import type { ChatMessage, ModelConfig } from "./types";

const MAX_TOKENS = 2048;

/**
 * The conversation as Anthropic's alternating user/assistant turns: tool results travel in a
 * user turn (several results of one round in the same turn).
 */
function toAnthropic(messages: readonly ChatMessage[]): MessageParam[] {
  const out: MessageParam[] = [];
  for (const message of messages) {
    if (message.role === "assistant") {
      const content: ContentBlockParam[] = [
        ...(message.content ? [{ type: "text" as const, text: message.content }] : []),
        ...(message.toolCalls ?? []).map((call) => ({
          type: "tool_use" as const,
          id: call.id,
          name: call.name,
          input: call.arguments,
        })),
      ];
      out.push({ role: "assistant", content });
      continue;
    }
    const block: ContentBlockParam =
      message.role === "user"
        ? { type: "text", text: message.content }
        : {
            type: "tool_result",
            tool_use_id: message.toolCallId,
            content: message.content,
            ...(message.isError ? { is_error: true } : {}),
          };
    const last = out.at(-1);
    if (last?.role === "user" && Array.isArray(last.content)) last.content.push(block);
    else out.push({ role: "user", content: [block] });
  }
  return out;
}

/** Anthropic's Messages API with tool use, through the official SDK. */
export function anthropicModel(config: ModelConfig): ChatModel {
  const client = new Anthropic({
    apiKey: config.apiKey ?? null,
    ...(config.baseUrl ? { baseURL: config.baseUrl } : {}),
    timeout: MODEL_TIMEOUT_MS,
    maxRetries: 1,
  });
  return {
    async complete({ system, messages, tools, signal }) {
      const offered: Tool[] = tools.map((tool) => ({
        name: tool.name,
        description: tool.description,
        input_schema: { type: "object", ...tool.inputSchema },
      }));
      try {
        const response = await client.messages.create(
          {
            model: config.model,
            max_tokens: MAX_TOKENS,
            system,
            messages: toAnthropic(messages),
            ...(offered.length ? { tools: offered } : {}),
          },
          signal ? { signal } : {},
        );
        const text = response.content.flatMap((block) => (block.type === "text" ? [block.text] : [])).join("");
        const toolCalls = response.content.flatMap((block) =>
          block.type === "tool_use"
            ? [{ id: block.id, name: block.name, arguments: argumentsObject(block.input) }]
            : [],
        );
        return { text, toolCalls };
      } catch (error) {
        throw modelError(config, error);
      }
    },
  };
}
