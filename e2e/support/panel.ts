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
  /** The throw-away HOME: its config dir holds the credential file (`CLERK_CREDENTIAL_STORE=file`). */
  home: string;
  /** What `clerk ui` printed on stderr so far. */
  stderr(): string;
  /** A fresh single-use link (`clerk ui --reopen` does the same). */
  reopen(path?: string): Promise<string>;
  /** Calls the embedded sandbox's test controls (`/__sandbox/…`). */
  control(path: string, body?: unknown): Promise<unknown>;
  /** Calls the embedded sandbox's Platform API with its platform key. */
  platform(method: string, path: string, body?: unknown): Promise<Response>;
  stop(): Promise<void>;
}

export interface PanelOptions {
  /** `--sandbox` (the default); without it, `clerk ui` uses what `env` configures, or the sandbox if nothing. */
  sandbox?: boolean;
  /** More environment, e.g. `CLERK_OAUTH_BASE_URL`. */
  env?: Record<string, string>;
}

/**
 * Starts `clerk ui` in its own process on a fresh embedded sandbox and reads its JSON line.
 * HOME and the XDG dirs are throw-away; the credential store is the 0600 file in there.
 */
export async function startPanel(options: PanelOptions = {}): Promise<RunningPanel> {
  const home = mkdtempSync(join(tmpdir(), "clerk-e2e-"));
  const child = spawn(
    process.execPath,
    [
      CLI,
      "ui",
      ...(options.sandbox === false ? [] : ["--sandbox"]),
      "--no-open",
      "--port",
      "0",
      "--json",
      "--data",
      join(home, "sandbox"),
    ],
    {
      env: {
        PATH: process.env.PATH,
        HOME: home,
        XDG_CONFIG_HOME: join(home, ".config"),
        XDG_RUNTIME_DIR: join(home, "run"),
        CLERK_CREDENTIAL_STORE: "file",
        NO_COLOR: "1",
        ...options.env,
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
    home,
    stderr: () => stderr,
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

/**
 * Whether a URL is the page `path` of the panel (a string: exactly; a pattern: of the path) with
 * no query but the app and instance shown (`?app=…&instance=…`, which every panel URL carries).
 */
export function atPath(panel: RunningPanel, path: string | RegExp): (url: URL) => boolean {
  return (url) =>
    url.origin === new URL(panel.url).origin &&
    (typeof path === "string" ? url.pathname === path : path.test(url.pathname)) &&
    [...url.searchParams.keys()].every((name) => name === "app" || name === "instance");
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
    await page.waitForURL(atPath(panel, "/users"));
    await use(page);
  },
});

/** The first row of the page's table once it has data (a skeleton row, shown while loading, opens nothing). */
export const firstRow = (page: Page) => page.getByTestId("data-table").locator("tbody tr:not(.skeleton-row)").first();

export { expect } from "@playwright/test";
