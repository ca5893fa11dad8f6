import type { Page } from "@playwright/test";
import type { ActionInfo } from "../shared/actions/types";
import { genericAreas } from "../web/views/generic/panel-entries";
import { action, createSession, runCliLine } from "./support/cli";
import { atPath, expect, type RunningPanel, test } from "./support/panel";

interface Page_<T> {
  data: T[];
}

async function openMore(page: Page) {
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "More" }).click();
  await expect(page.getByRole("heading", { name: "More resources" })).toBeVisible();
}

const sidebarLink = (page: Page, path: string) =>
  page.getByRole("navigation", { name: "Resources" }).locator(`a[href="${path}"]`);

async function demoUser(page: Page, panel: RunningPanel, query: string): Promise<string> {
  const users = await action<Page_<{ id: string }>>(page, panel, "users.list", { query });
  return (users.data[0] as { id: string }).id;
}

test("the More section reaches every catalog area without a bespoke view, each as the catalog lays it out", async ({
  signedIn: page,
  panel,
}) => {
  const crashes: string[] = [];
  page.on("pageerror", (error) => crashes.push(error.message));
  // The same pure function the panel uses: new areas are walked with no change here.
  const catalog = ((await (await page.request.get(`${panel.url}/api/catalog`)).json()) as { actions: ActionInfo[] })
    .actions;
  const areas = genericAreas(catalog);
  expect(areas.map((area) => area.id)).toEqual(expect.arrayContaining(["apps", "sessions"]));

  await openMore(page);
  await expect(page.getByTestId("area-card")).toHaveCount(areas.length);
  for (const area of areas) {
    await sidebarLink(page, area.path).click();
    await expect(page).toHaveURL(atPath(panel, area.path));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(area.label);
    await expect(sidebarLink(page, area.path)).toHaveAttribute("aria-current", "page");

    if (area.overview) await expect(page.locator(".generic-record, .error-state").first()).toBeVisible();
    for (const form of area.forms) {
      const card = page.getByTestId(`action-${form.id}`);
      await expect(card).toBeVisible();
      await expect(card.getByTestId("cli-command")).toContainText(`clerk ${form.id.split(".").join(" ")}`);
    }
    if (!area.list) continue;
    // A list settles on rows, an empty state saying what to do, or Clerk's refusal (never a crash).
    const list = page.locator(`[aria-labelledby="${area.id}-list-title"]`);
    await expect(list.locator(".skeleton-row")).toHaveCount(0);
    await expect(list.locator(".data-table tbody tr, .empty-state, .error-state").first()).toBeVisible();
    await expect(list.locator(".error-state", { hasText: "internal_error" })).toHaveCount(0);
    await expect(list.getByTestId("cli-command").first()).toContainText(`clerk ${area.list.id.split(".").join(" ")}`);
    const firstId = list.locator(".data-table tbody tr").first().locator("td").first().locator("a");
    if (area.detail && (await firstId.count()) > 0) {
      const id = ((await firstId.textContent()) ?? "").trim();
      await firstId.click();
      await expect(page).toHaveURL(atPath(panel, `${area.path}/${encodeURIComponent(id)}`));
      await expect(page.getByTestId("record-title").or(page.locator(".error-state"))).toBeVisible();
      for (const record of area.records) await expect(page.getByTestId(`action-${record.id}`)).toBeVisible();
    }
  }
  expect(crashes).toEqual([]);
});

