import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const MANAGERS = ["npm", "pnpm", "yarn", "bun"] as const;
export type Manager = (typeof MANAGERS)[number];

/** One installed copy of this CLI and how it was installed. */
export interface Install {
  /** The package's directory (symlinks resolved). */
  root: string;
  version: string;
  /**
   * `global` and `local` can be updated by their package manager; `ephemeral` is a runner's
   * cache (npx, pnpm dlx, bunx) that fetches a version each time; `source` is a checkout.
   */
  kind: "global" | "local" | "ephemeral" | "source";
  manager?: Manager;
  /** For a local install: the project it belongs to (where its package manager runs). */
  project?: string;
}

interface PackageJson {
  name: string;
  version: string;
}

function readPackageJson(dir: string): PackageJson | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as PackageJson;
  } catch {
    return undefined;
  }
}

/** The package directory holding `file`: the nearest one up with a package.json. */
function packageRootOf(file: string): string | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** This CLI's own package (its directory, name and version), found from this file. */
export function ownPackage(): PackageJson & { root: string } {
  const root = packageRootOf(fileURLToPath(import.meta.url));
  const json = root ? readPackageJson(root) : undefined;
  if (!root || !json) throw new Error("this CLI's package.json is missing");
  return { root: realpathSync(root), ...json };
}

/** The manager a project uses, by its lockfile. */
function managerOfProject(project: string): Manager | undefined {
  const lockfiles: [string, Manager][] = [
    ["pnpm-lock.yaml", "pnpm"],
    ["yarn.lock", "yarn"],
    ["bun.lock", "bun"],
    ["bun.lockb", "bun"],
    ["package-lock.json", "npm"],
  ];
  return lockfiles.find(([file]) => existsSync(join(project, file)))?.[1];
}

/** The manager that ran us, from `npm_config_user_agent` (`pnpm/9.1.0 npm/? node/v20…`). */
function managerOfAgent(env: NodeJS.ProcessEnv): Manager | undefined {
  const name = env.npm_config_user_agent?.split("/")[0];
  return MANAGERS.find((manager) => manager === name);
}

/**
 * How the package at `root` was installed, read from where it lies: each manager's global
 * directory has its own shape (`<prefix>/lib/node_modules/<name>` for npm, `…/pnpm/global/…`,
 * `…/yarn/global/…`, `~/.bun/install/global/…`), runners cache in `_npx`, `dlx` or `bunx`
 * directories, and a project's `node_modules` belongs to the project above it, whose lockfile
 * (else the user agent that ran us) names its manager.
 */
export function detectInstall(root: string, version: string, env: NodeJS.ProcessEnv = process.env): Install {
  const path = root.replace(/\\/g, "/");
  const at = (kind: Install["kind"], manager?: Manager, project?: string): Install => ({
    root,
    version,
    kind,
    ...(manager ? { manager } : {}),
    ...(project ? { project } : {}),
  });
  if (/\/(_npx|dlx|bunx-[^/]*)\//.test(path)) return at("ephemeral");
  const modules = path.indexOf("/node_modules/");
  if (modules < 0) return at("source");
  if (/\/pnpm\/global\//.test(path)) return at("global", "pnpm");
  if (/\/yarn\/global\/node_modules\//.test(path)) return at("global", "yarn");
  if (/\/\.bun\/install\/global\/node_modules\//.test(path)) return at("global", "bun");
  // npm's global prefix: <prefix>/lib/node_modules (Unix), %APPDATA%\npm\node_modules (Windows).
  if (/\/lib\/node_modules\/[^/]+(\/[^/]+)?$/.test(path) || /\/npm\/node_modules\/[^/]+(\/[^/]+)?$/.test(path)) {
    return at("global", "npm");
  }
  const project = root.slice(0, modules);
  const manager = path.includes("/node_modules/.pnpm/")
    ? "pnpm"
    : (managerOfProject(project) ?? managerOfAgent(env) ?? "npm");
  return at("local", manager, project);
}

/** The command that installs `spec` (`name@version`) the way `install` was installed; none for a checkout or a runner. */
export function updateCommand(install: Install, spec: string): string[] | undefined {
  const manager = install.manager as Manager;
  if (install.kind === "global") {
    const global: Record<Manager, string[]> = {
      npm: ["npm", "install", "-g", spec],
      pnpm: ["pnpm", "add", "-g", spec],
      yarn: ["yarn", "global", "add", spec],
      bun: ["bun", "add", "-g", spec],
    };
    return global[manager];
  }
  if (install.kind === "local") return [manager, manager === "npm" ? "install" : "add", spec];
  return undefined;
}

/** The package directory a `clerk` file on PATH runs: a symlink's target, or the one a shim script names. */
function packageOfExecutable(file: string, name: string): string | undefined {
  const real = realpathSync(file);
  const fromLink = packageRootOf(real);
  if (fromLink && readPackageJson(fromLink)?.name === name && real !== file) return fromLink;
  // Shims (pnpm's, npm's on Windows) are scripts naming the package's bin file.
  let text: string;
  try {
    if (statSync(real).size > 64 * 1024) return fromLink;
    text = readFileSync(real, "utf8");
  } catch {
    return fromLink;
  }
  const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  const named = new RegExp(`([^"'\\s]*node_modules[/\\\\]${escaped})[/\\\\]`).exec(text)?.[1];
  if (!named) return fromLink;
  const expanded = named.replace(/^(\$basedir|%~?dp0%?|%dp0%)[/\\]?/, `${dirname(real)}/`);
  return existsSync(join(expanded, "package.json")) ? realpathSync(expanded) : fromLink;
}

/** A `clerk` found on PATH. */
export interface Found {
  /** The executable on PATH. */
  path: string;
  /** This CLI's install it runs; absent when it runs something else (Clerk's official CLI, the Go CLI). */
  install?: Install;
}

/** Every `clerk` on PATH, in PATH order, each install once. */
export function installsOnPath(name: string, env: NodeJS.ProcessEnv = process.env): Found[] {
  const names = process.platform === "win32" ? ["clerk.cmd", "clerk.exe", "clerk"] : ["clerk"];
  const found: Found[] = [];
  const seen = new Set<string>();
  for (const dir of (env.PATH ?? "").split(delimiter).filter(Boolean)) {
    for (const file of names.map((n) => join(dir, n))) {
      let root: string | undefined;
      try {
        if (!statSync(file).isFile()) continue;
        root = packageOfExecutable(file, name);
      } catch {
        continue;
      }
      const json = root ? readPackageJson(root) : undefined;
      if (!root || json?.name !== name) {
        found.push({ path: file });
        continue;
      }
      if (seen.has(root)) continue;
      seen.add(root);
      found.push({ path: file, install: detectInstall(root, json.version, env) });
    }
  }
  return found;
}
