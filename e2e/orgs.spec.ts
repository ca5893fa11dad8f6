import type { Page } from "@playwright/test";
import { action } from "./support/cli";
import { atPath, expect, type RunningPanel, test } from "./support/panel";

async function openNewOrg(page: Page, panel: RunningPanel, name: string): Promise<string> {
  const org = await action<{ id: string }>(page, panel, "orgs.create", { name });
  await page.goto(`${panel.url}/orgs/${org.id}`);
  await expect(page.getByTestId("org-name")).toHaveText(name);
  return org.id;
}

const members = (page: Page) => page.getByRole("table", { name: /^Members of/ });

/** Picks a demo user in the "Add a member" combobox by typing part of their email; returns their id. */
async function pickUser(page: Page, text: string, option: RegExp): Promise<string> {
  const picker = page.getByRole("combobox", { name: "Add a member" });
  await picker.fill(text);
  await page.getByRole("option", { name: option }).click();
  const id = (await page.getByTestId("member-picker-id").textContent())?.trim() ?? "";
  expect(id).toMatch(/^user_/);
  return id;
}

test("creates an organization from the list page and lands on its page", async ({ signedIn: page, panel }) => {
  await page.goto(`${panel.url}/orgs`);
  await expect(page.getByRole("heading", { name: "Organizations" })).toBeVisible();
  await page.getByRole("button", { name: "New organization" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Rocket Science");
  await page.getByLabel(/^Max memberships/).fill("25");
  const form = page.locator("form", { has: page.getByRole("heading", { name: "New organization" }) });
  await expect(form.getByTestId("cli-command")).toContainText(
    "clerk orgs create --name 'Rocket Science' --max-allowed-memberships 25",
  );
  await page.getByRole("button", { name: "Create organization" }).click();

  await expect(page).toHaveURL(atPath(panel, /^\/orgs\/org_[A-Za-z0-9]+$/));
  await expect(page.getByTestId("org-name")).toHaveText("Rocket Science");
  await expect(page.getByTestId("toast-success")).toContainText("Created Rocket Science");
  await expect(page.getByText("25", { exact: true })).toBeVisible();
  await expect(page.getByText("No members yet.")).toBeVisible();

  // The slug works as an address too.
  await page.goto(`${panel.url}/orgs/rocket-science`);
  await expect(page.getByTestId("org-name")).toHaveText("Rocket Science");
});

test("adds a demo user as a member, changes their role and removes them", async ({ signedIn: page, panel }) => {
  const orgId = await openNewOrg(page, panel, "Member Test");
  await expect(page.getByText("No members yet.")).toBeVisible();

  const userId = await pickUser(page, "ada.love", /Ada Lovelace/);
  const addForm = page.getByRole("form", { name: "Add a member" });
  await expect(addForm.getByTestId("cli-command")).toContainText(`clerk orgs members add ${orgId} ${userId}`);
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByTestId("toast-success").filter({ hasText: "Added Ada Lovelace as org:member" })).toBeVisible();
  await expect(members(page).getByRole("row", { name: /Ada Lovelace/ })).toBeVisible();
  await expect(page.getByTestId("org-members-count")).toHaveText(/^1( of \d+ allowed)?$/);

  // Change the role inline: pick it, see the CLI line, apply.
  await page.getByRole("combobox", { name: "Role of Ada Lovelace" }).selectOption("org:admin");
  const change = page.getByRole("region", { name: "Role change" });
  await expect(change.getByTestId("cli-command")).toContainText(
    `clerk orgs members update ${orgId} ${userId} --role org:admin`,
  );
  await change.getByRole("button", { name: "Change role" }).click();
  await expect(page.getByTestId("toast-success").filter({ hasText: "Ada Lovelace is now org:admin" })).toBeVisible();
  await expect(change).toBeHidden();
  await expect(page.getByRole("combobox", { name: "Role of Ada Lovelace" })).toHaveValue("org:admin");

  // Remove: reversible (they can be added back), so a plain yes/no naming the person and the organization.
  await page.getByRole("button", { name: "Remove Ada Lovelace" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading")).toHaveText(/^Remove Ada Lovelace \(.+@.+\) from /);
  await expect(dialog).toContainText(`clerk orgs members remove ${orgId} ${userId}`);
  await expect(dialog.getByTestId("confirm-input")).toHaveCount(0);
  await dialog.getByTestId("confirm-submit").click();
  await expect(page.getByTestId("toast-success").filter({ hasText: "Removed Ada Lovelace" })).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("No members yet.")).toBeVisible();
});

test("adding the same member twice shows Clerk's error in a toast", async ({ signedIn: page, panel }) => {
  await openNewOrg(page, panel, "Twice Inc");
  await pickUser(page, "grace", /Grace/);
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByTestId("toast-success").filter({ hasText: "Added Grace" })).toBeVisible();

  await pickUser(page, "grace", /Grace/);
  await page.getByRole("button", { name: "Add member" }).click();
  const error = page.getByTestId("toast-error");
  await expect(error).toContainText("is already a member of the organization");
  await expect(error).toContainText("already_a_member_in_organization");
  await expect(page.getByTestId("org-members-count")).toHaveText(/^1( of \d+ allowed)?$/);
});

test("a membership quota error shows Clerk's message", async ({ signedIn: page, panel }) => {
  const org = await action<{ id: string }>(page, panel, "orgs.create", { name: "Tiny", max_allowed_memberships: 1 });
  await page.goto(`${panel.url}/orgs/${org.id}`);
  await page.getByTestId("invite-email").fill("first@example.com");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByTestId("toast-success").filter({ hasText: "Invited first@example.com" })).toBeVisible();

  await pickUser(page, "ada.love", /Ada Lovelace/);
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByTestId("toast-error")).toContainText("organization_membership_quota_exceeded");
});

