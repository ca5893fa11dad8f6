import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, type Page } from "@playwright/test";
import type { RunningPanel } from "./panel";

const CLI = fileURLToPath(new URL("../../bin/clerk.js", import.meta.url));

interface SandboxInfo {
  platform_api_key: string;
  application_id: string;
  development: { secret_key: string };
  production: { secret_key: string };
}

/** The embedded sandbox's credentials (its test control `/__sandbox/info`). */
export async function sandboxInfo(panel: RunningPanel): Promise<SandboxInfo> {
  return (await (await fetch(`${panel.sandboxUrl}/__sandbox/info`)).json()) as SandboxInfo;
}

export const secretKey = async (panel: RunningPanel): Promise<string> =>
  (await sandboxInfo(panel)).development.secret_key;

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

/** The line with `--json` unless it has it; before a here-document (`<<'EOF'`) when it carries one. */
function withJson(line: string): string {
  const [command = "", ...document] = line.split("\n");
  if (/\s--json(\s|$)/.test(command)) return line;
  const at = command.indexOf(" <<'EOF'");
  const json = at < 0 ? `${command} --json` : `${command.slice(0, at)} --json${command.slice(at)}`;
  return [json, ...document].join("\n");
}

/**
 * Runs a `clerk …` line as the panel shows it (or copies it, with a here-document), with a shell, against the panel's sandbox
 * (its secret key for the Backend API, its platform key for the Platform API), with `--json`
 * unless the line has it.
 */
export async function runCliLine(
  panel: RunningPanel,
  line: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  expect(line.startsWith("clerk ")).toBe(true);
  const home = mkdtempSync(join(tmpdir(), "clerk-e2e-cli-"));
  try {
    const info = await sandboxInfo(panel);
    return await new Promise((resolve) => {
      execFile(
        "/bin/sh",
        // `clerk` is a shell function running this checkout's CLI; the line itself runs as shown.
        ["-c", `clerk() { "$CLERK_NODE" "$CLERK_CLI" "$@"; }\n${withJson(line)}`],
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
            CLERK_SECRET_KEY: info.development.secret_key,
            CLERK_PLATFORM_API_URL: panel.sandboxUrl,
            CLERK_PLATFORM_API_KEY: info.platform_api_key,
          },
        },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
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
