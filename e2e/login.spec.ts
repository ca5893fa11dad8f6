import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type SandboxProcessInfo, startSandboxProcess } from "../cli/testing/sandbox-process";
import { atPath, expect, type RunningPanel, startPanel, test } from "./support/panel";
import { leaks, recordReceived } from "./support/received";

/**
 * "Clerk" for these tests: a separate `clerk sandbox` process with its own OAuth server and
 * Platform API. `clerk ui` starts with nothing configured (so on its embedded sandbox) and
 * CLERK_OAUTH_BASE_URL / CLERK_API_URL / CLERK_PLATFORM_API_URL pointing at it.
 */
let clerk: { child: ChildProcess; info: SandboxProcessInfo };
let clerkData: string;
let panel: RunningPanel;
let acme: {
  application_id: string;
  instances: { instance_id: string; environment_type: string; secret_key: string }[];
};

const credentialFile = () => join(panel.home, ".config", "clerk", "cli", "credentials.json");
const storedTokens = () =>
  existsSync(credentialFile())
    ? (
        JSON.parse(readFileSync(credentialFile(), "utf8")) as {
          profiles: Record<string, { oauth_tokens?: string }>;
        }
      ).profiles.default?.oauth_tokens
    : undefined;

async function platform(path: string, token: string, body?: unknown): Promise<Response> {
  return fetch(`${clerk.info.url}/v1/platform${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function createUser(secretKey: string, email: string): Promise<void> {
  const response = await fetch(`${clerk.info.url}/v1/users`, {
    method: "POST",
    headers: { authorization: `Bearer ${secretKey}`, "content-type": "application/json" },
    body: JSON.stringify({ email_address: [email] }),
  });
  expect(response.status).toBe(200);
}

test.beforeEach(async () => {
  clerkData = mkdtempSync(join(tmpdir(), "clerk-e2e-account-"));
  clerk = await startSandboxProcess(["--data", clerkData]);
  // A second application, with a production instance that has one user of its own.
  const created = await platform("/applications", clerk.info.platform_api_key, {
    name: "Acme Store",
    environment_types: ["development", "production"],
  });
  expect(created.status).toBe(200);
  acme = (await created.json()) as typeof acme;
  const production = acme.instances.find((instance) => instance.environment_type === "production");
  await createUser(production?.secret_key ?? "", "live.customer@acme.example");
  // One user the embedded sandbox does not have (both start from the same demo seed).
  await createUser(clerk.info.development.secret_key, "account.owner@clerk.example");
  panel = await startPanel({
    sandbox: false,
    env: {
      CLERK_API_URL: clerk.info.url,
      CLERK_PLATFORM_API_URL: clerk.info.url,
      CLERK_OAUTH_BASE_URL: clerk.info.url,
    },
  });
});

test.afterEach(async () => {
  await panel.stop();
  clerk.child.kill("SIGTERM");
  await new Promise((resolve) => (clerk.child.exitCode !== null ? resolve(null) : clerk.child.once("exit", resolve)));
  rmSync(clerkData, { recursive: true, force: true });
});

test("logs in through the OAuth consent page, picks an app and instance, and logs out with the tokens revoked", async ({
  page,
}) => {
  const received = recordReceived(page.context());
  const embeddedHost = new URL(panel.sandboxUrl).host;
  const clerkHost = new URL(clerk.info.url).host;
  await page.goto(panel.launchUrl);
  await page.waitForURL(atPath(panel, "/users"));
  const header = page.getByTestId("header");

  // Nothing configured: the embedded sandbox, and a way to log in.
  await expect(header.getByTestId("sandbox-badge")).toBeVisible();
  await expect(header.getByTestId("api-host")).toHaveText(embeddedHost);
  await expect(header.getByTestId("account")).toHaveCount(0);
  await expect(page.getByTestId("page-status")).toContainText("of 24");

  // The consent page of the OAuth server, with PKCE, state and the callback on the panel.
  await header.getByTestId("login").click();
  await page.waitForURL((url) => url.href.startsWith(`${clerk.info.url}/oauth/authorize`));
  const authorize = new URL(page.url());
  expect(authorize.searchParams.get("redirect_uri")).toBe(`${panel.url}/oauth/callback`);
  expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
  expect(authorize.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(authorize.searchParams.get("state")?.length).toBeGreaterThanOrEqual(32);
  await expect(page.getByRole("heading", { name: /Clerk CLI.*wants to access/ })).toBeVisible();
  await page.getByRole("button", { name: "Approve" }).click();

  // Back on the panel, now on the account: its applications in the picker, its API host.
  await page.waitForURL(atPath(panel, "/users"));
  await expect(header.getByTestId("account")).toHaveText("Sandbox Admin");
  await expect(header.getByTestId("sandbox-badge")).toHaveCount(0);
  await expect(header.getByTestId("api-host")).toHaveText(clerkHost);
  await expect(header.getByTestId("app-picker").locator("option")).toHaveText(["Sandbox", "Acme Store"]);
  await expect(header.getByTestId("instance-picker")).toHaveValue(clerk.info.development.instance_id);
  await expect(header.getByTestId("production-badge")).toHaveCount(0);
  await expect(page.getByRole("cell", { name: "account.owner@clerk.example" })).toBeVisible();
  await expect(page.getByTestId("page-status")).toContainText("of 25");

  // The tokens went to the credential store (the 0600 file here); the browser never saw them.
  const tokens = JSON.parse(storedTokens() ?? "null") as { access_token: string; refresh_token: string };
  expect(tokens.access_token).toBeTruthy();
  expect(statSync(credentialFile()).mode & 0o777).toBe(0o600);
  expect((await platform("/applications", tokens.access_token)).status).toBe(200);

  // Switching app and instance: production is marked, and the list is that instance's users.
  await header.getByTestId("app-picker").selectOption({ label: "Acme Store" });
  await expect(header.getByTestId("instance-picker")).toHaveValue(
    acme.instances.find((i) => i.environment_type === "development")?.instance_id ?? "",
  );
  await expect(page.getByText("No users yet.")).toBeVisible();
  await expect(page.getByTestId("cli-command")).toHaveText(/clerk users list --limit 20 --app \S+$/);
  await header.getByTestId("instance-picker").selectOption({ label: "production" });
  await expect(header.getByTestId("production-badge")).toBeVisible();
  await expect(header).toHaveClass(/header-production/);
  await expect(page.getByRole("cell", { name: "live.customer@acme.example" })).toBeVisible();
  // The CLI line acts on what the panel shows.
  await expect(page.getByTestId("cli-command")).toContainText(
    `clerk users list --limit 20 --app ${acme.application_id} --instance production`,
  );
  await expect(header.getByTestId("api-host")).toHaveText(clerkHost);

  // Logging out revokes the tokens at the OAuth server and forgets them; the panel goes back
  // to the embedded sandbox.
  await header.getByTestId("logout").click();
  await expect(page.getByTestId("toast-success").filter({ hasText: "Logged out" })).toContainText("revoked");
  await expect(header.getByTestId("sandbox-badge")).toBeVisible();
  await expect(header.getByTestId("api-host")).toHaveText(embeddedHost);
  await expect(header.getByTestId("login")).toBeVisible();
  expect(storedTokens()).toBeUndefined();
  expect((await platform("/applications", tokens.access_token)).status).toBe(401);
  const refreshed = await fetch(`${clerk.info.url}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token,
      client_id: "clerk_cli_sandbox",
    }).toString(),
  });
  expect(refreshed.status).toBe(400);

  // Nothing the browser received, nor the terminal, ever held a token.
  const secrets = [tokens.access_token, tokens.refresh_token, clerk.info.platform_api_key];
  expect(leaks(await received.all(), secrets)).toEqual([]);
  for (const secret of secrets) expect(panel.stderr()).not.toContain(secret);
});

