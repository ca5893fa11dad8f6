import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { useSandbox } from "../../server/sandbox/testing/harness";
import { runCli } from "../testing/run-cli";

const sandbox = useSandbox();
const SLOW = { timeout: 60_000 };

let project: string;
beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), "clerk-env-"));
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

/** Runs in the project with Platform API access only, as after `clerk auth login`. */
function clerk(args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}) {
  return runCli(args, {
    cwd: options.cwd ?? project,
    env: {
      CLERK_API_URL: sandbox.url,
      CLERK_PLATFORM_API_KEY: sandbox.credentials.platform_api_key,
      CLERK_CONFIG_DIR: join(project, ".config"),
      ...options.env,
    },
  });
}

const dev = () => sandbox.credentials.development;
const prod = () => sandbox.credentials.production;
const writePackage = (dependencies: Record<string, string>) =>
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "app", dependencies }));
const read = (name: string) => readFileSync(join(project, name), "utf8");
const errorOf = (stderr: string) => JSON.parse(stderr).error as { message: string; hint?: string };

describe("clerk env pull", SLOW, () => {
  test("a Next.js project: .env.local created (0600) with NEXT_PUBLIC_ and the secret key", async () => {
    writePackage({ next: "15.0.0", react: "19.0.0" });
    mkdirSync(join(project, "src", "app"), { recursive: true });
    // From a subdirectory: the project is the nearest package.json.
    const pulled = await clerk(["env", "pull", "--json"], { cwd: join(project, "src", "app") });
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(pulled.json()).toMatchObject({
      file: join(project, ".env.local"),
      framework: "next",
      detected_from: "package.json (next)",
      application_id: sandbox.credentials.application_id,
      instance_id: dev().instance_id,
      changes: [
        { name: "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY", action: "added" },
        { name: "CLERK_SECRET_KEY", action: "added" },
      ],
    });
    expect(pulled.stdout).not.toContain(dev().secret_key);
    expect(parseEnv(read(".env.local"))).toEqual({
      NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: dev().publishable_key,
      CLERK_SECRET_KEY: dev().secret_key,
    });
    expect(statSync(join(project, ".env.local")).mode & 0o777).toBe(0o600);

    const again = await clerk(["env", "pull"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^Up to date: \.env\.local/);
  });

  test.each([
    [{ vite: "6.0.0", react: "19.0.0" }, "VITE_CLERK_PUBLISHABLE_KEY", ".env.local", "vite"],
    [{ astro: "5.0.0" }, "PUBLIC_CLERK_PUBLISHABLE_KEY", ".env.local", "astro"],
    [{ expo: "52.0.0" }, "EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY", ".env", "expo"],
    [{ "@remix-run/node": "2.0.0", vite: "6.0.0" }, "CLERK_PUBLISHABLE_KEY", ".env", "other"],
    [{ "@react-router/dev": "7.0.0", vite: "6.0.0" }, "CLERK_PUBLISHABLE_KEY", ".env", "other"],
    [{ express: "5.0.0" }, "CLERK_PUBLISHABLE_KEY", ".env", "other"],
  ])("framework from %j: %s in %s", async (dependencies, variable, file, framework) => {
    writePackage(dependencies);
    const pulled = await clerk(["env", "pull", "--json"]);
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(pulled.json()).toMatchObject({ file: join(project, file), framework });
    expect(parseEnv(read(file))).toEqual({ [variable]: dev().publishable_key, CLERK_SECRET_KEY: dev().secret_key });
  });

  test("merging: other lines stay byte for byte; a different value needs --yes; --dry-run shows a masked diff", async () => {
    writePackage({ next: "15.0.0" });
    const before =
      "# Local settings\r\n" +
      'DATABASE_URL="postgres://localhost/app"\r\n' +
      "\r\n" +
      `export CLERK_SECRET_KEY=${prod().secret_key} # production, careful\r\n` +
      "FEATURE_FLAG=on";
    writeFileSync(join(project, ".env"), before);

    const refused = await clerk(["env", "pull"]);
    expect(refused.code).toBe(2);
    expect(errorOf(refused.stderr).message).toContain(".env already sets CLERK_SECRET_KEY (sk_live_…");
    expect(errorOf(refused.stderr).hint).toContain("--yes");
    expect(read(".env")).toBe(before);

    const dry = await clerk(["env", "pull", "--dry-run"]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toContain("Dry run: .env was not written.");
    expect(dry.stderr).toContain("needs confirmation (--yes)");
    expect(dry.stdout).toContain("-export CLERK_SECRET_KEY=sk_live_…");
    expect(dry.stdout).toContain("+export CLERK_SECRET_KEY=sk_test_…");
    expect(dry.stdout).toContain(`+NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${dev().publishable_key}`);
    expect(dry.stdout + dry.stderr).not.toContain(dev().secret_key);
    expect(dry.stdout + dry.stderr).not.toContain(prod().secret_key);
    expect(read(".env")).toBe(before);

    const applied = await clerk(["env", "pull", "--yes"]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain("~ CLERK_SECRET_KEY updated");
    expect(read(".env")).toBe(
      "# Local settings\r\n" +
        'DATABASE_URL="postgres://localhost/app"\r\n' +
        "\r\n" +
        `export CLERK_SECRET_KEY=${dev().secret_key} # production, careful\r\n` +
        "FEATURE_FLAG=on\r\n" +
        `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${dev().publishable_key}\r\n`,
    );
  });

  test("--instance and --file pick the instance and the file; --framework overrides detection", async () => {
    writePackage({ next: "15.0.0" });
    const noDir = await clerk(["env", "pull", "--file", "config/prod.env"]);
    expect(noDir.code).toBe(1);
    expect(errorOf(noDir.stderr)).toMatchObject({
      message: expect.stringContaining(`Cannot write ${join(project, "config", "prod.env")}`),
      hint: "Check that its directory exists and is writable.",
    });

    mkdirSync(join(project, "config"));
    const written = await clerk([
      "env",
      "pull",
      "--instance",
      "prod",
      "--file",
      "config/prod.env",
      "--framework",
      "vite",
    ]);
    expect(written.code, written.stderr).toBe(0);
    expect(parseEnv(read("config/prod.env"))).toEqual({
      VITE_CLERK_PUBLISHABLE_KEY: prod().publishable_key,
      CLERK_SECRET_KEY: prod().secret_key,
    });
  });

  test("warns when git would commit the file; says so when there is no Platform access", async () => {
    writePackage({ next: "15.0.0" });
    execFileSync("git", ["init", "-q"], { cwd: project });
    const tracked = await clerk(["env", "pull"]);
    expect(tracked.code, tracked.stderr).toBe(0);
    expect(tracked.stderr).toContain("git does not ignore it");
    writeFileSync(join(project, ".gitignore"), ".env*.local\n");
    const ignored = await clerk(["env", "pull"]);
    expect(ignored.stderr).not.toContain("git does not ignore it");

    const noAccess = await clerk(["env", "pull"], {
      env: { CLERK_PLATFORM_API_KEY: undefined, CLERK_SECRET_KEY: dev().secret_key },
    });
    expect(noAccess.code).toBe(1);
    expect(errorOf(noAccess.stderr).hint).toContain("clerk auth login");
  });
});
