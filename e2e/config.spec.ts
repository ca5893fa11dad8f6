import type { Page } from "@playwright/test";
import { runCliLine } from "./support/cli";
import { expect, type RunningPanel, test } from "./support/panel";

interface LiveConfig {
  config_version: string;
  session: { lifetime_seconds: number; inactivity_timeout_seconds: number };
  instance: { development_origin: string | null };
}

async function applicationId(panel: RunningPanel): Promise<string> {
  const apps = (await (await panel.platform("GET", "/applications")).json()) as { application_id: string }[];
  return (apps[0] as { application_id: string }).application_id;
}

/** The development instance's config as the sandbox's Platform API has it (not as the panel shows it). */
async function liveConfig(panel: RunningPanel): Promise<LiveConfig> {
  const app = await applicationId(panel);
  const response = await panel.platform("GET", `/applications/${app}/instances/development/config`);
  expect(response.ok).toBe(true);
  return (await response.json()) as LiveConfig;
}

/**
 * The editor's whole document, as its copy button copies it: CodeMirror draws only the lines in
 * view, so the page's text is not the document.
 */
async function editorText(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Copy the document" }).click();
  return page.evaluate(() => navigator.clipboard.readText());
}

/** What a copy button put on the clipboard. */
async function copied(page: Page, button: ReturnType<Page["getByRole"]>): Promise<string> {
  await button.click();
  return page.evaluate(() => navigator.clipboard.readText());
}

/**
 * Replaces the editor's document by pasting it. (Playwright's `fill` inserts into the
 * contenteditable, where the browser turns runs of spaces into no-break spaces.)
 */
async function setEditorText(page: Page, text: string) {
  await page.evaluate((document) => navigator.clipboard.writeText(document), text);
  await page.getByTestId("config-editor").focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("ControlOrMeta+v");
}

async function openConfig(page: Page) {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("link", { name: "Config" }).click();
  const editor = page.getByTestId("config-editor");
  await expect(editor).toBeVisible();
  await expect.poll(() => editorText(page)).toMatch(/"lifetime_seconds": 604800/);
  await expect(page.getByTestId("diff-empty")).toBeVisible();
  return editor;
}

async function replaceInEditor(page: Page, from: string, to: string) {
  const text = await editorText(page);
  expect(text).toContain(from);
  await setEditorText(page, text.replace(from, to));
}

test("an edit shows exactly that change; a dry run changes nothing; apply bumps config_version", async ({
  signedIn: page,
  panel,
}) => {
  await openConfig(page);
  await expect(page.getByTestId("config-version")).toHaveText("config_version 1");

  await replaceInEditor(page, '"lifetime_seconds": 604800', '"lifetime_seconds": 86400');
  const rows = page.getByTestId("diff").getByTestId("diff-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-path", "session.lifetime_seconds");
  await expect(rows.first()).toHaveAttribute("data-kind", "changed");
  await expect(rows.first()).toContainText("604800");
  await expect(rows.first()).toContainText("86400");
  await expect(page.getByTestId("change-count")).toHaveText("1 change");
  await expect(page.getByTestId("cli-command").filter({ hasText: "--dry-run" })).toContainText(
    "clerk config apply - --dry-run --if-match 1",
  );

  // The copied command runs as pasted: the document it reads from stdin comes with it.
  const dryRunRow = page.locator(".config-run-row").filter({ has: page.getByTestId("config-dry-run") });
  const copiedLine = await copied(page, dryRunRow.getByRole("button", { name: "Copy CLI command" }));
  expect(copiedLine).toMatch(/^clerk config apply - --dry-run --if-match 1.* <<'EOF'\n\{\n/);
  expect(copiedLine).toContain('"lifetime_seconds": 86400');
  expect(copiedLine.endsWith("\n}\nEOF")).toBe(true);
  const printed = await runCliLine(panel, copiedLine);
  expect(printed.code, printed.stderr).toBe(0);
  expect(JSON.parse(printed.stdout)).toMatchObject({
    dry_run: true,
    changes: [{ path: "session.lifetime_seconds", before: 604800, after: 86400 }],
  });

  await page.getByTestId("config-dry-run").click();
  await expect(page.getByTestId("config-result")).toContainText("Dry run passed");
  const afterDryRun = await liveConfig(panel);
  expect(afterDryRun.session.lifetime_seconds).toBe(604800);
  expect(afterDryRun.config_version).toBe("1");

  // Any edit makes the dry run's verdict stale: it goes, even for a document that is now broken.
  const editor = page.getByTestId("config-editor");
  await editor.press("End");
  await editor.pressSequentially(",");
  await expect(page.getByTestId("config-result")).toBeHidden();
  await expect(page.getByTestId("config-editor-status")).toContainText("Line");
  await editor.press("Backspace");
  await expect(page.getByTestId("config-editor-status")).toContainText("Valid JSON");
  await expect(page.getByTestId("config-apply")).toBeEnabled();

  await page.getByTestId("config-apply").click();
  await expect(page.getByTestId("config-result")).toContainText("config_version is now 2");
  await expect(page.getByTestId("config-version")).toHaveText("config_version 2");
  await expect(page.getByTestId("diff-empty")).toBeVisible();
  await expect.poll(() => editorText(page)).toMatch(/"config_version": "2"/);
  const applied = await liveConfig(panel);
  expect(applied.session.lifetime_seconds).toBe(86400);
  expect(applied.config_version).toBe("2");
});

test("broken JSON is pointed at, with its line and column, and nothing can be applied", async ({ signedIn: page }) => {
  const editor = await openConfig(page);
  await setEditorText(page, '{\n  "session": {\n    "lifetime_seconds": 3600,\n  }\n}\n');
  const status = page.getByTestId("config-editor-status");
  await expect(status).toContainText("Line 3, column 29");
  await expect(status).toContainText("Trailing comma");
  await expect(editor).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("config-apply")).toBeDisabled();
  // Marked where it is, in the editor: the gutter of line 3, the comma underlined, the reason on hover.
  await expect(page.locator(".cm-gutter-lint .cm-lint-marker-error")).toHaveCount(1);
  const marked = page.locator(".cm-line", { has: page.locator(".cm-lintRange-error") });
  await expect(marked).toHaveText('    "lifetime_seconds": 3600,');
  await page.locator(".cm-lintRange-error").hover();
  await expect(page.locator(".cm-tooltip-lint")).toContainText("Trailing comma");
  // "Go to error" puts the cursor on it.
  await status.getByRole("button", { name: "Go to error" }).click();
  await expect(editor).toBeFocused();
  await setEditorText(page, '{\n  "session": {\n    "lifetime_seconds": 3600\n  }\n}\n');
  await expect(status).toContainText("Valid JSON");
  await expect(editor).toHaveAttribute("aria-invalid", "false");
  await expect(page.locator(".cm-lint-marker-error")).toHaveCount(0);
  await expect(page.getByTestId("diff").getByTestId("diff-row")).toHaveCount(1);
  await expect(page.getByTestId("config-apply")).toBeEnabled();
});

