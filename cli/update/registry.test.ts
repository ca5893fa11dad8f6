import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { detectInstall, updateCommand } from "./installs";
import { compareVersions, DEFAULT_REGISTRY, displayUrl, resolveRegistry } from "./registry";

const root = mkdtempSync(join(tmpdir(), "clerk-registry-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("the registry npm would use", () => {
  const home = join(root, "home");
  const project = join(root, "project");
  const nested = join(project, "src", "deep");
  mkdirSync(home, { recursive: true });
  mkdirSync(nested, { recursive: true });
  writeFileSync(join(project, "package.json"), "{}");

  test("npm's default without any setting", () => {
    expect(resolveRegistry("clerk-panel", { HOME: home }, nested)).toEqual({
      url: DEFAULT_REGISTRY,
      source: "default",
    });
  });

  test("the user's .npmrc, then the project's, then the environment (any case) win in turn", () => {
    writeFileSync(join(home, ".npmrc"), "registry=https://user.example/npm/\n");
    expect(resolveRegistry("clerk-panel", { HOME: home }, nested).url).toBe("https://user.example/npm/");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: npm expands ${VAR} in .npmrc values
    writeFileSync(join(project, ".npmrc"), "; a comment\nregistry = https://${MIRROR}/\n");
    expect(resolveRegistry("clerk-panel", { HOME: home, MIRROR: "mirror.example" }, nested)).toEqual({
      url: "https://mirror.example/",
      source: join(project, ".npmrc"),
    });
    const env = { HOME: home, NPM_CONFIG_REGISTRY: "http://127.0.0.1:4873" };
    expect(resolveRegistry("clerk-panel", env, nested)).toEqual({
      url: "http://127.0.0.1:4873",
      source: "npm_config_registry",
    });
    const userconfig = join(root, "other.npmrc");
    writeFileSync(userconfig, "registry=https://other.example/\n");
    expect(resolveRegistry("clerk-panel", { HOME: home, npm_config_userconfig: userconfig }, home).url).toBe(
      "https://other.example/",
    );
  });

  test("a scoped package uses its scope's registry", () => {
    writeFileSync(join(home, ".npmrc"), "registry=https://user.example/\n@acme:registry=https://acme.example/\n");
    expect(resolveRegistry("@acme/clerk", { HOME: home }, home).url).toBe("https://acme.example/");
    expect(resolveRegistry("clerk-panel", { HOME: home }, home).url).toBe("https://user.example/");
  });

  test("the auth token of the registry's host and longest path prefix, the project's first", () => {
    const tokens = join(root, "tokens");
    mkdirSync(tokens);
    writeFileSync(
      join(tokens, ".npmrc"),
      "registry=https://npm.example/org/repo/\n//npm.example/:_authToken=host\n//npm.example/org/:_authToken=org\n//other.example/:_authToken=other\n",
    );
    expect(resolveRegistry("clerk-panel", { HOME: tokens }, tokens)).toMatchObject({ token: "org" });
    expect(
      resolveRegistry("clerk-panel", { HOME: tokens, npm_config_registry: "https://npm.example/x" }, tokens),
    ).toMatchObject({ token: "host" });
    expect(
      resolveRegistry("clerk-panel", { HOME: tokens, npm_config_registry: "https://third.example/" }, tokens).token,
    ).toBeUndefined();
  });

  test("a password in the URL is never shown", () => {
    expect(displayUrl("https://me:s3cret@npm.example/")).toBe("https://me:***@npm.example/");
  });
});

test("versions are ordered as SemVer says", () => {
  const sorted = [
    "0.1.0",
    "0.1.1",
    "0.2.0-alpha",
    "0.2.0-alpha.1",
    "0.2.0-alpha.beta",
    "0.2.0-beta.2",
    "0.2.0-beta.11",
    "0.2.0",
    "0.10.0",
    "1.0.0",
  ];
  for (let i = 1; i < sorted.length; i++) {
    expect(compareVersions(sorted[i - 1] as string, sorted[i] as string), `${sorted[i - 1]} < ${sorted[i]}`).toBe(-1);
    expect(compareVersions(sorted[i] as string, sorted[i - 1] as string)).toBe(1);
  }
  expect(compareVersions("1.2.3", "v1.2.3+build.5")).toBe(0);
});

describe("how this CLI was installed, from where it lies", () => {
  const at = (path: string, env: NodeJS.ProcessEnv = {}) => {
    const install = detectInstall(path, "0.1.0", env);
    return { ...install, command: updateCommand(install, "clerk-panel@1.0.0")?.join(" ") };
  };

  test("global installs of each package manager", () => {
    expect(at("/usr/local/lib/node_modules/clerk-panel")).toMatchObject({
      kind: "global",
      manager: "npm",
      command: "npm install -g clerk-panel@1.0.0",
    });
    expect(at("C:/Users/ada/AppData/Roaming/npm/node_modules/clerk-panel")).toMatchObject({ manager: "npm" });
    expect(
      at("/home/ada/.local/share/pnpm/global/5/node_modules/.pnpm/clerk-panel@0.1.0/node_modules/clerk-panel"),
    ).toMatchObject({ kind: "global", command: "pnpm add -g clerk-panel@1.0.0" });
    expect(at("/home/ada/.config/yarn/global/node_modules/clerk-panel")).toMatchObject({
      kind: "global",
      command: "yarn global add clerk-panel@1.0.0",
    });
    expect(at("/home/ada/.bun/install/global/node_modules/clerk-panel")).toMatchObject({
      kind: "global",
      command: "bun add -g clerk-panel@1.0.0",
    });
  });

  test("a project's install: its lockfile names the manager, else the user agent, else npm", () => {
    const app = join(root, "app");
    const installed = join(app, "node_modules", "clerk-panel");
    mkdirSync(installed, { recursive: true });
    expect(at(installed)).toMatchObject({ kind: "local", manager: "npm", project: app });
    expect(at(installed, { npm_config_user_agent: "bun/1.1.0 npm/? node/v20.19.0" })).toMatchObject({ manager: "bun" });
    writeFileSync(join(app, "yarn.lock"), "");
    expect(at(installed)).toMatchObject({ manager: "yarn", command: "yarn add clerk-panel@1.0.0" });
    expect(at(join(app, "node_modules", ".pnpm", "clerk-panel@0.1.0", "node_modules", "clerk-panel"))).toMatchObject({
      kind: "local",
      manager: "pnpm",
      project: app,
      command: "pnpm add clerk-panel@1.0.0",
    });
  });

  test("a runner's cache and a source checkout have no command", () => {
    expect(at("/home/ada/.npm/_npx/1a2b3c/node_modules/clerk-panel")).toMatchObject({ kind: "ephemeral" });
    expect(at("/tmp/bunx-1000-clerk-panel@latest/node_modules/clerk-panel")).toMatchObject({ kind: "ephemeral" });
    expect(at("/home/ada/src/clerk")).toMatchObject({ kind: "source", command: undefined });
  });
});
