import { type ChildProcess, spawn } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { CLI_BIN, runCli } from "../testing/run-cli";
import { exited } from "../testing/sandbox-process";

/**
 * `clerk ui` as people and scripts run it: the built CLI in its own process, with nothing
 * configured (so on the embedded sandbox), a throw-away HOME and XDG dirs. `BROWSER` points
 * the `open` package's xdg-open at a script that only writes down the URL it was given, so no
 * test ever opens a real browser, and the tests can see whether one would have been opened.
 */
let home: string;
let opened: string;
let env: Record<string, string>;

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), "clerk-ui-"));
  opened = join(home, "opened.txt");
  const browser = join(home, "browser.sh");
  writeFileSync(browser, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${opened}'\n`);
  chmodSync(browser, 0o755);
  env = {
    HOME: home,
    XDG_CONFIG_HOME: join(home, "config"),
    XDG_RUNTIME_DIR: join(home, "run"),
    CLERK_CREDENTIAL_STORE: "file",
    BROWSER: browser,
  };
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

const stateFile = () => join(home, "run", "clerk", "ui.json");
const openedUrls = () => (existsSync(opened) ? readFileSync(opened, "utf8").trim().split("\n") : []);

interface UiJson {
  url: string;
  launch_url: string;
  port: number;
  pid: number;
  sandbox: boolean;
  sandbox_url: string;
}

interface RunningUi {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
}

const running: ChildProcess[] = [];
afterEach(async () => {
  for (const child of running.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited(child);
  }
  rmSync(opened, { force: true });
});

/** Starts `clerk ui <args>` and resolves once stdout has a line matching `ready`. */
function startUi(args: string[], ready: RegExp): Promise<RunningUi> {
  const child = spawn(process.execPath, [CLI_BIN, "ui", "--port", "0", "--data", join(home, "sandbox"), ...args], {
    env: { PATH: process.env.PATH, NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let stdout = "";
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`clerk ui did not start:\n${stdout}\n${stderr}`)), 25_000);
    child.stdout?.on("data", (chunk) => {
      stdout += chunk;
      if (ready.test(stdout)) {
        clearTimeout(timer);
        resolve({ child, stdout: () => stdout, stderr: () => stderr });
      }
    });
    child.once("exit", (code) => reject(new Error(`clerk ui exited ${code}:\n${stdout}\n${stderr}`)));
  });
}

async function startJson(args: string[] = []): Promise<RunningUi & { info: UiJson }> {
  const ui = await startUi(["--no-open", "--json", ...args], /\n/);
  return { ...ui, info: JSON.parse(ui.stdout()) as UiJson };
}

