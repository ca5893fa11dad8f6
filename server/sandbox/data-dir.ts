import { chmodSync, closeSync, constants, existsSync, mkdirSync, openSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";

/** The data directory cannot be created or used; the message names it and says why. */
export class SandboxDataDirError extends Error {}

/** The database and SQLite's companion files: they hold secret keys and JWT private keys. */
export const DATA_FILE_SUFFIXES = ["", "-wal", "-shm"] as const;

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Makes `dir` (and any missing parents) readable by its owner only: 0700, also when it already
 * existed. Parents are created one at a time, so an impossible path fails at once: Node's
 * recursive `mkdir` never returns on `/proc/nope/x` (it keeps retrying the parent).
 */
export function preparePrivateDir(dir: string): void {
  const missing: string[] = [];
  let current = resolve(dir);
  while (!existsSync(current)) {
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  try {
    for (const path of missing) mkdirSync(path, { mode: 0o700 });
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" });
    chmodSync(dir, 0o700);
  } catch (error) {
    throw new SandboxDataDirError(`Cannot use ${dir} as the sandbox's data directory: ${reason(error)}.`);
  }
}

/**
 * Creates the database file 0600 if it is missing and makes it and its `-wal`/`-shm` files
 * 0600 (SQLite gives the companions the database's mode when it creates them).
 */
export function restrictDataFiles(file: string): void {
  try {
    closeSync(openSync(file, constants.O_CREAT | constants.O_RDWR, 0o600));
    for (const suffix of DATA_FILE_SUFFIXES) {
      if (existsSync(file + suffix)) chmodSync(file + suffix, 0o600);
    }
  } catch (error) {
    throw new SandboxDataDirError(`Cannot use ${file} as the sandbox's database: ${reason(error)}.`);
  }
}