test("sessions: filters in the URL, ↓ Enter open a record whose JSON is the CLI's, revoke asks yes/no naming whose session", async ({
  signedIn: page,
  panel,
}) => {
  const ada = await demoUser(page, panel, "ada.love");
  const grace = await demoUser(page, panel, "grace");
  await createSession(panel, ada);
  await createSession(panel, ada);
  const graceSession = await createSession(panel, grace);

  await openMore(page);
  await sidebarLink(page, "/more/sessions").click();
  const table = page.getByRole("table", { name: "Sessions" });
  await expect(table.locator("tbody tr")).toHaveCount(3);
  await expect(page.getByTestId("page-status")).toHaveText("1–3 of 3");

  // The list's input fields are its filters, kept in the URL; the CLI line follows them.
  // `/` focuses the first text filter, as it focuses the bespoke views' search boxes.
  await page.locator("body").press("/");
  await expect(page.getByLabel(/^User ID/)).toBeFocused();
  await page.keyboard.type(ada);
  await expect(page).toHaveURL(new RegExp(`[?&]user_id=${ada}`));
  await expect(table.locator("tbody tr")).toHaveCount(2);
  await expect(table).not.toContainText(graceSession);
  await expect(page.getByTestId("cli-command").filter({ hasText: "sessions list" }).locator("code")).toHaveText(
    `clerk sessions list --user-id ${ada}`,
  );
  await page.reload();
  await expect(table.locator("tbody tr")).toHaveCount(2);

  // ↓ and Enter open the selected row, as in the bespoke tables.
  const second = ((await table.locator("tbody tr").nth(1).locator("td a").first().textContent()) ?? "").trim();
  expect(second).toMatch(/^sess_/);
  await page.locator("body").press("ArrowDown");
  await page.locator("body").press("Enter");
  await expect(page).toHaveURL(atPath(panel, `/more/sessions/${second}`));
  await expect(page.getByTestId("record-title")).toHaveText(second);
  await expect(page.getByTestId("record-fields").getByRole("link", { name: ada })).toHaveAttribute(
    "href",
    `/users/${ada}`,
  );

  // The JSON view is exactly what the CLI line next to it prints with --json.
  await page.getByRole("button", { name: "JSON (as sessions get --json)" }).click();
  const shown = JSON.parse((await page.getByTestId("json-view").textContent()) ?? "");
  const line =
    (await page.getByTestId("cli-command").filter({ hasText: "sessions get" }).locator("code").textContent()) ?? "";
  expect(line).toBe(`clerk sessions get ${second}`);
  const printed = await runCliLine(panel, line);
  expect(printed.code, printed.stderr).toBe(0);
  expect(JSON.parse(printed.stdout)).toEqual(shown);

  // A disruptive record action (the user can sign in again): the CLI line, then the plain yes/no
  // the server asked for, naming whose session it is.
  const revoke = page.getByTestId("action-sessions.revoke");
  await expect(revoke.getByTestId("cli-command").locator("code")).toHaveText(`clerk sessions revoke ${second}`);
  const opener = revoke.getByRole("button", { name: `Revoke… ${second}` });
  await opener.click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`clerk sessions revoke ${second}`);
  await expect(dialog.getByRole("heading")).toHaveText(new RegExp(`^Revoke .+'s session \\(${second}\\)\\?$`));
  await expect(dialog.getByTestId("confirm-input")).toHaveCount(0);
  // Cancelled, nothing is revoked and focus is back on the button.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  await opener.click();
  const submit = dialog.getByTestId("confirm-submit");
  await expect(submit).toBeEnabled();
  await submit.click();
  await expect(page.getByTestId("toast-success").filter({ hasText: `Done: sessions revoke ${second}` })).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("region", { name: "Show one session" }).getByTestId("summary")).toContainText("revoked");

  // Esc goes up to the list; the status filter finds the revoked one.
  await page.locator("body").press("Escape");
  await expect(page).toHaveURL(atPath(panel, "/more/sessions"));
  await page.getByLabel(/^Status/).selectOption("revoked");
  await expect(page).toHaveURL(/[?&]status=revoked/);
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await expect(table).toContainText(second);
});

