import { type SandboxHandle, type UseSandboxOptions, useSandbox } from "../../server/sandbox/testing/harness";
import { type CliOptions, type CliResult, type RunningCli, runCli, startCli } from "./run-cli";

type RunOptions = CliOptions;

export interface CliSandbox {
  sandbox: SandboxHandle;
  /** Runs `clerk …` against the sandbox with its development secret key. */
  clerk(args: string[], options?: RunOptions): Promise<CliResult>;
  /**
   * Runs `clerk …` with only the sandbox's Platform API key (`ak_…`), as a user of the Platform
   * API would: Backend API commands then fetch the target instance's secret key themselves.
   */
  platform(args: string[], options?: RunOptions): Promise<CliResult>;
  /** Starts `clerk …` with the Platform API key and returns while it runs (see `platform`). */
  startPlatform(args: string[], options?: RunOptions): RunningCli;
  env(): Record<string, string>;
  platformEnv(): Record<string, string>;
}

/** A sandbox for this test file plus a way to run the CLI against it. */
export function useCliSandbox(options: UseSandboxOptions = {}): CliSandbox {
  const sandbox = useSandbox(options);
  const env = () => ({ CLERK_API_URL: sandbox.url, CLERK_SECRET_KEY: sandbox.secretKey });
  const platformEnv = () => ({
    CLERK_API_URL: sandbox.url,
    CLERK_PLATFORM_API_KEY: sandbox.credentials.platform_api_key,
  });
  return {
    sandbox,
    env,
    platformEnv,
    clerk: (args, run = {}) => runCli(args, { ...run, env: { ...env(), ...run.env } }),
    platform: (args, run = {}) => runCli(args, { ...run, env: { ...platformEnv(), ...run.env } }),
    startPlatform: (args, run = {}) => startCli(args, { ...run, env: { ...platformEnv(), ...run.env } }),
  };
}
