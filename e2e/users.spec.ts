import type { Page } from "@playwright/test";
import { action, createSession, runCliLine } from "./support/cli";
import { atPath, expect, type RunningPanel, test } from "./support/panel";

interface UserJson {
  id: string;
  first_name: string | null;
  public_metadata: Record<string, unknown>;
}

async function openNewUser(page: Page, panel: RunningPanel, email: string, first_name: string): Promise<string> {
  const user = await action<UserJson>(page, panel, "users.create", { email_address: [email], first_name });
  await page.goto(`${panel.url}/users/${user.id}`);
  await expect(page.getByTestId("user-name")).toHaveText(first_name);
  return user.id;
}

const usersTable = (page: Page) => page.getByRole("table", { name: "Users" });

test("search narrows the table and lives in the URL; / ↓ Enter Esc drive it", async ({ signedIn: page, panel }) => {
  const table = usersTable(page);
  await expect(page.getByTestId("page-status")).toHaveText("1–20 of 24");
  await expect(table.locator("tbody tr")).toHaveCount(20);

  // `/` focuses the search; typing narrows the table (server-side) and updates the URL.
  await page.locator("body").press("/");
  const search = page.getByRole("searchbox", { name: "Search" });
  await expect(search).toBeFocused();
  await page.keyboard.type("ada.love");
  await expect(page).toHaveURL(/[?&]query=ada\.love/);
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await expect(table).toContainText("Ada Lovelace");
  await expect(page.getByTestId("users-total")).toHaveText("1 matching");

  // The URL reproduces the view.
  await page.reload();
  await expect(search).toHaveValue("ada.love");
  await expect(table.locator("tbody tr")).toHaveCount(1);

  // Enter from the search box opens the selected row: a URL per user.
  await search.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(atPath(panel, /^\/users\/user_[A-Za-z0-9]+$/));
  await expect(page.getByTestId("user-name")).toHaveText("Ada Lovelace");
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(atPath(panel, "/users"));

  // ↓ moves the selection; Enter opens that user.
  await expect(table.locator("tbody tr")).toHaveCount(20);
  const second = (await table.locator("tbody tr").nth(1).locator(".users-cell-text a").textContent())?.trim() ?? "";
  await page.locator("body").press("ArrowDown");
  await expect(table.locator("tbody tr").nth(1)).toHaveAttribute("aria-selected", "true");
  await page.locator("body").press("Enter");
  await expect(page.getByTestId("user-name")).toHaveText(second);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("heading", { name: "Users", exact: true })).toBeVisible();

  // A search with no match says so and offers a way back.
  await search.fill("nobody-here");
  await expect(page.getByText("No user matches “nobody-here”.")).toBeVisible();
  await page.getByRole("button", { name: "Clear search and filters" }).click();
  await expect(table.locator("tbody tr")).toHaveCount(20);
  await expect(page).not.toHaveURL(/query=/);
});

test("a search superseded by more typing is cancelled in the browser", async ({ signedIn: page, panel }) => {
  await expect(page.getByTestId("page-status")).toHaveText("1–20 of 24");
  const aborted: string[] = [];
  page.on("requestfailed", (request) => {
    if (request.url().endsWith("/api/actions/users.list")) aborted.push(request.postData() ?? "");
  });
  // Clerk answers the next search slowly, so it is still running when the person types on.
  await panel.control("faults", { kind: "delay", delay_ms: 3000, count: 2, path_prefix: "/v1/users" });
  const search = page.getByRole("searchbox", { name: "Search" });
  const slow = page.waitForRequest(
    (r) => r.url().endsWith("/api/actions/users.list") && (r.postData() ?? "").includes('"ada"'),
  );
  await search.pressSequentially("ada");
  await slow;
  await expect(page.getByText("Loading…")).toBeVisible();
  await search.pressSequentially(".love");
  await expect(usersTable(page).locator("tbody tr")).toHaveCount(1);
  await expect(usersTable(page)).toContainText("Ada Lovelace");
  expect(aborted.map((body) => JSON.parse(body).query)).toEqual(["ada"]);
});

