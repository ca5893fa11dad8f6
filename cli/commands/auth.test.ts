import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { useSandbox } from "../../server/sandbox/testing/harness";
import { CLI_BIN, runCli } from "../testing/run-cli";
import { runCliOnTty } from "../testing/run-tty";

const sandbox = useSandbox();
/** Many CLI runs per test: allow for a loaded machine. */
const SLOW = { timeout: 60_000 };
// Tests that move the sandbox clock must not leak its time into the next one.
afterEach(() => sandbox.control("clock", { reset: true }));

let configDir: string;
beforeEach(() => {
  configDir = mkdtempSync(join(tmpdir(), "clerk-auth-"));
});
afterEach(() => rmSync(configDir, { recursive: true, force: true }));

const env = (extra: Record<string, string> = {}) => ({
  CLERK_CONFIG_DIR: configDir,
  CLERK_CREDENTIAL_STORE: "file",
  CLERK_OAUTH_BASE_URL: sandbox.url,
  CLERK_API_URL: sandbox.url,
  ...extra,
});

const clerk = (args: string[], extra: Record<string, string> = {}) => runCli(args, { cwd: configDir, env: env(extra) });

interface StoredTokens {
  access_token: string;
  refresh_token: string;
  expires_at: number;
  oauth_base_url: string;
}

function storedTokens(profile = "default"): StoredTokens | undefined {
  const file = JSON.parse(readFileSync(join(configDir, "credentials.json"), "utf8")) as {
    profiles: Record<string, Record<string, string>>;
  };
  const text = file.profiles[profile]?.oauth_tokens;
  return text ? (JSON.parse(text) as StoredTokens) : undefined;
}

function editStoredTokens(change: (tokens: StoredTokens) => void): void {
  const path = join(configDir, "credentials.json");
  const file = JSON.parse(readFileSync(path, "utf8"));
  const tokens = JSON.parse(file.profiles.default.oauth_tokens);
  change(tokens);
  file.profiles.default.oauth_tokens = JSON.stringify(tokens);
  writeFileSync(path, JSON.stringify(file));
}

/** `clerk auth login --no-browser` running in the background, with its output so far. */
interface LoginProcess {
  child: ChildProcess;
  stderr(): string;
  /** The authorization URL the CLI printed (what the browser would open). */
  authorizeUrl: Promise<URL>;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function startLogin(args: string[] = []): LoginProcess {
  const child = spawn(process.execPath, [CLI_BIN, "auth", "login", "--no-browser", ...args], {
    cwd: configDir,
    env: { PATH: process.env.PATH, HOME: "/nonexistent", NO_COLOR: "1", ...env() },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  const authorizeUrl = new Promise<URL>((resolve, reject) => {
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
      const match = /^\s+(http:\/\/\S+\/oauth\/authorize\?\S+)$/m.exec(stderr);
      if (match?.[1]) resolve(new URL(match[1]));
    });
    child.on("close", () => reject(new Error(`login exited before printing the URL:\n${stderr}`)));
  });
  authorizeUrl.catch(() => {});
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  child.on("close", () => clearTimeout(timer));
  return { child, stderr: () => stderr, authorizeUrl, done };
}

/** What a person does in the browser: open the consent page, press a button, follow the redirect. */
async function answerConsent(authorizeUrl: URL, decision: "approve" | "deny"): Promise<Response> {
  const page = await fetch(authorizeUrl, { redirect: "manual" });
  expect(page.status).toBe(200);
  const transactionId = /name="transaction_id" value="([^"]+)"/.exec(await page.text())?.[1];
  expect(transactionId).toBeTruthy();
  const answer = await fetch(`${sandbox.url}/oauth/authorize/decision`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ transaction_id: transactionId as string, decision }).toString(),
  });
  expect(answer.status).toBe(302);
  // The browser follows the redirect to the CLI's loopback callback.
  return fetch(answer.headers.get("location") as string);
}

async function login(): Promise<StoredTokens> {
  const process = startLogin();
  const callback = await answerConsent(await process.authorizeUrl, "approve");
  expect(callback.status).toBe(200);
  expect(await callback.text()).toContain("You are logged in");
  const result = await process.done;
  expect(result.code, result.stderr).toBe(0);
  return storedTokens() as StoredTokens;
}

const userinfo = (accessToken: string) =>
  fetch(`${sandbox.url}/oauth/userinfo`, { headers: { authorization: `Bearer ${accessToken}` } });

