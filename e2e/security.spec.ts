import { readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import config from "../playwright.config";
import { sandboxInfo, secretKey } from "./support/cli";
import { atPath, expect, firstRow, type RunningPanel, test } from "./support/panel";
import { leaks, recordReceived, SECRET_SHAPE, wireResponses } from "./support/received";

/** How many users of the panel's development instance have this email, asked of the sandbox directly. */
async function usersWithEmail(panel: RunningPanel, email: string): Promise<number> {
  const key = await secretKey(panel);
  const response = await fetch(`${panel.sandboxUrl}/v1/users?email_address=${encodeURIComponent(email)}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  return ((await response.json()) as unknown[]).length;
}

/**
 * The attacker: a page on another origin, served by a tiny HTTP server on another port of the
 * same loopback address. It is same-site with the panel (ports do not separate sites), so the
 * browser even sends the panel's SameSite=Strict cookie along: only the server's checks stand
 * in the way.
 */
let attacker: Server;
let attackerOrigin: string;
test.beforeAll(async () => {
  attacker = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end("<!doctype html><title>Another site</title><body><h1>Another site</h1></body>");
  });
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => attacker.close(() => resolve())));

/** A tab on the attacker's page, in the browser where the panel is signed in. */
async function attackerTab(signedIn: Page): Promise<Page> {
  const tab = await signedIn.context().newPage();
  await tab.goto(attackerOrigin);
  return tab;
}

test.describe("a page on another origin", () => {
  test("cannot read /api/*: the server refuses, and no CORS header would let the page read", async ({
    signedIn,
    panel,
  }) => {
    const tab = await attackerTab(signedIn);
    const wire = await wireResponses(tab);
    const paths = ["/api/info", "/api/catalog", "/users"];
    for (const path of paths) {
      for (const mode of ["cors", "no-cors"] as const) {
        const outcome = await tab.evaluate(
          async ([url, fetchMode]) => {
            try {
              const response = await fetch(url as string, { mode: fetchMode as RequestMode, credentials: "include" });
              return { type: response.type, read: await response.text() };
            } catch (error) {
              return { error: String(error) };
            }
          },
          [`${panel.url}${path}`, mode],
        );
        // CORS (no Access-Control-Allow-Origin) and CORP (same-origin) keep even the opaque answer away.
        expect(outcome).toEqual({ error: "TypeError: Failed to fetch" });
      }
    }
    const answers = wire.all().filter((response) => response.url.startsWith(panel.url));
    expect(answers.map((response) => `${response.url.slice(panel.url.length)} ${response.status}`)).toEqual(
      paths.flatMap((path) => [`${path} 403`, `${path} 403`]),
    );
    for (const response of answers) {
      expect(Object.keys(response.headers).filter((name) => name.startsWith("access-control-"))).toEqual([]);
      expect(response.headers["cross-origin-resource-policy"]).toBe("same-origin");
    }
  });

  test("cannot post: a JSON fetch with the custom header, a text/plain post and an HTML form all fail", async ({
    signedIn,
    panel,
  }) => {
    const tab = await attackerTab(signedIn);
    const wire = await wireResponses(tab);
    const url = `${panel.url}/api/actions/users.create`;
    const post = (contentType: string, email: string, headers: Record<string, string> = {}) =>
      tab.evaluate(
        async ([target, type, body, extra]) => {
          try {
            await fetch(target as string, {
              method: "POST",
              credentials: "include",
              headers: { "content-type": type as string, ...(extra as Record<string, string>) },
              body: body as string,
            });
            return "sent";
          } catch (error) {
            return String(error);
          }
        },
        [url, contentType, JSON.stringify({ email_address: [email] }), headers] as const,
      );

    // JSON with the custom header needs a CORS preflight; the server refuses it, so the POST never leaves.
    expect(await post("application/json", "json.attack@example.com", { "x-clerk-ui": "1" })).toBe(
      "TypeError: Failed to fetch",
    );
    // text/plain is a "simple" request that needs no preflight: it arrives, and is refused.
    expect(await post("text/plain", "text.attack@example.com")).toBe("TypeError: Failed to fetch");
    // An HTML form (text/plain encoding smuggling a JSON body) navigates to the refusal.
    const formAnswer = tab.waitForResponse((response) => response.url() === url);
    await tab.evaluate((target) => {
      const form = document.createElement("form");
      form.method = "POST";
      form.action = target;
      form.enctype = "text/plain";
      const input = document.createElement("input");
      input.name = '{"email_address":["form.attack@example.com"],"x":"';
      input.value = '"}';
      form.append(input);
      document.body.append(form);
      form.submit();
    }, url);
    const formResponse = await formAnswer;
    expect(formResponse.status()).toBe(403);
    expect(await formResponse.json()).toMatchObject({ error: { code: "origin_not_allowed" } });

    const answers = wire.all().filter((response) => response.url === url);
    expect(answers.map((response) => `${response.method} ${response.status}`)).toEqual([
      "OPTIONS 403", // the JSON fetch's preflight; its POST was never sent
      "POST 403", // text/plain
      "POST 403", // the form
    ]);
    for (const email of ["json.attack@example.com", "text.attack@example.com", "form.attack@example.com"]) {
      expect(await usersWithEmail(panel, email)).toBe(0);
    }

    // The panel's own page can (the same request, from its origin).
    const own = await signedIn.evaluate(
      async ([target, body]) =>
        (
          await fetch(target as string, {
            method: "POST",
            headers: { "content-type": "application/json", "x-clerk-ui": "1" },
            body,
          })
        ).status,
      [url, JSON.stringify({ email_address: ["own.page@example.com"] })],
    );
    expect(own).toBe(200);
    expect(await usersWithEmail(panel, "own.page@example.com")).toBe(1);
  });

  test("cannot frame the panel", async ({ signedIn, panel }) => {
    const tab = await attackerTab(signedIn);
    const framed = tab.waitForResponse((response) => response.url() === `${panel.url}/users`);
    await tab.evaluate((src) => {
      const frame = document.createElement("iframe");
      frame.src = src;
      document.body.append(frame);
    }, `${panel.url}/users`);
    const response = await framed;
    // Refused outright (cross-site from the frame's point of view), and never frameable anyway.
    expect(response.status()).toBe(403);
    expect(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(response.headers()["x-frame-options"]).toBe("DENY");
    const frame = tab.frames().find((candidate) => candidate !== tab.mainFrame());
    expect(await frame?.locator("[data-testid=header]").count()).toBe(0);
  });
});

test("a request for a foreign Host name (DNS rebinding) is refused", async ({ playwright, panel }) => {
  // The attacker's name resolves to 127.0.0.1, as a rebinding DNS server would make it.
  const launch = config.use?.launchOptions ?? {};
  const browser = await playwright.chromium.launch({
    ...launch,
    args: [...(launch.args ?? []), "--host-resolver-rules=MAP rebind.attacker.test 127.0.0.1"],
  });
  try {
    const page = await browser.newPage();
    const port = new URL(panel.url).port;
    for (const path of ["/", "/api/info", "/launch"]) {
      const response = await page.goto(`http://rebind.attacker.test:${port}${path}`);
      expect(response?.status()).toBe(421);
      expect(await response?.json()).toMatchObject({ error: { code: "host_not_allowed" } });
    }
    // Even with a valid launch code, the foreign name gets no session.
    const code = new URL(await panel.reopen()).searchParams.get("code");
    const launched = await page.goto(`http://rebind.attacker.test:${port}/launch?code=${code}`);
    expect(launched?.status()).toBe(421);
    expect(await page.context().cookies()).toEqual([]);
  } finally {
    await browser.close();
  }
});

