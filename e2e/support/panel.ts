import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { test as base, type Page } from "@playwright/test";

const CLI = fileURLToPath(new URL("../../bin/clerk.js", import.meta.url));

export interface RunningPanel {
  url: string;
  launchUrl: string;
  sandboxUrl: string;
  child: ChildProcess;
  /** A fresh single-use link (`clerk ui --reopen` does the same). */
  reopen(path?: string): Promise<string>;
  /** Calls the embedded sandbox's test controls (`/__sandbox/…`). */
  control(path: string, body?: unknown): Promise<unknown>;
  /** Calls the embedded sandbox's Platform API with its platform key. */
  platform(method: string, path: string, body?: unknown): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * Starts `clerk ui --sandbox` in its own process on a fresh sandbox and reads its JSON line;
 * `env` adds settings (e.g. an AI model's) to its otherwise empty environment.
 */
export async function startPanel(extraArgs: string[] = [], env: Record<string, string> = {}): Promise<RunningPanel> {
  const home = mkdtempSync(join(tmpdir(), "clerk-e2e-"));
  const child = spawn(
    process.execPath,
    [CLI, "ui", "--sandbox", "--no-open", "--port", "0", "--json", "--data", join(home, "sandbox"), ...extraArgs],
    {
      env: {
        PATH: process.env.PATH,
        HOME: home,
        XDG_CONFIG_HOME: join(home, ".config"),
        XDG_RUNTIME_DIR: join(home, "run"),
        CLERK_CREDENTIAL_STORE: "file",
        NO_COLOR: "1",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`clerk ui did not start: ${stderr}`)), 30_000);
    child.once("exit", (code) => reject(new Error(`clerk ui exited ${code}: ${stderr}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once("line", (text) => {
      clearTimeout(timer);
      resolve(text);
    });
  });
  const info = JSON.parse(line) as { url: string; launch_url: string; sandbox_url: string };
  const platformKey = async () => {
    const { platform_api_key } = (await (await fetch(`${info.sandbox_url}/__sandbox/info`)).json()) as {
      platform_api_key: string;
    };
    return platform_api_key;
  };
  return {
    url: info.url,
    launchUrl: info.launch_url,
    sandboxUrl: info.sandbox_url,
    child,
    async reopen(path = "/") {
      const done = await new Promise<string>((resolve, reject) => {
        const reopen = spawn(process.execPath, [CLI, "ui", "--reopen", "--no-open", "--path", path], {
          env: { PATH: process.env.PATH, HOME: home, XDG_RUNTIME_DIR: join(home, "run"), NO_COLOR: "1" },
        });
        let out = "";
        reopen.stdout.on("data", (chunk) => {
          out += chunk;
        });
        reopen.on("exit", (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`reopen failed (${code})`))));
      });
      return done;
    },
    async control(path, body) {
      const response = await fetch(`${info.sandbox_url}/__sandbox/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body ?? {}),
      });
      if (!response.ok) throw new Error(`control ${path}: ${response.status} ${await response.text()}`);
      return response.json();
    },
    async platform(method, path, body) {
      return fetch(`${info.sandbox_url}/v1/platform${path}`, {
        method,
        headers: {
          authorization: `Bearer ${await platformKey()}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    },
    async stop() {
      child.kill("SIGTERM");
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve)));
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** A test with its own `clerk ui` on a fresh sandbox, and a page already signed in to the panel. */
export const test = base.extend<{ panel: RunningPanel; signedIn: Page }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies by destructuring
  panel: async ({}, use) => {
    const panel = await startPanel();
    await use(panel);
    await panel.stop();
  },
  signedIn: async ({ page, panel }, use) => {
    await page.goto(panel.launchUrl);
    await page.waitForURL(`${panel.url}/users`);
    await use(page);
  },
});

export { expect } from "@playwright/test";
