import type { Page } from "@playwright/test";
import { action, runCliLine, sandboxInfo } from "./support/cli";
import { atPath, expect, firstRow, type RunningPanel, test } from "./support/panel";

/**
 * What holds on every screen: the header, copy buttons on ids, JSON views equal to the CLI's
 * `--json`, Clerk's errors in toasts, skeletons, error states that say what to do, dark mode.
 */

const sections = (page: Page) => page.getByRole("navigation", { name: "Sections" });

/**
 * Every Clerk id shown as text on the page that has no copy button for it. Ids inside CLI
 * lines, JSON views, editors, pickers and toasts are copied with those instead.
 */
function idsWithoutCopyButton(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const idPattern = /\b[a-z]{2,8}_[A-Za-z0-9]{20,}\b/g;
    const copiedElsewhere = "[data-testid=cli-command], [data-testid=json-view], textarea, select, .toasts, dialog";
    const missing = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest(copiedElsewhere)) continue;
      for (const [id] of node.textContent?.matchAll(idPattern) ?? []) {
        const button = [...document.querySelectorAll("button.copy-button")].find(
          (candidate) => candidate.getAttribute("aria-label") === `Copy ${id}`,
        );
        if (!button) missing.add(id);
      }
    }
    return [...missing];
  });
}

async function expectEveryIdCopyable(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  await expect(page.locator(".skeleton-line")).toHaveCount(0);
  expect(await idsWithoutCopyButton(page)).toEqual([]);
}

/** A user with a session and a membership, and an organization with a member and an invitation. */
async function recordsWithEverything(page: Page, panel: RunningPanel) {
  const user = await action<{ id: string }>(page, panel, "users.create", {
    email_address: ["copy.me@example.com"],
    first_name: "Copy",
  });
  const { development } = await sandboxInfo(panel);
  const session = await fetch(`${panel.sandboxUrl}/v1/sessions`, {
    method: "POST",
    headers: { authorization: `Bearer ${development.secret_key}`, "content-type": "application/json" },
    body: JSON.stringify({ user_id: user.id }),
  });
  expect(session.status).toBe(200);
  const org = await action<{ id: string }>(page, panel, "orgs.create", { name: "Copy Club" });
  await action(page, panel, "orgs.members.add", { organization_id: org.id, user_id: user.id, role: "org:member" });
  await action(page, panel, "orgs.invitations.create", {
    organization_id: org.id,
    email_address: "invitee@example.com",
    role: "org:member",
  });
  return { user, org };
}

test("the header shows the app, the instance and the API host; production is marked", async ({
  signedIn: page,
  panel,
}) => {
  const header = page.getByTestId("header");
  await expect(header.getByTestId("sandbox-badge")).toBeVisible();
  await expect(header.getByTestId("app-picker")).toHaveValue((await sandboxInfo(panel)).application_id);
  await expect(header.getByTestId("app-picker").locator("option:checked")).toHaveText("Sandbox");
  await expect(header.getByTestId("instance-picker").locator("option:checked")).toHaveText("development");
  await expect(header.getByTestId("api-host")).toHaveText(new URL(panel.sandboxUrl).host);
  await expect(header.getByTestId("production-badge")).toHaveCount(0);
  await expect(page.getByTestId("cli-command")).toHaveText(/clerk users list --limit 20\s*$/);

  await header.getByTestId("instance-picker").selectOption({ label: "production" });
  await expect(header.getByTestId("production-badge")).toBeVisible();
  await expect(header).toHaveClass(/header-production/);
  // Every CLI line now names the instance, so copying one never acts on development by mistake.
  await expect(page.getByTestId("cli-command")).toContainText("clerk users list --limit 20 --instance production");
  // A record's page of the other instance is left for its list.
  await header.getByTestId("instance-picker").selectOption({ label: "development" });
  await firstRow(page).click();
  await expect(page).toHaveURL(/\/users\/user_/);
  await header.getByTestId("instance-picker").selectOption({ label: "production" });
  await expect(page).toHaveURL(atPath(panel, "/users"));
  await expect(page.getByTestId("production-badge")).toBeVisible();
});

