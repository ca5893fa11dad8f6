import { spawn } from "node:child_process";
import { CLI_BIN } from "./run-cli";

/** Keys as a terminal sends them. */
export const KEYS = { up: "\x1b[A", down: "\x1b[B", space: " ", enter: "\r", escape: "\x1b" } as const;

export interface TerminalSession {
  /** Everything the command wrote to the terminal so far (stdout and stderr are the same tty). */
  output(): string;
  /** Resolves once the output contains `text`. */
  waitFor(text: string): Promise<void>;
  type(keys: string): void;
  exit: Promise<number | null>;
}

const quote = (value: string) => `'${value.replace(/'/g, "'\\''")}'`;

/**
 * Runs the built CLI on a pseudo-terminal (util-linux `script`), so interactive prompts run as
 * they do for a person: stdin and stderr are TTYs, keys are typed after the prompt appears.
 */
export function runInTerminal(args: string[], env: Record<string, string | undefined>): TerminalSession {
  const command = [process.execPath, CLI_BIN, ...args].map(quote).join(" ");
  const child = spawn("script", ["-qefc", command, "/dev/null"], {
    env: { PATH: process.env.PATH, HOME: "/nonexistent", NO_COLOR: "1", TERM: "xterm", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  const waiters: { text: string; resolve(): void }[] = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    for (const waiter of [...waiters]) {
      if (output.includes(waiter.text)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const exit = new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve(code));
  });
  return {
    output: () => output,
    waitFor: (text) =>
      output.includes(text)
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            waiters.push({ text, resolve });
            exit.then(() => reject(new Error(`exited before printing "${text}":\n${output}`)));
          }),
    type: (keys) => child.stdin.write(keys),
    exit,
  };
}
