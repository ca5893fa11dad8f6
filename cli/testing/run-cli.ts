import { type ChildProcessByStdio, spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import type { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";

export const CLI_BIN = fileURLToPath(new URL("../../bin/clerk.js", import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (throws if it is not). */
  json<T = unknown>(): T;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  input?: string;
  /**
   * A file to be stdin instead of `input`, as a shell pipe or `< file` gives it: Node's own
   * stdin pipe is a socket, which the CLI does not take for piped input.
   */
  inputFile?: string;
  cwd?: string;
  timeoutMs?: number;
  /** Another copy of the CLI to run (an install laid out as a package manager would); the build by default. */
  bin?: string;
}

/** A CLI process still running: watch its output as it comes, signal it, await its end. */
export interface RunningCli {
  pid: number | undefined;
  stdout(): string;
  stderr(): string;
  /** Resolves once `stream` has shown `pattern`; rejects if the CLI exits first. */
  waitFor(stream: "stdout" | "stderr", pattern: string | RegExp): Promise<void>;
  signal(signal: NodeJS.Signals): void;
  done: Promise<CliResult>;
}

/**
 * Starts the built CLI as a subprocess, the way users and scripts do. The environment is
 * minimal and explicit: only what the test passes (plus PATH and a throw-away HOME, and no
 * update notice: a test passes `NO_UPDATE_NOTIFIER: undefined` to see it).
 */
export function startCli(args: string[], options: CliOptions = {}): RunningCli {
  const stdinFile = options.inputFile === undefined ? undefined : openSync(options.inputFile, "r");
  const child = spawn(process.execPath, [options.bin ?? CLI_BIN, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.CLERK_TEST_HOME ?? "/nonexistent",
      NO_COLOR: "1",
      NO_UPDATE_NOTIFIER: "1",
      ...options.env,
    },
    stdio: [stdinFile ?? "pipe", "pipe", "pipe"],
  }) as ChildProcessByStdio<Writable | null, Readable, Readable>;
  if (stdinFile !== undefined) closeSync(stdinFile);
  const output = { stdout: "", stderr: "" };
  let exited = false;
  const waiters: { stream: "stdout" | "stderr"; pattern: string | RegExp; resolve(): void; reject(e: Error): void }[] =
    [];
  const shows = (stream: "stdout" | "stderr", pattern: string | RegExp) =>
    typeof pattern === "string" ? output[stream].includes(pattern) : pattern.test(output[stream]);
  const collect = (stream: "stdout" | "stderr") => (chunk: Buffer) => {
    output[stream] += chunk;
    for (const waiter of waiters.filter((w) => shows(w.stream, w.pattern))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };
  child.stdout.on("data", collect("stdout"));
  child.stderr.on("data", collect("stderr"));
  const transcript = () => `clerk ${args.join(" ")}\nstdout: ${output.stdout}\nstderr: ${output.stderr}`;
  const done = new Promise<CliResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`timed out: ${transcript()}`));
    }, options.timeoutMs ?? 15_000);
    child.on("error", reject);
    child.on("close", (code) => {
      exited = true;
      clearTimeout(timer);
      for (const waiter of waiters.splice(0)) {
        waiter.reject(new Error(`exited (${code}) before ${waiter.stream} showed ${waiter.pattern}: ${transcript()}`));
      }
      const { stdout, stderr } = output;
      resolve({ code, stdout, stderr, json: () => JSON.parse(stdout) });
    });
  });
  // A CLI that exits before reading its input (a usage error) closes the pipe: EPIPE there is
  // not a failure of the test, the exit code and output say what happened.
  child.stdin?.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
  child.stdin?.end(options.input ?? "");
  return {
    pid: child.pid,
    stdout: () => output.stdout,
    stderr: () => output.stderr,
    waitFor(stream, pattern) {
      if (shows(stream, pattern)) return Promise.resolve();
      if (exited) return Promise.reject(new Error(`exited before ${stream} showed ${pattern}: ${transcript()}`));
      return new Promise((resolve, reject) => waiters.push({ stream, pattern, resolve, reject }));
    },
    signal: (signal) => child.kill(signal),
    done,
  };
}

/** Runs the built CLI to its end. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return startCli(args, options).done;
}
