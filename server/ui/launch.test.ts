import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { useSandbox } from "../sandbox/testing/harness";
import { CONTROL_PATH, LAUNCH_PATH, type PanelServer } from "./app";
import { cookieName } from "./security";
import { LAUNCH_FAILURE_WINDOW_MS, LAUNCH_FAILURES_ALLOWED } from "./session";
import { createSandboxPanel } from "./testing/sandbox-panel";

const sandbox = useSandbox({ resetEachTest: false });
const staticDir = mkdtempSync(join(tmpdir(), "panel-launch-"));
const CONTROL_TOKEN = "control-token-for-launch-tests-0123456789";

let panel: PanelServer | undefined;
let port = 0;
let clock = Date.now();
afterEach(() => panel?.close());

/** A fresh panel (its own codes and throttle) on a free port, with a clock the test moves. */
async function startPanel(): Promise<PanelServer> {
  clock = Date.now();
  panel = createSandboxPanel(sandbox, {
    staticDir,
    controlToken: CONTROL_TOKEN,
    now: () => clock,
  });
  port = await panel.listen(0);
  return panel;
}

const codeOf = (url: string) => new URL(url).searchParams.get("code") as string;
const launch = (query: string, method: "GET" | "HEAD" = "GET", headers: Record<string, string> = {}) =>
  (panel as PanelServer).app.inject({
    method,
    url: `${LAUNCH_PATH}?${query}`,
    headers: { host: `127.0.0.1:${port}`, ...headers },
  });
const control = (body: unknown) =>
  (panel as PanelServer).app.inject({
    method: "POST",
    url: CONTROL_PATH,
    headers: {
      host: `127.0.0.1:${port}`,
      "content-type": "application/json",
      authorization: `Bearer ${CONTROL_TOKEN}`,
    },
    payload: JSON.stringify(body),
  });

describe("the launch link", () => {
  test("sends the browser only to a path on the panel: /\\evil.com, /<TAB>/evil.com, /\\/evil.com are refused, the code kept", async () => {
    const server = await startPanel();
    const code = codeOf(server.launchUrl());
    for (const to of [
      "/\\evil.com",
      "/\t/evil.com",
      "/\\/evil.com",
      "/.//evil.com",
      "//evil.com",
      "https://evil.com",
    ]) {
      const answer = await launch(`code=${code}&to=${encodeURIComponent(to)}`);
      expect(answer.statusCode, to).toBe(400);
      expect(answer.headers.location, to).toBeUndefined();
      expect(answer.headers["set-cookie"], to).toBeUndefined();
    }
    // The code survived the refusals; a path is normalised before the redirect.
    const good = await launch(`code=${code}&to=${encodeURIComponent("/users/../orgs?x=1#top")}`);
    expect(good.statusCode).toBe(303);
    expect(good.headers.location).toBe("/orgs?x=1#top");
    expect(String(good.headers["set-cookie"])).toMatch(new RegExp(`^${cookieName(port)}=`));
  });

  test("`to` or `code` given twice is a 400 that leaves the code usable", async () => {
    const server = await startPanel();
    const code = codeOf(server.launchUrl());
    const twice = await launch(`code=${code}&to=/a&to=/b`);
    expect(twice.statusCode).toBe(400);
    expect(twice.headers["set-cookie"]).toBeUndefined();
    expect((await launch(`code=${code}&code=${code}`)).statusCode).toBe(400);
    expect((await launch("to=/users")).statusCode).toBe(400);
    const opened = await launch(`code=${code}&to=/a`);
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toBe("/a");
  });

  test("HEAD and prefetches do not redeem the code: only a browser's GET does", async () => {
    const server = await startPanel();
    const code = codeOf(server.launchUrl());
    const head = await launch(`code=${code}`, "HEAD");
    expect(head.statusCode).toBe(200);
    expect(head.headers["set-cookie"]).toBeUndefined();
    const prefetch = await launch(`code=${code}`, "GET", { "sec-purpose": "prefetch" });
    expect(prefetch.statusCode).toBe(503);
    expect(prefetch.headers["set-cookie"]).toBeUndefined();
    const opened = await launch(`code=${code}`);
    expect(opened.statusCode).toBe(303);
    expect(opened.headers["set-cookie"]).toBeDefined();
  });

  test("guessing is throttled: after 5 wrong codes in a minute, 429 with Retry-After, and a valid code is not used up", async () => {
    const server = await startPanel();
    const code = codeOf(server.launchUrl());
    for (let i = 0; i < LAUNCH_FAILURES_ALLOWED; i++) {
      expect((await launch(`code=wrong-guess-${i}`)).statusCode).toBe(403);
      clock += 1000;
    }
    const refused = await launch(`code=${code}`);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers["set-cookie"]).toBeUndefined();
    const wait = Number(refused.headers["retry-after"]);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(LAUNCH_FAILURE_WINDOW_MS / 1000);
    expect((await launch("code=another-guess")).statusCode).toBe(429);

    clock += wait * 1000;
    const opened = await launch(`code=${code}`);
    expect(opened.statusCode).toBe(303);
    expect(opened.headers["set-cookie"]).toBeDefined();
  });
});

describe("the control endpoint behind `clerk ui --reopen`", () => {
  test("mints links only to paths on the panel, normalised", async () => {
    await startPanel();
    for (const path of ["/\\evil.com", "/\t/evil.com", "/\\/evil.com", "/.//evil.com", "https://evil.com", 5]) {
      const answer = await control({ path });
      expect(answer.statusCode, String(path)).toBe(400);
      expect(answer.json().error.code).toBe("invalid_path");
    }
    const minted = await control({ path: "/users/./user_1" });
    expect(minted.statusCode).toBe(200);
    const url = new URL(minted.json().launch_url as string);
    expect(url.searchParams.get("to")).toBe("/users/user_1");
    const opened = await launch(url.search.slice(1));
    expect(opened.headers.location).toBe("/users/user_1");
  });
});
