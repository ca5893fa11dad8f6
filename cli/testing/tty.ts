import { spawn } from "node:child_process";
import { CLI_BIN } from "./run-cli";

export interface TtySession {
  /** Resolves once the screen output so far matches `pattern`. */
  waitFor(pattern: RegExp): Promise<string>;
  /** Types keys (`\r` is Enter, `\x1b[B` the down arrow). */
  type(keys: string): void;
  /** Resolves with the exit code and everything shown. */
  exited: Promise<{ code: number | null; output: string }>;
}

/**
 * Runs the CLI on a real pseudo-terminal (util-linux `script`), for prompts that only appear
 * when a person is at the terminal. Keys are typed only once the prompt they answer is on
 * screen, so the exchange does not depend on timing. No update notice (NO_UPDATE_NOTIFIER).
 */
export function runCliOnTty(
  args: string[],
  options: { env: Record<string, string | undefined>; cwd: string; timeoutMs?: number },
): TtySession {
  const quoted = [process.execPath, CLI_BIN, ...args].map((arg) => `'${arg.replace(/'/g, "'\\''")}'`).join(" ");
  const child = spawn("script", ["-qec", quoted, "/dev/null"], {
    cwd: options.cwd,
    env: {
      PATH: process.env.PATH,
      HOME: "/nonexistent",
      SHELL: "/bin/sh",
      TERM: "xterm",
      NO_UPDATE_NOTIFIER: "1",
      ...options.env,
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  const waiters: { pattern: RegExp; resolve: (text: string) => void }[] = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(output)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(output);
      }
    }
  };
  child.stdout.on("data", (chunk) => {
    output += chunk;
    check();
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 30_000);
  const exited = new Promise<{ code: number | null; output: string }>((resolve) => {
    child.on("close", (code) => {
      clearTimeout(timer);
      for (const waiter of waiters) waiter.resolve(output);
      resolve({ code, output });
    });
  });
  return {
    waitFor: (pattern) =>
      new Promise((resolve) => {
        waiters.push({ pattern, resolve });
        check();
      }),
    type: (keys) => child.stdin.write(keys),
    exited,
  };
}