test("a local file is compared key by key; clearing a value needs the destructive flag", async ({
  signedIn: page,
  panel,
}) => {
  await openConfig(page);
  await page.getByTestId("config-file").setInputFiles({
    name: "clerk.json",
    mimeType: "application/json",
    buffer: Buffer.from(
      JSON.stringify({ instance: { development_origin: null }, session: { lifetime_seconds: 7200 } }),
    ),
  });
  await expect(page.getByText("from clerk.json")).toBeVisible();
  const rows = page.getByTestId("diff").getByTestId("diff-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAttribute("data-path", "instance.development_origin");
  await expect(rows.nth(1)).toHaveAttribute("data-path", "session.lifetime_seconds");

  // Without --destructive Clerk refuses to clear the key, and the row it names is marked.
  await page.getByTestId("config-dry-run").click();
  await expect(page.locator(".config-diff-invalid")).toHaveAttribute("data-path", "instance.development_origin");
  await expect(page.getByRole("alert").filter({ hasText: "destructive" }).first()).toBeVisible();

  await page.getByTestId("config-destructive").check();
  await expect(page.getByTestId("cli-command").filter({ hasText: "--dry-run" })).toContainText("--destructive");
  await page.getByTestId("config-dry-run").click();
  await expect(page.getByTestId("config-result")).toContainText("Clerk validated 2 changes");

  // Applying a destructive change asks for the instance's name.
  await page.getByTestId("config-apply").click();
  await page.getByTestId("confirm-input").fill("development");
  await page.getByTestId("confirm-submit").click();
  await expect(page.getByTestId("config-version")).toHaveText("config_version 2");
  const live = await liveConfig(panel);
  expect(live.instance.development_origin).toBeNull();
  expect(live.session.lifetime_seconds).toBe(7200);
});

test("a config changed behind the editor's back is never overwritten", async ({ signedIn: page, panel }) => {
  await openConfig(page);
  await replaceInEditor(page, '"lifetime_seconds": 604800', '"lifetime_seconds": 3600');
  await expect(page.getByTestId("diff").getByTestId("diff-row")).toHaveCount(1);

  // Someone else changes the config meanwhile.
  const app = await applicationId(panel);
  const patch = await panel.platform("PATCH", `/applications/${app}/instances/development/config`, {
    session: { inactivity_timeout_seconds: 1800 },
  });
  expect(patch.ok).toBe(true);

  await page.getByTestId("config-apply").click();
  const conflict = page.getByTestId("config-conflict");
  await expect(conflict).toContainText("Not applied");
  await expect(conflict).toContainText("version 1 → 2");
  await expect(conflict).toContainText("nothing was overwritten");
  // What the other person changed is shown, and this document would now undo it.
  await expect(
    page.getByTestId("conflict-diff").locator('[data-path="session.inactivity_timeout_seconds"]'),
  ).toContainText("1800");
  await expect(page.getByTestId("diff").locator('[data-path="session.inactivity_timeout_seconds"]')).toBeVisible();
  const untouched = await liveConfig(panel);
  expect(untouched.session).toMatchObject({ lifetime_seconds: 604800, inactivity_timeout_seconds: 1800 });
  expect(untouched.config_version).toBe("2");

  // Keep my edit, on top of the new live config: only my change remains to apply.
  await page.getByTestId("conflict-rebase").click();
  await expect(conflict).toBeHidden();
  await expect.poll(() => editorText(page)).toMatch(/"inactivity_timeout_seconds": 1800/);
  const rows = page.getByTestId("diff").getByTestId("diff-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-path", "session.lifetime_seconds");
  await page.getByTestId("config-apply").click();
  await expect(page.getByTestId("config-version")).toHaveText("config_version 3");
  const merged = await liveConfig(panel);
  expect(merged.session).toMatchObject({ lifetime_seconds: 3600, inactivity_timeout_seconds: 1800 });
});

test("development compared with production shows their differences", async ({ signedIn: page }) => {
  await openConfig(page);
  await page.getByTestId("compare-toggle").click();
  await expect(page).toHaveURL(/compare=1/);
  const testMode = page.getByTestId("compare-diff").locator('[data-path="instance.test_mode"]');
  await expect(testMode).toBeVisible();
  await expect(testMode).toContainText("true");
  await expect(testMode).toContainText("false");
  await expect(page.getByTestId("compare-count")).toContainText("difference");
  await expect(page.getByTestId("cli-command").filter({ hasText: "config diff" })).toContainText(
    "clerk config diff --against production",
  );
});

test("the editor is a code editor (line numbers, highlighting), loaded only when the config is opened", async ({
  signedIn: page,
}) => {
  const chunks: string[] = [];
  page.on("request", (request) => {
    if (/\/assets\/codemirror-[^/]*\.js$/.test(request.url())) chunks.push(request.url());
  });
  await page.reload();
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  expect(chunks).toEqual([]);

  await openConfig(page);
  expect(chunks).toHaveLength(1);
  const editor = page.getByRole("textbox", { name: "Desired config" });
  await expect(editor).toHaveAttribute("data-testid", "config-editor");
  await expect(page.locator(".config-editor .cm-lineNumbers .cm-gutterElement", { hasText: /^1$/ })).toBeVisible();
  // Property names, punctuation and plain text are told apart by colour.
  const brace = editor.locator(".cm-line").first().locator("span").first();
  const key = editor.locator(".cm-line").nth(1).locator("span").first();
  await expect(brace).toHaveText("{");
  await expect(key).toHaveText(/^"[a-z_]+"$/);
  const colour = (element: typeof key) => element.evaluate((node) => getComputedStyle(node).color);
  expect(await colour(key)).not.toBe(await colour(brace));
  expect(await colour(key)).not.toBe(await colour(editor));
});

test("a YAML file is edited as YAML: highlighted, checked as typed, planned like JSON", async ({ signedIn: page }) => {
  await openConfig(page);
  await page.getByTestId("config-file").setInputFiles({
    name: "clerk.yaml",
    mimeType: "application/yaml",
    buffer: Buffer.from("# config as code\nsession:\n  lifetime_seconds: 7200\n"),
  });
  await expect(page.getByText("from clerk.yaml")).toBeVisible();
  const status = page.getByTestId("config-editor-status");
  await expect(status).toContainText("Valid YAML");
  await expect.poll(() => editorText(page)).toBe("# config as code\nsession:\n  lifetime_seconds: 7200\n");
  const rows = page.getByTestId("diff").getByTestId("diff-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-path", "session.lifetime_seconds");
  // YAML's comment and keys are told apart by colour.
  const editor = page.getByTestId("config-editor");
  const colour = (element: ReturnType<typeof editor.locator>) =>
    element.evaluate((node) => getComputedStyle(node).color);
  const comment = editor.locator(".cm-line").first().locator("span").first();
  const key = editor.locator(".cm-line").nth(1).locator("span").first();
  await expect(comment).toHaveText("# config as code");
  await expect(key).toHaveText("session");
  expect(await colour(comment)).not.toBe(await colour(key));

  // Broken YAML is marked at its line, as JSON is.
  await setEditorText(page, "session:\n  lifetime_seconds: 7200\n lifetime_seconds: [\n");
  await expect(status).toContainText("Line 3");
  await expect(editor).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator(".cm-gutter-lint .cm-lint-marker-error")).toHaveCount(1);
  await expect(page.getByTestId("config-apply")).toBeDisabled();
});
