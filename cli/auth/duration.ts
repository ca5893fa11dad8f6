import { UsageError } from "../errors";

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses `300`, `30s`, `5m`, `1h` or `1500ms` (a bare number is seconds) into milliseconds. */
export function parseDuration(value: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(value.trim());
  const ms = match ? Number(match[1]) * (UNITS[match[2] ?? "s"] as number) : Number.NaN;
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new UsageError(`${flag} must be a duration such as 90s, 5m or 300, not "${value}".`);
  }
  return Math.round(ms);
}

/** `5 min`, `90 s`, `1.5 s`: how long, for people. */
export function formatDuration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${Number((ms / 1000).toFixed(1))} s`;
}
