import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import type { ActionInfo } from "../shared/actions/types";
import { genericAreas } from "../web/views/generic/panel-entries";
import { VIEWS } from "../web/views/table";
import { action, createSession } from "./support/cli";
import { atPath, expect, firstRow, type RunningPanel, test } from "./support/panel";

/**
 * Every view of the panel, at a phone's width and a desktop's, light and dark: no WCAG 2 A/AA
 * violation axe can find, and nothing wider than the window (no sideways scrolling of the page).
 * The pages come from the view table and the catalog, so a new view or area is checked too.
 */

const WIDTHS = [390, 1440];
const SCHEMES = ["light", "dark"] as const;

/** Waits until the page shows data (or its empty or error state), not skeletons. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  await expect(page.locator(".skeleton-line")).toHaveCount(0);
  await expect(page.locator("main h1, main .error-state, main .empty-state").first()).toBeVisible();
}

async function expectAccessible(page: Page, path: string): Promise<void> {
  await settle(page);
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const found = violations.map((violation) => ({
    rule: violation.id,
    nodes: violation.nodes.map((node) => `${node.target.join(" ")}: ${node.failureSummary}`),
  }));
  expect.soft(found, `axe on ${path}`).toEqual([]);
  const overflow = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement?.scrollWidth ?? 0,
    innerWidth: window.innerWidth,
  }));
  expect.soft(overflow.scrollWidth, `page width on ${path}`).toBeLessThanOrEqual(overflow.innerWidth);
}

/**
 * The pages to check: each view of web/views/table.ts, the first record of each view that has
 * records, and the generic pages of a few areas (one with records, one with a document, one of
 * forms only), their first record included.
 */
async function pagesToCheck(page: Page, panel: RunningPanel): Promise<string[]> {
  const catalog = ((await (await page.request.get(`${panel.url}/api/catalog`)).json()) as { actions: ActionInfo[] })
    .actions;
  const areas = genericAreas(catalog);
  const few = [
    // Sessions: the test signs a user in, so its list has a record to open.
    areas.find((area) => area.list && area.detail && area.recordField === "session_id"),
    areas.find((area) => area.overview),
    areas.find((area) => !area.list && !area.overview && area.forms.length > 0),
  ].filter((area) => area !== undefined);
  expect(few).toHaveLength(3);

  const paths: string[] = [];
  const withFirstRecord = async (path: string) => {
    paths.push(path);
    await page.goto(`${panel.url}${path}`);
    await settle(page);
    const link = firstRow(page).locator("a[href]").first();
    if ((await link.count()) > 0) paths.push((await link.getAttribute("href")) as string);
  };
  for (const view of VIEWS) {
    if ("recordField" in view || "generic" in view) await withFirstRecord(view.path);
    else paths.push(view.path);
  }
  for (const area of few) await withFirstRecord(area.path);
  return paths.map((path) => new URL(path, panel.url).pathname);
}

for (const scheme of SCHEMES) {
  for (const width of WIDTHS) {
    test(`every view at ${width} px, ${scheme}: no axe violations, no sideways scrolling`, async ({
      signedIn: page,
      panel,
    }) => {
      test.setTimeout(180_000);
      const users = await action<{ data: { id: string }[] }>(page, panel, "users.list", { limit: 1 });
      // A session, so the sessions list (the first area with records) has a record to open.
      await createSession(panel, (users.data[0] as { id: string }).id);
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 900 });

      const paths = await pagesToCheck(page, panel);
      test.info().annotations.push({ type: "pages", description: paths.join(" ") });
      // Each view, and the records of users, organizations and sessions.
      expect(paths.length).toBeGreaterThanOrEqual(VIEWS.length + 3 + 3);
      for (const path of paths) {
        await page.goto(`${panel.url}${path}`);
        await expectAccessible(page, path);
      }
    });
  }
}

