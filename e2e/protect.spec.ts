import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { ruleAnswer, startFakeOpenAi } from "../shared/ai/testing/fake-models";
import { atPath, expect, type RunningPanel, startPanel, test } from "./support/panel";

interface Rule {
  id: string;
  expression: string;
  action: string;
  description: string;
}

/** Runs a catalog action through the panel's own API (the page's session): setup, and "someone else". */
async function action<T>(page: Page, panel: RunningPanel, id: string, input: Record<string, unknown>): Promise<T> {
  const response = await page.request.post(`${panel.url}/api/actions/${id}`, {
    headers: { "x-clerk-ui": "1" },
    data: input,
  });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { output: T }).output;
}

const serverOrder = async (page: Page, panel: RunningPanel, ruleset: string) =>
  (await action<{ rules: Rule[] }>(page, panel, "protect.rules.list", { ruleset })).rules.map((r) => r.description);

const rows = (page: Page) => page.getByTestId("rule-row");
const shownOrder = (page: Page) => rows(page).locator(".protect-rule-text .muted").allInnerTexts();
const descriptionsOf = async (page: Page) => (await shownOrder(page)).map((text) => text.split(" · ")[0]);

// The demo sandbox has three SIGN_UP rules.
const DEMO_SIGN_UP = ["VPN sign-ups from outside the US", "Throw-away email addresses", "Likely bots get a captcha"];

test("Protect opens on the first ruleset with rules; without an AI model, writing a rule says why instead of failing", async ({
  signedIn: page,
  panel,
}) => {
  const crashes: string[] = [];
  page.on("pageerror", (error) => crashes.push(error.message));
  const counts: Record<string, number> = {};
  for (const ruleset of ["ALL", "SIGN_IN", "SIGN_UP", "SMS", "EMAIL"]) {
    counts[ruleset] = (await action<{ rules: Rule[] }>(page, panel, "protect.rules.list", { ruleset })).rules.length;
  }
  expect(counts.ALL).toBe(0);
  const first = Object.keys(counts).find((ruleset) => (counts[ruleset] ?? 0) > 0) as string;

  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Protect" }).click();
  await expect(page.getByRole("tab", { selected: true })).toContainText(first);
  await expect(rows(page)).toHaveCount(counts[first] ?? 0);
  // A ruleset named in the URL still wins, empty or not.
  await page.goto(`${panel.url}/protect?ruleset=ALL`);
  await expect(page.getByRole("tab", { selected: true })).toContainText("ALL");

  // This panel has no model configured: the button is off and the reason names the fix.
  await page.getByLabel("What should the rule do?").fill("block sign-ups from VPNs");
  const write = page.getByRole("button", { name: "Write the rule" });
  await expect(write).toBeDisabled();
  const missing = page.getByTestId("ai-missing");
  await expect(missing).toContainText("No AI model is configured");
  await expect(missing).toContainText("OPENAI_API_KEY");
  await expect(write).toHaveAccessibleDescription(/No AI model is configured/);
  await page.getByLabel("What should the rule do?").press("Enter");
  await expect(page.getByTestId("generated-rule")).toHaveCount(0);
  expect(crashes).toEqual([]);
});

test("reorder a ruleset by drag and drop and with the keyboard; each order is saved with the ETag", async ({
  signedIn: page,
  panel,
}) => {
  await page.goto(`${panel.url}/protect?ruleset=SIGN_UP`);
  await expect(rows(page)).toHaveCount(3);
  await expect.poll(() => descriptionsOf(page)).toEqual(DEMO_SIGN_UP);

  // Drag the last rule onto the first.
  await rows(page).nth(2).dragTo(rows(page).nth(0));
  await expect.poll(() => descriptionsOf(page)).toEqual([DEMO_SIGN_UP[2], DEMO_SIGN_UP[0], DEMO_SIGN_UP[1]]);
  const bar = page.getByTestId("order-bar");
  await expect(bar).toContainText("The order changed; it is not saved yet.");
  await expect(bar.getByTestId("cli-command")).toContainText("clerk protect rules reorder SIGN_UP --order rule_");
  await expect(bar.getByTestId("cli-command")).toContainText("--if-match");
  await bar.getByRole("button", { name: "Save order" }).click();
  await expect(page.getByTestId("toast-success")).toContainText("Saved the new order of SIGN_UP");
  await expect(bar).toBeHidden();
  expect(await serverOrder(page, panel, "SIGN_UP")).toEqual([DEMO_SIGN_UP[2], DEMO_SIGN_UP[0], DEMO_SIGN_UP[1]]);

  // Keyboard: pick up the first rule, carry it to the bottom, put it down, save.
  const handle = page.getByRole("button", { name: `Move rule 0: ${DEMO_SIGN_UP[2]}` });
  await handle.focus();
  await page.keyboard.press("Space");
  await expect(handle).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Space");
  await expect.poll(() => descriptionsOf(page)).toEqual([DEMO_SIGN_UP[0], DEMO_SIGN_UP[1], DEMO_SIGN_UP[2]]);
  await expect(page.locator(".protect-sr")).toHaveText("Rule put down at position 2. Save the order to apply it.");
  await bar.getByRole("button", { name: "Save order" }).click();
  await expect(bar).toBeHidden();
  expect(await serverOrder(page, panel, "SIGN_UP")).toEqual(DEMO_SIGN_UP);

  // Escape puts a picked-up rule back.
  await page.getByRole("button", { name: `Move rule 1: ${DEMO_SIGN_UP[1]}` }).focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Escape");
  await expect.poll(() => descriptionsOf(page)).toEqual(DEMO_SIGN_UP);
  await expect(bar).toBeHidden();
});

