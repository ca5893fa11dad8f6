import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { parseDuration } from "../auth/duration";
import { FileCredentialStore } from "../credentials/file-store";
import { RuntimeError, UsageError } from "../errors";
import type { GlobalOptions } from "../globals";
import { findDotenv } from "./dotenv";
import { maskSecret, redactSecrets } from "./keys";
import { writeProjectLink } from "./project-link";
import { resolveSettings } from "./resolve";

const globals = (extra: Partial<GlobalOptions> = {}): GlobalOptions => ({
  output: "table",
  yes: false,
  dryRun: false,
  all: false,
  debug: false,
  ...extra,
});

let root: string;
let configDir: string;
/** `<root>/home/project/app`: the walk starts in `app`, and stops at `home`. */
let home: string;
let project: string;
let cwd: string;

function baseEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, CLERK_CONFIG_DIR: configDir, CLERK_CREDENTIAL_STORE: "file", ...extra };
}

function writeIni(text: string): void {
  mkdirSync(configDir, { recursive: true });
  writeFileSync(join(configDir, "config.ini"), text);
}

async function storeSecret(profile: string, key: string, value: string): Promise<void> {
  await new FileCredentialStore(join(configDir, "credentials.json"), baseEnv()).set(profile, key, value);
}

const resolve = (g: Partial<GlobalOptions> = {}, env: Record<string, string> = {}, options = {}) =>
  resolveSettings(globals(g), baseEnv(env), { cwd, home, ...options });

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "clerk-resolve-"));
  configDir = join(root, "config");
  home = join(root, "home");
  project = join(home, "project");
  cwd = join(project, "app");
  mkdirSync(cwd, { recursive: true });
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("resolution order: flag > env > .env > profile > default", () => {
  test("each level overrides the ones below it, and says where the value came from", async () => {
    const defaults = await resolve();
    expect(defaults.apiUrl).toBe("https://api.clerk.com");
    expect(defaults.origins.api_url).toEqual({ source: "default", detail: "built-in default" });
    expect(defaults.app).toBeUndefined();
    expect(defaults.instance).toBe("development");
    expect(defaults.secretKey).toBeUndefined();

    writeIni("[default]\napi_url = http://profile.test\napp = app_profile\ninstance = prod\n");
    await storeSecret("default", "secret_key", "sk_test_fromprofile000000");
    const profile = await resolve();
    expect(profile).toMatchObject({
      apiUrl: "http://profile.test",
      platformApiUrl: "http://profile.test",
      app: "app_profile",
      instance: "production",
      secretKey: "sk_test_fromprofile000000",
    });
    expect(profile.origins.secret_key).toEqual({ source: "profile", detail: 'profile "default" (file)' });
    expect(profile.origins.api_url).toEqual({ source: "profile", detail: 'profile "default"' });

    writeFileSync(
      join(project, ".env"),
      "CLERK_API_URL=http://dotenv.test/v1/\nCLERK_APP=app_dotenv\nCLERK_SECRET_KEY=sk_test_fromdotenv0000000\nOTHER=ignored\n",
    );
    const dotenv = await resolve();
    expect(dotenv).toMatchObject({
      apiUrl: "http://dotenv.test",
      app: "app_dotenv",
      secretKey: "sk_test_fromdotenv0000000",
      dotenvFile: join(project, ".env"),
    });
    expect(dotenv.origins.app).toEqual({ source: "dotenv", detail: `${join(project, ".env")} (CLERK_APP)` });
    // Not in .env: still from the profile.
    expect(dotenv.instance).toBe("production");

    const env = await resolve({}, { CLERK_BACKEND_API_URL: "http://env.test", CLERK_APP: "app_env" });
    expect(env).toMatchObject({ apiUrl: "http://env.test", app: "app_env", secretKey: "sk_test_fromdotenv0000000" });
    expect(env.origins.api_url).toEqual({ source: "env", detail: "CLERK_BACKEND_API_URL" });
    // CLERK_API_URL wins over its alias.
    const both = await resolve({}, { CLERK_API_URL: "http://first.test", CLERK_BACKEND_API_URL: "http://second.test" });
    expect(both.apiUrl).toBe("http://first.test");

    const flag = await resolve({ app: "app_flag", instance: "dev" }, { CLERK_APP: "app_env" });
    expect(flag).toMatchObject({ app: "app_flag", instance: "development" });
    expect(flag.origins.app).toEqual({ source: "flag", detail: "--app" });
  });

  test("empty variables count as unset; every Clerk variable maps to its setting", async () => {
    const settings = await resolve(
      {},
      {
        CLERK_SECRET_KEY: "",
        CLERK_API_URL: "http://api.test",
        CLERK_PLATFORM_API_URL: "http://platform.test/v1/platform",
        CLERK_PLATFORM_API_KEY: "ak_platform000000000000",
        CLERK_OAUTH_BASE_URL: "http://oauth.test/",
        CLERK_OAUTH_CLIENT_ID: "my_client",
      },
    );
    expect(settings).toMatchObject({
      apiUrl: "http://api.test",
      platformApiUrl: "http://platform.test",
      platformApiKey: "ak_platform000000000000",
      oauthBaseUrl: "http://oauth.test",
      oauthClientId: "my_client",
    });
    expect(settings.secretKey).toBeUndefined();
    expect(settings.origins.secret_key).toBeUndefined();
  });

  test("bad values are usage errors that name where they came from", async () => {
    await expect(resolve({ instance: "staging" })).rejects.toThrow(/--instance/);
    await expect(resolve({}, { CLERK_API_URL: "not a url" })).rejects.toThrow(/CLERK_API_URL/);
    await expect(resolve({}, { CLERK_API_URL: "not a url" })).rejects.toBeInstanceOf(UsageError);
  });
});

