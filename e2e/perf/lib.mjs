// Helpers for the benchmark: statistics, child processes and temp dirs that are always cleaned up.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const CLI = join(ROOT, "bin", "clerk.js");

/** @param {number[]} values @param {number} p percentile 0..100 (nearest rank) */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return /** @type {number} */ (sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]);
}

/** @param {number[]} values */
export const median = (values) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? /** @type {number} */ (sorted[mid]) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** Milliseconds since `start` (a process.hrtime.bigint()). @param {bigint} start */
export const since = (start) => Number(process.hrtime.bigint() - start) / 1e6;

/** @type {Set<() => Promise<void> | void>} */
const cleanups = new Set();

/** Registers a cleanup; returns a function that runs it now (once) and unregisters it. */
export function onCleanup(/** @type {() => Promise<void> | void} */ fn) {
  let done = false;
  const run = async () => {
    if (done) return;
    done = true;
    cleanups.delete(run);
    await fn();
  };
  cleanups.add(run);
  return run;
}

/** Runs every pending cleanup (children killed, browsers closed, temp dirs removed), newest first. */
export async function cleanupAll() {
  for (const fn of [...cleanups].reverse()) {
    try {
      await fn();
    } catch (error) {
      process.stderr.write(`cleanup: ${/** @type {Error} */ (error).message}\n`);
    }
  }
}

/** Marks the cleanups registered so far; the returned function runs only those registered since. */
export function cleanupScope() {
  const before = new Set(cleanups);
  return async () => {
    for (const fn of [...cleanups].reverse()) {
      if (before.has(fn)) continue;
      try {
        await fn();
      } catch (error) {
        process.stderr.write(`cleanup: ${/** @type {Error} */ (error).message}\n`);
      }
    }
  };
}

/** A temp dir removed at cleanup. @param {string} label */
export function tempDir(label) {
  const dir = mkdtempSync(join(tmpdir(), `clerk-bench-${label}-`));
  const remove = onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, remove };
}

/** Stops a child: SIGTERM, then SIGKILL after `graceMs`. @param {import("node:child_process").ChildProcess} child */
export function stopChild(child, graceMs = 3000) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(undefined);
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(undefined);
    });
    child.kill("SIGTERM");
  });
}

/**
 * Spawns a long-running child that prints one JSON line when ready; resolves with the parsed
 * line, the child and a stop function. The child is killed at cleanup if still running.
 * @param {string[]} args node arguments
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string, timeoutMs?: number }} [options]
 */
export async function startJsonChild(args, options = {}) {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, args, {
    env: options.env ?? process.env,
    cwd: options.cwd ?? ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stop = onCleanup(() => stopChild(child));
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  try {
    const line = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${args.join(" ")}: no JSON line after ${options.timeoutMs ?? 30_000} ms: ${stderr}`)),
        options.timeoutMs ?? 30_000,
      );
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`${args.join(" ")} exited ${code}: ${stderr}`));
      });
      createInterface({ input: /** @type {NodeJS.ReadableStream} */ (child.stdout) }).once("line", (text) => {
        clearTimeout(timer);
        resolve(text);
      });
    });
    const readyMs = since(started);
    // Keep draining stdout so the child never blocks on a full pipe.
    child.stdout?.resume();
    return { info: JSON.parse(/** @type {string} */ (line)), child, stop, started, readyMs };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Peak RSS (VmHWM, KB) of a running process, or undefined once it is gone. @param {number} pid */
export async function readPeakRssKb(pid) {
  const { readFile } = await import("node:fs/promises");
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** @param {number} bytes */
export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
/** @param {number} bytes */
export const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
/** @param {number} ms */
export const msText = (ms) =>
  ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`;

/**
 * Runs commands to completion and times them. With python3 available, a small helper
 * (rusage.py) spawns them so their CPU time (user + sys, from wait4) is known too, which is far
 * less sensitive than wall time to other load on the machine. Without it, wall time only.
 */
export async function createRunner() {
  const { spawn: spawnChild, spawnSync } = await import("node:child_process");
  const python = process.env.BENCH_PYTHON ?? "python3";
  const usable = spawnSync(python, ["-c", "import os, json, subprocess; os.wait4"], { stdio: "ignore" }).status === 0;
  if (!usable) {
    return {
      cpu: false,
      /** @param {string[]} argv @param {{ env: NodeJS.ProcessEnv, cwd: string }} options */
      async run(argv, options) {
        const start = process.hrtime.bigint();
        const result = spawnSync(argv[0] ?? "", argv.slice(1), { ...options, stdio: ["ignore", "ignore", "pipe"] });
        const wallMs = since(start);
        if (result.status !== 0) throw new Error(`${argv.join(" ")} exited ${result.status}: ${result.stderr}`);
        return { wallMs, cpuMs: Number.NaN, maxRssKb: Number.NaN };
      },
      close: async () => {},
    };
  }
  const helper = spawnChild(python, [join(ROOT, "e2e", "perf", "rusage.py")], { stdio: ["pipe", "pipe", "inherit"] });
  const close = onCleanup(() => {
    helper.stdin.end();
    return stopChild(helper);
  });
  const lines = createInterface({ input: helper.stdout });
  /** @type {((line: string) => void)[]} */
  const waiting = [];
  lines.on("line", (line) => waiting.shift()?.(line));
  return {
    cpu: true,
    /** @param {string[]} argv @param {{ env: NodeJS.ProcessEnv, cwd: string }} options */
    async run(argv, options) {
      const start = process.hrtime.bigint();
      const line = await new Promise((resolve) => {
        waiting.push(resolve);
        helper.stdin.write(`${JSON.stringify({ argv, env: options.env, cwd: options.cwd })}\n`);
      });
      const wallMs = since(start);
      const reply = JSON.parse(/** @type {string} */ (line));
      if (reply.status !== 0) throw new Error(`${argv.join(" ")} exited ${reply.status}: ${reply.stderr}`);
      return { wallMs, cpuMs: reply.cpu_ms, maxRssKb: reply.maxrss_kb };
    },
    close,
  };
}