test("invites an email, sees it pending and revokes it", async ({ signedIn: page, panel }) => {
  const orgId = await openNewOrg(page, panel, "Invite Co");
  await expect(page.getByText("No invitations yet.")).toBeVisible();

  await page.getByTestId("invite-email").fill("newbie@example.com");
  await page.getByLabel("Expires in (days)").fill("7");
  const inviteForm = page.getByRole("form", { name: "Invite by email" });
  await inviteForm.getByLabel("Role").selectOption("org:admin");
  await expect(inviteForm.getByTestId("cli-command")).toContainText(
    `clerk orgs invitations create ${orgId} --email-address newbie@example.com --role org:admin --expires-in-days 7`,
  );
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByTestId("toast-success").filter({ hasText: "Invited newbie@example.com" })).toBeVisible();

  const row = page.getByTestId("invitation-row").filter({ hasText: "newbie@example.com" });
  await expect(row).toContainText("pending");
  await expect(row).toContainText("org:admin");
  const invitationId = (await row.locator(".copy-id code").textContent())?.trim() ?? "";
  expect(invitationId).toMatch(/^orginv_/);

  await row.getByRole("button", { name: "Revoke the invitation to newbie@example.com" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`clerk orgs invitations revoke ${orgId} ${invitationId}`);
  // They can be invited again: a plain yes/no naming the address.
  await expect(dialog.getByRole("heading")).toHaveText(/^Revoke newbie@example\.com's invitation to /);
  await expect(dialog.getByTestId("confirm-input")).toHaveCount(0);
  await dialog.getByTestId("confirm-submit").click();
  await expect(page.getByTestId("toast-success").filter({ hasText: "Revoked the invitation" })).toBeVisible();
  await expect(row).toContainText("revoked");
  await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);

  // The status filter lives in the URL; nothing is pending any more.
  await page.getByTestId("invitation-status-filter").selectOption("pending");
  await expect(page).toHaveURL(/invitations=pending/);
  await expect(page.getByText("No pending invitations.")).toBeVisible();
});

