import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { useSandbox } from "../../server/sandbox/testing/harness";
import { createPanelServer, type PanelServer } from "../../server/ui/app";
import { createPanelBackend } from "../../server/ui/panel-backend";
import { catalog } from "../../shared/actions/catalog";
import type { GlobalOptions } from "../globals";
import { resolveSettings } from "../settings/resolve";
import { accountBackend } from "./account-backend";
import { configuredCredentials, hasCredentials } from "./run";

/**
 * "Log in with Clerk" through the panel server (inject) against a real sandbox's OAuth server:
 * nothing configured at first (the panel works on a sandbox backend), the consent page is
 * answered over HTTP as a browser would, the tokens land in a throw-away credential file.
 */
const sandbox = useSandbox({ resetEachTest: false });
const dir = mkdtempSync(join(tmpdir(), "panel-login-"));
const globals: GlobalOptions = { output: "json", yes: false, dryRun: false, all: false, debug: false };
let env: NodeJS.ProcessEnv;
let panel: PanelServer;
let port: number;
let cookie: string;

const settings = () => resolveSettings(globals, env, { cwd: dir, home: dir });
const credentialFile = () => join(dir, "config", "credentials.json");
const storedTokens = (): { access_token: string; refresh_token: string } | undefined => {
  try {
    const text = JSON.parse(readFileSync(credentialFile(), "utf8")).profiles.default?.oauth_tokens;
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
};

beforeAll(async () => {
  env = {
    CLERK_CONFIG_DIR: join(dir, "config"),
    CLERK_CREDENTIAL_STORE: "file",
    CLERK_OAUTH_BASE_URL: sandbox.url,
    CLERK_API_URL: sandbox.url,
    CLERK_PLATFORM_API_URL: sandbox.url,
  };
  const key = sandbox.credentials.platform_api_key;
  const fallback = createPanelBackend({
    apiUrl: sandbox.url,
    platformApiUrl: sandbox.url,
    sandbox: true,
    platformToken: async () => key,
    userAgent: "test",
  });
  const initial = await settings();
  expect(await hasCredentials(initial)).toBe(false);
  panel = createPanelServer({
    backend: accountBackend({
      settings: initial,
      initial: fallback,
      resolveSettings: settings,
      backendFor: async (current) =>
        (await hasCredentials(current)) ? createPanelBackend(await configuredCredentials(current)) : fallback,
    }),
    catalog,
    staticDir: join(dir, "no-static"),
  });
  port = await panel.listen(0);
  const launch = await fetch(panel.launchUrl(), { redirect: "manual" });
  cookie = (launch.headers.get("set-cookie") ?? "").split(";")[0] as string;
});
afterAll(async () => {
  await panel.close();
  rmSync(dir, { recursive: true, force: true });
});

const host = () => `127.0.0.1:${port}`;
const inject = (options: InjectOptions) =>
  panel.app.inject({ ...options, headers: { host: host(), cookie, ...(options.headers as Record<string, string>) } });
const post = (url: string, headers: Record<string, string> = {}) =>
  inject({
    method: "POST",
    url,
    payload: "{}",
    headers: { "content-type": "application/json", "x-clerk-ui": "1", ...headers },
  });
const info = async () => (await inject({ method: "GET", url: "/api/info" })).json();

/** Starts a login and answers the sandbox's consent page the way a browser does; returns the callback URL. */
async function approvedCallback(decision: "approve" | "deny" = "approve"): Promise<URL> {
  const { authorize_url } = (await post("/api/auth/login")).json() as { authorize_url: string };
  const consent = await (await fetch(authorize_url)).text();
  const transaction = /name="transaction_id" value="([^"]+)"/.exec(consent)?.[1] ?? "";
  const answer = await fetch(`${sandbox.url}/oauth/authorize/decision`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: sandbox.url },
    body: new URLSearchParams({ transaction_id: transaction, decision }).toString(),
  });
  expect(answer.status).toBe(302);
  return new URL(answer.headers.get("location") ?? "");
}

/** The browser arriving at the callback: a navigation, without the session cookie (the OAuth server is another site). */
const callback = (url: URL, headers: Record<string, string> = {}) =>
  panel.app.inject({
    method: "GET",
    url: `${url.pathname}${url.search}`,
    headers: { host: host(), "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate", ...headers },
  });

