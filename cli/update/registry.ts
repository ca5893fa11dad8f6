import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parse as parseIni } from "ini";
import { RuntimeError } from "../errors";

export const DEFAULT_REGISTRY = "https://registry.npmjs.org/";

/** The npm registry a package comes from, and which setting named it. */
export interface Registry {
  url: string;
  /** `npm_config_registry`, an .npmrc file's path, or `default`. */
  source: string;
  /** The .npmrc's `//host/path/:_authToken` for this registry (private registries); never shown. */
  token?: string;
}

/** An environment variable whatever its case: npm reads `npm_config_*` case-insensitively. */
function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const key = Object.keys(env).find((k) => k.toLowerCase() === name && env[k]);
  return key ? env[key] : undefined;
}

/** The project directory npm would use: the nearest one up from `cwd` with package.json or node_modules. */
function projectDir(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json")) || existsSync(join(dir, "node_modules"))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** An .npmrc's settings, `${VAR}` expanded as npm does; empty when the file is missing or unreadable. */
function readNpmrc(path: string, env: NodeJS.ProcessEnv): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return {};
  }
  return parseIni(text.replace(/\$\{([^}]+)\}/g, (_, name: string) => env[name] ?? ""));
}

/**
 * The registry npm itself would fetch `name` from, without running npm (`npm config get` costs
 * most of a second): the environment (`npm_config_registry`), then the project's .npmrc, then
 * the user's (`npm_config_userconfig` or ~/.npmrc), then npm's default. A scoped name uses its
 * scope's `@scope:registry` where one is set, as npm does.
 */
export function resolveRegistry(name: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Registry {
  const scope = name.startsWith("@") ? name.split("/")[0] : undefined;
  const keys = [...(scope ? [`${scope}:registry`] : []), "registry"];
  const project = projectDir(cwd);
  const files = [
    ...(project ? [join(project, ".npmrc")] : []),
    envValue(env, "npm_config_userconfig") ?? join(env.HOME ?? homedir(), ".npmrc"),
  ].map((file) => ({ file, settings: readNpmrc(file, env) }));
  const withToken = (registry: Registry): Registry => {
    const token = tokenFor(
      registry.url,
      files.map((f) => f.settings),
    );
    return token ? { ...registry, token } : registry;
  };
  for (const key of keys) {
    const fromEnv = envValue(env, `npm_config_${key}`);
    if (fromEnv) return withToken({ url: fromEnv, source: `npm_config_${key}` });
  }
  for (const { file, settings } of files) {
    const key = keys.find((k) => typeof settings[k] === "string" && settings[k]);
    if (key) return withToken({ url: settings[key] as string, source: file });
  }
  return withToken({ url: DEFAULT_REGISTRY, source: "default" });
}

/**
 * The auth token npm would send to `url`: the `//host/path/:_authToken` whose path is the
 * longest prefix of the registry's, the project's .npmrc first.
 */
function tokenFor(url: string, settings: Record<string, unknown>[]): string | undefined {
  const nerfed = url.replace(/^[a-z]+:/i, "").replace(/\/?$/, "/");
  const suffix = ":_authToken";
  for (const values of settings) {
    const [best] = Object.keys(values)
      .filter((key) => key.startsWith("//") && key.endsWith(suffix) && typeof values[key] === "string")
      .filter((key) => nerfed.startsWith(key.slice(0, -suffix.length).replace(/\/?$/, "/")))
      .sort((a, b) => b.length - a.length);
    if (best) return values[best] as string;
  }
  return undefined;
}

/** A registry URL fit to show: any password in it masked. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url;
  }
}

/** What the registry says of a package: its release channels (dist-tags) and versions. */
export interface PackageDocument {
  "dist-tags": Record<string, string>;
  versions: Record<string, unknown>;
}

/** Fetches a package's abbreviated document (the one npm install reads). */
export async function fetchPackage(registry: Registry, name: string, timeoutMs = 10_000): Promise<PackageDocument> {
  const base = registry.url.endsWith("/") ? registry.url : `${registry.url}/`;
  const url = new URL(name.replace("/", "%2F"), base);
  const shown = displayUrl(url.toString());
  const headers: Record<string, string> = {
    accept: "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8",
  };
  // fetch() takes no credentials in the URL: they go in the header, as npm sends them.
  if (url.username || url.password) {
    headers.authorization = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString("base64")}`;
    url.username = "";
    url.password = "";
  }
  if (registry.token) headers.authorization = `Bearer ${registry.token}`;
  let response: Response;
  try {
    response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new RuntimeError(
      `cannot reach the npm registry at ${shown}: ${(error as Error).message}`,
      `Check the connection, or the registry setting (from ${registry.source}).`,
    );
  }
  if (response.status === 401 || response.status === 403) {
    throw new RuntimeError(
      `the npm registry at ${displayUrl(base)} refused the request (${response.status})`,
      `Log in to it (npm login --registry ${displayUrl(base)}), or check the registry setting (from ${registry.source}).`,
    );
  }
  if (response.status === 404) {
    throw new RuntimeError(
      `${name} is not published on ${displayUrl(base)} (404)`,
      `The registry comes from ${registry.source}; set npm_config_registry to the one that publishes ${name}.`,
    );
  }
  if (!response.ok) {
    throw new RuntimeError(`the npm registry answered ${response.status} for ${shown}`, "Try again later.");
  }
  const document = (await response.json().catch(() => undefined)) as PackageDocument | undefined;
  if (!document || typeof document["dist-tags"] !== "object") {
    throw new RuntimeError(`the npm registry's answer for ${shown} has no dist-tags`, "Check the registry setting.");
  }
  return document;
}

/** A semantic version's parts; undefined for anything else. */
function parseVersion(version: string) {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+.*)?$/.exec(version.trim());
  if (!match) return undefined;
  return { core: [Number(match[1]), Number(match[2]), Number(match[3])], pre: match[4]?.split(".") ?? [] };
}

/** Orders two semantic versions (SemVer 2.0 precedence): negative when `a` is older. */
export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (!x || !y) return a === b ? 0 : a < b ? -1 : 1;
  for (let i = 0; i < 3; i++) {
    const diff = (x.core[i] as number) - (y.core[i] as number);
    if (diff) return Math.sign(diff);
  }
  // A release is newer than its pre-releases.
  if (!x.pre.length || !y.pre.length) return Math.sign(y.pre.length - x.pre.length);
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    const [p, q] = [x.pre[i], y.pre[i]];
    if (p === undefined || q === undefined) return p === undefined ? -1 : 1;
    if (p === q) continue;
    const [m, n] = [/^\d+$/.test(p), /^\d+$/.test(q)];
    if (m && n) return Math.sign(Number(p) - Number(q));
    if (m !== n) return m ? -1 : 1;
    return p < q ? -1 : 1;
  }
  return 0;
}
