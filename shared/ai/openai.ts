import OpenAI from "openai";
import type { ChatCompletionMessageParam, ChatCompletionTool } from "openai/resources/chat/completions";
import { argumentsObject, type ChatModel, MODEL_TIMEOUT_MS, modelError } from "./model";
import type { ChatMessage, ModelConfig } from "./types";

function toOpenAi(message: ChatMessage): ChatCompletionMessageParam {
  if (message.role === "user") return { role: "user", content: message.content };
  if (message.role === "tool") return { role: "tool", tool_call_id: message.toolCallId, content: message.content };
  return {
    role: "assistant",
    content: message.content,
    ...(message.toolCalls?.length
      ? {
          tool_calls: message.toolCalls.map((call) => ({
            id: call.id,
            type: "function" as const,
            function: { name: call.name, arguments: JSON.stringify(call.arguments) },
          })),
        }
      : {}),
  };
}

/**
 * Chat completions with function tools, through the official SDK. Any OpenAI-compatible server
 * works through `baseUrl` (Ollama: http://127.0.0.1:11434/v1, which ignores the key).
 */
export function openAiModel(config: ModelConfig): ChatModel {
  const client = new OpenAI({
    apiKey: config.apiKey ?? "unused",
    ...(config.baseUrl ? { baseURL: config.baseUrl } : {}),
    timeout: MODEL_TIMEOUT_MS,
    maxRetries: 1,
  });
  return {
    async complete({ system, messages, tools, signal }) {
      const functions: ChatCompletionTool[] = tools.map((tool) => ({
        type: "function",
        function: { name: tool.name, description: tool.description, parameters: tool.inputSchema },
      }));
      try {
        const response = await client.chat.completions.create(
          {
            model: config.model,
            messages: [{ role: "system", content: system }, ...messages.map(toOpenAi)],
            ...(functions.length ? { tools: functions } : {}),
          },
          signal ? { signal } : {},
        );
        const message = response.choices[0]?.message;
        return {
          text: message?.content ?? "",
          toolCalls: (message?.tool_calls ?? []).flatMap((call) =>
            call.type === "function"
              ? [{ id: call.id, name: call.function.name, arguments: argumentsObject(call.function.arguments) }]
              : [],
          ),
        };
      } catch (error) {
        throw modelError(config, error);
      }
    },
  };
}