describe("Log in with Clerk from the panel", () => {
  test("starting a login needs the session and the custom header; it asks for PKCE S256 and a state", async () => {
    expect(
      (await panel.app.inject({ method: "POST", url: "/api/auth/login", headers: { host: host() } })).statusCode,
    ).toBe(401);
    const noHeader = await inject({
      method: "POST",
      url: "/api/auth/login",
      payload: "{}",
      headers: { "content-type": "application/json" },
    });
    expect(noHeader.statusCode).toBe(403);
    expect(await info()).toMatchObject({ sandbox: true, login: { available: true, logged_in: false } });

    const started = await post("/api/auth/login");
    expect(started.statusCode).toBe(200);
    const url = new URL(started.json().authorize_url);
    expect(url.origin + url.pathname).toBe(`${sandbox.url}/oauth/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: "code",
      client_id: "clerk_cli_sandbox",
      redirect_uri: `http://${host()}/oauth/callback`,
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge_method: "S256",
      state: expect.stringMatching(/^[\w-]{32}$/),
    });
    // The callback goes back to the name the browser uses (its cookie is per host).
    const viaLocalhost = await post("/api/auth/login", { host: `localhost:${port}` });
    expect(new URL(viaLocalhost.json().authorize_url).searchParams.get("redirect_uri")).toBe(
      `http://localhost:${port}/oauth/callback`,
    );
  });

  test("a denied consent or a forged callback logs nobody in", async () => {
    const denied = await callback(await approvedCallback("deny"));
    expect(denied.statusCode).toBe(400);
    expect(denied.body).toContain("you denied the request");
    const forged = await callback(new URL(`http://${host()}/oauth/callback?code=x&state=made-up`));
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain("does not belong to a login started from this panel");
    // An answer claiming another OAuth server (mix-up attack) is refused, and uses up its state.
    const approved = await approvedCallback();
    approved.searchParams.set("iss", "https://evil.example");
    expect((await callback(approved)).body).toContain("comes from another OAuth server");
    approved.searchParams.delete("iss");
    expect((await callback(approved)).body).toContain("does not belong to a login started from this panel");
    // Scripts on other sites cannot call the callback at all: only a navigation may.
    const fetched = await callback(await approvedCallback(), { "sec-fetch-mode": "cors" });
    expect(fetched.statusCode).toBe(403);
    expect(storedTokens()).toBeUndefined();
    expect(await info()).toMatchObject({ sandbox: true, login: { logged_in: false } });
  });

  test("an approved login stores the tokens, works once, and moves the panel to the account; logout revokes", async () => {
    const url = await approvedCallback();
    const landed = await callback(url);
    expect(landed.statusCode).toBe(200);
    expect(landed.body).toContain('http-equiv="refresh" content="0;url=/"');
    const tokens = storedTokens();
    expect(tokens?.access_token).toBeTruthy();
    expect((await callback(url)).statusCode).toBe(400); // the same code and state, replayed

    const after = await info();
    expect(after).toMatchObject({
      sandbox: false,
      api_host: new URL(sandbox.url).host,
      application: { id: sandbox.credentials.application_id },
      login: { available: true, logged_in: true, account: { name: "Sandbox Admin", email: "admin@sandbox.localhost" } },
    });
    // The panel calls Clerk with the login now, and never hands out a token.
    const users = await post("/api/actions/users.list");
    expect(users.statusCode).toBe(200);
    for (const body of [JSON.stringify(after), users.body, landed.body]) {
      expect(body).not.toContain(tokens?.access_token);
      expect(body).not.toContain(tokens?.refresh_token);
    }

    const out = await post("/api/auth/logout");
    expect(out.json()).toEqual({ logged_out: true, revoked: true });
    expect(storedTokens()).toBeUndefined();
    const refused = await fetch(`${sandbox.url}/v1/platform/applications`, {
      headers: { authorization: `Bearer ${tokens?.access_token}` },
    });
    expect(refused.status).toBe(401);
    expect(await info()).toMatchObject({ sandbox: true, login: { logged_in: false } });
  });
});
