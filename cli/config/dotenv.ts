import { readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parseEnv } from "node:util";
import { RuntimeError, UsageError } from "../errors";

export interface DotenvFile {
  file: string;
  /** Only the `CLERK_*` variables: nothing else in a project's `.env` is ours to read. */
  values: Record<string, string>;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The `.env` nearest to `cwd`: `cwd` itself, then each parent up to the home directory (when
 * `cwd` is inside it) or the filesystem root. The first one found wins; they are not merged.
 */
export function findDotenv(cwd: string, home: string = homedir()): string | undefined {
  let dir = resolve(cwd);
  const stop = home ? resolve(home) : undefined;
  for (;;) {
    const candidate = join(dir, ".env");
    if (isFile(candidate)) return candidate;
    if (dir === stop) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function readDotenv(file: string): DotenvFile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new RuntimeError(`Cannot read ${file}: ${(error as Error).message}`, "Check the file's permissions.");
  }
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (name.startsWith("CLERK_") && typeof value === "string") values[name] = value;
  }
  return { file, values };
}

/**
 * The `.env` settings come from: the `--dotenv` file (which must exist), else the nearest
 * `.env` walking up from `cwd`, else none.
 */
export function loadDotenv(forced: string | undefined, cwd: string, home?: string): DotenvFile | undefined {
  if (forced !== undefined) {
    const file = resolve(cwd, forced);
    if (!isFile(file)) {
      throw new UsageError(
        `--dotenv: ${file} does not exist.`,
        "Check the path, or drop --dotenv to use the nearest .env.",
      );
    }
    return readDotenv(file);
  }
  const found = findDotenv(cwd, home);
  return found ? readDotenv(found) : undefined;
}
