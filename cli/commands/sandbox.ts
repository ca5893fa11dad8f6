import { join } from "node:path";
import envPaths from "env-paths";
import pc from "picocolors";
import { z } from "zod";
import { CLI_CLIENT_ID } from "../../server/sandbox/oauth/clients";
import type { RunningSandbox } from "../../server/sandbox/server";
import { defineCommand } from "../command";
import { RuntimeError, UsageError } from "../errors";
import { parsePort } from "../port";
import { onShutdown } from "../shutdown";

/** Where `clerk sandbox` keeps its data unless `--data` says otherwise. */
export function defaultSandboxDataDir(): string {
  return join(envPaths("clerk", { suffix: "" }).data, "sandbox");
}

/**
 * The variables Clerk's SDKs, the official CLI and this CLI read, set for this sandbox. URLs are
 * origins: the tools add `/v1` (and `/v1/platform`) themselves.
 */
export function sandboxEnv(sandbox: Pick<RunningSandbox, "urls" | "credentials">): Record<string, string> {
  const { urls, credentials: c } = sandbox;
  return {
    CLERK_API_URL: urls.url,
    CLERK_BACKEND_API_URL: urls.url,
    CLERK_SECRET_KEY: c.development.secret_key,
    CLERK_PUBLISHABLE_KEY: c.development.publishable_key,
    CLERK_PLATFORM_API_URL: urls.url,
    CLERK_PLATFORM_API_KEY: c.platform_api_key,
    CLERK_OAUTH_BASE_URL: urls.url,
    CLERK_OAUTH_CLIENT_ID: CLI_CLIENT_ID,
    CLERK_WEBHOOK_SIGNING_SECRET: c.webhook_signing_secret,
  };
}

/** `export` lines for a POSIX shell, a few variables a line. */
function exportLines(env: Record<string, string>): string[] {
  const groups = [
    ["CLERK_API_URL", "CLERK_BACKEND_API_URL", "CLERK_SECRET_KEY", "CLERK_PUBLISHABLE_KEY"],
    ["CLERK_PLATFORM_API_URL", "CLERK_PLATFORM_API_KEY"],
    ["CLERK_OAUTH_BASE_URL", "CLERK_OAUTH_CLIENT_ID"],
    ["CLERK_WEBHOOK_SIGNING_SECRET"],
  ];
  return groups.map((names) => `  export ${names.map((name) => `${name}=${env[name]}`).join(" ")}`);
}

function banner(sandbox: RunningSandbox, dataDir: string, webhooks: readonly string[]): string {
  const { urls, credentials: c } = sandbox;
  const label = (text: string) => pc.dim(text.padEnd(14));
  return [
    `${pc.bold("Clerk sandbox")} running at ${pc.cyan(urls.url)}`,
    `${label("Data")}${dataDir}`,
    "",
    `${label("Backend API")}${urls.url}  ${pc.dim("(paths under /v1)")}`,
    `${label("Platform API")}${urls.url}  ${pc.dim("(paths under /v1/platform)")}`,
    `${label("OAuth")}${urls.oauth.authorize_url}`,
    "",
    `${label("Application")}${c.application_name} (${c.application_id})`,
    `${label("Development")}${c.development.instance_id}`,
    `${label("  secret key")}${c.development.secret_key}`,
    `${label("  publishable")}${c.development.publishable_key}`,
    `${label("Production")}${c.production.instance_id}`,
    `${label("  secret key")}${c.production.secret_key}`,
    `${label("  publishable")}${c.production.publishable_key}`,
    `${label("Platform key")}${c.platform_api_key}`,
    "",
    ...(webhooks.length ? webhooks : [pc.dim("none (--webhook <url> delivers events)")]).map(
      (url, index) => `${label(index === 0 ? "Webhooks" : "")}${url}`,
    ),
    `${label("  secret")}${c.webhook_signing_secret}`,
    "",
    "Point Clerk's SDKs, the official CLI or this CLI at it (paste into your shell):",
    ...exportLines(sandboxEnv(sandbox)),
    "",
    pc.dim("Press Ctrl-C to stop."),
  ].join("\n");
}

