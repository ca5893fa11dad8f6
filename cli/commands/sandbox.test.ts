import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { runCli, startCli } from "../testing/run-cli";
import { exited, type SandboxProcessInfo, startJsonProcess, startSandboxProcess } from "../testing/sandbox-process";

const dirs: string[] = [];
function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), "clerk-sandbox-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function bapi(url: string, key: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & { total_count?: number },
  };
}

/** Each test starts sandbox processes one after another: allow for a loaded machine, as the other CLI files do. */
const SLOW = { timeout: 60_000 };

describe("clerk sandbox", SLOW, () => {
  test("--json prints URLs and credentials on one line and keeps serving; SIGTERM stops it cleanly", async () => {
    const { child, info } = await startSandboxProcess(["--data", tempDir(), "--seed", "empty"]);
    expect(info.url).toBe(`http://127.0.0.1:${info.port}`);
    expect(info.development.secret_key).toMatch(/^sk_test_[A-Za-z0-9]{40}$/);
    expect(info.production.secret_key).toMatch(/^sk_live_[A-Za-z0-9]{40}$/);
    expect(info.development.publishable_key).toMatch(/^pk_test_/);
    expect(info.platform_api_key).toMatch(/^ak_/);
    expect((await bapi(info.url, info.development.secret_key, "GET", "/users/count")).body.total_count).toBe(0);
    child.kill("SIGTERM");
    expect((await exited(child)).code).toBe(143);
  });

  test("the printed export lines point Clerk's tools at it: origins (no /v1), every variable, ready to paste", async () => {
    const data = tempDir();
    const banner = startCli(["sandbox", "--port", "0", "--data", data, "--seed", "empty"]);
    await banner.waitFor("stdout", "Ctrl-C");
    const exports = banner
      .stdout()
      .split("\n")
      .filter((line) => line.trim().startsWith("export "))
      .flatMap((line) => line.trim().slice("export ".length).split(" "));
    const env = Object.fromEntries(exports.map((pair) => pair.split("=") as [string, string]));
    banner.signal("SIGTERM");
    await banner.done;
    expect(Object.keys(env)).toEqual([
      "CLERK_API_URL",
      "CLERK_BACKEND_API_URL",
      "CLERK_SECRET_KEY",
      "CLERK_PUBLISHABLE_KEY",
      "CLERK_PLATFORM_API_URL",
      "CLERK_PLATFORM_API_KEY",
      "CLERK_OAUTH_BASE_URL",
      "CLERK_OAUTH_CLIENT_ID",
      "CLERK_WEBHOOK_SIGNING_SECRET",
    ]);
    expect(env.CLERK_API_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    // The same data again (on another free port): `--json` carries the same variables, and they
    // alone drive this CLI's Backend and Platform API commands.
    const { child, info } = await startSandboxProcess(["--data", data]);
    const pasted = (info as typeof info & { env: Record<string, string> }).env;
    expect(Object.keys(pasted)).toEqual(Object.keys(env));
    expect(pasted.CLERK_SECRET_KEY).toBe(env.CLERK_SECRET_KEY);
    const users = await runCli(["users", "list", "--json"], { env: pasted });
    expect(users.code, users.stderr).toBe(0);
    expect(users.json<{ data: unknown[] }>().data).toEqual([]);
    const apps = await runCli(["apps", "list", "--json"], { env: pasted });
    expect(apps.code, apps.stderr).toBe(0);
    expect(JSON.stringify(apps.json())).toContain(info.development.instance_id);
    child.kill("SIGTERM");
    await exited(child);
  });

  test("Clerk's Backend API rate limits are on unless --no-rate-limits: the 101st request in 10 s is 429", async () => {
    const { child, info } = await startJsonProcess<SandboxProcessInfo>([
      "sandbox",
      ...["--port", "0", "--json", "--data", tempDir(), "--seed", "empty"],
    ]);
    const limits = await (await fetch(`${info.url}/__sandbox/rate-limits`)).json();
    expect(limits).toEqual({ enabled: true, development: 100, production: 1000, window_ms: 10_000 });
    const statuses = [];
    for (let i = 0; i < 101; i++) {
      statuses.push((await bapi(info.url, info.development.secret_key, "GET", "/users/count")).status);
    }
    expect(statuses.filter((status) => status === 200)).toHaveLength(100);
    expect(statuses.at(-1)).toBe(429);
    child.kill("SIGTERM");
    await exited(child);

    const off = await startSandboxProcess(["--data", tempDir(), "--seed", "empty"]);
    expect(await (await fetch(`${off.info.url}/__sandbox/rate-limits`)).json()).toMatchObject({ enabled: false });
    off.child.kill("SIGTERM");
    await exited(off.child);
  });

  test("demo seed is deterministic: the same ids on every fresh start", async () => {
    const first = await startSandboxProcess(["--data", tempDir(), "--seed", "demo"]);
    const second = await startSandboxProcess(["--data", tempDir(), "--seed", "demo"]);
    const ids = async (s: typeof first) =>
      (
        (await bapi(s.info.url, s.info.development.secret_key, "GET", "/users?limit=100")).body as unknown as {
          id: string;
          created_at: number;
        }[]
      ).map((u) => `${u.id}@${u.created_at}`);
    const [a, b] = [await ids(first), await ids(second)];
    expect(a).toHaveLength(24);
    expect(a).toEqual(b);
    const templates = async (s: typeof first) =>
      (await bapi(s.info.url, s.info.development.secret_key, "GET", "/jwt_templates")).body;
    const [t1, t2] = [await templates(first), await templates(second)];
    expect(t1).toMatchObject([{ object: "jwt_template", name: "api" }]);
    expect(t1).toEqual(t2);
    first.child.kill("SIGKILL");
    second.child.kill("SIGKILL");
  });

  test("data survives kill -9 at any moment: every acknowledged write is there after a restart", async () => {
    const data = tempDir();
    const { child, info } = await startSandboxProcess(["--data", data, "--seed", "empty"]);
    const key = info.development.secret_key;
    const acknowledged: string[] = [];
    let stop = false;
    const writer = (async () => {
      for (let i = 0; !stop; i++) {
        try {
          const created = await bapi(info.url, key, "POST", "/users", { email_address: [`u${i}@example.com`] });
          if (created.status === 200) acknowledged.push(created.body.id as string);
        } catch {
          return; // the process is gone
        }
      }
    })();
    while (acknowledged.length < 25) await new Promise((r) => setTimeout(r, 10));
    child.kill("SIGKILL");
    stop = true;
    await writer;
    await exited(child);

    const restarted = await startSandboxProcess(["--data", data]);
    expect(restarted.info.development.secret_key).toBe(key);
    const count = await bapi(restarted.info.url, key, "GET", "/users/count");
    expect(count.body.total_count).toBeGreaterThanOrEqual(acknowledged.length);
    for (const id of acknowledged)
      expect((await bapi(restarted.info.url, key, "GET", `/users/${id}`)).status).toBe(200);
    restarted.child.kill("SIGKILL");
  });

  test("an unusable --data fails at once with the reason and exit 1 (Node's recursive mkdir loops on /proc)", async () => {
    const started = Date.now();
    const result = await runCli(["sandbox", "--port", "0", "--data", "/proc/nope/x"], { timeoutMs: 10_000 });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("/proc/nope/x");
    expect(result.stderr).toContain("ENOENT");
    expect(result.stderr).toContain("--data");
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  test("--reset starts from nothing; bad flags are usage errors", async () => {
    const data = tempDir();
    const first = await startSandboxProcess(["--data", data, "--seed", "3"]);
    expect(
      (await bapi(first.info.url, first.info.development.secret_key, "GET", "/users/count")).body.total_count,
    ).toBe(3);
    first.child.kill("SIGKILL");
    await exited(first.child);
    const reset = await startSandboxProcess(["--data", data, "--reset", "--seed", "empty"]);
    expect(reset.info.development.secret_key).not.toBe(first.info.development.secret_key);
    expect(
      (await bapi(reset.info.url, reset.info.development.secret_key, "GET", "/users/count")).body.total_count,
    ).toBe(0);
    reset.child.kill("SIGKILL");

    const badSeed = await runCli(["sandbox", "--seed", "lots"]);
    expect(badSeed.code).toBe(2);
    expect(badSeed.stderr).toContain("--seed");
    const badPort = await runCli(["sandbox", "--port", "99999"]);
    expect(badPort.code).toBe(2);
  });
});