describe("a linked project (clerk link) sits between .env and the profile", () => {
  test("app and instance come from the nearest .clerk/project.json, below flags, env and .env", async () => {
    writeIni("[default]\napp = app_profile\ninstance = dev\napi_url = http://profile.test\n");
    const file = writeProjectLink(project, { app: "app_linked", instance: "production" });
    const linked = await resolve();
    expect(linked).toMatchObject({ app: "app_linked", instance: "production", linkFile: file });
    expect(linked.origins.app).toEqual({ source: "project", detail: `${file} (linked project)` });
    // Only app and instance are linked: the rest still comes from the profile.
    expect(linked.apiUrl).toBe("http://profile.test");

    writeFileSync(join(project, ".env"), "CLERK_INSTANCE=dev\n");
    const dotenv = await resolve();
    expect(dotenv).toMatchObject({ app: "app_linked", instance: "development" });
    expect(dotenv.origins.instance?.source).toBe("dotenv");

    expect((await resolve({}, { CLERK_APP: "app_env" })).app).toBe("app_env");
    expect((await resolve({ app: "app_flag" })).app).toBe("app_flag");
    // `clerk link` itself reads no link (it replaces it).
    expect((await resolve({}, {}, { project: false })).app).toBe("app_profile");
  });

  test("a broken link file is a usage error naming it (or a problem, tolerantly)", async () => {
    const file = writeProjectLink(cwd, { app: "app_linked", instance: "production" });
    writeFileSync(file, "{ not json");
    await expect(resolve()).rejects.toThrow(/project\.json is not a valid project link/);
    await expect(resolve()).rejects.toBeInstanceOf(UsageError);
    const tolerant = await resolve({}, {}, { tolerant: true });
    expect(tolerant.problems).toEqual([expect.objectContaining({ key: "link" })]);
    writeFileSync(file, JSON.stringify({ app: "nope", instance: "dev" }));
    await expect(resolve()).rejects.toThrow(/no "app" id/);
  });
});

