import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeEach, describe, expect, test } from "vitest";
import { useStubRegistry } from "../testing/npm-registry";
import { type CliOptions, runCli } from "../testing/run-cli";
import { plain, runCliOnTty } from "../testing/run-tty";

declare const __CLERK_VERSION__: string;

const repo = fileURLToPath(new URL("../../", import.meta.url));
const root = mkdtempSync(join(tmpdir(), "clerk-update-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const registry = useStubRegistry("clerk-panel", {});
let registryUrl = "";
const requests = registry.requests;
beforeEach(() => {
  registry.distTags = { latest: "9.9.9", canary: "10.0.0-canary.1" };
  registryUrl = registry.url();
  requests.length = 0;
});

/**
 * Stand-ins for npm, pnpm, yarn and bun on PATH: each records its arguments and directory
 * (the real ones would fetch from the registry and rewrite the install).
 */
const managers = join(root, "managers");
const managerLog = join(root, "managers.log");
mkdirSync(managers);
for (const name of ["npm", "pnpm", "yarn", "bun"]) {
  const script = join(managers, name);
  writeFileSync(
    script,
    `#!/bin/sh\necho "${name} $* (in $PWD)" >> "${managerLog}"\n[ -z "$FAIL_MANAGER" ] || { echo "${name}: E404" >&2; exit 1; }\n`,
  );
  chmodSync(script, 0o755);
}
const managerRuns = () => (existsSync(managerLog) ? readFileSync(managerLog, "utf8").trim().split("\n") : []);
beforeEach(() => rmSync(managerLog, { force: true }));

/** This build, installed at `dir` as a package manager lays a package out (its dependencies linked). */
function install(dir: string): string {
  mkdirSync(join(dir, "dist"), { recursive: true });
  cpSync(join(repo, "dist", "cli"), join(dir, "dist", "cli"), { recursive: true, filter: (f) => !f.endsWith(".map") });
  cpSync(join(repo, "bin"), join(dir, "bin"), { recursive: true });
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "clerk-panel", version: __CLERK_VERSION__, type: "module" }),
  );
  symlinkSync(realpathSync(join(repo, "node_modules")), join(dir, "node_modules"));
  return join(dir, "bin", "clerk.js");
}

const home = join(root, "home");
mkdirSync(home);
const update = (args: string[], options: CliOptions = {}) =>
  runCli(["update", ...args], {
    ...options,
    env: { HOME: home, PATH: `${managers}:${process.env.PATH}`, npm_config_registry: registryUrl, ...options.env },
  });

interface Report {
  package: string;
  current: string;
  channel: string;
  version: string;
  update_available: boolean;
  registry: string;
  installs: {
    path: string;
    kind: string;
    manager?: string;
    project?: string;
    command?: string;
    status: string;
    note?: string;
  }[];
}

describe("clerk update: what the registry has against this version", () => {
  test("a newer version: said, with what to do; a source checkout is updated with git", async () => {
    const result = await update(["--json"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.json<Report>()).toEqual({
      package: "clerk-panel",
      current: __CLERK_VERSION__,
      channel: "latest",
      version: "9.9.9",
      update_available: true,
      registry: registryUrl,
      installs: [
        {
          path: realpathSync(repo).replace(/\/$/, ""),
          version: __CLERK_VERSION__,
          kind: "source",
          status: "manual",
          note: expect.stringContaining("git pull"),
        },
      ],
    });
    expect(requests).toEqual(["/clerk-panel"]);
    const text = await update([]);
    expect(text.stdout).toContain(`clerk 9.9.9 is available (latest on ${registryUrl}); this is ${__CLERK_VERSION__}.`);
  });

  test("already the latest: up to date, nothing run, even with --yes", async () => {
    registry.distTags = { latest: __CLERK_VERSION__ };
    const result = await update(["--yes"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`clerk ${__CLERK_VERSION__} is up to date (latest on ${registryUrl}`);
    expect(managerRuns()).toEqual([]);
  });

  test("--channel follows a dist-tag; an unknown one is a usage error naming the channels", async () => {
    const canary = await update(["--channel", "canary", "--json"]);
    expect(canary.json<Report>()).toMatchObject({
      channel: "canary",
      version: "10.0.0-canary.1",
      update_available: true,
    });
    const unknown = await update(["--channel", "nightly"]);
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stderr).error).toMatchObject({
      message: `clerk-panel has no release channel "nightly" on ${registryUrl}`,
      hint: "Use --channel with one of: latest, canary.",
    });
  });

  test("the registry from the user's .npmrc when the environment names none; a registry without the package: exit 1", async () => {
    const npmrcHome = join(root, "npmrc-home");
    mkdirSync(npmrcHome);
    writeFileSync(join(npmrcHome, ".npmrc"), `registry=${registryUrl}mirror/\n`);
    const result = await update([], { env: { HOME: npmrcHome, npm_config_registry: undefined } });
    expect(result.code).toBe(1);
    expect(requests).toEqual(["/mirror/clerk-panel"]);
    expect(JSON.parse(result.stderr).error.message).toBe(`clerk-panel is not published on ${registryUrl}mirror/ (404)`);
  });

  test("a private registry: the .npmrc's token for it is sent, and never shown", async () => {
    registry.token = "npm_s3cr3t";
    try {
      const tokenHome = join(root, "token-home");
      mkdirSync(tokenHome);
      const refused = await update([]);
      expect(refused.code).toBe(1);
      expect(JSON.parse(refused.stderr).error.message).toBe(
        `the npm registry at ${registryUrl} refused the request (401)`,
      );
      writeFileSync(join(tokenHome, ".npmrc"), `${registryUrl.replace("http:", "")}:_authToken=\${NPM_TOKEN}\n`);
      const result = await update(["--json"], { env: { HOME: tokenHome, NPM_TOKEN: "npm_s3cr3t" } });
      expect(result.code, result.stderr).toBe(0);
      expect(result.json<Report>().version).toBe("9.9.9");
      expect(result.stdout + result.stderr).not.toContain("npm_s3cr3t");
    } finally {
      registry.token = undefined;
    }
  });

  test("an unreachable registry: exit 1, naming it", async () => {
    const result = await update([], { env: { npm_config_registry: "http://127.0.0.1:9/" } });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stderr).error.message).toMatch(
      /^cannot reach the npm registry at http:\/\/127\.0\.0\.1:9\/clerk-panel/,
    );
  });
});

