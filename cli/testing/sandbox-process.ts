import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { CLI_BIN } from "./run-cli";

export interface SandboxProcessInfo {
  url: string;
  port: number;
  pid: number;
  data_dir: string;
  platform_api_key: string;
  development: { secret_key: string; publishable_key: string; instance_id: string };
  production: { secret_key: string; publishable_key: string; instance_id: string };
}

/**
 * Starts `clerk sandbox --json` as its own process and waits for the JSON line it prints. Clerk's
 * rate limits are off (tests send bursts) unless `args` has `--rate-limits`.
 */
export function startSandboxProcess(
  args: string[],
): Promise<{ child: ChildProcess; info: SandboxProcessInfo; stderr: () => string }> {
  const limits = args.includes("--rate-limits") ? [] : ["--no-rate-limits"];
  return startJsonProcess<SandboxProcessInfo>(["sandbox", "--port", "0", "--json", ...limits, ...args]);
}

/** Starts a long-running `clerk …` (sandbox, ui) and waits for the first JSON line it prints. */
export function startJsonProcess<T>(
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<{ child: ChildProcess; info: T; stderr: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], {
      env: { PATH: process.env.PATH, HOME: "/nonexistent", NO_COLOR: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`clerk ${args[0]} did not start: ${stderr}`));
    }, 20_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`clerk ${args[0]} exited with ${code}: ${stderr}`));
    });
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once("line", (line) => {
      clearTimeout(timer);
      child.removeAllListeners("exit");
      resolve({ child, info: JSON.parse(line) as T, stderr: () => stderr });
    });
  });
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once("exit", (code, signal) => resolve({ code, signal }));
  });
}