test("a denied consent, or a replayed callback, logs nobody in", async ({ page }) => {
  await page.goto(panel.launchUrl);
  await page.waitForURL(atPath(panel, "/users"));
  await page.getByTestId("login").click();
  await page.waitForURL((url) => url.href.startsWith(`${clerk.info.url}/oauth/authorize`));
  await page.getByRole("button", { name: "Deny" }).click();
  await expect(page.getByRole("heading", { name: "Login cancelled" })).toBeVisible();
  await expect(page.locator("body")).toContainText("you denied the request");
  expect(storedTokens()).toBeUndefined();

  // Approve, then replay the very callback URL: the state was used once and is gone.
  await page.goto(`${panel.url}/users`);
  await page.getByTestId("login").click();
  await page.waitForURL((url) => url.href.startsWith(`${clerk.info.url}/oauth/authorize`));
  const callbacks: string[] = [];
  page.on("request", (request) => {
    if (request.url().startsWith(`${panel.url}/oauth/callback`)) callbacks.push(request.url());
  });
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("account")).toHaveText("Sandbox Admin");
  expect(callbacks).toHaveLength(1);
  await page.goto(callbacks[0] as string);
  await expect(page.getByRole("heading", { name: "Login failed" })).toBeVisible();
  await expect(page.locator("body")).toContainText("does not belong to a login started from this panel");

  // A forged callback with a made-up state is refused the same way.
  await page.goto(`${panel.url}/oauth/callback?code=forged&state=forged`);
  await expect(page.getByRole("heading", { name: "Login failed" })).toBeVisible();
});
