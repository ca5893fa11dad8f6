import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import envPaths from "env-paths";

/** What a running `clerk ui` leaves for `clerk ui --reopen`: where it listens and a control token. */
export interface UiState {
  pid: number;
  port: number;
  control_token: string;
}

export function uiStateFile(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, "clerk") : envPaths("clerk", { suffix: "" }).temp;
  return join(dir, "ui.json");
}

export const newControlToken = () => randomBytes(32).toString("base64url");

/** Written 0600: the control token lets its holder mint launch links. */
export function writeUiState(port: number, controlToken: string, env: NodeJS.ProcessEnv = process.env): UiState {
  const state: UiState = { pid: process.pid, port, control_token: controlToken };
  const file = uiStateFile(env);
  mkdirSync(join(file, ".."), { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify(state), { mode: 0o600 });
  chmodSync(file, 0o600);
  return state;
}

export function readUiState(env: NodeJS.ProcessEnv = process.env): UiState | undefined {
  try {
    const state = JSON.parse(readFileSync(uiStateFile(env), "utf8")) as UiState;
    process.kill(state.pid, 0);
    return state;
  } catch {
    return undefined;
  }
}

export function removeUiState(state: UiState, env: NodeJS.ProcessEnv = process.env): void {
  // Only our own file: a newer `clerk ui` may have replaced it.
  if (readUiState(env)?.pid === state.pid) rmSync(uiStateFile(env), { force: true });
}