test("filters, sorting and pages are kept in the URL", async ({ signedIn: page, panel }) => {
  const table = usersTable(page);
  await page.getByTestId("filter-banned").selectOption("true");
  await expect(page).toHaveURL(/[?&]banned=true/);
  await expect(page.getByTestId("users-total")).toHaveText("2 matching");
  await expect(table.locator("tbody tr")).toHaveCount(2);
  await expect(table.getByTestId("status-badge").filter({ hasText: "banned" })).toHaveCount(2);
  await expect(page.getByTestId("cli-command")).toContainText("clerk users list --banned --limit 20");

  await page.goto(`${panel.url}/users?banned=false&order_by=%2Bemail_address`);
  await expect(page.getByTestId("filter-banned")).toHaveValue("false");
  await expect(page.getByTestId("users-total")).toHaveText("22 matching");
  await expect(table.locator("tbody tr").first()).toContainText("ada.lovelace@example.com");
  await page.getByRole("button", { name: "Email" }).click();
  await expect(page).toHaveURL(/order_by=-email_address/);
  await expect(table.locator("tbody tr").first()).toContainText("tim.ritchie@example.com");

  await page.getByRole("button", { name: "Next →" }).click();
  await expect(page).toHaveURL(/offset=20/);
  await expect(page.getByTestId("page-status")).toHaveText("21–22 of 22");
  await page.reload();
  await expect(page.getByTestId("page-status")).toHaveText("21–22 of 22");
  await page.getByRole("button", { name: "Clear all" }).click();
  await expect(page.getByTestId("page-status")).toHaveText("1–20 of 24");
});

test("creates a user from the list with the CLI line shown", async ({ signedIn: page, panel }) => {
  await page.getByRole("button", { name: "New user" }).click();
  const form = page.locator("form", { has: page.getByRole("heading", { name: "New user" }) });
  await form.getByLabel("Email address").fill("new.person@example.com");
  await form.getByLabel("First name").fill("Newton");
  await form.getByLabel(/^Password/).fill("correct horse battery staple");
  await expect(form.getByTestId("cli-command")).toContainText(
    'clerk users create --email-address new.person@example.com --first-name Newton --password "$PASSWORD"',
  );
  await expect(form.getByTestId("cli-command")).not.toContainText("correct horse");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page).toHaveURL(atPath(panel, /^\/users\/user_[A-Za-z0-9]+$/));
  await expect(page.getByTestId("user-name")).toHaveText("Newton");
  await expect(page.getByTestId("toast-success")).toContainText("Created Newton");
  await expect(page.getByText("Set", { exact: true })).toBeVisible();
});

test("edits metadata: invalid JSON is refused, a valid object is saved and survives a reload", async ({
  signedIn: page,
  panel,
}) => {
  const userId = await openNewUser(page, panel, "meta@example.com", "Meta");
  const publicBox = page.getByTestId("metadata-public");
  const save = page.getByTestId("metadata-save");
  await expect(publicBox).toHaveValue("{}");
  await expect(save).toBeDisabled();

  await publicBox.fill('{"plan": "pro",');
  await expect(page.getByTestId("metadata-public-status")).toContainText("Invalid JSON");
  await expect(publicBox).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("metadata-blocked")).toContainText("Fix public metadata before saving");
  await expect(save).toBeDisabled();

  await publicBox.fill("[1, 2]");
  await expect(page.getByTestId("metadata-public-status")).toHaveText("Must be a JSON object ({…}), not an array.");
  await expect(save).toBeDisabled();

  await publicBox.fill('{"plan": "pro", "seats": 3}');
  await page.getByTestId("metadata-private").fill('{"stripe_id": "cus_123"}');
  await expect(save).toBeEnabled();
  const metadata = page.locator("form", { has: page.getByRole("heading", { name: "Metadata" }) });
  await expect(metadata.getByTestId("cli-command")).toContainText(
    `clerk users metadata ${userId} --public-metadata '{"plan":"pro","seats":3}' --private-metadata '{"stripe_id":"cus_123"}' --replace`,
  );
  await save.click();
  await expect(page.getByTestId("toast-success")).toContainText("Saved public metadata and private metadata");
  await expect(save).toBeDisabled();

  await page.reload();
  await expect(publicBox).toHaveValue(JSON.stringify({ plan: "pro", seats: 3 }, null, 2));
  await expect(page.getByTestId("metadata-private")).toHaveValue(JSON.stringify({ stripe_id: "cus_123" }, null, 2));

  // Saving replaces: a key left out is gone, as the editor showed.
  await publicBox.fill('{"seats": 4}');
  await save.click();
  await expect(page.getByTestId("toast-success").filter({ hasText: "Saved public metadata" })).toBeVisible();
  const stored = await action<UserJson>(page, panel, "users.get", { user_id: userId });
  expect(stored.public_metadata).toEqual({ seats: 4 });
  await expect(publicBox).toHaveValue(JSON.stringify({ seats: 4 }, null, 2));
});

