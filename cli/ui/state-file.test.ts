import {
  chmodSync,
  chownSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { prepareUiStateDir, readUiState, removeUiState, uiStateFile, writeUiState } from "./state-file";

/** uid/gid of `nobody`, the other local user of these tests. */
const OTHER = 65534;
const isRoot = process.getuid?.() === 0;

let base: string;
let runtime: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), "clerk-state-"));
  runtime = join(base, "run");
  mkdirSync(runtime, { mode: 0o700 });
  env = { XDG_RUNTIME_DIR: runtime };
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

const dir = () => join(runtime, "clerk");
const file = () => join(dir(), "ui.json");
const mode = (path: string) => lstatSync(path).mode & 0o777;
const plant = (state: object, fileMode = 0o600) => {
  mkdirSync(dir(), { mode: 0o700 });
  writeFileSync(file(), JSON.stringify(state), { mode: fileMode });
  chmodSync(file(), fileMode);
};
const refusal = (why: RegExp) =>
  expect.objectContaining({ code: "unsafe_state_file", message: expect.stringMatching(why) });

describe("the clerk ui state file", () => {
  test("lives in $XDG_RUNTIME_DIR/clerk, else under HOME's data dir, never in a temp dir", () => {
    expect(uiStateFile(env)).toBe(join(runtime, "clerk", "ui.json"));
    const fallback = uiStateFile({});
    expect(fallback.startsWith(tmpdir())).toBe(false);
    expect(fallback).toMatch(/clerk\/ui\/ui\.json$/);
  });

  test("is written 0600 in a 0700 directory, read back, and removed only by its writer", () => {
    const state = writeUiState(4321, "token", env);
    expect(mode(dir())).toBe(0o700);
    expect(mode(file())).toBe(0o600);
    expect(readUiState(env)).toEqual({ pid: process.pid, port: 4321, control_token: "token" });
    removeUiState({ ...state, pid: state.pid + 1 }, env);
    expect(readUiState(env)).toBeDefined();
    removeUiState(state, env);
    expect(readUiState(env)).toBeUndefined();
  });

  test("a missing file, a dead writer or a file that is not a state is no running panel", () => {
    expect(readUiState(env)).toBeUndefined();
    plant({ pid: 2 ** 22 + 17, port: 4321, control_token: "t" });
    expect(readUiState(env)).toBeUndefined();
    writeFileSync(file(), JSON.stringify({ pid: process.pid, port: "4321" }));
    expect(readUiState(env)).toBeUndefined();
  });

  test("a symlink planted as ui.json is replaced, never written through; reading it is refused", () => {
    const victim = join(base, "victim.txt");
    writeFileSync(victim, "precious");
    mkdirSync(dir(), { mode: 0o700 });
    symlinkSync(victim, file());
    expect(() => readUiState(env)).toThrow(refusal(/symbolic link/));
    writeUiState(4321, "token", env);
    expect(readFileSync(victim, "utf8")).toBe("precious");
    expect(lstatSync(file()).isSymbolicLink()).toBe(false);
    expect(mode(file())).toBe(0o600);
  });

  test("a state file others can read or write is not trusted", () => {
    plant({ pid: process.pid, port: 4321, control_token: "t" }, 0o666);
    expect(() => readUiState(env)).toThrow(refusal(/mode 666/));
    chmodSync(file(), 0o640);
    expect(() => readUiState(env)).toThrow(refusal(/mode 640/));
  });

  test("a directory that is a symlink is refused for writing and reading", () => {
    const elsewhere = join(base, "elsewhere");
    mkdirSync(elsewhere, { mode: 0o700 });
    symlinkSync(elsewhere, dir());
    expect(() => writeUiState(4321, "token", env)).toThrow(refusal(/symbolic link/));
    expect(() => readUiState(env)).toThrow(refusal(/symbolic link/));
    expect(() => prepareUiStateDir(env)).toThrow(refusal(/symbolic link/));
  });

  test("a directory others can write to is refused, and so is a world-writable XDG_RUNTIME_DIR", () => {
    mkdirSync(dir());
    chmodSync(dir(), 0o777);
    expect(() => writeUiState(4321, "token", env)).toThrow(refusal(/mode 777 lets other users write/));
    expect(() => readUiState(env)).toThrow(refusal(/mode 777/));
    chmodSync(dir(), 0o700);
    chmodSync(runtime, 0o1777);
    expect(() => writeUiState(4321, "token", env)).toThrow(refusal(/mode 1777/));
  });

  test("a file where the directory should be is refused", () => {
    writeFileSync(dir(), "");
    expect(() => writeUiState(4321, "token", env)).toThrow(refusal(/not a directory/));
  });

  test.skipIf(!isRoot)(
    "[needs root to chown to nobody: skipped when not root] a directory or file owned by another user is refused",
    () => {
      mkdirSync(dir(), { mode: 0o700 });
      chownSync(dir(), OTHER, OTHER);
      expect(() => writeUiState(4321, "token", env)).toThrow(refusal(/owned by uid 65534, not by you \(uid 0\)/));
      expect(() => readUiState(env)).toThrow(refusal(/owned by uid 65534/));
      chownSync(dir(), 0, 0);
      writeFileSync(file(), JSON.stringify({ pid: process.pid, port: 4321, control_token: "t" }), { mode: 0o600 });
      chownSync(file(), OTHER, OTHER);
      expect(() => readUiState(env)).toThrow(refusal(/owned by uid 65534/));
      chownSync(runtime, OTHER, OTHER);
      expect(() => writeUiState(4321, "token", env)).toThrow(refusal(/owned by uid 65534/));
      expect(statSync(runtime).uid).toBe(OTHER);
    },
  );
});