test("the launch code works once and leaves the address bar", async ({ browser, panel }) => {
  const first = await browser.newContext();
  const page = await first.newPage();
  await page.goto(panel.launchUrl);
  await expect(page).toHaveURL(atPath(panel, "/users"));
  await expect(page.getByTestId("header")).toBeVisible();
  const cookies = await first.cookies();
  expect(cookies).toHaveLength(1);
  expect(cookies[0]).toMatchObject({
    name: `clerk_ui_${new URL(panel.url).port}`,
    httpOnly: true,
    sameSite: "Strict",
  });
  expect(await page.evaluate(() => document.cookie)).toBe("");
  await first.close();

  // Someone who saw the link later (history, a screenshot, a log) gets nothing.
  const second = await browser.newContext();
  const again = await second.newPage();
  const response = await again.goto(panel.launchUrl);
  expect(response?.status()).toBe(403);
  await expect(again.locator("body")).toContainText("already used");
  expect(await second.cookies()).toEqual([]);
  const locked = await again.goto(`${panel.url}/users`);
  expect(locked?.status()).toBe(401);
  await expect(again.locator("body")).toContainText("opens only from the link printed by");
  await second.close();
});

test("no response or built asset the browser received contains a secret", async ({ browser, panel }) => {
  const context = await browser.newContext();
  const received = recordReceived(context);
  const page = await context.newPage();
  await page.goto(panel.launchUrl);
  // Every view, including the record pages, the config (which holds secrets) and deploy.
  await firstRow(page).click();
  await expect(page).toHaveURL(/\/users\/user_/);
  await expect(page.getByRole("heading", { name: "Metadata" })).toBeVisible();
  const sections = page.getByRole("navigation", { name: "Sections" });
  await sections.getByRole("link", { name: "Organizations" }).click();
  await firstRow(page).click();
  await expect(page).toHaveURL(/\/orgs\/org_/);
  await expect(page.getByRole("heading", { name: /Members/ })).toBeVisible();
  await sections.getByRole("link", { name: "Config" }).click();
  await expect(page.getByText("Valid JSON")).toBeVisible();
  await page.getByRole("button", { name: "Compare with production" }).click();
  await sections.getByRole("link", { name: "Deploy" }).click();
  await expect(page.getByRole("heading", { name: "Domains" })).toBeVisible();
  await page.getByTestId("instance-picker").selectOption({ label: "production" });
  await expect(page.getByTestId("production-badge")).toBeVisible();
  await sections.getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  await page.waitForLoadState("networkidle");

  const all = await received.all();
  const kinds = (pattern: RegExp) => all.filter((entry) => pattern.test(entry.contentType)).length;
  expect(kinds(/javascript/)).toBeGreaterThan(0);
  expect(kinds(/css/)).toBeGreaterThan(0);
  expect(kinds(/json/)).toBeGreaterThan(10);
  expect(all.some((entry) => entry.url.includes("/api/actions/config."))).toBe(true);
  const { platform_api_key, development, production } = await sandboxInfo(panel);
  expect(leaks(all, [platform_api_key, development.secret_key, production.secret_key])).toEqual([]);
  await context.close();

  // And the built panel on disk, whatever a page happened to load.
  const dist = fileURLToPath(new URL("../dist/web/", import.meta.url));
  const files = readdirSync(dist, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  expect(files.length).toBeGreaterThan(2);
  for (const file of files) {
    expect(readFileSync(join(file.parentPath, file.name), "utf8")).not.toMatch(SECRET_SHAPE);
  }
});