test("forms generated from the catalog: required fields checked before sending, Clerk's error as a toast, results as the CLI prints them", async ({
  signedIn: page,
  panel,
}) => {
  const ada = await demoUser(page, panel, "ada.love");
  await openMore(page);
  await sidebarLink(page, "/more/users").click();
  await expect(page.getByRole("link", { name: "Users" }).last()).toHaveAttribute("href", "/users");

  const verify = page.getByTestId("action-users.verify-password");
  const sent: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/actions/users.verify-password")) sent.push(request.postData() ?? "");
  });
  await verify.getByRole("button", { name: "Verify password" }).click();
  await expect(verify.getByText("Required.")).toHaveCount(2);
  await expect(verify.getByLabel(/^User ID/)).toBeFocused();
  expect(sent).toEqual([]);

  // A secret is sent, but never shown in (or copied with) the CLI line.
  await verify.getByLabel(/^User ID/).fill(ada);
  await verify.getByLabel(/^Password/).fill("not her password");
  await expect(verify.getByTestId("cli-command").locator("code")).toHaveText(
    `clerk users verify-password ${ada} --password "$PASSWORD"`,
  );
  await verify.getByRole("button", { name: "Verify password" }).click();
  const error = page.getByTestId("toast-error");
  await expect(error).toContainText("This user does not have a password set.");
  await expect(error).toContainText("no_password_set");
  await expect(error).toContainText(/trace [0-9a-f]{32}/);
  expect(JSON.parse(sent[0] ?? "")).toEqual({ user_id: ada, password: "not her password" });

  // A read-only form shows its answer as the CLI's table (and the JSON).
  const count = page.getByTestId("action-users.count");
  await count.getByLabel(/^Query/).fill("ada.love");
  await expect(count.getByTestId("cli-command").locator("code")).toHaveText("clerk users count --query ada.love");
  await count.getByRole("button", { name: "Count" }).click();
  await expect(count.getByTestId("action-result").getByTestId("summary")).toHaveText("Users1");
});

test("apps: creating one works, and the secret keys in its answer are withheld with a note", async ({
  signedIn: page,
  panel,
}) => {
  await page.goto(`${panel.url}/more/apps`);
  const table = page.getByRole("table", { name: "Apps" });
  await expect(table.locator("tbody tr")).toHaveCount(1);
  const form = page.getByTestId("action-apps.create");
  await form.getByLabel(/^Name/).fill("Rocket Science");
  await form.getByLabel(/^Environment types/).fill("development, production");
  await expect(form.getByTestId("cli-command").locator("code")).toHaveText(
    "clerk apps create 'Rocket Science' --environment-types development --environment-types production",
  );
  await form.getByRole("button", { name: "Create" }).click();
  // The Platform API answers with the instances' secret keys, which never reach the browser:
  // the rest of the answer is shown, with a note saying what was kept out.
  const note = form.getByTestId("withheld-note");
  await expect(note).toContainText("secret_key");
  await expect(note).toContainText("The change was made");
  await expect(form.getByTestId("action-result")).toContainText("Rocket Science");
  await expect(form.getByTestId("action-result")).not.toContainText("sk_test_");
  await expect(page.getByTestId("toast-error")).toHaveCount(0);
  await expect(table.locator("tbody tr")).toHaveCount(2);
  await expect(table).toContainText("Rocket Science");
  // The header's app picker learns of the new app at once.
  await expect(page.getByTestId("app-picker").locator("option", { hasText: "Rocket Science" })).toHaveCount(1);
});

