import type { Page } from "@playwright/test";
import { expect, type RunningPanel, test } from "./support/panel";

const DOMAIN = "shop-example.com";
const SECRET = "google-secret-never-shown";
const SHOTS = "test-results/deploy-wizard";

/** A new application with a development instance only (Google enabled there), picked in the header. */
async function newApplication(page: Page, panel: RunningPanel): Promise<string> {
  const created = await panel.platform("POST", "/applications", { name: "Shop" });
  expect(created.ok).toBe(true);
  const { application_id } = (await created.json()) as { application_id: string };
  await page.reload();
  await page.getByTestId("app-picker").selectOption({ label: "Shop" });
  await expect(page.getByTestId("instance-picker")).toHaveValue(/^ins_/);
  return application_id;
}

/** The page at 1440 px and 390 px wide, light and dark, for a person to look at. */
async function screenshots(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  // The toasts said their piece; in a full-page shot they would cover the middle of the page.
  // (Through the CSSOM: the panel's CSP refuses injected style sheets.)
  const toasts = page.locator(".toasts");
  await toasts.evaluate((element: HTMLElement) => {
    element.style.display = "none";
  });
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({
        path: `${SHOTS}/${name}-${width}-${colorScheme}.png`,
        fullPage: true,
      });
    }
  }
  await toasts.evaluate((element: HTMLElement) => {
    element.style.display = "";
  });
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 720 });
}

test("the Deploy view walks from development to production: instance, DNS records, OAuth, live checks", async ({
  signedIn: page,
  panel,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await newApplication(page, panel);
  await page.getByRole("link", { name: "Deploy" }).click();

  // Step 1: no production instance yet; the form asks for the domain.
  const steps = page.getByTestId("deploy-steps");
  await expect(steps).toHaveAttribute("data-state", "not_started");
  await expect(steps.locator('[data-step="instance"]')).toHaveAttribute("data-step-state", "current");
  await expect(page.getByTestId("deploy-next")).toContainText("Create the production instance on your domain");
  const create = page.getByTestId("deploy-create");
  await expect(create.getByTestId("deploy-create-submit")).toBeDisabled();
  await create.getByTestId("deploy-domain-input").fill("https://shop-example.com");
  await create.getByTestId("deploy-create-submit").click();
  await expect(page.getByTestId("toast-error").filter({ hasText: "without https://" })).toBeVisible();
  await create.getByTestId("deploy-domain-input").fill(DOMAIN);
  await expect(create.getByTestId("cli-command")).toContainText(`clerk deploy create --domain ${DOMAIN}`);
  await screenshots(page, "1-create");
  const answer = page.waitForResponse((response) => response.url().endsWith("/api/actions/deploy.create"));
  await create.getByTestId("deploy-create-submit").click();
  // The production secret key Clerk returns never reaches the browser.
  const created = await (await answer).json();
  expect(created.withheld.fields).toEqual(["secret_key"]);
  expect(JSON.stringify(created)).not.toMatch(/sk_(live|test)_/);

  // Step 2: the DNS records to create, each copyable; the secret key never reaches the page.
  const domain = page.getByTestId("deploy-domain");
  await expect(domain).toHaveAttribute("data-domain", DOMAIN);
  await expect(create).toBeHidden();
  await expect(steps).toHaveAttribute("data-state", "domain_pending");
  await expect(steps.locator('[data-step="instance"]')).toHaveAttribute("data-step-state", "done");
  await expect(steps.locator('[data-step="domain"]')).toHaveAttribute("data-step-state", "current");
  await expect(domain.getByTestId("dns-record")).toHaveCount(5);
  await domain.getByRole("button", { name: `Copy clerk.${DOMAIN}` }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`clerk.${DOMAIN}`);
  await domain.getByRole("button", { name: "Copy frontend-api.clerk.services" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("frontend-api.clerk.services");
  await expect(page.locator("body")).not.toContainText(/sk_(live|test)_/);
  await expect(page.getByTestId("instance-picker").locator("option")).toHaveText(["development", "production"]);

  await expect(page.getByTestId("deploy-oauth-form")).toHaveCount(1);
  await screenshots(page, "2-records");

  // Check now: the checklist follows Clerk's checks live, with the time elapsed.
  await expect(page.getByTestId("deploy-elapsed")).toHaveCount(0);
  await domain.getByTestId("check-dns").click();
  await expect(domain.getByTestId("state-dns")).toHaveAttribute("data-state", "in_progress");
  await expect(page.getByTestId("deploy-live")).toContainText("Live");
  await expect(page.getByTestId("deploy-elapsed")).toContainText(/0:0\d elapsed/);
  await expect(page.getByTestId("deploy-elapsed")).not.toContainText("0:00", { timeout: 3000 });
  await panel.control(`domains/${DOMAIN}/advance`);
  await expect(domain.getByTestId("state-dns")).toHaveAttribute("data-state", "complete");
  await expect(domain.getByTestId("state-ssl")).toHaveAttribute("data-state", "in_process");
  await screenshots(page, "3-checking");
  await panel.control(`domains/${DOMAIN}/advance`);
  await expect(domain.getByTestId("state-ssl")).toHaveAttribute("data-state", "complete");
  await panel.control(`domains/${DOMAIN}/advance`);
  await expect(domain.getByTestId("state-mail")).toHaveAttribute("data-state", "complete");
  await expect(page.getByTestId("deploy-live")).toBeEmpty();

  // Step 3: one form per provider still missing its production OAuth app; the secret is a password field.
  await expect(steps).toHaveAttribute("data-state", "oauth_pending");
  await expect(steps.locator('[data-step="domain"]')).toHaveAttribute("data-step-state", "done");
  await expect(steps.locator('[data-step="oauth"]')).toHaveAttribute("data-step-state", "current");
  await expect(page.getByTestId("deploy-next")).toContainText("Set your own google OAuth client id and secret");
  const google = page.locator('[data-testid="deploy-oauth-form"][data-provider="google"]');
  await expect(google.getByTestId("oauth-client-secret")).toHaveAttribute("type", "password");
  await expect(google.getByTestId("oauth-save")).toBeDisabled();
  await google.getByTestId("oauth-client-id").fill("google-client");
  await google.getByTestId("oauth-client-secret").fill(SECRET);
  await expect(google.getByTestId("cli-command")).toContainText(
    'clerk deploy oauth google --client-id google-client --client-secret "$CLERK_OAUTH_GOOGLE_SECRET"',
  );
  await screenshots(page, "4-oauth");
  const saved = page.waitForResponse((response) => response.url().endsWith("/api/actions/deploy.oauth"));
  await google.getByTestId("oauth-save").click();
  expect(JSON.stringify(await (await saved).json())).not.toContain(SECRET);
  await expect(page.getByTestId("deploy-oauth").filter({ hasText: "google" })).toContainText("ready");
  await expect(google).toBeHidden();

  // Done: every step checked, nothing left to do, the live updates stop.
  await expect(steps).toHaveAttribute("data-state", "complete");
  await expect(steps.locator('[data-step-state="done"]')).toHaveCount(3);
  await expect(page.getByTestId("deploy-ready")).toHaveAttribute("data-ready", "true");
  await expect(domain.getByTestId("domain-next")).toContainText("Nothing left to do");
  await expect(page.getByTestId("deploy-live")).toBeEmpty();
  await screenshots(page, "5-complete");
});