describe("profiles", () => {
  test("--profile > CLERK_PROFILE > .env CLERK_PROFILE > active_profile > default", async () => {
    writeIni(
      "active_profile = active\n[default]\napp = app_default\n[active]\napp = app_active\n[dotenv]\napp = app_dotenv\n[env]\napp = app_env\n[flag]\napp = app_flag\n",
    );
    expect((await resolve()).app).toBe("app_active");
    expect((await resolve()).profileOrigin.source).toBe("config");
    writeFileSync(join(cwd, ".env"), "CLERK_PROFILE=dotenv\n");
    expect((await resolve()).app).toBe("app_dotenv");
    expect((await resolve({}, { CLERK_PROFILE: "env" })).app).toBe("app_env");
    const flagged = await resolve({ profile: "flag" }, { CLERK_PROFILE: "env" });
    expect(flagged).toMatchObject({ app: "app_flag", profile: "flag", profileExists: true });
    expect(flagged.profileOrigin).toMatchObject({ source: "flag", detail: "--profile" });
  });

  test("a missing profile is a usage error naming the fix (collected when tolerant)", async () => {
    writeIni("[default]\n");
    const error = await resolve({ profile: "nope" }).catch((e) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toContain('"nope" does not exist');
    expect(error.hint).toContain("clerk config profile create nope");
    const tolerant = await resolve({ profile: "nope" }, {}, { tolerant: true });
    expect(tolerant.profile).toBe("default");
    expect(tolerant.problems).toEqual([expect.objectContaining({ key: "profile" })]);
    // The default profile may be used before it exists.
    expect((await resolve({ profile: "default" })).profileExists).toBe(true);
    rmSync(join(configDir, "config.ini"));
    expect((await resolve({ profile: "default" })).profileExists).toBe(false);
  });

  test("secrets are per profile", async () => {
    writeIni("[default]\n[work]\n");
    await storeSecret("default", "secret_key", "sk_test_default0000000000");
    await storeSecret("work", "secret_key", "sk_test_work0000000000000");
    expect((await resolve()).secretKey).toBe("sk_test_default0000000000");
    expect((await resolve({ profile: "work" })).secretKey).toBe("sk_test_work0000000000000");
  });
});

describe("!command secrets", () => {
  test("run through the shell at resolution time; the output (trimmed) is the secret", async () => {
    writeIni("[default]\nsecret_key = !printf '%s\\n' sk_test_fromcommand000000 && echo noise >&2\n");
    const settings = await resolve();
    expect(settings.secretKey).toBe("sk_test_fromcommand000000");
    expect(settings.origins.secret_key).toEqual({ source: "profile", detail: 'profile "default" (!command)' });
    // Shown, not run, when asked.
    const listed = await resolve({}, {}, { runCommands: false });
    expect(listed.secretKey).toBeUndefined();
    expect(listed.commands.secret_key).toMatch(/^!printf/);
    // A higher level wins without running the command.
    writeIni("[default]\nsecret_key = !exit 9\n");
    expect((await resolve({}, { CLERK_SECRET_KEY: "sk_test_env" })).secretKey).toBe("sk_test_env");
  });

  test("a failing command is a clear error that never shows its output", async () => {
    // In the INI file `;` starts a comment unless escaped (`clerk config set` escapes it).
    writeIni("[default]\nplatform_api_key = !printf ak_leaked_secret_value\\; echo 'vault is locked' >&2\\; exit 3\n");
    const error = await resolve().catch((e) => e);
    expect(error).toBeInstanceOf(RuntimeError);
    expect(error.message).toContain('platform_api_key of profile "default" failed (exit 3)');
    expect(error.message).toContain("vault is locked");
    expect(error.message).not.toContain("ak_leaked_secret_value");
    expect(error.hint).toContain("clerk config set");

    writeIni("[default]\nsecret_key = !true\n");
    await expect(resolve()).rejects.toThrow(/printed nothing/);

    const tolerant = await resolve({}, {}, { tolerant: true });
    expect(tolerant.problems).toEqual([expect.objectContaining({ key: "secret_key" })]);
  });

  test("a command that hangs is stopped at the timeout", async () => {
    writeIni("[default]\nsecret_key = !sleep 10\n");
    const started = Date.now();
    const error = await resolve({}, { CLERK_SECRET_COMMAND_TIMEOUT_MS: "300" }).catch((e) => e);
    expect(error.message).toContain("did not finish within 0.3 s");
    expect(error.code).toBe("secret_command_timeout");
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe(".env files", () => {
  test("the nearest .env wins, walking up from the cwd and stopping at home", async () => {
    writeFileSync(join(root, ".env"), "CLERK_APP=app_above_home\n");
    expect(findDotenv(cwd, home)).toBeUndefined();
    expect((await resolve()).app).toBeUndefined();
    writeFileSync(join(home, ".env"), "CLERK_APP=app_home\n");
    expect((await resolve()).app).toBe("app_home");
    writeFileSync(join(project, ".env"), "CLERK_APP=app_project\n");
    expect((await resolve()).app).toBe("app_project");
    // Outside home the walk goes to the filesystem root.
    expect(findDotenv(join(root, "elsewhere"), home)).toBe(join(root, ".env"));
  });

  test("--dotenv forces one file, relative to the cwd, and errors when it is missing", async () => {
    writeFileSync(join(cwd, ".env"), "CLERK_APP=app_nearest\n");
    writeFileSync(join(project, "ci.env"), "CLERK_APP=app_forced\n");
    const forced = await resolve({ dotenv: "../ci.env" });
    expect(forced.app).toBe("app_forced");
    expect(forced.dotenvFile).toBe(join(project, "ci.env"));
    const error = await resolve({ dotenv: "missing.env" }).catch((e) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toContain(join(cwd, "missing.env"));
    expect((await resolve({ dotenv: "missing.env" }, {}, { tolerant: true })).problems[0]?.key).toBe("dotenv");
  });
});

describe("helpers", () => {
  test("secrets are masked to their kind and last four characters", () => {
    expect(maskSecret("sk_test_abcdefghijklmnop1234")).toBe("sk_test_…1234");
    expect(maskSecret("ak_abcdefghijklmnopqrs")).toBe("ak_…pqrs");
    expect(maskSecret("short")).toBe("…");
    expect(redactSecrets("!echo sk_live_abcdefghijklmnopqrst")).toBe("!echo sk_live_…qrst");
  });

  test("durations", () => {
    expect(parseDuration("300", "--timeout")).toBe(300_000);
    expect(parseDuration("5m", "--timeout")).toBe(300_000);
    expect(parseDuration("1500ms", "--timeout")).toBe(1500);
    expect(() => parseDuration("soon", "--timeout")).toThrow(UsageError);
  });
});