export const sandboxCommand = defineCommand({
  id: "sandbox",
  summary: "Run the local Clerk-compatible sandbox (Backend API, Platform API, OAuth server)",
  description:
    "Serves an offline emulator of Clerk on 127.0.0.1 with persisted data, and prints the keys to use with Clerk's SDKs or this CLI.",
  input: z.object({
    port: z.string().optional().describe("Port on 127.0.0.1; 0 picks a free one (default 2575)"),
    data: z.string().optional().describe("Directory for the sandbox database (default: your data dir)"),
    reset: z.boolean().default(false).describe("Delete the sandbox data first"),
    seed: z.string().optional().describe("Data for a new sandbox: demo (default), empty, or a number of users"),
    webhook: z.array(z.string()).optional().describe("POST signed webhook events (user.created, …) to this URL"),
    rate_limits: z
      .boolean()
      .default(true)
      .describe(
        "Enforce Clerk's Backend API rate limits: 100 requests per 10 s on development, 1000 on production " +
          "(429 with Retry-After); --no-rate-limits turns them off",
      ),
  }),
  examples: [
    "clerk sandbox",
    "clerk sandbox --port 0 --json --seed empty",
    "clerk sandbox --data ./.sandbox --reset",
    "clerk sandbox --webhook http://localhost:3000/api/webhooks",
    "clerk sandbox --no-rate-limits",
  ],
  run: ({ rate_limits: rateLimits, ...input }, globals) =>
    runSandboxCommand({ ...input, rateLimits, json: globals.output === "json" }),
});

export async function runSandboxCommand(options: {
  port?: string;
  data?: string;
  reset?: boolean;
  seed?: string;
  webhook?: string[];
  rateLimits?: boolean;
  json?: boolean;
}): Promise<void> {
  const { DEFAULT_SANDBOX_PORT, startSandbox } = await import("../../server/sandbox/server");
  const { parseSeed, SeedSpecError } = await import("../../server/sandbox/seed");
  const port = parsePort(options.port, DEFAULT_SANDBOX_PORT);
  let seed: ReturnType<typeof parseSeed>;
  try {
    seed = parseSeed(options.seed ?? "demo");
  } catch (error) {
    if (error instanceof SeedSpecError) throw new UsageError(error.message);
    throw error;
  }
  const { checkEndpointUrl, WebhookEndpointError } = await import("../../server/sandbox/webhooks/dispatcher");
  const webhooks = (options.webhook ?? []).map((url) => {
    try {
      return checkEndpointUrl(url);
    } catch (error) {
      if (error instanceof WebhookEndpointError) throw new UsageError(`--webhook: ${error.message}`);
      throw error;
    }
  });
  const dataDir = options.data ?? defaultSandboxDataDir();
  const { SandboxDataDirError } = await import("../../server/sandbox/data-dir");
  let sandbox: RunningSandbox;
  try {
    sandbox = await startSandbox({
      port,
      dataDir,
      reset: Boolean(options.reset),
      seed,
      controls: true,
      webhooks: { urls: webhooks },
      rateLimits: options.rateLimits ?? true,
    });
  } catch (error) {
    if (error instanceof SandboxDataDirError) {
      throw new RuntimeError(error.message, "Pass --data with a directory you can create and write to.");
    }
    throw error;
  }
  onShutdown(() => sandbox.close());
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ ...sandbox.urls, port: sandbox.port, pid: process.pid, data_dir: dataDir, ...sandbox.credentials, webhooks, env: sandboxEnv(sandbox) })}\n`,
    );
  } else {
    process.stdout.write(`${banner(sandbox, dataDir, webhooks)}\n`);
  }
}
