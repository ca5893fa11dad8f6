import { ExitCode } from "./errors";

const cleanups: (() => Promise<void> | void)[] = [];
const controller = new AbortController();
let installed = false;
let stopping = false;

function install(): void {
  if (installed) return;
  installed = true;
  const stop = (code: number) => {
    if (stopping) process.exit(code);
    stopping = true;
    controller.abort(new Error("interrupted"));
    Promise.allSettled(cleanups.map((fn) => fn())).finally(() => process.exit(code));
  };
  process.on("SIGINT", () => stop(ExitCode.interrupted));
  process.on("SIGTERM", () => stop(143));
  process.on("SIGHUP", () => stop(129));
}

/** Aborted when the user presses Ctrl-C: in-flight requests stop, and the process exits 130. */
export function abortSignal(): AbortSignal {
  install();
  return controller.signal;
}

/**
 * Runs `cleanup` once when the process is told to stop (Ctrl-C, SIGTERM, the terminal
 * closing). A second signal while cleaning up exits at once.
 */
export function onShutdown(cleanup: () => Promise<void> | void): void {
  install();
  cleanups.push(cleanup);
}
