import { CLI_CLIENT_ID } from "../../server/sandbox/oauth/clients";
import { INSTANCE_SPELLINGS, normalizeInstance } from "../../shared/clerk/target";
import { maskSecret, redactSecrets } from "../../shared/secrets";
import { UsageError } from "../errors";
import { isOutputFormat, OUTPUT_FORMAT_LIST } from "../globals";

/** The settings a profile, the environment or a `.env` file can hold. */
export const SETTING_KEYS = [
  "secret_key",
  "api_url",
  "platform_api_url",
  "platform_api_key",
  "oauth_base_url",
  "oauth_client_id",
  "app",
  "instance",
  "webhook_signing_secret",
  "output",
  "debug",
  "ai.provider",
  "ai.openai.key",
  "ai.openai.model",
  "ai.openai.url",
  "ai.anthropic.key",
  "ai.anthropic.model",
  "ai.anthropic.url",
  "ai.mcp.config",
] as const;

export type SettingKey = (typeof SETTING_KEYS)[number];

/** Kept in the credential store (or fetched by a `!command`), never in the INI file. */
export const SECRET_KEYS: ReadonlySet<SettingKey> = new Set([
  "secret_key",
  "platform_api_key",
  "webhook_signing_secret",
  "ai.openai.key",
  "ai.anthropic.key",
]);

/** The AI model's settings (for writing Protect rules from words), resolved only by the commands that use them. */
export const AI_KEYS = SETTING_KEYS.filter((key) => key.startsWith("ai."));

/** The providers `ai.provider` names. */
export const AI_PROVIDERS = ["openai", "anthropic"] as const;

/** The `debug` setting as a boolean: `true`/`1` (the Go CLI's `CLERK_CLI_DEBUG=1`) or `false`/`0`. */
const DEBUG_VALUES: Readonly<Record<string, "true" | "false">> = {
  true: "true",
  "1": "true",
  false: "false",
  "0": "false",
};

/** The Go CLI's names for the same settings (`clerk config set clerk.key …`), accepted as synonyms. */
export const GO_KEY_NAMES: Readonly<Record<string, SettingKey>> = {
  "clerk.key": "secret_key",
  "clerk.api.url": "api_url",
  "clerk.platform.key": "platform_api_key",
  "clerk.platform.api.url": "platform_api_url",
};

/** Our name of a setting given under either spelling. */
export const canonicalKey = (key: string): SettingKey => (GO_KEY_NAMES[key] ?? key) as SettingKey;

export const isSecretKey = (key: string): boolean => SECRET_KEYS.has(key as SettingKey);

export function isSettingKey(key: string): key is SettingKey {
  return (SETTING_KEYS as readonly string[]).includes(key);
}

/**
 * Environment variables per setting, first match wins. The first names are those Clerk's own
 * SDKs and tools read, so an existing shell or `.env` works unchanged.
 */
export const ENV_NAMES: Record<SettingKey, readonly string[]> = {
  secret_key: ["CLERK_SECRET_KEY"],
  api_url: ["CLERK_API_URL", "CLERK_BACKEND_API_URL"],
  platform_api_url: ["CLERK_PLATFORM_API_URL"],
  platform_api_key: ["CLERK_PLATFORM_API_KEY"],
  oauth_base_url: ["CLERK_OAUTH_BASE_URL"],
  oauth_client_id: ["CLERK_OAUTH_CLIENT_ID"],
  app: ["CLERK_APP"],
  instance: ["CLERK_INSTANCE"],
  webhook_signing_secret: ["CLERK_WEBHOOK_SIGNING_SECRET"],
  // The Go CLI has no variable for the default format; -o/--json (or --mode agent) say it per run.
  output: [],
  debug: ["CLERK_CLI_DEBUG"],
  "ai.provider": ["CLERK_AI_PROVIDER"],
  "ai.openai.key": ["OPENAI_API_KEY"],
  "ai.openai.model": ["CLERK_AI_OPENAI_MODEL"],
  "ai.openai.url": ["CLERK_AI_OPENAI_URL", "OPENAI_BASE_URL"],
  "ai.anthropic.key": ["ANTHROPIC_API_KEY"],
  "ai.anthropic.model": ["CLERK_AI_ANTHROPIC_MODEL"],
  "ai.anthropic.url": ["CLERK_AI_ANTHROPIC_URL", "ANTHROPIC_BASE_URL"],
  "ai.mcp.config": ["CLERK_AI_MCP_CONFIG"],
};

/** Clerk's public Backend API; `CLERK_API_URL` points elsewhere (e.g. the sandbox). */
export const DEFAULT_API_URL = "https://api.clerk.com";

