/** A language model and the tools it may call, as actions see them (the CLI and the panel provide them). */

export type ProviderName = "openai" | "anthropic";

/** Which model to ask and how to reach it. */
export interface ModelConfig {
  provider: ProviderName;
  model: string;
  apiKey?: string;
  /** OpenAI-compatible or Anthropic-compatible base URL (a local model, a gateway). */
  baseUrl?: string;
}

/** An MCP server started over stdio: `{command, args, env}` as in `mcp.json`. */
export interface McpServerConfig {
  command: string;
  args?: string[];
  env?: Record<string, string>;
  /** Where it runs (the directory of the file that names it). */
  cwd?: string;
}

/** A tool the model may call. Names are unique across servers: `<server>__<tool>`. */
export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema of the arguments. */
  inputSchema: Record<string, unknown>;
}

export interface ToolCall {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
}

/** A provider-neutral conversation; each provider maps it to its own wire format. */
export type ChatMessage =
  | { role: "user"; content: string }
  | { role: "assistant"; content: string; toolCalls?: ToolCall[] }
  | { role: "tool"; toolCallId: string; name: string; content: string; isError?: boolean };

/** What the model was sent (for `--debug` and the logs: the request the model got). */
export interface ModelRequest {
  provider: ProviderName;
  model: string;
  system: string;
  messages: ChatMessage[];
  tools: string[];
}

/** One step of a generation, reported as it happens. */
export type AiEvent =
  | { kind: "model_request"; request: ModelRequest }
  | { kind: "model_reply"; text: string; toolCalls: ToolCall[] }
  | { kind: "tool_call"; server: string; tool: string; arguments: Record<string, unknown> }
  | { kind: "tool_result"; server: string; tool: string; result: string; isError: boolean }
  | { kind: "invalid_answer"; attempt: number; expression: string; problem: string }
  | { kind: "warning"; message: string };

/**
 * Access to the configured model and MCP tool servers. Settings are read only when a
 * generation asks for them, so building a context costs nothing for other actions.
 */
export interface AiAccess {
  /** The model to use; throws an ActionError naming the settings when none is configured. */
  model(): Promise<ModelConfig>;
  /** The MCP servers to offer tools from, by name (none when nothing is configured). */
  mcpServers(): Promise<Record<string, McpServerConfig>>;
  /** Hears every step (model requests, tool calls and results, retries, warnings). */
  onEvent?(event: AiEvent): void;
  /** Secrets read so far (API keys), which the panel must never send to the browser. */
  secrets?(): string[];
  /** Whether a model is configured, checked from the settings alone (no `!command` runs, no key leaves). */
  status?(): Promise<AiStatus>;
}

/** What the panel learns before offering "Write the rule" (`GET /api/ai`): never a key. */
export type AiStatus =
  | { available: true; provider: ModelConfig["provider"]; model: string }
  | { available: false; message: string; hint?: string };
