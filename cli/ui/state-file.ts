import { randomBytes } from "node:crypto";
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  type Stats,
  writeSync,
} from "node:fs";
import { dirname, join } from "node:path";
import envPaths from "env-paths";
import { RuntimeError } from "../errors";

/** What a running `clerk ui` leaves for `clerk ui --reopen`: where it listens and a control token. */
export interface UiState {
  pid: number;
  port: number;
  control_token: string;
}

/**
 * Where the state file lives: `$XDG_RUNTIME_DIR/clerk`, else the data dir under HOME. Never a
 * shared temp dir, where another local user could create the directory first.
 */
export function uiStateFile(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.XDG_RUNTIME_DIR
    ? join(env.XDG_RUNTIME_DIR, "clerk")
    : join(envPaths("clerk", { suffix: "" }).data, "ui");
  return join(dir, "ui.json");
}

export const newControlToken = () => randomBytes(32).toString("base64url");

const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
/** Ownership and modes exist only on POSIX; on Windows the user's profile dir is private already. */
const uid = () => process.getuid?.();

function refuse(path: string, why: string, fix: string): never {
  throw new RuntimeError(
    `Refusing to use ${path} for the \`clerk ui\` state file: ${why}.`,
    `${fix} The file holds the panel's control token: nobody else may be able to read or change it.`,
    "unsafe_state_file",
  );
}

/** Refuses anything but what only the current user can change: owned by them, not group/world-writable. */
function checkPrivate(path: string, stat: Stats, kind: "directory" | "file"): void {
  const me = uid();
  if (me === undefined) return;
  if (stat.uid !== me) {
    refuse(
      path,
      `it is owned by uid ${stat.uid}, not by you (uid ${me})`,
      kind === "directory"
        ? `Remove it if it is not yours (\`rm -r ${path}\`), or set XDG_RUNTIME_DIR to a directory only you own.`
        : `Remove it (\`rm ${path}\`) and start \`clerk ui\` again.`,
    );
  }
  const loose = kind === "directory" ? 0o022 : 0o077;
  if (stat.mode & loose) {
    refuse(
      path,
      `its mode ${(stat.mode & 0o7777).toString(8)} lets other users ${kind === "directory" ? "write to it" : "read or write it"}`,
      `Run \`chmod ${kind === "directory" ? "700" : "600"} ${path}\` (or remove it) and try again.`,
    );
  }
}

const refuseLink = (path: string): never =>
  refuse(path, "it is a symbolic link", `Remove the link (\`rm ${path}\`) and try again.`);

/** Checks (never follows) a directory: a real directory only this user can write. */
function checkDir(dir: string): void {
  const stat = lstatSync(dir);
  if (stat.isSymbolicLink()) refuseLink(dir);
  if (!stat.isDirectory()) refuse(dir, "it is not a directory", `Remove it (\`rm ${dir}\`) and try again.`);
  checkPrivate(dir, stat, "directory");
}

/** Checks `dir` and the directory it is in (XDG_RUNTIME_DIR, or the data dir): nobody else may swap it. */
function checkDirs(dir: string): void {
  checkDir(dirname(dir));
  checkDir(dir);
}

/** Creates `dir` (0700) if missing, then checks it and the directory it is in. */
function ensurePrivateDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    // Something not a directory is in the way: checkDirs says what.
    if (!["EEXIST", "ENOTDIR"].includes((error as NodeJS.ErrnoException).code ?? "")) throw error;
  }
  checkDirs(dir);
}

/** Checks the state directory before `clerk ui` starts, so an unsafe one stops it before it listens. */
export function prepareUiStateDir(env: NodeJS.ProcessEnv = process.env): void {
  ensurePrivateDir(dirname(uiStateFile(env)));
}

/**
 * Written atomically into the checked directory: a new file (O_EXCL, O_NOFOLLOW, 0600) renamed
 * over the old one, so a planted symlink or file is replaced, never written through.
 */
export function writeUiState(port: number, controlToken: string, env: NodeJS.ProcessEnv = process.env): UiState {
  const state: UiState = { pid: process.pid, port, control_token: controlToken };
  const file = uiStateFile(env);
  ensurePrivateDir(dirname(file));
  const temp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW, 0o600);
  try {
    try {
      writeSync(fd, JSON.stringify(state));
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return state;
}

function isUiState(value: unknown): value is UiState {
  const v = value as Partial<UiState> | null;
  return (
    typeof v === "object" &&
    v !== null &&
    Number.isInteger(v.pid) &&
    Number.isInteger(v.port) &&
    (v.port as number) > 0 &&
    (v.port as number) < 65536 &&
    typeof v.control_token === "string"
  );
}

/**
 * The running `clerk ui`'s state, or undefined when none runs. Read without following links and
 * trusted only when it and its directory are this user's alone; otherwise refuses (RuntimeError).
 */
export function readUiState(env: NodeJS.ProcessEnv = process.env): UiState | undefined {
  const file = uiStateFile(env);
  const errno = (error: unknown) => (error as NodeJS.ErrnoException).code;
  try {
    checkDirs(dirname(file));
  } catch (error) {
    if (errno(error) === "ENOENT") return undefined;
    throw error;
  }
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | O_NOFOLLOW);
  } catch (error) {
    if (errno(error) === "ENOENT") return undefined;
    if (errno(error) === "ELOOP") refuseLink(file);
    throw error;
  }
  let text: string;
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) refuse(file, "it is not a regular file", `Remove it (\`rm ${file}\`) and try again.`);
    checkPrivate(file, stat, "file");
    text = readFileSync(fd, "utf8");
  } finally {
    closeSync(fd);
  }
  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isUiState(state)) return undefined;
  try {
    process.kill(state.pid, 0);
  } catch {
    // EPERM: alive but someone else's, so not the panel this user started.
    return undefined;
  }
  return state;
}

export function removeUiState(state: UiState, env: NodeJS.ProcessEnv = process.env): void {
  // Only our own file: a newer `clerk ui` may have replaced it.
  let current: UiState | undefined;
  try {
    current = readUiState(env);
  } catch {
    return;
  }
  if (current?.pid === state.pid) rmSync(uiStateFile(env), { force: true });
}