describe("clerk auth login", SLOW, () => {
  test("PKCE + state on a loopback callback; tokens land in the store; whoami; refresh; logout revokes", async () => {
    const process = startLogin();
    const url = await process.authorizeUrl;
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: "code",
      client_id: "clerk_cli_sandbox",
      code_challenge_method: "S256",
      scope: "openid profile email applications:manage",
      redirect_uri: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/callback$/),
      state: expect.stringMatching(/^[\w-]{32}$/),
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
    });
    expect(`${url.origin}${url.pathname}`).toBe(`${sandbox.url}/oauth/authorize`);
    const callback = await answerConsent(url, "approve");
    expect(callback.status).toBe(200);
    const result = await process.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("Logged in as Sandbox Admin <admin@sandbox.localhost>");
    // The loopback server is closed once the login is done.
    await expect(fetch(url.searchParams.get("redirect_uri") as string)).rejects.toThrow();

    const tokens = storedTokens() as StoredTokens;
    expect(tokens.access_token).toMatch(/^oat_/);
    expect(tokens.refresh_token).toMatch(/^ort_/);
    expect(tokens.oauth_base_url).toBe(sandbox.url);
    expect(tokens.expires_at).toBeGreaterThan(Date.now() + 3500_000);
    expect(statSync(join(configDir, "credentials.json")).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(configDir, "config.ini"), "utf8")).toMatch(/^\[default\]$/m);
    expect(result.stdout + result.stderr).not.toContain(tokens.access_token);

    const whoami = await clerk(["auth", "whoami", "--json"]);
    expect(whoami.code, whoami.stderr).toBe(0);
    expect(whoami.json()).toMatchObject({
      profile: "default",
      oauth_server: sandbox.url,
      sub: "acct_sandbox",
      name: "Sandbox Admin",
      email: "admin@sandbox.localhost",
      credential_store: "file",
    });

    // The server's clock passes the access token's expiry: the CLI refreshes and goes on.
    await sandbox.control("clock", { advance_ms: 3601_000 });
    expect((await userinfo(tokens.access_token)).status).toBe(401);
    const afterExpiry = await clerk(["auth", "whoami", "--json"]);
    expect(afterExpiry.code, afterExpiry.stderr).toBe(0);
    const refreshed = storedTokens() as StoredTokens;
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);

    // Close to expiry by the CLI's own clock: refreshed before use.
    editStoredTokens((t) => {
      t.expires_at = Date.now() + 30_000;
    });
    expect((await clerk(["auth", "whoami"])).code).toBe(0);
    const early = storedTokens() as StoredTokens;
    expect(early.access_token).not.toBe(refreshed.access_token);
    expect(early.expires_at).toBeGreaterThan(Date.now() + 3500_000);

    const logout = await clerk(["auth", "logout", "--json"]);
    expect(logout.code, logout.stderr).toBe(0);
    expect(logout.json()).toEqual({ profile: "default", oauth_server: sandbox.url, logged_out: true, revoked: true });
    expect(storedTokens()).toBeUndefined();
    expect((await userinfo(early.access_token)).status).toBe(401);
    const refreshAfterLogout = await fetch(`${sandbox.url}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: early.refresh_token,
        client_id: "clerk_cli_sandbox",
      }).toString(),
    });
    expect(refreshAfterLogout.status).toBe(400);

    const loggedOut = await clerk(["auth", "whoami"]);
    expect(loggedOut.code).toBe(1);
    expect(JSON.parse(loggedOut.stderr).error).toMatchObject({ code: "not_logged_in" });
    expect(JSON.parse(loggedOut.stderr).error.hint).toContain("clerk auth login");
    expect((await clerk(["auth", "logout"])).stdout).toContain("Not logged in");
  });

  test("a callback with the wrong state is answered 400 and ignored; the login goes on", async () => {
    const process = startLogin();
    const url = await process.authorizeUrl;
    const callback = new URL(url.searchParams.get("redirect_uri") as string);
    callback.searchParams.set("code", "forged-code");
    callback.searchParams.set("state", "not-the-state");
    const forged = await fetch(callback);
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain("does not match");
    const noState = await fetch(url.searchParams.get("redirect_uri") as string);
    expect(noState.status).toBe(400);
    expect(process.child.exitCode).toBeNull();

    expect((await answerConsent(url, "approve")).status).toBe(200);
    const result = await process.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("Ignored a login response");
    expect(storedTokens()?.access_token).toMatch(/^oat_/);
  });

  test("denying consent fails with the fix; waiting too long times out", async () => {
    const denied = startLogin();
    const page = await answerConsent(await denied.authorizeUrl, "deny");
    expect(page.status).toBe(200);
    const deniedResult = await denied.done;
    expect(deniedResult.code).toBe(1);
    expect(JSON.parse(deniedResult.stderr.trim().split("\n").at(-1) as string).error).toMatchObject({
      message: "The login was denied in the browser.",
      code: "oauth_access_denied",
    });

    const started = Date.now();
    const slow = startLogin(["--timeout", "1s"]);
    await slow.authorizeUrl;
    const result = await slow.done;
    expect(result.code).toBe(1);
    const error = JSON.parse(result.stderr.trim().split("\n").at(-1) as string).error;
    expect(error).toMatchObject({ code: "login_timeout" });
    expect(error.message).toContain("Timed out after 1 s");
    expect(error.hint).toContain("--timeout");
    expect(Date.now() - started).toBeLessThan(8000);

    const badTimeout = await clerk(["auth", "login", "--no-browser", "--timeout", "soon"]);
    expect(badTimeout.code).toBe(2);
  });

  test("a refresh that fails tells to log in again; an unreachable OAuth server names the setting", async () => {
    const tokens = await login();
    // Revoked elsewhere (another machine logged out), then expired here.
    await fetch(`${sandbox.url}/oauth/token/revoke`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: tokens.refresh_token }).toString(),
    });
    editStoredTokens((t) => {
      t.expires_at = Date.now() - 1000;
    });
    const whoami = await clerk(["auth", "whoami"]);
    expect(whoami.code).toBe(1);
    const error = JSON.parse(whoami.stderr).error;
    expect(error).toMatchObject({ code: "login_expired" });
    expect(error.hint).toContain("clerk auth login");
    expect(storedTokens()).toBeUndefined();

    const unreachable = await clerk(["auth", "login", "--no-browser"], { CLERK_OAUTH_BASE_URL: "http://127.0.0.1:9" });
    expect(unreachable.code).toBe(1);
    expect(JSON.parse(unreachable.stderr).error).toMatchObject({ code: "oauth_unreachable" });
    expect(JSON.parse(unreachable.stderr).error.hint).toContain("CLERK_OAUTH_BASE_URL");
  });

  test("logged in without a secret key: the instance's key comes from the Platform API", async () => {
    await login();
    const noKey = { CLERK_SECRET_KEY: "" };
    const count = await clerk(["users", "count", "--json"], noKey);
    expect(count.code, count.stderr).toBe(0);
    expect(count.json()).toEqual({ object: "total_count", total_count: 0 });
    const prod = await clerk(["users", "count", "--instance", "prod", "--json"], noKey);
    expect(prod.code, prod.stderr).toBe(0);
    const wrongApp = await clerk(["users", "count", "--app", "app_missing"], noKey);
    expect(wrongApp.code).toBe(2);
    expect(JSON.parse(wrongApp.stderr).error.message).toContain("app_missing");

    const doctor = await clerk(["doctor", "--json"], noKey);
    expect(doctor.code, doctor.stdout).toBe(0);
    const report = doctor.json<{ id: string; status: string; summary: string }[]>();
    expect(report.find((c) => c.id === "backend_api")).toMatchObject({
      status: "pass",
      summary: expect.stringContaining("Platform API"),
    });
    expect(report.find((c) => c.id === "login")).toMatchObject({ status: "pass" });
    expect(report.find((c) => c.id === "platform_api")).toMatchObject({ status: "pass" });

    await clerk(["auth", "logout"]);
    const none = await clerk(["users", "count"], noKey);
    expect(none.code).toBe(1);
    expect(JSON.parse(none.stderr).error).toMatchObject({ code: "no_secret_key" });
    expect(JSON.parse(none.stderr).error.hint).toMatch(/clerk auth login.*CLERK_SECRET_KEY/);
  });
});

describe("the official CLI's top-level login, logout, whoami", SLOW, () => {
  test("clerk whoami / signout are auth's; login in agent mode with a login stored does nothing", async () => {
    await login();
    const top = await clerk(["whoami", "--json"]);
    expect(top.code, top.stderr).toBe(0);
    expect(top.json()).toEqual((await clerk(["auth", "whoami", "--json"])).json());

    const again = await clerk(["--mode", "agent", "login"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.json()).toEqual({ profile: "default", oauth_server: sandbox.url, logged_in: true, changed: false });
    const signin = await clerk(["signin", "--mode", "agent"]);
    expect(signin.code, signin.stderr).toBe(0);
    expect(signin.json()).toMatchObject({ logged_in: true, changed: false });

    const out = await clerk(["signout", "--json"]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.json()).toMatchObject({ profile: "default", logged_out: true });
    expect(storedTokens()).toBeUndefined();
    expect((await clerk(["auth", "sign-out", "--json"])).json()).toMatchObject({ logged_out: false });
  });

  test("login on a terminal when logged in asks first; no keeps the login", async () => {
    const before = await login();
    const tty = runCliOnTty(["login", "--no-browser"], { env: { ...env(), NO_COLOR: "1" }, cwd: configDir });
    await tty.waitFor("Log in again?");
    tty.type("n\r");
    const done = await tty.done;
    expect(done.code, done.output).toBe(0);
    expect(done.output).toContain("Already logged in to");
    expect(storedTokens()?.access_token).toBe(before.access_token);
  });

  test("help of the shortcuts and synonyms", async () => {
    const help = await clerk(["signin", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Same as `clerk auth login`.");
    expect(help.stdout).toContain("--browser");
  });

  test("whoami with only a secret key names the instance behind it", async () => {
    const instance = (await (await sandbox.bapi("GET", "/instance")).json()) as { id: string };
    const json = await clerk(["whoami", "--json"], { CLERK_SECRET_KEY: sandbox.secretKey });
    expect(json.code, json.stderr).toBe(0);
    expect(json.json()).toMatchObject({
      profile: "default",
      logged_in: false,
      secret_key_from: "CLERK_SECRET_KEY",
      instance_id: instance.id,
      environment_type: "development",
    });
    expect(json.stdout).not.toContain(sandbox.secretKey);
    const text = await clerk(["whoami", "-o", "table"], { CLERK_SECRET_KEY: sandbox.secretKey });
    expect(text.stdout).toContain(`instance ${instance.id} (development)`);
  });
});
