import type { Page } from "@playwright/test";
import { expect, test } from "./support/panel";

async function openDeploy(page: Page) {
  await page.getByRole("link", { name: "Deploy" }).click();
  const domain = page.getByTestId("deploy-domain").first();
  await expect(domain).toBeVisible();
  // Marks this page load: a reload would lose it.
  await page.evaluate(() => {
    (window as unknown as { __sameLoad: boolean }).__sameLoad = true;
  });
  return { domain, name: (await domain.getAttribute("data-domain")) as string };
}

const sameLoad = (page: Page) => page.evaluate(() => (window as unknown as { __sameLoad?: boolean }).__sameLoad);

test("a pending domain goes to complete live after Check DNS now, without reloading", async ({
  signedIn: page,
  panel,
}) => {
  const { domain, name } = await openDeploy(page);
  await expect(page.getByTestId("deploy-ready")).toHaveAttribute("data-ready", "false");
  await expect(domain).toHaveAttribute("data-status", "incomplete");
  await expect(domain.getByTestId("state-dns")).toHaveAttribute("data-state", "not_started");
  await expect(domain.getByTestId("dns-record")).toHaveCount(5);
  await expect(domain.getByTestId("dns-record").first()).toContainText(`clerk.${name}`);
  await expect(domain.getByTestId("dns-record").first()).toContainText("frontend-api.clerk.services");
  await expect(domain.getByTestId("domain-next")).toContainText("Add the 5 CNAME records");
  await expect(domain.getByTestId("cli-command")).toContainText(`clerk deploy check ${name}`);
  await expect(page.getByTestId("deploy-oauth").filter({ hasText: "google" })).toContainText("credentials missing");
  await expect(page.getByTestId("deploy-live")).toBeEmpty();

  await domain.getByTestId("check-dns").click();
  await expect(domain.getByTestId("state-dns")).toHaveAttribute("data-state", "in_progress");
  await expect(domain.getByTestId("check-dns")).toBeDisabled();
  await expect(page.getByTestId("deploy-live")).toContainText("Live");
  const firstCheck = await page.getByTestId("deploy-checked-at").textContent();

  await panel.control(`domains/${name}/advance`);
  await expect(domain.getByTestId("state-dns")).toHaveAttribute("data-state", "complete");
  await expect(domain.getByTestId("state-ssl")).toHaveAttribute("data-state", "in_process");
  await expect(domain.getByTestId("dns-record").first()).toContainText("verified");

  await panel.control(`domains/${name}/advance`);
  await expect(domain.getByTestId("state-ssl")).toHaveAttribute("data-state", "complete");
  await expect(domain.getByTestId("state-mail")).toHaveAttribute("data-state", "in_process");

  await panel.control(`domains/${name}/advance`);
  await expect(domain).toHaveAttribute("data-status", "complete");
  await expect(domain.getByTestId("state-mail")).toHaveAttribute("data-state", "complete");
  await expect(domain.getByTestId("domain-next")).toContainText("Nothing left to do");
  // Complete: the live updates stop.
  await expect(page.getByTestId("deploy-live")).toBeEmpty();
  expect(await page.getByTestId("deploy-checked-at").textContent()).not.toBe(firstCheck);
  expect(await sameLoad(page)).toBe(true);
});

test("a failed check shows Clerk's hints in red, and a new check clears them", async ({ signedIn: page, panel }) => {
  const { domain, name } = await openDeploy(page);
  await domain.getByTestId("check-dns").click();
  await expect(domain.getByTestId("state-dns")).toHaveAttribute("data-state", "in_progress");

  await panel.control(`domains/${name}/advance`, { fail: true });
  const hints = domain.getByTestId("domain-hints");
  await expect(hints).toContainText(`No CNAME record for clerk.${name}`);
  await expect(domain.getByTestId("domain-status")).toHaveText("failed");
  await expect(domain.getByTestId("domain-next")).toContainText("The DNS check failed");

  await domain.getByTestId("check-dns").click();
  await expect(hints).toBeHidden();
  await panel.control(`domains/${name}/advance`);
  await expect(domain.getByTestId("state-dns")).toHaveAttribute("data-state", "complete");
  expect(await sameLoad(page)).toBe(true);
});

test("auto-refresh follows changes made elsewhere, and stays in the URL", async ({ signedIn: page, panel }) => {
  const { domain, name } = await openDeploy(page);
  await page.getByTestId("deploy-auto-refresh").check();
  await expect(page).toHaveURL(/auto=1/);
  await expect(page.getByTestId("deploy-live")).toContainText("Live");
  // A check started from the CLI (the Platform API), not from this page.
  const apps = (await (await panel.platform("GET", "/applications")).json()) as { application_id: string }[];
  const app = (apps[0] as { application_id: string }).application_id;
  expect((await panel.platform("POST", `/applications/${app}/domains/${name}/dns_check`)).ok).toBe(true);
  await expect(domain.getByTestId("state-dns")).toHaveAttribute("data-state", "in_progress");
});
