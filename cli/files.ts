import { chmodSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { RuntimeError } from "./errors";

/** A text file's content, or undefined when it does not exist. */
export function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new RuntimeError(`Cannot read ${file}: ${(error as Error).message}`, "Check the file's permissions.");
  }
}

/**
 * Replaces the file in one step (a crash never leaves half a file). An existing file keeps its
 * mode; a new one is 0600, since it may hold a secret.
 */
export function writeAtomically(file: string, text: string): void {
  let mode = 0o600;
  try {
    mode = statSync(file).mode & 0o777;
  } catch {}
  const temporary = join(dirname(file), `.${basename(file)}.clerk-${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text, { mode });
    chmodSync(temporary, mode);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new RuntimeError(
      `Cannot write ${file}: ${(error as Error).message}`,
      "Check that its directory exists and is writable.",
    );
  }
}
