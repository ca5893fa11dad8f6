import { statSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";

export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The file `name` nearest to `cwd`: in `cwd` itself, then each parent up to the home directory
 * (when `cwd` is inside it) or the filesystem root. Project files (`.env`, `.clerk/project.json`,
 * package.json) are found the same way, so running in a subdirectory finds them all alike.
 */
export function findUp(name: string, cwd: string, home: string = homedir()): string | undefined {
  let dir = resolve(cwd);
  const stop = home ? resolve(home) : undefined;
  for (;;) {
    const candidate = join(dir, name);
    if (isFile(candidate)) return candidate;
    if (dir === stop) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
