import { type SandboxHandle, type UseSandboxOptions, useSandbox } from "../../server/sandbox/testing/harness";
import { type CliResult, runCli } from "./run-cli";

export interface CliSandbox {
  sandbox: SandboxHandle;
  /** Runs `clerk …` against the sandbox with its development secret key. */
  clerk(args: string[], options?: { env?: Record<string, string | undefined>; input?: string }): Promise<CliResult>;
  env(): Record<string, string>;
}

/** A sandbox for this test file plus a way to run the CLI against it. */
export function useCliSandbox(options: UseSandboxOptions = {}): CliSandbox {
  const sandbox = useSandbox(options);
  const env = () => ({ CLERK_API_URL: sandbox.url, CLERK_SECRET_KEY: sandbox.secretKey });
  return {
    sandbox,
    env,
    clerk: (args, run = {}) => runCli(args, { ...run, env: { ...env(), ...run.env } }),
  };
}
