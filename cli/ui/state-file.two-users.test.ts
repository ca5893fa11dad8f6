import type { ChildProcess } from "node:child_process";
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { runCli } from "../testing/run-cli";
import { exited, startJsonProcess } from "../testing/sandbox-process";

/**
 * Issue 13, item 1, as it was reproduced: two local users sharing a 1777 TMPDIR. The attacker
 * (uid 65534, `nobody`, via setpriv) creates `$TMPDIR/<basename of the victim's HOME>/clerk/`
 * first, where `clerk ui` used to keep its state file; then the victim runs the real CLI with a
 * throw-away HOME and no XDG_RUNTIME_DIR. Needs root to switch uids (CI runs as root).
 */
const NOBODY = 65534;
const canSwitchUsers = process.getuid?.() === 0 && spawnSync("setpriv", ["--version"]).status === 0;
const SLOW = { timeout: 60_000 };

let shared: string;
let home: string;
let attackerDir: string;
let env: Record<string, string>;
const running: ChildProcess[] = [];

/** Runs a shell script as `nobody` (no supplementary groups), the other local user. */
function asAttacker(script: string): void {
  const result = spawnSync(
    "setpriv",
    [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", "sh", "-ec", script],
    { env: { PATH: process.env.PATH, TMPDIR: shared }, encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`attacker step failed: ${result.stderr}`);
}

beforeAll(() => {
  shared = mkdtempSync(join(tmpdir(), "clerk-shared-tmp-"));
  chmodSync(shared, 0o1777);
  home = mkdtempSync(join(tmpdir(), "clerk-victim-"));
  attackerDir = join(shared, basename(home), "clerk");
  env = { HOME: home, TMPDIR: shared, CLERK_CREDENTIAL_STORE: "file" };
});
afterEach(async () => {
  for (const child of running.splice(0)) {
    child.kill("SIGTERM");
    await exited(child);
  }
  if (canSwitchUsers) asAttacker(`rm -rf "${join(shared, basename(home))}"`);
});
afterAll(() => {
  rmSync(shared, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

describe.skipIf(!canSwitchUsers)(
  "[two users via setpriv: skipped unless running as root with setpriv] clerk ui with another user in a shared TMPDIR",
  SLOW,
  () => {
    test("a world-writable dir with a symlinked ui.json planted first: clerk ui neither follows nor uses it", async () => {
      const precious = join(home, "precious.txt");
      writeFileSync(precious, "the victim's own file");
      asAttacker(
        `mkdir -p -m 777 "${attackerDir}"; chmod 777 "${attackerDir}"; ln -s "${precious}" "${attackerDir}/ui.json"`,
      );

      const ui = await startJsonProcess<{ port: number; pid: number }>(
        ["ui", "--port", "0", "--no-open", "--sandbox", "--json"],
        env,
      );
      running.push(ui.child);

      expect(readFileSync(precious, "utf8")).toBe("the victim's own file");
      expect(readdirSync(attackerDir)).toEqual(["ui.json"]);
      expect(lstatSync(join(attackerDir, "ui.json")).isSymbolicLink()).toBe(true);
      const stateFile = join(home, ".local", "share", "clerk", "ui", "ui.json");
      expect(lstatSync(stateFile).mode & 0o777).toBe(0o600);
      expect(lstatSync(join(home, ".local", "share", "clerk", "ui")).mode & 0o777).toBe(0o700);
      expect(JSON.parse(readFileSync(stateFile, "utf8"))).toMatchObject({ pid: ui.info.pid, port: ui.info.port });

      // The victim's own panel is still the one --reopen reaches.
      const reopened = await runCli(["ui", "--reopen", "--no-open"], { env });
      expect(reopened.code, reopened.stderr).toBe(0);
      expect(reopened.stdout.trim()).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${ui.info.port}/launch\\?`));
    });

    test("a planted state file: clerk ui --reopen and clerk open panel do not print (or open) the attacker's URL", async () => {
      const planted = "http://attacker.invalid/planted";
      const attacker: Server = createServer((_request, response) => {
        response.setHeader("content-type", "application/json");
        response.end(JSON.stringify({ launch_url: planted }));
      });
      await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
      try {
        const { port } = attacker.address() as AddressInfo;
        const state = JSON.stringify({ pid: 1, port, control_token: "attacker" });
        asAttacker(`mkdir -p -m 755 "${attackerDir}"; printf '%s' '${state}' > "${attackerDir}/ui.json"`);
        expect(existsSync(join(attackerDir, "ui.json"))).toBe(true);

        const reopened = await runCli(["ui", "--reopen", "--no-open"], { env });
        expect(reopened.stdout).not.toContain(planted);
        expect(reopened.code).toBe(1);
        expect(JSON.parse(reopened.stderr).error.message).toBe("No `clerk ui` is running for this user.");

        const opened = await runCli(["open", "panel", "--no-browser"], { env });
        expect(opened.stdout).not.toContain(planted);
        expect(JSON.parse(opened.stderr).error.code).toBe("ui_not_running");
      } finally {
        attacker.close();
      }
    });

    test("an XDG_RUNTIME_DIR others can write to is refused: clerk ui says why and what to do, and exits 1", async () => {
      asAttacker(`mkdir -p "${join(shared, "clerk")}"`);
      const result = await runCli(["ui", "--port", "0", "--no-open", "--sandbox"], {
        env: { ...env, XDG_RUNTIME_DIR: shared },
      });
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stderr).error).toMatchObject({
        code: "unsafe_state_file",
        message: `Refusing to use ${shared} for the \`clerk ui\` state file: its mode 1777 lets other users write to it.`,
        hint: expect.stringContaining(`chmod 700 ${shared}`),
      });
      expect(result.stdout).not.toContain("launch");
    });
  },
);
