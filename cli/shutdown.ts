import { ExitCode } from "./errors";

const cleanups: (() => Promise<void> | void)[] = [];
let installed = false;
let stopping = false;

/**
 * Runs `cleanup` once when the process is told to stop (Ctrl-C, SIGTERM, the terminal
 * closing). A second signal while cleaning up exits at once.
 */
export function onShutdown(cleanup: () => Promise<void> | void): void {
  cleanups.push(cleanup);
  if (installed) return;
  installed = true;
  const stop = (code: number) => {
    if (stopping) process.exit(code);
    stopping = true;
    Promise.allSettled(cleanups.map((fn) => fn())).finally(() => process.exit(code));
  };
  process.on("SIGINT", () => stop(ExitCode.interrupted));
  process.on("SIGTERM", () => stop(143));
  process.on("SIGHUP", () => stop(129));
}
