import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runCli } from "../testing/run-cli";
import { exited, startJsonProcess } from "../testing/sandbox-process";
import { panelPath } from "../ui/open-page";

const SLOW = { timeout: 60_000 };

describe("panelPath", () => {
  test.each([
    [undefined, "/"],
    ["users", "/users"],
    ["users/user_123", "/users/user_123"],
    ["/orgs/org_9/", "/orgs/org_9"],
    ["user_123", "/users/user_123"],
    ["org_9", "/orgs/org_9"],
    ["organizations/org_9", "/orgs/org_9"],
    ["config", "/config"],
  ])("%s → %s", (typed, path) => {
    expect(panelPath(typed)).toBe(path);
  });
});

describe("clerk open panel", SLOW, () => {
  const runtimeDir = mkdtempSync(join(tmpdir(), "clerk-open-"));
  /** The state file of `clerk ui` lives in XDG_RUNTIME_DIR: each test run gets its own. */
  const env = { XDG_RUNTIME_DIR: runtimeDir };
  let ui: ChildProcess | undefined;

  afterAll(async () => {
    if (ui && ui.exitCode === null) {
      ui.kill("SIGTERM");
      await exited(ui);
    }
    rmSync(runtimeDir, { recursive: true, force: true });
  });

  test("with no `clerk ui` running it says how to start one on that page", async () => {
    const result = await runCli(["open", "panel", "users/user_123", "--no-browser"], { env });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stderr).error).toMatchObject({
      code: "ui_not_running",
      hint: expect.stringContaining("clerk ui --path /users/user_123"),
    });
  });

  describe("with `clerk ui` running", () => {
    let origin: string;
    beforeAll(async () => {
      const started = await startJsonProcess<{ url: string }>(
        ["ui", "--sandbox", "--port", "0", "--no-open", "--json", "--data", join(runtimeDir, "data")],
        env,
      );
      ui = started.child;
      origin = started.info.url;
    });

    test("prints a fresh single-use link to the page, which logs in once and lands there", async () => {
      const printed = await runCli(["open", "panel", "users/user_123", "--no-browser"], { env });
      expect(printed.code, printed.stderr).toBe(0);
      const link = printed.stdout.trim();
      expect(link).toMatch(new RegExp(`^${origin}/launch\\?code=[\\w-]+&to=%2Fusers%2Fuser_123$`));

      const first = await fetch(link, { redirect: "manual" });
      expect(first.status).toBe(303);
      expect(first.headers.get("location")).toBe("/users/user_123");
      expect(first.headers.get("set-cookie")).toBeTruthy();
      expect((await fetch(link, { redirect: "manual" })).status).toBe(403);

      const another = await runCli(["open", "panel", "users/user_123", "--no-browser"], { env });
      expect(another.stdout.trim()).not.toBe(link);
    });

    test("`clerk ui --reopen` mints its links the same way", async () => {
      const reopened = await runCli(["ui", "--reopen", "--no-open", "--path", "/config"], { env });
      expect(reopened.code, reopened.stderr).toBe(0);
      expect(reopened.stdout.trim()).toMatch(new RegExp(`^${origin}/launch\\?code=[\\w-]+&to=%2Fconfig$`));
    });

    test("users open / orgs open go to the running panel's page for it", async () => {
      const result = await runCli(["users", "open", "user_123", "--json"], { env });
      expect(result.code, result.stderr).toBe(0);
      expect(result.json()).toMatchObject({ path: "/users/user_123", browser: false });
      const org = await runCli(["orgs", "open", "org_9", "--panel", "--json"], { env });
      expect(org.json()).toMatchObject({ path: "/orgs/org_9", browser: false });
    });

    test("--json for scripts; bare ids find their page", async () => {
      const result = await runCli(["open", "panel", "org_2xyz", "--no-browser", "--json"], { env });
      expect(result.code, result.stderr).toBe(0);
      const opened = result.json<{ launch_url: string; path: string; port: number; browser: boolean }>();
      expect(opened).toMatchObject({ path: "/orgs/org_2xyz", browser: false, port: Number(new URL(origin).port) });
      expect(opened.launch_url).toContain("to=%2Forgs%2Forg_2xyz");
    });
  });
});
