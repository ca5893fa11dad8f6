import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../errors";

/** The project `clerk init` sets up: its directory, package.json and the files in it. */
export interface Project {
  dir: string;
  /** Every dependency name (dependencies, devDependencies, peerDependencies) with its range. */
  deps: ReadonlyMap<string, string>;
  /** package.json's `main`, `packageManager`. */
  main?: string;
  packageManager?: string;
  exists(path: string): boolean;
  /** The file's text, undefined when it does not exist. */
  read(path: string): string | undefined;
}

/** Reads the project whose package.json is in `dir`. */
export function readProject(dir: string): Project {
  const file = join(dir, "package.json");
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${(error as Error).message}`, "Fix it, or pass --framework.");
  }
  const deps = new Map<string, string>();
  for (const key of ["peerDependencies", "devDependencies", "dependencies"]) {
    for (const [name, range] of Object.entries((pkg[key] as Record<string, unknown> | undefined) ?? {})) {
      deps.set(name, String(range));
    }
  }
  return {
    dir,
    deps,
    ...(typeof pkg.main === "string" ? { main: pkg.main } : {}),
    ...(typeof pkg.packageManager === "string" ? { packageManager: pkg.packageManager } : {}),
    exists: (path) => existsSync(join(dir, path)),
    read: (path) => {
      try {
        return readFileSync(join(dir, path), "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
    },
  };
}

/** The first of `paths` that exists in the project. */
export const firstExisting = (project: Project, paths: readonly string[]) => paths.find((path) => project.exists(path));