/**
 * The OAuth server `clerk auth login` uses unless `CLERK_OAUTH_BASE_URL` says otherwise. Clerk's
 * production OAuth endpoints for the CLI are not known offline; the API host is the best guess.
 * For the sandbox, set `CLERK_OAUTH_BASE_URL` to its URL (e.g. http://127.0.0.1:2575).
 */
export const DEFAULT_OAUTH_BASE_URL = "https://api.clerk.com";

/** The CLI's public OAuth client id; the sandbox registers this one. */
export const DEFAULT_OAUTH_CLIENT_ID = CLI_CLIENT_ID;

/** Help text per key, for `clerk config set --help` and `clerk config list`. */
export const KEY_DESCRIPTIONS: Record<SettingKey, string> = {
  secret_key: "Backend API secret key (sk_…) of the instance to manage (secret)",
  api_url: `Backend API URL (default ${DEFAULT_API_URL})`,
  platform_api_url: "Platform API URL (default: the Backend API URL)",
  platform_api_key: "Platform API key (ak_…), instead of `clerk auth login` (secret)",
  oauth_base_url: `OAuth server for \`clerk auth login\` (default ${DEFAULT_OAUTH_BASE_URL})`,
  oauth_client_id: `OAuth client id of the CLI (default ${DEFAULT_OAUTH_CLIENT_ID})`,
  app: "Application (app_…) to work on",
  instance: "Instance: dev, prod or an ins_… id (default development)",
  webhook_signing_secret: "Webhook signing secret (whsec_…) for `clerk webhooks verify` (secret)",
  output: "Output format when -o/--json is not given: table, json or yaml (default table; json in agent mode)",
  debug: "true: log HTTP traffic to stderr on every command, as --debug does (or CLERK_CLI_DEBUG=1)",
  "ai.provider":
    "Model provider for `clerk protect rules add --generate`: openai or anthropic (default: whichever has a key)",
  "ai.openai.key": "OpenAI API key (secret); any value for a local server that needs none",
  "ai.openai.model": "OpenAI-compatible model (default gpt-4.1-mini; required with ai.openai.url)",
  "ai.openai.url": "OpenAI-compatible base URL, e.g. http://127.0.0.1:11434/v1 for Ollama",
  "ai.anthropic.key": "Anthropic API key (secret)",
  "ai.anthropic.model": "Anthropic model (default claude-sonnet-4-6)",
  "ai.anthropic.url": "Anthropic-compatible base URL (default Anthropic's API)",
  "ai.mcp.config": "MCP tool servers file for generated rules (default: mcp.json in the config dir)",
};

const URL_KEYS: ReadonlySet<SettingKey> = new Set([
  "api_url",
  "platform_api_url",
  "oauth_base_url",
  "ai.openai.url",
  "ai.anthropic.url",
]);

/** Checks a value before it is stored or used; `where` names its origin for the message. */
export function validateSetting(key: SettingKey, value: string, where: string): string {
  if (URL_KEYS.has(key)) {
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
      throw new UsageError(
        `${key} must be an http(s) URL, not "${value}" (${where}).`,
        `Fix ${where}, e.g. http://127.0.0.1:2575 for the local sandbox.`,
      );
    }
    return value;
  }
  if (key === "instance") {
    const instance = normalizeInstance(value);
    if (!instance) {
      throw new UsageError(`instance must be ${INSTANCE_SPELLINGS}, not "${value}" (${where}).`, `Fix ${where}.`);
    }
    return instance;
  }
  if (key === "output" && !isOutputFormat(value)) {
    throw new UsageError(`output must be ${OUTPUT_FORMAT_LIST}, not "${value}" (${where}).`, `Fix ${where}.`);
  }
  if (key === "debug") {
    const debug = DEBUG_VALUES[value.toLowerCase()];
    if (!debug) throw new UsageError(`debug must be true or false, not "${value}" (${where}).`, `Fix ${where}.`);
    return debug;
  }
  if (key === "ai.provider" && !(AI_PROVIDERS as readonly string[]).includes(value)) {
    throw new UsageError(
      `ai.provider must be ${AI_PROVIDERS.join(" or ")}, not "${value}" (${where}).`,
      `Fix ${where}.`,
    );
  }
  if (value.trim() === "") throw new UsageError(`${key} is empty (${where}).`, `Fix ${where}.`);
  return value;
}

/** Strips a trailing slash and API version suffixes: settings hold origins plus any path prefix. */
export function trimApiUrl(url: string): string {
  return url.replace(/\/+$/, "").replace(/\/v1(\/platform)?$/, "");
}

export { maskSecret, redactSecrets } from "../../shared/secrets";

/** How a stored or resolved value of `key` may be shown. */
export function displayValue(key: SettingKey, value: string): string {
  if (value.startsWith("!") && isSecretKey(key)) return redactSecrets(value);
  return isSecretKey(key) ? maskSecret(value) : value;
}
