import { spawnSync } from "node:child_process";
import { RuntimeError } from "../errors";
import type { Project } from "./project";

export const PACKAGE_MANAGERS = ["bun", "pnpm", "yarn", "npm"] as const;
export type PackageManager = (typeof PACKAGE_MANAGERS)[number];

const LOCKFILES: readonly [string, PackageManager][] = [
  ["bun.lock", "bun"],
  ["bun.lockb", "bun"],
  ["pnpm-lock.yaml", "pnpm"],
  ["yarn.lock", "yarn"],
  ["package-lock.json", "npm"],
];

/** The package manager: `--pm`, else the lockfile's, else package.json's `packageManager`, else npm. */
export function choosePackageManager(
  project: Project,
  flag: PackageManager | undefined,
): { pm: PackageManager; evidence?: string } {
  if (flag) return { pm: flag };
  const lock = LOCKFILES.find(([file]) => project.exists(file));
  if (lock) return { pm: lock[1], evidence: lock[0] };
  const declared = project.packageManager?.split("@")[0];
  if (declared && (PACKAGE_MANAGERS as readonly string[]).includes(declared)) {
    return { pm: declared as PackageManager, evidence: "package.json packageManager" };
  }
  return { pm: "npm" };
}

/** The command adding a dependency: `npm install <pkg>`, `pnpm add <pkg>`, … */
export const installCommand = (pm: PackageManager, pkg: string): string[] =>
  pm === "npm" ? ["npm", "install", pkg] : [pm, "add", pkg];

/** Runs the install in the project, its output on stderr (stdout stays the command's result). */
export function runInstall(command: string[], cwd: string): void {
  const [program, ...args] = command as [string, ...string[]];
  const result = spawnSync(program, args, { cwd, stdio: ["ignore", 2, 2] });
  if (result.error || result.status !== 0) {
    throw new RuntimeError(
      `\`${command.join(" ")}\` failed${result.error ? `: ${result.error.message}` : ` (exit ${result.status})`}.`,
      `Run it yourself, then \`clerk init\` again (the files already written are kept).`,
      "install_failed",
    );
  }
}
