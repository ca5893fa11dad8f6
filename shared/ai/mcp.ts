import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { getDefaultEnvironment, StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { McpServerConfig, ToolCall, ToolSpec } from "./types";

declare const __CLERK_VERSION__: string;

/** A server that has not answered `initialize` and `tools/list` by then is skipped. */
const START_TIMEOUT_MS = 15_000;
const CALL_TIMEOUT_MS = 30_000;
/** What a tool may put in the model's context; longer results are cut. */
const MAX_RESULT_CHARS = 8_000;

export interface ToolResult {
  server: string;
  tool: string;
  content: string;
  isError: boolean;
}

/** The tools of every MCP server that started, under names unique across servers. */
export interface ToolBox {
  tools: ToolSpec[];
  /** Which server and tool a unique name stands for. */
  owner(name: string): { server: string; tool: string };
  call(call: ToolCall, signal?: AbortSignal): Promise<ToolResult>;
  close(): Promise<void>;
}

interface Entry {
  client: Client;
  server: string;
  tool: string;
}

/** Function names the providers accept: `[A-Za-z0-9_-]{1,64}`. */
const toolName = (server: string, tool: string) => `${server}__${tool}`.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 64);

function timeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function resultText(result: Awaited<ReturnType<Client["callTool"]>>): string {
  const parts = (Array.isArray(result.content) ? result.content : []).map((item: { type: string; text?: string }) =>
    item.type === "text" ? (item.text ?? "") : JSON.stringify(item),
  );
  if (parts.length === 0 && result.structuredContent !== undefined)
    parts.push(JSON.stringify(result.structuredContent));
  const text = parts.join("\n");
  return text.length > MAX_RESULT_CHARS ? `${text.slice(0, MAX_RESULT_CHARS)}… (cut)` : text;
}

async function start(config: McpServerConfig): Promise<{ client: Client; tools: ToolSpec[] }> {
  const transport = new StdioClientTransport({
    command: config.command,
    args: config.args ?? [],
    // The SDK's safe defaults (PATH, HOME, …) plus what the config gives; never our secrets.
    env: { ...getDefaultEnvironment(), ...config.env },
    ...(config.cwd ? { cwd: config.cwd } : {}),
    stderr: "pipe",
  });
  // Keep the end of what the server says on stderr: it explains a failed start.
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-2000);
  });
  const client = new Client({ name: "clerk-cli", version: __CLERK_VERSION__ });
  try {
    await timeout(client.connect(transport), START_TIMEOUT_MS, "starting");
    const { tools } = await timeout(client.listTools(), START_TIMEOUT_MS, "listing its tools");
    return {
      client,
      tools: tools.map((tool) => {
        // `$schema` means nothing to the providers' tool definitions.
        const { $schema: _dialect, ...inputSchema } = tool.inputSchema as Record<string, unknown>;
        return { name: tool.name, description: tool.description ?? "", inputSchema };
      }),
    };
  } catch (error) {
    await client.close().catch(() => {});
    const said = stderr.trim().split("\n").at(-1);
    throw new Error(`${(error as Error).message}${said ? ` (it said: ${said})` : ""}`);
  }
}

/**
 * Starts the MCP servers over stdio and gathers their tools. A server that fails to start is
 * skipped: `onWarning` says which and why, and the rest go on.
 */
export async function connectToolServers(
  servers: Record<string, McpServerConfig>,
  onWarning: (message: string) => void,
): Promise<ToolBox> {
  const entries = new Map<string, Entry>();
  const clients: Client[] = [];
  const tools: ToolSpec[] = [];
  const started = await Promise.allSettled(Object.values(servers).map((config) => start(config)));
  started.forEach((outcome, index) => {
    const name = Object.keys(servers)[index] as string;
    if (outcome.status === "rejected") {
      onWarning(
        `MCP server "${name}" could not start: ${(outcome.reason as Error).message}. Going on without its tools.`,
      );
      return;
    }
    clients.push(outcome.value.client);
    for (const tool of outcome.value.tools) {
      const unique = toolName(name, tool.name);
      if (entries.has(unique)) continue;
      entries.set(unique, { client: outcome.value.client, server: name, tool: tool.name });
      tools.push({ ...tool, name: unique, description: `${tool.description} (MCP server "${name}")`.trim() });
    }
  });

  return {
    tools,
    owner: (name) => entries.get(name) ?? { server: "", tool: name },
    async call(call, signal) {
      const entry = entries.get(call.name);
      if (!entry) {
        return { server: "", tool: call.name, content: `No tool is named ${call.name}.`, isError: true };
      }
      try {
        const result = await entry.client.callTool({ name: entry.tool, arguments: call.arguments }, undefined, {
          timeout: CALL_TIMEOUT_MS,
          ...(signal ? { signal } : {}),
        });
        return {
          server: entry.server,
          tool: entry.tool,
          content: resultText(result),
          isError: Boolean(result.isError),
        };
      } catch (error) {
        // The model hears that the call failed and may try something else.
        return {
          server: entry.server,
          tool: entry.tool,
          content: `The tool failed: ${(error as Error).message}`,
          isError: true,
        };
      }
    },
    async close() {
      await Promise.allSettled(clients.map((client) => client.close()));
    },
  };
}
