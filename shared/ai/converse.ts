import type { ToolBox, ToolResult } from "./mcp";
import type { ChatModel } from "./model";
import type { AiEvent, ChatMessage, ModelConfig } from "./types";

/** Tool rounds per answer; the round after the last one offers no tools, so the model must answer. */
export const MAX_TOOL_ROUNDS = 6;

export interface ToolCallRecord {
  server: string;
  tool: string;
  arguments: Record<string, unknown>;
  result: string;
  is_error: boolean;
}

export interface Conversation {
  config: ModelConfig;
  model: ChatModel;
  system: string;
  /** Grows with every turn: the model's answers, tool results, and the caller's follow-ups. */
  messages: ChatMessage[];
  tools: ToolBox;
  onEvent(event: AiEvent): void;
  progress?: ((message: string) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Asks the model until it answers without calling tools: each tool call it makes is run on
 * its MCP server and the result handed back, for at most MAX_TOOL_ROUNDS rounds. Returns the
 * answer's text; every call made is appended to `calls`.
 */
export async function answer(chat: Conversation, calls: ToolCallRecord[]): Promise<string> {
  for (let round = 0; ; round++) {
    const tools = round < MAX_TOOL_ROUNDS ? chat.tools.tools : [];
    chat.onEvent({
      kind: "model_request",
      request: {
        provider: chat.config.provider,
        model: chat.config.model,
        system: chat.system,
        messages: structuredClone(chat.messages),
        tools: tools.map((tool) => tool.name),
      },
    });
    chat.progress?.(`Asking ${chat.config.model}…`);
    const reply = await chat.model.complete({
      system: chat.system,
      messages: chat.messages,
      tools,
      signal: chat.signal,
    });
    chat.onEvent({ kind: "model_reply", text: reply.text, toolCalls: reply.toolCalls });
    if (reply.toolCalls.length === 0 || tools.length === 0) {
      chat.messages.push({ role: "assistant", content: reply.text });
      return reply.text;
    }
    chat.messages.push({ role: "assistant", content: reply.text, toolCalls: reply.toolCalls });
    for (const call of reply.toolCalls) {
      const { server, tool } = chat.tools.owner(call.name);
      chat.onEvent({ kind: "tool_call", server, tool, arguments: call.arguments });
      chat.progress?.(`Calling ${server ? `${server}.` : ""}${tool}…`);
      const result: ToolResult = await chat.tools.call(call, chat.signal);
      chat.onEvent({ kind: "tool_result", server, tool, result: result.content, isError: result.isError });
      calls.push({
        server: result.server,
        tool: result.tool,
        arguments: call.arguments,
        result: result.content,
        is_error: result.isError,
      });
      chat.messages.push({
        role: "tool",
        toolCallId: call.id,
        name: call.name,
        content: result.content,
        ...(result.isError ? { isError: true } : {}),
      });
    }
  }
}
