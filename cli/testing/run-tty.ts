import { spawn } from "node:child_process";
import { CLI_BIN } from "./run-cli";

export interface TtyRun {
  /** Everything the terminal showed so far (stdout and stderr share the terminal). */
  output(): string;
  /** Resolves once the terminal shows `pattern`; rejects if the CLI exits first. */
  waitFor(pattern: string | RegExp): Promise<string>;
  /** Types on the keyboard (`"\x03"` is Ctrl-C). */
  type(text: string): void;
  /** The exit code and the whole terminal output. */
  done: Promise<{ code: number | null; output: string }>;
}

const quote = (value: string) => `'${value.replace(/'/g, "'\\''")}'`;

/**
 * Runs the built CLI on a real pseudo-terminal (util-linux `script`), the way a person at a
 * terminal does: stdin, stdout and stderr are a TTY, Ctrl-C is the terminal's interrupt key.
 * `CI` is left out of the environment, as on a developer's machine; the update notice is off
 * (`NO_UPDATE_NOTIFIER: undefined` turns it on).
 */
export function runCliOnTty(
  args: string[],
  options: { env?: Record<string, string | undefined>; cwd?: string; timeoutMs?: number; bin?: string } = {},
): TtyRun {
  const cli = [process.execPath, options.bin ?? CLI_BIN, ...args];
  const command = `stty cols 200 rows 50; exec ${cli.map(quote).join(" ")}`;
  const child = spawn("script", ["--quiet", "--return", "--flush", "--command", command, "/dev/null"], {
    cwd: options.cwd ?? process.cwd(),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.CLERK_TEST_HOME ?? "/nonexistent",
      TERM: "xterm",
      NO_UPDATE_NOTIFIER: "1",
      ...options.env,
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  let exited: number | null | undefined;
  const waiters: { pattern: string | RegExp; resolve(text: string): void; reject(error: Error): void }[] = [];
  const matches = (pattern: string | RegExp) =>
    typeof pattern === "string" ? output.includes(pattern) : pattern.test(output);
  const settle = () => {
    for (const waiter of [...waiters]) {
      if (!matches(waiter.pattern)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(output);
    }
  };
  const onData = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    settle();
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const done = new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`clerk ${args.join(" ")} on a TTY timed out; it showed:\n${output}`));
    }, options.timeoutMs ?? 15_000);
    child.on("error", reject);
    child.on("close", (code) => {
      exited = code;
      clearTimeout(timer);
      for (const waiter of waiters.splice(0)) {
        waiter.reject(new Error(`clerk exited (${code}) before showing ${waiter.pattern}; it showed:\n${output}`));
      }
      child.stdin.destroy();
      resolve({ code, output });
    });
  });
  return {
    output: () => output,
    waitFor(pattern) {
      if (matches(pattern)) return Promise.resolve(output);
      if (exited !== undefined) {
        return Promise.reject(new Error(`clerk exited (${exited}) without showing ${pattern}; it showed:\n${output}`));
      }
      return new Promise((resolve, reject) => waiters.push({ pattern, resolve, reject }));
    },
    type(text) {
      child.stdin.write(text);
    },
    done,
  };
}

/** The terminal output without colors and cursor movements, for reading assertions. */
export function plain(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape sequences are what this removes
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "").replace(/\r/g, "");
}