test("a ruleset changed by someone else meanwhile: the save is refused, the list reloads with a clear message", async ({
  signedIn: page,
  panel,
}) => {
  await page.goto(`${panel.url}/protect?ruleset=SIGN_UP`);
  await expect(rows(page)).toHaveCount(3);
  await rows(page).nth(1).dragTo(rows(page).nth(0));
  await expect(page.getByTestId("order-bar")).toBeVisible();

  // Someone else adds a rule after this list was loaded: its ETag is now stale.
  await action(page, panel, "protect.rules.add", {
    ruleset: "SIGN_UP",
    expression: "ip.privacy.is_tor",
    action: "BLOCK",
    description: "Added elsewhere",
  });
  await page.getByRole("button", { name: "Save order" }).click();
  const conflict = page.getByTestId("reorder-conflict");
  await expect(conflict).toContainText("Someone changed the SIGN_UP rules since this list was loaded");
  await expect(conflict).toContainText("The list now shows the current rules: move them again and save.");
  // Reloaded: the other change shows, the unsaved order is gone, and the server kept its order.
  await expect(rows(page)).toHaveCount(4);
  await expect.poll(() => descriptionsOf(page)).toEqual([...DEMO_SIGN_UP, "Added elsewhere"]);
  await expect(page.getByTestId("order-bar")).toBeHidden();
  expect(await serverOrder(page, panel, "SIGN_UP")).toEqual([...DEMO_SIGN_UP, "Added elsewhere"]);
});

test("add a rule: checked as you type with the error's position, fields picked from the browser", async ({
  signedIn: page,
  panel,
}) => {
  await page.goto(`${panel.url}/protect`);
  await page.getByRole("tab", { name: /Email/ }).click();
  await expect(page).toHaveURL(/ruleset=EMAIL/);
  await expect(page.getByText("No rules in EMAIL yet.")).toBeVisible();

  const expression = page.getByLabel("Expression (CEL)");
  await expression.fill("emailAddress.is_disposabel && email.sent_last_hour > 3");
  const status = page.getByTestId("expression-status").first();
  await expect(status).toContainText("unknown field emailAddress.is_disposabel");
  await expect(status).toContainText("(line 1, column 14)");
  await expect(status.locator(".protect-pointer")).toHaveText(
    "emailAddress.is_disposabel && email.sent_last_hour > 3\n             ^^^^^^^^^^^^^",
  );
  await expect(expression).toHaveAttribute("aria-invalid", "true");
  const add = page.getByRole("button", { name: "Add rule" });
  await expect(add).toBeDisabled();

  // Rewrite it with the field browser: search, click to insert at the cursor.
  await expression.fill(" && email.sent_last_hour > 3");
  await expression.press("Home");
  await page.getByRole("button", { name: /Fields of EMAIL/ }).click();
  await page.getByLabel("Search fields").fill("disposable");
  await page
    .getByTestId("field-browser")
    .getByRole("button", { name: /emailAddress\.is_disposable/ })
    .click();
  await expect(expression).toHaveValue("emailAddress.is_disposable && email.sent_last_hour > 3");
  await expect(status).toContainText("✓ Valid for EMAIL");
  await page.getByLabel("Action").first().selectOption("CHALLENGE");
  await page.getByLabel("Description").first().fill("Bursts to throw-away inboxes");
  await expect(page.locator(".protect-form").getByTestId("cli-command").first()).toContainText(
    "clerk protect rules add EMAIL --expression 'emailAddress.is_disposable && email.sent_last_hour > 3' --action CHALLENGE --description 'Bursts to throw-away inboxes'",
  );
  await add.click();
  await expect(page.getByTestId("toast-success")).toContainText("Added the rule at position 0 of EMAIL");
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("emailAddress.is_disposable && email.sent_last_hour > 3");
  await expect(expression).toHaveValue("");
  const stored = await action<{ rules: Rule[] }>(page, panel, "protect.rules.list", { ruleset: "EMAIL" });
  expect(stored.rules).toEqual([
    expect.objectContaining({
      expression: "emailAddress.is_disposable && email.sent_last_hour > 3",
      action: "CHALLENGE",
      description: "Bursts to throw-away inboxes",
    }),
  ]);
});

