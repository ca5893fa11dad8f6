import { mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { UsageError } from "../errors";
import { findUp } from "./find-up";

/**
 * A project directory bound to an application and instance by `clerk link`. It lives in the
 * project (`.clerk/project.json`), not in the config dir keyed by path: it moves and renames
 * with the directory, every clone and worktree can have its own, and it holds no secret (ids
 * only), so a team may commit it and share the binding.
 */
export const LINK_FILE = join(".clerk", "project.json");

export interface ProjectLink {
  app: string;
  /** `development`, `production` or an `ins_…` id. */
  instance: string;
  /** The application's name when linked, for people. */
  app_name?: string;
}

export interface FoundLink {
  file: string;
  link: ProjectLink;
}

function invalid(file: string, why: string): UsageError {
  return new UsageError(`${file} is not a valid project link: ${why}.`, "Run `clerk link` again, or `clerk unlink`.");
}

export function readProjectLink(file: string): ProjectLink {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw invalid(file, (error as Error).message);
  }
  const { app, instance, app_name } = (data ?? {}) as Record<string, unknown>;
  if (typeof app !== "string" || !app.startsWith("app_")) throw invalid(file, 'no "app" id (app_…)');
  if (typeof instance !== "string" || instance === "") throw invalid(file, 'no "instance"');
  return { app, instance, ...(typeof app_name === "string" ? { app_name } : {}) };
}

/** The nearest `.clerk/project.json` walking up from `cwd`, unread. */
export const findProjectLinkFile = (cwd: string, home?: string) => findUp(LINK_FILE, cwd, home);

/** The link of the project `cwd` is in. */
export function findProjectLink(cwd: string, home?: string): FoundLink | undefined {
  const file = findProjectLinkFile(cwd, home);
  return file ? { file, link: readProjectLink(file) } : undefined;
}

export function writeProjectLink(dir: string, link: ProjectLink): string {
  const file = join(dir, LINK_FILE);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(link, null, 2)}\n`);
  return file;
}

/** Removes the link file, and its `.clerk` directory when nothing else is in it. */
export function removeProjectLink(file: string): void {
  rmSync(file, { force: true });
  const dir = dirname(file);
  if (readdirSync(dir).length === 0) rmdirSync(dir);
}
