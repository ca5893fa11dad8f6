import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import envPaths from "env-paths";
import type { GlobalOptions } from "../globals";
import { agentMode } from "../mode";
import { compareVersions, fetchPackage, resolveRegistry } from "./registry";

declare const __CLERK_VERSION__: string;

const DAY = 86_400_000;

/** The last check for a newer version, kept in the data dir. */
export interface UpdateCheck {
  /** When the registry was last asked (ms). */
  checked_at: number;
  /** Its `latest` dist-tag then. */
  latest?: string;
  /** When the notice was last shown (ms): at most once a day. */
  notified_at?: number;
}

export const updateCheckFile = () => join(envPaths("clerk", { suffix: "" }).data, "update-check.json");

export function readUpdateCheck(): UpdateCheck | undefined {
  try {
    const check = JSON.parse(readFileSync(updateCheckFile(), "utf8")) as UpdateCheck;
    return typeof check.checked_at === "number" ? check : undefined;
  } catch {
    return undefined;
  }
}

/** Records a check; false when the data dir cannot be written. */
export function writeUpdateCheck(check: UpdateCheck): boolean {
  try {
    const file = updateCheckFile();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(check)}\n`);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether to tell a person about a newer version after their command: only at a terminal (stdout
 * and stderr), with table output, and never in CI, in agent mode or with NO_UPDATE_NOTIFIER.
 */
export function noticeWanted(globals: Pick<GlobalOptions, "output">, env: NodeJS.ProcessEnv = process.env): boolean {
  return (
    Boolean(process.stdout.isTTY && process.stderr.isTTY) &&
    globals.output === "table" &&
    env.CI === undefined &&
    !env.NO_UPDATE_NOTIFIER &&
    !agentMode()
  );
}

/**
 * After a command: says on stderr, once a day, that a newer version is out, from the last
 * check's answer. It never waits for the network: when the check is a day old, a detached
 * process (`clerk __update-check`) asks the registry for next time.
 */
export function notifyUpdate(globals: Pick<GlobalOptions, "output">): void {
  if (!noticeWanted(globals)) return;
  const now = Date.now();
  const check = readUpdateCheck();
  if (check?.latest && compareVersions(check.latest, __CLERK_VERSION__) > 0 && now - (check.notified_at ?? 0) >= DAY) {
    process.stderr.write(`\nclerk ${check.latest} is available (this is ${__CLERK_VERSION__}): run \`clerk update\`\n`);
    writeUpdateCheck({ ...check, notified_at: now });
  }
  if (check && now - check.checked_at < DAY) return;
  // Claimed before the check starts, so the commands that follow do not start their own.
  if (!writeUpdateCheck({ ...check, checked_at: now })) return;
  spawn(process.execPath, [process.argv[1] as string, "__update-check"], { detached: true, stdio: "ignore" }).unref();
}

/** `clerk __update-check`: asks the registry for the latest version and records it; silent either way. */
export async function refreshUpdateCheck(): Promise<void> {
  const { ownPackage } = await import("./installs");
  try {
    const { name } = ownPackage();
    const document = await fetchPackage(resolveRegistry(name), name, 5_000);
    const latest = document["dist-tags"].latest;
    writeUpdateCheck({ ...readUpdateCheck(), checked_at: Date.now(), ...(latest ? { latest } : {}) });
  } catch {}
}