/** Opens a launch link the way a browser does: the cookie it sets, and where it redirects. */
async function launch(url: string) {
  const response = await fetch(url, { redirect: "manual" });
  return {
    status: response.status,
    location: response.headers.get("location"),
    cookie: (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "",
  };
}

/** The processes whose parent is `pid` (from /proc), e.g. a browser opener left running. */
function childrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const refused = (url: string) =>
  fetch(url).then(
    () => false,
    () => true,
  );

describe("clerk ui", () => {
  test("--json prints one line {url, launch_url, port, pid, sandbox} and nothing is opened", async () => {
    const { child, info, stdout } = await startJson();
    expect(stdout().split("\n")).toEqual([expect.any(String), ""]);
    expect(info).toEqual({
      url: `http://127.0.0.1:${info.port}`,
      launch_url: expect.stringMatching(new RegExp(`^http://127\\.0\\.0\\.1:${info.port}/launch\\?code=[\\w-]{43}$`)),
      port: expect.any(Number),
      pid: child.pid,
      // Nothing configured: the embedded sandbox, and where it listens.
      sandbox: true,
      sandbox_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
    });
    // The link opens the panel once; the session it gives reads the API.
    const first = await launch(info.launch_url);
    expect(first).toMatchObject({ status: 303, location: "/" });
    const panelInfo = await fetch(`${info.url}/api/info`, { headers: { cookie: first.cookie } });
    expect(panelInfo.status).toBe(200);
    expect(await panelInfo.json()).toMatchObject({ sandbox: true, api_host: new URL(info.sandbox_url).host });
    expect((await launch(info.launch_url)).status).toBe(403);
    expect(openedUrls()).toEqual([]);
  });

  test("--no-open prints the URL and opens nothing; without it the browser gets a working link", async () => {
    const quiet = await startUi(["--no-open"], /Open: \S+\n/);
    const printed = /Open: (http:\/\/127\.0\.0\.1:\d+\/launch\?code=\S+)\n/.exec(quiet.stdout())?.[1] ?? "";
    expect(quiet.stdout()).toContain("Sandbox: no Clerk credentials configured");
    expect((await launch(printed)).status).toBe(303);
    expect(openedUrls()).toEqual([]);
    quiet.child.kill("SIGTERM");
    await exited(quiet.child);

    const loud = await startUi([], /Open: \S+\n/);
    await expect.poll(openedUrls, { timeout: 10_000 }).toHaveLength(1);
    const [url] = openedUrls();
    expect(loud.stdout()).toContain(`Open: ${url}`);
    expect((await launch(url as string)).status).toBe(303);
  });

  for (const [signals, code] of [
    [["SIGINT"], 130],
    [["SIGINT", "SIGINT"], 130],
    [["SIGTERM"], 143],
    [["SIGHUP"], 129],
  ] as const) {
    test(`${signals.join(" + ")} ends it cleanly: exit ${code}, no process, port or state file left`, async () => {
      const { child, info } = await startJson();
      const pid = child.pid as number;
      expect(JSON.parse(readFileSync(stateFile(), "utf8"))).toMatchObject({ pid, port: info.port });
      expect(statSync(stateFile()).mode & 0o777).toBe(0o600);
      const children = childrenOf(pid);
      for (const signal of signals) child.kill(signal);
      expect(await exited(child)).toEqual({ code, signal: null });
      expect(alive(pid)).toBe(false);
      expect(children.filter(alive)).toEqual([]);
      expect(existsSync(stateFile())).toBe(false);
      expect(await refused(info.url)).toBe(true);
      expect(await refused(info.sandbox_url)).toBe(true);
    });
  }

  test("--reopen prints a fresh single-use link to the running panel (and opens it unless --no-open)", async () => {
    const { info } = await startJson();
    expect((await launch(info.launch_url)).status).toBe(303);

    const reopened = await runCli(["ui", "--reopen", "--no-open", "--path", "/orgs"], { env });
    expect(reopened.code).toBe(0);
    const link = reopened.stdout.trim();
    expect(link).toMatch(new RegExp(`^${info.url}/launch\\?code=[\\w-]{43}&to=%2Forgs$`));
    expect(await launch(link)).toMatchObject({ status: 303, location: "/orgs" });
    expect((await launch(link)).status).toBe(403);
    expect(openedUrls()).toEqual([]);

    const json = await runCli(["ui", "--reopen", "--json"], { env });
    expect(json.code).toBe(0);
    const fresh = json.json<{ launch_url: string; port: number; pid: number }>();
    expect(fresh).toEqual({
      launch_url: expect.stringContaining(`${info.url}/launch?code=`),
      port: info.port,
      pid: info.pid,
    });
    await expect.poll(openedUrls, { timeout: 10_000 }).toEqual([fresh.launch_url]);
    expect((await launch(fresh.launch_url)).status).toBe(303);
  });

  test("--reopen with no panel running, a busy port and a bad port are errors that name the fix", async () => {
    const none = await runCli(["ui", "--reopen", "--no-open"], { env });
    expect(none.code).toBe(1);
    expect(JSON.parse(none.stderr).error).toMatchObject({
      message: "No `clerk ui` is running for this user.",
      hint: "Start one with `clerk ui`.",
    });

    const { info } = await startJson();
    const busy = await runCli(["ui", "--no-open", "--port", String(info.port), "--data", join(home, "busy")], {
      env,
    });
    expect(busy.code).toBe(1);
    expect(JSON.parse(busy.stderr).error).toMatchObject({
      code: "address_in_use",
      hint: expect.stringContaining("--port 0"),
    });
    // The running panel is untouched and still the one --reopen reaches.
    expect(JSON.parse(readFileSync(stateFile(), "utf8"))).toMatchObject({ pid: info.pid });

    const bad = await runCli(["ui", "--port", "abc"], { env });
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stderr).error.hint).toContain("--port 0");
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
