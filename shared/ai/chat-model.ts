import type { ChatModel } from "./model";
import type { ModelConfig } from "./types";

/**
 * The model client for a configuration; the provider's SDK loads only here. (Apart from model.ts,
 * whose helpers the providers import, so no import runs in a circle.)
 */
export async function chatModel(config: ModelConfig): Promise<ChatModel> {
  if (config.provider === "anthropic") return (await import("./anthropic")).anthropicModel(config);
  return (await import("./openai")).openAiModel(config);
}
