import { UsageError } from "./errors";

/** A `--port` value: 0 (a free port) to 65535; `fallback` when none is given. */
export function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(
      `--port must be a number from 0 to 65535, not "${value}".`,
      "Use --port 0 to pick a free port.",
    );
  }
  return port;
}
