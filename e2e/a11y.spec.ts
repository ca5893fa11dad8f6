import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import type { ActionInfo } from "../shared/actions/types";
import { genericAreas } from "../web/views/generic/panel-entries";
import { VIEWS } from "../web/views/table";
import { action, createSession } from "./support/cli";
import { expect, firstRow, type RunningPanel, test } from "./support/panel";

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
    areas.find((area) => area.list && area.detail),
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
      expect(paths.length).toBeGreaterThan(VIEWS.length);
      for (const path of paths) {
        await page.goto(`${panel.url}${path}`);
        await expectAccessible(page, path);
      }
    });
  }
}
