import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { z } from "zod";
import { ActionError } from "../../shared/actions/errors";
import type { AiAccess, AiEvent, AiStatus, McpServerConfig, ModelConfig } from "../../shared/ai/types";
import { RuntimeError, UsageError } from "../errors";
import type { GlobalOptions } from "../globals";
import { resolveSettings } from "../settings";
import { AI_KEYS, type SettingKey } from "../settings/keys";
import { configDir } from "../settings/paths";
import type { Settings } from "../settings/resolve";

export const DEFAULT_OPENAI_MODEL = "gpt-4.1-mini";
export const DEFAULT_ANTHROPIC_MODEL = "claude-sonnet-4-6";

/** `~/.config/clerk/cli/mcp.json` (or wherever `clerk config path` says the config lives). */
export const defaultMcpConfig = (env: NodeJS.ProcessEnv = process.env) => join(configDir(env), "mcp.json");

const serverEntry = z.object({
  command: z.string().min(1),
  args: z.array(z.string()).optional(),
  env: z.record(z.string(), z.string()).optional(),
});
// `mcpServers` is what other MCP clients (Claude Desktop, editors) call the same map.
const mcpFile = z.union([
  z.object({ servers: z.record(z.string(), serverEntry) }),
  z.object({ mcpServers: z.record(z.string(), serverEntry) }),
]);

/** The servers named in an mcp.json; each runs in the file's directory, so relative paths work. */
export function readMcpConfig(file: string): Record<string, McpServerConfig> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ActionError(
      `Cannot read the MCP config ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
      'Point --mcp-config (or `clerk config set ai.mcp.config`) at a JSON file like {"servers": {"name": {"command": …}}}.',
      "mcp_config_invalid",
    );
  }
  let parsed: z.infer<typeof mcpFile>;
  try {
    parsed = mcpFile.parse(JSON.parse(text));
  } catch (error) {
    const issue = error instanceof z.ZodError ? error.issues[0] : undefined;
    throw new ActionError(
      `The MCP config ${file} is not valid: ${issue ? `${issue.path.join(".") || "file"}: ${issue.message}` : (error as Error).message}.`,
      'Expected {"servers": {"<name>": {"command": "…", "args": […], "env": {…}}}}.',
      "mcp_config_invalid",
    );
  }
  const servers = "servers" in parsed ? parsed.servers : parsed.mcpServers;
  const cwd = dirname(resolve(file));
  return Object.fromEntries(Object.entries(servers).map(([name, server]) => [name, { ...server, cwd }]));
}

type AiValues = Partial<Record<SettingKey, string>>;

/** The model the settings name: `ai.provider`, or the provider that has a key (or URL). */
export function modelFromSettings(values: AiValues): ModelConfig {
  const openai = values["ai.openai.key"] !== undefined || values["ai.openai.url"] !== undefined;
  const anthropic = values["ai.anthropic.key"] !== undefined || values["ai.anthropic.url"] !== undefined;
  const provider =
    (values["ai.provider"] as ModelConfig["provider"] | undefined) ??
    (openai ? "openai" : anthropic ? "anthropic" : undefined);
  if (!provider) {
    throw new ActionError(
      "No AI model is configured for writing rules.",
      "Set OPENAI_API_KEY or ANTHROPIC_API_KEY, or `clerk config set ai.openai.key -` (ai.openai.url for a local " +
        "OpenAI-compatible server such as Ollama, with ai.openai.model), or `clerk config set ai.anthropic.key -`.",
      "ai_not_configured",
    );
  }
  const key = values[`ai.${provider}.key`];
  const url = values[`ai.${provider}.url`];
  if (key === undefined && url === undefined) {
    throw new ActionError(
      `ai.provider is ${provider}, but ai.${provider}.key is not set.`,
      `Set ${provider === "openai" ? "OPENAI_API_KEY" : "ANTHROPIC_API_KEY"}, or \`clerk config set ai.${provider}.key -\`.`,
      "ai_not_configured",
    );
  }
  const model = values[`ai.${provider}.model`];
  // A local OpenAI-compatible server (Ollama, vLLM) serves its own models, none of them ours by default.
  if (model === undefined && provider === "openai" && url !== undefined) {
    throw new ActionError(
      "ai.openai.url is set, so the model must be named too.",
      "`clerk config set ai.openai.model <name>` (e.g. llama3.1 for Ollama).",
      "ai_not_configured",
    );
  }
  return {
    provider,
    model: model ?? (provider === "openai" ? DEFAULT_OPENAI_MODEL : DEFAULT_ANTHROPIC_MODEL),
    ...(key !== undefined ? { apiKey: key } : {}),
    ...(url !== undefined ? { baseUrl: url } : {}),
  };
}

/** Settings problems as action errors, so the panel shows them like any other failure. */
function asActionError(error: unknown): unknown {
  if (error instanceof UsageError || error instanceof RuntimeError) {
    return new ActionError(error.message, error.hint, "ai_settings_invalid");
  }
  return error;
}

/**
 * The AI model and MCP servers as the settings (flag > environment > `.env` > profile) give
 * them, read on first use: a `!command` key runs only when a rule is generated.
 */
export function cliAiAccess(
  globals: GlobalOptions,
  options: { mcpConfig?: string | undefined; onEvent?: (event: AiEvent) => void } = {},
): AiAccess {
  let settings: Promise<Settings> | undefined;
  const load = () => {
    settings ??= resolveSettings(globals, process.env, { keys: AI_KEYS });
    return settings.catch((error) => {
      throw asActionError(error);
    });
  };
  const secrets = new Set<string>();
  return {
    async model() {
      const config = modelFromSettings((await load()).values);
      if (config.apiKey) secrets.add(config.apiKey);
      return config;
    },
    async mcpServers() {
      const { values, env } = await load();
      const explicit = options.mcpConfig ?? values["ai.mcp.config"];
      if (explicit) return readMcpConfig(explicit);
      const fallback = defaultMcpConfig(env);
      return existsSync(fallback) ? readMcpConfig(fallback) : {};
    },
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    secrets: () => [...secrets],
    async status(): Promise<AiStatus> {
      try {
        // A `!command` key counts as set without running it: it runs only when a rule is generated.
        const { values, commands } = await resolveSettings(globals, process.env, { keys: AI_KEYS, runCommands: false });
        const { provider, model } = modelFromSettings({ ...commands, ...values });
        return { available: true, provider, model };
      } catch (error) {
        const problem = asActionError(error);
        if (!(problem instanceof ActionError)) throw error;
        return { available: false, message: problem.message, ...(problem.hint ? { hint: problem.hint } : {}) };
      }
    },
  };
}