test("config patch: JSON checked as typed, the plan previewed, applied at the version it was planned at", async ({
  signedIn: page,
  panel,
}) => {
  await page.goto(`${panel.url}/more/config`);
  await expect(page.getByRole("link", { name: "Config" }).last()).toHaveAttribute("href", "/config");
  const form = page.getByTestId("action-config.patch");
  const changes = form.getByLabel(/^Changes/);
  await changes.fill('{"session": {"lifetime_seconds": 86400,}}');
  await expect(form.getByRole("alert")).toContainText("Trailing comma before '}'");
  await changes.fill('{"session": {"lifetime_seconds": 86400}}');
  await expect(form.getByRole("alert")).toHaveCount(0);
  await expect(form.getByTestId("cli-command").locator("code")).toHaveText("clerk config patch -");

  const applied = page.waitForRequest((request) => request.url().includes("/api/actions/config.patch?"));
  await form.getByRole("button", { name: "Preview patch…" }).click();
  const dialog = page.getByRole("dialog");
  const rows = dialog.getByTestId("diff-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-path", "session.lifetime_seconds");
  await expect(rows.first()).toContainText("604800");
  await expect(dialog.getByTestId("cli-command").locator("code")).toHaveText("clerk config patch - --if-match 1");
  // Copied, the line brings the document it reads from stdin, so pasted as it is it runs (here: a dry run).
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await dialog.getByRole("button", { name: "Copy CLI command" }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(
    `clerk config patch - --if-match 1 <<'EOF'\n${JSON.stringify({ session: { lifetime_seconds: 86400 } }, null, 2)}\nEOF`,
  );
  const checked = await runCliLine(panel, copied.replace(" <<'EOF'", " --dry-run <<'EOF'"));
  expect(checked.code, checked.stderr).toBe(0);
  expect(JSON.parse(checked.stdout)).toMatchObject({ dry_run: true });
  await dialog.getByRole("button", { name: "Apply" }).click();
  expect(JSON.parse((await applied).postData() ?? "")).toMatchObject({
    changes: { session: { lifetime_seconds: 86400 } },
    if_match: "1",
  });
  await expect(page.getByTestId("toast-success").filter({ hasText: "Done: config patch" })).toBeVisible();
  await expect(form.getByTestId("action-result")).toContainText("session.lifetime_seconds");

  const apps = (await (await panel.platform("GET", "/applications")).json()) as { application_id: string }[];
  const live = (await (
    await panel.platform("GET", `/applications/${apps[0]?.application_id}/instances/development/config`)
  ).json()) as { session: { lifetime_seconds: number }; config_version: string };
  expect(live.session.lifetime_seconds).toBe(86400);
  expect(String(live.config_version)).toBe("2");
});

test("update forms start from the record's current values, on/off as checkboxes, and send only what changed", async ({
  signedIn: page,
  panel,
}) => {
  const template = await action<{ id: string }>(page, panel, "jwt-templates.create", {
    name: "convex",
    claims: { aud: "convex" },
    lifetime: 60,
  });
  await page.goto(`${panel.url}/more/jwt-templates/${template.id}`);
  const update = page.getByTestId("action-jwt-templates.update");
  await expect(update.getByLabel(/^Name/)).toHaveValue("convex");
  await expect(update.getByLabel(/^Lifetime/)).toHaveValue("60");
  expect(JSON.parse(await update.getByLabel(/^Claims/).inputValue())).toEqual({ aud: "convex" });
  // A yes/no with a current value is a checkbox showing it, not "Not set / Yes / No".
  await update.getByText("more option").click();
  const custom = update.getByRole("checkbox", { name: /^Custom signing key/ });
  await expect(custom).not.toBeChecked();
  await expect(update.locator('select[name="custom_signing_key"]')).toHaveCount(0);
  // Nothing changed yet: nothing to send, and the command line says as much.
  const save = update.getByRole("button", { name: `Update ${template.id}` });
  await expect(save).toBeDisabled();
  await expect(update).toContainText("Showing the current values");
  await expect(update.getByTestId("cli-command").locator("code")).toHaveText(
    `clerk jwt-templates update ${template.id}`,
  );

  await update.getByLabel(/^Lifetime/).fill("3600");
  await expect(update.getByTestId("cli-command").locator("code")).toHaveText(
    `clerk jwt-templates update ${template.id} --lifetime 3600`,
  );
  const sent = page.waitForRequest((request) => request.url().includes("/api/actions/jwt-templates.update"));
  await save.click();
  expect(JSON.parse((await sent).postData() ?? "")).toEqual({ template_id: template.id, lifetime: 3600 });
  await expect(page.getByTestId("toast-success").filter({ hasText: "Done: jwt-templates update" })).toBeVisible();
  // The form starts again from the record as it now is.
  await expect(update.getByLabel(/^Lifetime/)).toHaveValue("3600");
  await expect(save).toBeDisabled();
  const saved = await action<{ name: string; lifetime: number; claims: unknown }>(page, panel, "jwt-templates.get", {
    template_id: template.id,
  });
  expect(saved).toMatchObject({ name: "convex", lifetime: 3600, claims: { aud: "convex" } });

  // `<area>.update` beside `<area>.get`: read first; a yes/no with no current value keeps its "Not set".
  await page.goto(`${panel.url}/more/instance`);
  const instance = page.getByTestId("action-instance.update");
  await expect(instance.getByLabel(/^Test mode/)).toHaveValue("");
  await expect(
    instance
      .getByLabel(/^Test mode/)
      .locator("option")
      .first(),
  ).toHaveText("Not set");
  await expect(instance.getByRole("button", { name: "Update" })).toBeDisabled();
  await instance.getByLabel(/^Test mode/).selectOption("false");
  await expect(instance.getByTestId("cli-command").locator("code")).toHaveText("clerk instance update --no-test-mode");
  await expect(instance.getByRole("button", { name: "Update" })).toBeEnabled();
});