describe("clerk update: with the package manager that installed it", () => {
  const prefix = join(root, "prefix");
  const globalBin = install(join(prefix, "lib", "node_modules", "clerk-panel"));
  const project = join(root, "app");
  const localBin = install(join(project, "node_modules", ".pnpm", "clerk-panel@0.1.0", "node_modules", "clerk-panel"));
  writeFileSync(join(project, "pnpm-lock.yaml"), "lockfileVersion: '9.0'\n");

  test("not a terminal and no --yes: the command is printed, not run (exit 0)", async () => {
    const result = await update(["--json"], { bin: globalBin });
    expect(result.code, result.stderr).toBe(0);
    expect(result.json<Report>().installs).toEqual([
      {
        path: realpathSync(join(prefix, "lib", "node_modules", "clerk-panel")),
        version: __CLERK_VERSION__,
        kind: "global",
        manager: "npm",
        command: "npm install -g clerk-panel@9.9.9",
        status: "available",
      },
    ]);
    expect((await update([], { bin: globalBin })).stdout).toContain("update with: npm install -g clerk-panel@9.9.9");
    expect((await update(["--check", "--yes"], { bin: globalBin })).code).toBe(0);
    expect((await update(["--dry-run", "--yes"], { bin: globalBin })).code).toBe(0);
    expect(managerRuns()).toEqual([]);
  });

  test("--yes runs the global install's manager; agent mode too", async () => {
    const result = await update(["--yes", "--json"], { bin: globalBin });
    expect(result.code, result.stderr).toBe(0);
    expect(result.json<Report>().installs[0]).toMatchObject({
      status: "updated",
      command: "npm install -g clerk-panel@9.9.9",
    });
    expect(result.stderr).toContain("$ npm install -g clerk-panel@9.9.9");
    const agent = await update(["--mode", "agent", "-y"], { bin: globalBin });
    expect(agent.json<Report>().installs[0]?.status).toBe("updated");
    expect(managerRuns()).toEqual([
      `npm install -g clerk-panel@9.9.9 (in ${process.cwd()})`,
      `npm install -g clerk-panel@9.9.9 (in ${process.cwd()})`,
    ]);
  });

  test("a project's install is updated in the project, with its lockfile's manager", async () => {
    const result = await update(["--yes", "--json"], { bin: localBin, cwd: root });
    expect(result.code, result.stderr).toBe(0);
    expect(result.json<Report>().installs[0]).toMatchObject({
      kind: "local",
      manager: "pnpm",
      project: realpathSync(project),
      status: "updated",
    });
    expect(managerRuns()).toEqual([`pnpm add clerk-panel@9.9.9 (in ${realpathSync(project)})`]);
  });

  test("the manager failing: exit 1 after the report", async () => {
    const result = await update(["--yes", "--json"], { bin: globalBin, env: { FAIL_MANAGER: "1" } });
    expect(result.code).toBe(1);
    expect(result.json<Report>().installs[0]).toMatchObject({ status: "failed", note: "npm exited with 1" });
    expect(result.stderr).toContain("npm: E404");
  });

  test("--all: every clerk on PATH, each install once; another program called clerk is left alone", async () => {
    const bins = join(root, "path-bin");
    mkdirSync(bins);
    symlinkSync(globalBin, join(bins, "clerk"));
    const other = join(root, "other-bin");
    mkdirSync(other);
    writeFileSync(join(other, "clerk"), "#!/bin/sh\necho the official clerk\n");
    chmodSync(join(other, "clerk"), 0o755);
    const path = `${managers}:${bins}:${other}:${bins}:${process.env.PATH}`;
    const result = await update(["--all", "--json"], { env: { PATH: path } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.json<Report>().installs.map(({ kind, status }) => `${kind} ${status}`)).toEqual([
      "source manual",
      "global available",
      "other other",
    ]);
    expect(result.json<Report>().installs[2]?.path).toBe(join(other, "clerk"));
    const ran = await update(["--all", "--yes"], { env: { PATH: path } });
    expect(ran.code, ran.stderr).toBe(0);
    expect(managerRuns()).toEqual([`npm install -g clerk-panel@9.9.9 (in ${process.cwd()})`]);
  });

  test("on a terminal it asks first", async () => {
    const tty = runCliOnTty(["update"], {
      bin: globalBin,
      env: { HOME: home, PATH: `${managers}:${process.env.PATH}`, npm_config_registry: registryUrl },
    });
    await tty.waitFor("Update now?");
    expect(plain(tty.output())).toContain("update with: npm install -g clerk-panel@9.9.9");
    tty.type("n\r");
    await tty.done;
    expect(managerRuns()).toEqual([]);
    const yes = runCliOnTty(["update"], {
      bin: globalBin,
      env: { HOME: home, PATH: `${managers}:${process.env.PATH}`, npm_config_registry: registryUrl },
    });
    await yes.waitFor("Update now?");
    yes.type("\r");
    expect((await yes.done).code).toBe(0);
    expect(plain(yes.output())).toContain("updated to 9.9.9 (npm install -g clerk-panel@9.9.9)");
    expect(managerRuns()).toHaveLength(1);
  });
});

describe("the once-a-day notice after other commands", () => {
  const checkFile = (dir: string) => join(dir, ".local", "share", "clerk", "update-check.json");
  const onTty = (dir: string, env: Record<string, string | undefined> = {}) =>
    runCliOnTty(["config", "path"], {
      env: { HOME: dir, NO_UPDATE_NOTIFIER: undefined, npm_config_registry: registryUrl, ...env },
    }).done;
  const withCheck = (check: object) => {
    const dir = mkdtempSync(join(root, "notice-"));
    mkdirSync(dirname(checkFile(dir)), { recursive: true });
    writeFileSync(checkFile(dir), JSON.stringify(check));
    return dir;
  };

  test("a newer version in the last check: said on stderr once a day", async () => {
    const dir = withCheck({ checked_at: Date.now(), latest: "9.9.9" });
    const first = await onTty(dir);
    expect(first.code).toBe(0);
    expect(plain(first.output)).toContain(
      `clerk 9.9.9 is available (this is ${__CLERK_VERSION__}): run \`clerk update\``,
    );
    expect(plain((await onTty(dir)).output)).not.toContain("is available");
    expect(requests).toEqual([]);
  });

  test("never in CI, in agent mode, with --json, with NO_UPDATE_NOTIFIER, or without a terminal", async () => {
    const check = { checked_at: Date.now(), latest: "9.9.9" };
    for (const env of [{ CI: "1" }, { CLERK_MODE: "agent" }, { NO_UPDATE_NOTIFIER: "1" }]) {
      expect(plain((await onTty(withCheck(check), env)).output), JSON.stringify(env)).not.toContain("is available");
    }
    const json = await runCliOnTty(["config", "path", "--json"], {
      env: { HOME: withCheck(check), NO_UPDATE_NOTIFIER: undefined },
    }).done;
    expect(plain(json.output)).not.toContain("is available");
    const piped = await runCli(["config", "path"], { env: { HOME: withCheck(check), NO_UPDATE_NOTIFIER: undefined } });
    expect(piped.stderr).toBe("");
  });

  test("a day-old check is redone in the background, for next time", async () => {
    const dir = withCheck({ checked_at: Date.now() - 2 * 86_400_000, latest: __CLERK_VERSION__ });
    const result = await onTty(dir);
    expect(plain(result.output)).not.toContain("is available");
    await expect.poll(() => JSON.parse(readFileSync(checkFile(dir), "utf8")).latest, { timeout: 10_000 }).toBe("9.9.9");
    expect(requests).toEqual(["/clerk-panel"]);
    expect(plain((await onTty(dir)).output)).toContain("clerk 9.9.9 is available");
  });
});