/** Presses Tab until the focus is on an element matching `selector` (at most `limit` times). */
async function tabTo(page: Page, selector: string, limit = 60): Promise<string> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const href = await page.evaluate(
      (wanted) => document.activeElement?.closest(wanted)?.getAttribute("href") ?? null,
      selector,
    );
    if (href !== null) return href;
  }
  throw new Error(`Tab never reached ${selector}`);
}

test("keyboard: Skip to content comes first, list rows and member names are links Tab reaches", async ({
  signedIn: page,
  panel,
}) => {
  await page.goto(`${panel.url}/orgs`);
  await settle(page);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
  await expect(page).toHaveURL(atPath(panel, "/orgs"));

  // An organization's row: its link is a Tab stop, and Enter on it opens that organization.
  const orgHref = await tabTo(page, "[data-testid=data-table] tbody a[href]");
  expect(orgHref).toMatch(/^\/orgs\/org_/);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(atPath(panel, new URL(orgHref, panel.url).pathname));
  await settle(page);

  // A member's name links to their user.
  const member = page.locator("[data-testid=data-table] tbody tr").first().getByRole("link").first();
  const userHref = (await member.getAttribute("href")) as string;
  expect(userHref).toMatch(/^\/users\/user_/);
  await member.click();
  await expect(page).toHaveURL(atPath(panel, userHref));

  // The users list: the same.
  await page.goto(`${panel.url}/users`);
  await settle(page);
  const firstUser = await tabTo(page, "[data-testid=data-table] tbody a[href]");
  expect(firstUser).toBe(await firstRow(page).getByRole("link").first().getAttribute("href"));
  await page.keyboard.press("ArrowDown");
  // The arrows move the focus along the rows' links; Enter opens the focused one.
  const second = page.locator("[data-testid=data-table] tbody tr").nth(1).getByRole("link").first();
  await expect(second).toBeFocused();
  const secondHref = (await second.getAttribute("href")) as string;
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(atPath(panel, secondHref));
});

test("the URL names the app and instance: a link opens them, one without them keeps the current ones", async ({
  signedIn: page,
  panel,
}) => {
  const target = () => {
    const query = new URL(page.url()).searchParams;
    return { app: query.get("app"), instance: query.get("instance") };
  };
  await expect(page).toHaveURL(/[?&]instance=development\b/);
  const { app } = target();
  expect(app).toMatch(/^app_/);
  const devUser = (await action<{ data: { id: string }[] }>(page, panel, "users.list", { limit: 1 })).data[0] as {
    id: string;
  };

  // A link to production switches the panel there.
  await page.goto(`${panel.url}/users?app=${app}&instance=production`);
  await expect(page.getByTestId("production-badge")).toBeVisible();
  await expect(page.getByTestId("instance-picker").locator("option:checked")).toHaveText("production");
  await settle(page);
  // Moving around keeps it in the URL.
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Organizations" }).click();
  await expect(page).toHaveURL(atPath(panel, "/orgs"));
  expect(target()).toEqual({ app, instance: "production" });

  // A link without them (as before) shows the current instance and gets it in its URL.
  await page.goto(`${panel.url}/config`);
  await expect(page).toHaveURL(/[?&]instance=production\b/);
  await expect(page.getByTestId("production-badge")).toBeVisible();

  // A development user's link opens that user in development, even from production.
  await page.goto(`${panel.url}/users/${devUser.id}?app=${app}&instance=development`);
  await expect(page.getByTestId("instance-picker").locator("option:checked")).toHaveText("development");
  await expect(page).toHaveURL(atPath(panel, `/users/${devUser.id}`));
  expect(target()).toEqual({ app, instance: "development" });
  await expect(page.getByTestId("user-name")).toBeVisible();
  await expect(page.getByTestId("production-badge")).toHaveCount(0);

  // An instance the app does not have: Clerk's error, and the current one stays.
  await page.goto(`${panel.url}/users?app=${app}&instance=ins_nope`);
  await expect(page.locator(".toast-error")).toBeVisible();
  await expect(page).toHaveURL(/[?&]instance=development\b/);
});