test("searches organizations as you type, sorts and keeps it in the URL", async ({ signedIn: page, panel }) => {
  await page.goto(`${panel.url}/orgs`);
  const table = page.getByRole("table", { name: "Organizations" });
  await expect(table.locator("tbody tr")).toHaveCount(4);
  await expect(page.getByTestId("page-status")).toHaveText("1–4 of 4");

  // `/` focuses the search box; typing filters after a short pause.
  await page.locator("body").press("/");
  await expect(page.getByRole("searchbox", { name: "Search" })).toBeFocused();
  await page.keyboard.type("kern");
  await expect(page).toHaveURL(/[?&]q=kern/);
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await expect(table).toContainText("Kernel Collective");

  await page.getByRole("searchbox", { name: "Search" }).fill("no-such-org");
  await expect(page.getByText("No organization matches “no-such-org”.")).toBeVisible();
  await page.getByRole("button", { name: "Clear the search" }).click();
  await expect(table.locator("tbody tr")).toHaveCount(4);
  await expect(page).not.toHaveURL(/q=/);

  await page.getByRole("button", { name: "Name" }).click();
  await expect(page).toHaveURL(/order_by=%2Bname/);
  await expect(table.locator("tbody tr").first()).toContainText("Analytical Engines");
  await page.getByRole("button", { name: "Name" }).click();
  await expect(page).toHaveURL(/order_by=-name/);
  await expect(table.locator("tbody tr").first()).toContainText("Kernel Collective");

  // The state survives a reload; Enter opens the selected row.
  await page.reload();
  await expect(table.locator("tbody tr").first()).toContainText("Kernel Collective");
  await page.locator("body").press("Enter");
  await expect(page.getByTestId("org-name")).toHaveText("Kernel Collective");
});

test("a search superseded by more typing is cancelled in flight", async ({ signedIn: page, panel }) => {
  await page.goto(`${panel.url}/orgs`);
  const table = page.getByRole("table", { name: "Organizations" });
  await expect(table.locator("tbody tr")).toHaveCount(4);

  // Clerk answers the next organization search slowly.
  await panel.control("faults", { kind: "delay", delay_ms: 3000, count: 1, path_prefix: "/v1/organizations" });
  const aborted: string[] = [];
  page.on("requestfailed", (request) => {
    if (request.url().endsWith("/api/actions/orgs.list")) aborted.push(request.postData() ?? "");
  });
  const search = page.getByRole("searchbox", { name: "Search" });
  const slow = page.waitForRequest((request) => request.url().endsWith("/api/actions/orgs.list"));
  await search.fill("b");
  expect((await slow).postData()).toContain('"query":"b"');
  const slowStarted = Date.now();
  await search.fill("compiler");

  await expect(table.locator("tbody tr")).toHaveCount(1);
  await expect(table).toContainText("Compiler Guild");
  await expect.poll(() => aborted.some((body) => body.includes('"query":"b"'))).toBe(true);
  // Let the sandbox finish the slow (abandoned) answer before the panel shuts down.
  await page.waitForTimeout(Math.max(0, slowStarted + 3500 - Date.now()));
});

test("deleting an organization asks to type its slug, not its id", async ({ signedIn: page, panel }) => {
  const orgId = await openNewOrg(page, panel, "Doomed Works");
  const open = page.getByRole("button", { name: "Delete organization…" });
  await open.click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading")).toHaveText("Delete Doomed Works (doomed-works)? It cannot be undone.");
  await expect(dialog).toContainText(`clerk orgs delete ${orgId}`);
  const submit = dialog.getByTestId("confirm-submit");
  await dialog.getByTestId("confirm-input").fill(orgId);
  await expect(submit).toBeDisabled();
  // Esc closes it, and focus returns to the button that opened it.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();

  await open.click();
  await dialog.getByTestId("confirm-input").fill("doomed-works");
  await expect(submit).toBeEnabled();
  await submit.click();
  await expect(page).toHaveURL(atPath(panel, "/orgs"));
  await expect(page.getByTestId("toast-success").filter({ hasText: "Deleted Doomed Works" })).toBeVisible();
});