test("every id on every page has a copy button, and it copies the id; CLI lines copy as shown", async ({
  signedIn: page,
  panel,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const { user, org } = await recordsWithEverything(page, panel);

  await expectEveryIdCopyable(page);
  await page.goto(`${panel.url}/users/${user.id}`);
  await expect(page.getByTestId("session-row")).toHaveCount(1);
  await expect(page.getByText("Copy Club")).toBeVisible();
  await expectEveryIdCopyable(page);
  await page
    .getByRole("button", { name: `Copy ${user.id}` })
    .first()
    .click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(user.id);

  const deleteLine = page.getByTestId("cli-command").filter({ hasText: "clerk users delete" });
  await deleteLine.getByRole("button", { name: "Copy CLI command" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`clerk users delete ${user.id}`);

  await sections(page).getByRole("link", { name: "Organizations" }).click();
  await expectEveryIdCopyable(page);
  await page.goto(`${panel.url}/orgs/${org.id}`);
  await expect(page.getByText("invitee@example.com")).toBeVisible();
  await expectEveryIdCopyable(page);
  await sections(page).getByRole("link", { name: "Deploy" }).click();
  await expect(page.getByRole("heading", { name: "Domains" })).toBeVisible();
  await expectEveryIdCopyable(page);
  await sections(page).getByRole("link", { name: "Config" }).click();
  await expect(page.getByText("Valid JSON")).toBeVisible();
  await expectEveryIdCopyable(page);
});

test("every JSON view shows the `clerk … --json` line that prints exactly the same", async ({
  signedIn: page,
  panel,
}) => {
  const { user, org } = await recordsWithEverything(page, panel);
  /** Opens each JSON view on the page, runs the CLI line it shows, and compares. */
  const checkJsonViews = async (expected: number, exitCode = 0) => {
    await page.waitForLoadState("networkidle");
    const toggles = page.locator(".json-view > button");
    await expect(toggles).toHaveCount(expected);
    for (let i = 0; i < expected; i++) {
      const view = page.locator(".json-view").nth(i);
      await view.locator("> button").click();
      const line = (await view.getByTestId("cli-command").locator("code").textContent()) ?? "";
      expect(line).toMatch(/^clerk .* --json/);
      const run = await runCliLine(panel, line);
      expect(run.code, `${line}\n${run.stderr}`).toBe(exitCode);
      expect((await view.getByTestId("json-view").textContent()) ?? "", line).toBe(run.stdout.trimEnd());
    }
  };
  await page.goto(`${panel.url}/users/${user.id}`);
  await checkJsonViews(3); // the user, their sessions, their memberships
  await page.goto(`${panel.url}/orgs/${org.id}`);
  await checkJsonViews(3); // the organization, its members, its invitations
  await sections(page).getByRole("link", { name: "Config" }).click();
  await expect(page.getByText("Valid JSON")).toBeVisible();
  await checkJsonViews(1);
  await sections(page).getByRole("link", { name: "Deploy" }).click();
  await expect(page.getByRole("heading", { name: "Domains" })).toBeVisible();
  // `deploy status` exits 1 while production is not ready (as the official CLI), still printing it.
  await checkJsonViews(1, 1);
});

test("Clerk's errors reach a toast with message, code, parameter and a copyable trace id", async ({
  signedIn: page,
  panel,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await action(page, panel, "users.create", { email_address: ["taken@example.com"] });
  await page.getByRole("button", { name: "New user" }).click();
  await page.getByLabel("Email address").fill("taken@example.com");
  await page.getByRole("button", { name: "Create user" }).click();
  const toast = page.getByTestId("toast-error");
  await expect(toast).toContainText("That email address is taken. Please try another.");
  await expect(toast).toContainText("form_identifier_exists");
  await expect(toast).toContainText("parameter: email_address");
  const trace = /trace ([0-9a-f]{32})/.exec((await toast.textContent()) ?? "")?.[1];
  expect(trace).toBeTruthy();
  await toast.getByRole("button", { name: "Copy trace id" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(trace);
  // Errors stay until dismissed.
  await toast.getByRole("button", { name: "Dismiss" }).click();
  await expect(toast).toHaveCount(0);
});

test("skeletons while loading; an ended session says how to get back in", async ({ signedIn: page, panel }) => {
  // Hold the organizations list at the network until the skeleton has been seen.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(`${panel.url}/api/actions/orgs.list`, async (route) => {
    await held;
    await route.continue();
  });
  await sections(page).getByRole("link", { name: "Organizations" }).click();
  await expect(page.locator(".skeleton-row").first()).toBeVisible();
  release();
  await expect(page.getByTestId("data-table").locator("tbody tr:not(.skeleton-row)")).toHaveCount(4);
  await page.unroute(`${panel.url}/api/actions/orgs.list`);

  // The session cookie gone (clerk ui restarted, cookies cleared): every page says what to do.
  await page.context().clearCookies();
  await sections(page).getByRole("link", { name: "Deploy" }).click();
  const error = page.getByRole("alert").filter({ hasText: "session_required" });
  await expect(error).toContainText("Your panel session ended: open the link printed by `clerk ui` again");
  await expect(error).toContainText("clerk ui --reopen");
  await expect(error.getByRole("button", { name: "Try again" })).toBeVisible();
  // And a banner above every page says so, since what was loaded before may be stale now.
  await expect(page.getByTestId("session-ended")).toContainText("This panel is disconnected.");
  await page.goto(await panel.reopen("/deploy"));
  await expect(page.getByRole("heading", { name: "Domains" })).toBeVisible();
  await expect(page.getByTestId("session-ended")).toHaveCount(0);
});

test("dark mode follows the system; the toggle overrides it and is remembered", async ({ signedIn: page }) => {
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const toggle = page.getByTestId("theme-toggle");
  await page.emulateMedia({ colorScheme: "light" });
  const light = await background();
  await page.emulateMedia({ colorScheme: "dark" });
  const dark = await background();
  expect(dark).not.toBe(light);
  await expect(toggle).toHaveAttribute("aria-label", "Theme: system");

  await toggle.click(); // system → dark
  await expect(toggle).toHaveAttribute("aria-label", "Theme: dark");
  await page.emulateMedia({ colorScheme: "light" });
  expect(await background()).toBe(dark);
  await toggle.click(); // dark → light
  await expect(toggle).toHaveAttribute("aria-label", "Theme: light");
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await background()).toBe(light);
  await page.reload();
  await expect(toggle).toHaveAttribute("aria-label", "Theme: light");
  expect(await background()).toBe(light);
  await toggle.click(); // light → system
  await expect(toggle).toHaveAttribute("aria-label", "Theme: system");
  expect(await background()).toBe(dark);
});

test("Esc closes the create forms and confirmation dialogs", async ({ signedIn: page, panel }) => {
  await page.getByRole("button", { name: "New user" }).click();
  await expect(page.getByLabel("Email address")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("heading", { name: "New user" })).toHaveCount(0);
  await expect(page).toHaveURL(atPath(panel, "/users"));

  await sections(page).getByRole("link", { name: "Organizations" }).click();
  await page.getByRole("button", { name: "New organization" }).click();
  await page.keyboard.type("Half done");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("heading", { name: "New organization" })).toHaveCount(0);

  await firstRow(page).click();
  await page.getByRole("button", { name: "Delete organization…" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  // The page is still there: Esc closed the dialog only.
  await expect(page).toHaveURL(/\/orgs\/org_/);
});