test("edit a rule in place; delete one and flush the ruleset with typed confirmation", async ({
  signedIn: page,
  panel,
}) => {
  await page.goto(`${panel.url}/protect?ruleset=SIGN_IN`);
  await expect(rows(page)).toHaveCount(2);
  await rows(page).first().getByRole("button", { name: "Edit" }).click();
  const editor = page.getByRole("form", { name: /Edit rule/ });
  await editor.getByLabel("Expression (CEL)").fill("ip.privacy.is_tor || ip.privacy.is_relay");
  await editor.getByLabel("Action").selectOption("BLOCK");
  await expect(editor.getByTestId("cli-command")).toContainText(
    "--expression 'ip.privacy.is_tor || ip.privacy.is_relay' --action BLOCK",
  );
  await editor.getByRole("button", { name: "Save rule" }).click();
  await expect(rows(page).first()).toContainText("ip.privacy.is_tor || ip.privacy.is_relay");
  await expect(rows(page).first().locator(".badge")).toHaveText("BLOCK");

  const [first] = (await action<{ rules: Rule[] }>(page, panel, "protect.rules.list", { ruleset: "SIGN_IN" })).rules;
  await rows(page).first().getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("confirm-submit")).toBeDisabled();
  await dialog.getByTestId("confirm-input").fill(first?.id as string);
  await dialog.getByTestId("confirm-submit").click();
  await expect(rows(page)).toHaveCount(1);

  await page.getByRole("button", { name: "Delete all…" }).click();
  await expect(page.getByRole("dialog")).toContainText("clerk protect rules flush SIGN_IN");
  await page.getByTestId("confirm-input").fill("SIGN_IN");
  await page.getByTestId("confirm-submit").click();
  await expect(page.getByText("No rules in SIGN_IN yet.")).toBeVisible();
  expect((await action<{ rules: Rule[] }>(page, panel, "protect.rules.list", { ruleset: "SIGN_IN" })).rules).toEqual(
    [],
  );
});

test("describe it in words: the model's tool calls are shown and the rule goes to the add form", async ({ page }) => {
  const model = await startFakeOpenAi([
    { toolCalls: [{ name: "asn__lookup_asn", arguments: { organization: "Cloudflare" } }] },
    ruleAnswer("ip.asn.number == 13335", "CHALLENGE", "Challenge sign-ins from Cloudflare's network"),
  ]);
  const dir = mkdtempSync(join(tmpdir(), "clerk-e2e-mcp-"));
  const mcp = join(dir, "mcp.json");
  const server = fileURLToPath(new URL("../shared/ai/testing/asn-mcp-server.mjs", import.meta.url));
  writeFileSync(mcp, JSON.stringify({ servers: { asn: { command: process.execPath, args: [server] } } }));
  const panel = await startPanel({
    env: {
      OPENAI_API_KEY: "sk-test-e2e-0123456789",
      CLERK_AI_OPENAI_URL: model.url,
      CLERK_AI_OPENAI_MODEL: "gpt-4.1-mini",
      CLERK_AI_MCP_CONFIG: mcp,
    },
  });
  try {
    await page.goto(panel.launchUrl);
    await page.waitForURL(atPath(panel, "/users"));
    await page.goto(`${panel.url}/protect?ruleset=SIGN_IN`);
    await page.getByLabel("What should the rule do?").fill("challenge sign-ins from Cloudflare's network");
    // The model is named (never its key) and the button is on.
    await expect(page.locator("#protect-generate-model")).toContainText("openai gpt-4.1-mini writes it");
    await expect(page.getByTestId("ai-missing")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Write the rule" })).toBeEnabled();
    await expect(page.locator(".protect-form").getByTestId("cli-command").last()).toContainText(
      "clerk protect rules generate SIGN_IN 'challenge sign-ins from Cloudflare'\\''s network'",
    );
    await page.getByRole("button", { name: "Write the rule" }).click();
    const generated = page.getByTestId("generated-rule");
    await expect(generated).toContainText("Written by openai gpt-4.1-mini in 1 answer");
    await expect(generated.getByTestId("tool-calls")).toContainText('asn.lookup_asn({"organization":"Cloudflare"})');
    await expect(generated.getByTestId("tool-calls")).toContainText(
      '→ {"organization":"Cloudflare, Inc.","asn":13335}',
    );
    await generated.getByRole("button", { name: "Use this rule" }).click();
    await expect(page.getByLabel("Expression (CEL)")).toHaveValue("ip.asn.number == 13335");
    await expect(page.getByLabel("Description").first()).toHaveValue("Challenge sign-ins from Cloudflare's network");
    await page.getByRole("button", { name: "Add rule" }).click();
    await expect(rows(page)).toHaveCount(3);
    await expect(rows(page).last()).toContainText("ip.asn.number == 13335");
    // The key stayed on the server.
    expect(await page.content()).not.toContain("sk-test-e2e-0123456789");
  } finally {
    await panel.stop();
    await model.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
