import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { expect, type RunningPanel } from "./panel";

// Helpers the panel specs share: set-up through the panel's API, sign-ins on the sandbox, and
// running the `clerk …` lines the panel shows against the same sandbox.

const CLI = fileURLToPath(new URL("../../bin/clerk.js", import.meta.url));

/** Runs a catalog action through the panel's own API (the page's session), for test setup. */
export async function action<T>(
  page: Page,
  panel: RunningPanel,
  id: string,
  input: Record<string, unknown>,
): Promise<T> {
  const response = await page.request.post(`${panel.url}/api/actions/${id}`, {
    headers: { "x-clerk-ui": "1" },
    data: input,
  });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { output: T }).output;
}

async function secretKey(panel: RunningPanel): Promise<string> {
  const info = (await (await fetch(`${panel.sandboxUrl}/__sandbox/info`)).json()) as {
    development: { secret_key: string };
  };
  return info.development.secret_key;
}

/** Signs the user in on the sandbox (its testing endpoint `POST /v1/sessions`). */
export async function createSession(panel: RunningPanel, userId: string): Promise<string> {
  const response = await fetch(`${panel.sandboxUrl}/v1/sessions`, {
    method: "POST",
    headers: { authorization: `Bearer ${await secretKey(panel)}`, "content-type": "application/json" },
    body: JSON.stringify({ user_id: userId }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

/** Runs a `clerk …` line as shown in the panel, with a shell, against the panel's sandbox. */
export async function runCliLine(
  panel: RunningPanel,
  line: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  expect(line.startsWith("clerk ")).toBe(true);
  const home = mkdtempSync(join(tmpdir(), "clerk-e2e-cli-"));
  try {
    const key = await secretKey(panel);
    return await new Promise((resolve) => {
      execFile(
        "/bin/sh",
        // `clerk` is a shell function running this checkout's CLI; the line itself runs as shown.
        ["-c", `clerk() { "$CLERK_NODE" "$CLERK_CLI" "$@"; }\n${line} --json`],
        {
          env: {
            PATH: process.env.PATH,
            HOME: home,
            XDG_CONFIG_HOME: join(home, ".config"),
            CLERK_CREDENTIAL_STORE: "file",
            NO_COLOR: "1",
            CLERK_NODE: process.execPath,
            CLERK_CLI: CLI,
            CLERK_API_URL: panel.sandboxUrl,
            CLERK_SECRET_KEY: key,
          },
        },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