test("ban/unban and lock/unlock change the badge with a toast; a CLI line does what the panel does", async ({
  signedIn: page,
  panel,
}) => {
  const userId = await openNewUser(page, panel, "flags@example.com", "Flag");
  const status = page.getByTestId("user-status");
  const access = page.locator("section", { has: page.getByRole("heading", { name: "Access" }) });
  await expect(status).toHaveText("active");
  await expect(access.getByTestId("cli-command").first()).toContainText(`clerk users ban ${userId}`);

  // Banning is disruptive but reversible: a plain yes/no naming the user, no name to type.
  const banButton = page.getByRole("button", { name: "Ban user" });
  await banButton.click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading")).toHaveText("Ban Flag (flags@example.com)?");
  await expect(dialog).toContainText(`clerk users ban ${userId}`);
  await expect(dialog.getByTestId("confirm-input")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  // Focus goes back to the button that opened the dialog; nothing changed.
  await expect(banButton).toBeFocused();
  await expect(status).toHaveText("active");
  await banButton.click();
  await dialog.getByTestId("confirm-submit").click();
  await expect(page.getByTestId("toast-success").filter({ hasText: "Banned Flag" })).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(status).toHaveText("banned");
  await expect(access.getByTestId("cli-command").first()).toContainText(`clerk users unban ${userId}`);
  // Lifting it asks nothing.
  await page.getByRole("button", { name: "Unban user" }).click();
  await expect(page.getByTestId("toast-success").filter({ hasText: "Lifted the ban on Flag" })).toBeVisible();
  await expect(status).toHaveText("active");

  await page.getByRole("button", { name: "Lock user" }).click();
  await expect(dialog.getByRole("heading")).toHaveText("Lock Flag (flags@example.com)?");
  await expect(dialog.getByTestId("confirm-input")).toHaveCount(0);
  await dialog.getByTestId("confirm-submit").click();
  await expect(page.getByTestId("toast-success").filter({ hasText: "Locked Flag" })).toBeVisible();
  await expect(status).toHaveText("locked");
  await page.getByRole("button", { name: "Unlock user" }).click();
  await expect(page.getByTestId("toast-success").filter({ hasText: "Unlocked Flag" })).toBeVisible();
  await expect(status).toHaveText("active");

  // The profile form's CLI line, run as is in a shell, makes the change the Save button would.
  const profile = page.locator("form", { has: page.getByRole("heading", { name: "Profile" }) });
  await profile.getByLabel("First name").fill("Augusta Ada");
  await profile.getByLabel("Username").fill("countess");
  const line = (await profile.getByTestId("cli-command").locator("code").textContent()) ?? "";
  expect(line).toBe(`clerk users update ${userId} --first-name 'Augusta Ada' --username countess`);
  const run = await runCliLine(panel, line);
  expect(run.code, run.stderr).toBe(0);
  expect(JSON.parse(run.stdout)).toMatchObject({ id: userId, first_name: "Augusta Ada", username: "countess" });
  await page.reload();
  await expect(page.getByTestId("user-name")).toHaveText("Augusta Ada");
  await expect(profile.getByTestId("cli-command")).toHaveCount(0);
  await expect(profile.getByText("No changes yet.")).toBeVisible();
});

test("adds and removes an email address and a phone number", async ({ signedIn: page, panel }) => {
  const userId = await openNewUser(page, panel, "idn@example.com", "Idn");
  const emails = page.getByTestId("user-emails");
  await expect(emails).toContainText("idn@example.com");
  await expect(emails).toContainText("primary");

  const addEmail = page.getByRole("form", { name: "Add email address" });
  await addEmail.getByLabel("Add email address").fill("second@example.com");
  await expect(addEmail.getByTestId("cli-command")).toContainText(
    `clerk users emails add ${userId} --email-address second@example.com`,
  );
  await addEmail.getByRole("button", { name: "Add" }).click();
  await expect(page.getByTestId("toast-success").filter({ hasText: "Added second@example.com" })).toBeVisible();
  const second = emails.getByRole("listitem").filter({ hasText: "second@example.com" });
  await expect(second).toContainText("verified");

  const phones = page.getByTestId("user-phones");
  await expect(phones).toContainText("No phone number yet.");
  const addPhone = page.getByRole("form", { name: "Add phone number" });
  await addPhone.getByLabel("Add phone number").fill("+15555550188");
  await addPhone.getByRole("checkbox", { name: "Verified" }).uncheck();
  await expect(addPhone.getByTestId("cli-command")).toContainText("--phone-number +15555550188 --no-verified");
  await addPhone.getByRole("button", { name: "Add" }).click();
  await expect(phones.getByRole("listitem")).toContainText("unverified");

  await second.getByRole("button", { name: "Remove second@example.com" }).click();
  const dialog = page.getByRole("dialog");
  const emailId = (await second.locator(".copy-id code").textContent())?.trim() ?? "";
  await expect(dialog).toContainText(`clerk users emails remove ${emailId}`);
  // It can be added again: a plain yes/no.
  await expect(dialog.getByTestId("confirm-input")).toHaveCount(0);
  await dialog.getByTestId("confirm-submit").click();
  await expect(page.getByTestId("toast-success").filter({ hasText: "Removed second@example.com" })).toBeVisible();
  await expect(emails).not.toContainText("second@example.com");
});

test("lists the user's sessions, revokes one, and links their organizations", async ({ signedIn: page, panel }) => {
  const search = page.getByRole("searchbox", { name: "Search" });
  await search.fill("ada.love");
  await expect(usersTable(page).locator("tbody tr")).toHaveCount(1);
  await usersTable(page).locator("tbody tr").first().click();
  const userId = new URL(page.url()).pathname.split("/").pop() as string;
  expect(userId).toMatch(/^user_/);
  await expect(page.getByText("No sessions.")).toBeVisible();

  const first = await createSession(panel, userId);
  await createSession(panel, userId);
  await page.reload();
  const rows = page.getByTestId("session-row");
  await expect(rows).toHaveCount(2);
  const row = rows.filter({ hasText: first });
  await expect(row).toContainText("active");

  await row.getByRole("button", { name: `Revoke session ${first}` }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`clerk sessions revoke ${first}`);
  // Reversible (they can sign in again): a plain yes/no naming whose session it is.
  await expect(dialog.getByRole("heading")).toHaveText(`Revoke Ada Lovelace's session (${first})?`);
  await expect(dialog.getByTestId("confirm-input")).toHaveCount(0);
  await dialog.getByTestId("confirm-submit").click();
  await expect(page.getByTestId("toast-success").filter({ hasText: `Revoked session ${first}` })).toBeVisible();
  await expect(row).toContainText("revoked");
  await expect(row.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);
  await expect(row.getByRole("button")).toHaveCount(2); // only the copy buttons (session and client ids) are left

  await page.getByTestId("sessions-status-filter").selectOption("active");
  await expect(page).toHaveURL(/sessions_status=active/);
  await expect(rows).toHaveCount(1);
  await expect(rows).not.toContainText(first);

  // Ada created "Analytical Engines" in the demo data: a link to its page.
  const orgs = page.getByRole("table", { name: /^Organizations of/ });
  await expect(orgs).toContainText("org:admin");
  await orgs.getByRole("link", { name: "Analytical Engines" }).click();
  await expect(page).toHaveURL(atPath(panel, /^\/orgs\/org_[A-Za-z0-9]+$/));
  await expect(page.getByTestId("org-name")).toHaveText("Analytical Engines");
});

test("delete asks to type the user's email, then the user is gone from the list", async ({ signedIn: page, panel }) => {
  const userId = await openNewUser(page, panel, "delete.me@example.com", "Doomed");
  await page.getByRole("button", { name: "Delete user…" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading")).toHaveText("Delete Doomed (delete.me@example.com)? It cannot be undone.");
  await expect(dialog).toContainText(`clerk users delete ${userId}`);
  const submit = dialog.getByTestId("confirm-submit");
  await expect(submit).toBeDisabled();
  // The name people know, not the id.
  await dialog.getByTestId("confirm-input").fill(userId);
  await expect(submit).toBeDisabled();
  await dialog.getByTestId("confirm-input").fill("delete.me@example.com".slice(0, -1));
  await expect(submit).toBeDisabled();
  await dialog.getByTestId("confirm-input").fill("delete.me@example.com");
  await expect(submit).toBeEnabled();
  await submit.click();

  await expect(page).toHaveURL(atPath(panel, "/users"));
  await expect(page.getByTestId("toast-success").filter({ hasText: "Deleted Doomed" })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search" }).fill("delete.me");
  await expect(page.getByText("No user matches “delete.me”.")).toBeVisible();
  await page.goto(`${panel.url}/users/${userId}`);
  await expect(page.getByText(`No user “${userId}” in this instance.`)).toBeVisible();
});
