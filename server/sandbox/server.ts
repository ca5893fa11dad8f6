import { rmSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { type AppOptions, buildSandboxApp } from "./app";
import { bootstrapSandbox, type SandboxCredentials } from "./bootstrap";
import { createSandboxContext } from "./context";
import type { SandboxContext } from "./core/context";
import { DATA_FILE_SUFFIXES, preparePrivateDir, restrictDataFiles } from "./data-dir";
import type { SeedSpec } from "./seed";
import { type WebhookOptions, webhookDispatcher } from "./webhooks/dispatcher";

/** The sandbox listens here unless told otherwise ("CLRK" on a phone keypad). */
export const DEFAULT_SANDBOX_PORT = 2575;

export interface SandboxServerOptions extends AppOptions {
  port?: number;
  /** Directory for `sandbox.db`; omitted means in memory (gone when the process ends). */
  dataDir?: string;
  /** Delete the data in `dataDir` first. */
  reset?: boolean;
  /** Seeding for a freshly created sandbox. */
  seed?: SeedSpec;
  /** Webhook endpoints to deliver events to, and where delivery logs go. */
  webhooks?: WebhookOptions;
  /** Enforce Clerk's Backend API rate limits (`clerk sandbox` does unless `--no-rate-limits`); off by default. */
  rateLimits?: boolean;
}

export interface SandboxUrls {
  url: string;
  backend_api_url: string;
  platform_api_url: string;
  oauth: { authorize_url: string; token_url: string; revoke_url: string; userinfo_url: string };
}

export interface RunningSandbox extends SandboxInstance {
  port: number;
  urls: SandboxUrls;
}

export function sandboxUrls(origin: string): SandboxUrls {
  return {
    url: origin,
    backend_api_url: `${origin}/v1`,
    platform_api_url: `${origin}/v1/platform`,
    oauth: {
      authorize_url: `${origin}/oauth/authorize`,
      token_url: `${origin}/oauth/token`,
      revoke_url: `${origin}/oauth/token/revoke`,
      userinfo_url: `${origin}/oauth/userinfo`,
    },
  };
}

/** A sandbox built in this process and not listening: its app answers `app.inject()` (tests). */
export interface SandboxInstance {
  app: FastifyInstance;
  context: SandboxContext;
  credentials: SandboxCredentials;
  dataFile: string;
  close(): Promise<void>;
}

/** Builds the sandbox (data, credentials, app) without listening; startSandbox listens on it. */
export function createSandbox(options: SandboxServerOptions = {}): SandboxInstance {
  let dataFile = ":memory:";
  if (options.dataDir) {
    preparePrivateDir(options.dataDir);
    dataFile = join(options.dataDir, "sandbox.db");
    if (options.reset) {
      for (const suffix of DATA_FILE_SUFFIXES) rmSync(dataFile + suffix, { force: true });
    }
    restrictDataFiles(dataFile);
  }
  const context = createSandboxContext({
    file: dataFile,
    rateLimits: { enabled: options.rateLimits ?? false },
    ...(options.webhooks ? { webhooks: options.webhooks } : {}),
  });
  // Companion files SQLite just created, or left by an older sandbox that did not restrict them.
  if (options.dataDir) restrictDataFiles(dataFile);
  const credentials = bootstrapSandbox(context, options.seed ?? { users: 0, organizations: 0, demo: false });
  const app = buildSandboxApp(context, { controls: options.controls ?? true, ...options });
  return {
    app,
    context,
    credentials,
    dataFile,
    async close() {
      webhookDispatcher(context).close();
      await app.close();
      context.db.close();
    },
  };
}

/** Starts the sandbox on 127.0.0.1 and resolves once it accepts connections. */
export async function startSandbox(options: SandboxServerOptions = {}): Promise<RunningSandbox> {
  const sandbox = createSandbox(options);
  try {
    await sandbox.app.listen({ host: "127.0.0.1", port: options.port ?? DEFAULT_SANDBOX_PORT });
  } catch (error) {
    sandbox.context.db.close();
    throw error;
  }
  const address = sandbox.app.server.address();
  const port = typeof address === "object" && address ? address.port : (options.port ?? DEFAULT_SANDBOX_PORT);
  return { ...sandbox, port, urls: sandboxUrls(`http://127.0.0.1:${port}`) };
}
