import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseEnv } from "node:util";
import { RuntimeError, UsageError } from "../errors";
import { findUp, isFile } from "./find-up";

export interface DotenvFile {
  file: string;
  /** Only the `CLERK_*` variables: nothing else in a project's `.env` is ours to read. */
  values: Record<string, string>;
}

/** The `.env` nearest to `cwd` (see findUp). The first one found wins; they are not merged. */
export function findDotenv(cwd: string, home?: string): string | undefined {
  return findUp(".env", cwd, home);
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
 * The `.env` settings come from: the `--dotenv` file (which must exist), else (also for a bare
 * `--dotenv`, parsed as "") the nearest `.env` walking up from `cwd`, else none.
 */
export function loadDotenv(forced: string | undefined, cwd: string, home?: string): DotenvFile | undefined {
  if (forced) {
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
