import { ActionError } from "../actions/errors";
import type { ChatMessage, ModelConfig, ToolCall, ToolSpec } from "./types";

export interface ModelReply {
  text: string;
  toolCalls: ToolCall[];
}

/** One request/answer with a chat model; each provider maps the conversation to its API. */
export interface ChatModel {
  complete(request: {
    system: string;
    messages: readonly ChatMessage[];
    tools: readonly ToolSpec[];
    signal?: AbortSignal | undefined;
  }): Promise<ModelReply>;
}

/** Long enough for a local model on a laptop; short enough to notice a dead server. */
export const MODEL_TIMEOUT_MS = 120_000;

/** Tool arguments arrive as JSON text (OpenAI) or objects (Anthropic); a model may also send garbage. */
export function argumentsObject(raw: unknown): Record<string, unknown> {
  if (raw && typeof raw === "object" && !Array.isArray(raw)) return raw as Record<string, unknown>;
  if (typeof raw === "string" && raw.trim() !== "") {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {}
  }
  return {};
}

/** The SDKs' errors in words that name the setting to fix (never the key itself). */
export function modelError(config: ModelConfig, error: unknown): Error {
  const where = `${config.provider} model ${config.model}${config.baseUrl ? ` at ${config.baseUrl}` : ""}`;
  const status = (error as { status?: unknown }).status;
  const name = (error as Error).name ?? "";
  if ((error as Error).name === "AbortError" || name.includes("UserAbort")) return error as Error;
  const setting = `ai.${config.provider}`;
  if (typeof status === "number") {
    const hint =
      status === 401 || status === 403
        ? `Check ${setting}.key (or ${config.provider === "openai" ? "OPENAI_API_KEY" : "ANTHROPIC_API_KEY"}).`
        : status === 404
          ? `Check ${setting}.model${config.baseUrl ? ` and ${setting}.url` : ""}.`
          : "Try again later.";
    return new ActionError(`The ${where} answered ${status}: ${(error as Error).message}`, hint, "model_failed");
  }
  if (name.includes("Connection")) {
    return new ActionError(
      `Cannot reach the ${where}: ${(error as Error).message}`,
      `Check ${setting}.url and that the server runs.`,
      "model_unreachable",
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}
