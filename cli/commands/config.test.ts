import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { useSandbox } from "../../server/sandbox/testing/harness";
import { runCli } from "../testing/run-cli";

const sandbox = useSandbox();
/** Many CLI runs per test: allow for a loaded machine. */
const SLOW = { timeout: 60_000 };

let root: string;
let configDir: string;
let cwd: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "clerk-config-"));
  configDir = join(root, "config");
  cwd = join(root, "work");
  mkdirSync(cwd);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Runs the CLI with its config in the temp dir and the 0600 file as credential store. */
function clerk(args: string[], env: Record<string, string> = {}, input?: string) {
  return runCli(args, {
    cwd,
    env: { CLERK_CONFIG_DIR: configDir, CLERK_CREDENTIAL_STORE: "file", CLERK_API_URL: sandbox.url, ...env },
    ...(input === undefined ? {} : { input }),
  });
}

const ini = () => readFileSync(join(configDir, "config.ini"), "utf8");
const credentials = () =>
  JSON.parse(readFileSync(join(configDir, "credentials.json"), "utf8")) as {
    profiles: Record<string, Record<string, string>>;
  };
const mode = (path: string) => statSync(path).mode & 0o777;
const errorOf = (stderr: string) => JSON.parse(stderr).error as { message: string; hint?: string; code: string };

describe("clerk config profile", SLOW, () => {
  test("create, list, use, show, delete", async () => {
    const created = await clerk(["config", "profile", "create", "work"]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('Created profile "work"');
    expect(ini()).toMatch(/^\[work\]$/m);
    expect(mode(join(configDir, "config.ini"))).toBe(0o600);
    expect(mode(configDir)).toBe(0o700);

    expect((await clerk(["config", "profile", "create", "work"])).code).toBe(2);
    const badName = await clerk(["config", "profile", "create", "a.b"]);
    expect(badName.code).toBe(2);
    expect(errorOf(badName.stderr).message).toContain("not a valid profile name");

    await clerk(["config", "profile", "create", "staging", "--use"]);
    const list = await clerk(["config", "profile", "list", "--json"]);
    expect(list.json()).toEqual([
      { name: "default", active: false, in_file: false, settings: {} },
      { name: "staging", active: true, in_file: true, settings: {} },
      { name: "work", active: false, in_file: true, settings: {} },
    ]);
    expect(ini()).toMatch(/^active_profile = staging$/m);

    const used = await clerk(["config", "profile", "use", "work"]);
    expect(used.code, used.stderr).toBe(0);
    const table = await clerk(["config", "profile", "list"]);
    expect(table.stdout).toMatch(/\*\s+work/);
    // CLERK_PROFILE wins over the file's active profile.
    const byEnv = await clerk(["config", "profile", "list", "--json"], { CLERK_PROFILE: "staging" });
    expect(byEnv.json<{ name: string; active: boolean }[]>().find((p) => p.active)?.name).toBe("staging");

    const missing = await clerk(["config", "profile", "use", "nope"]);
    expect(missing.code).toBe(2);
    expect(errorOf(missing.stderr).hint).toContain("clerk config profile create nope");

    await clerk(["config", "set", "api_url", "http://127.0.0.1:9/"]);
    await clerk(["config", "set", "secret_key", "sk_test_workworkworkwork1234"]);
    const shown = await clerk(["config", "profile", "show", "--json"]);
    expect(shown.json()).toEqual({
      name: "work",
      active: true,
      settings: {
        api_url: { value: "http://127.0.0.1:9/", stored_in: "config_file" },
        secret_key: { value: "sk_test_…1234", stored_in: "file" },
      },
      login: null,
    });
    expect(shown.stdout).not.toContain("sk_test_workworkworkwork1234");

    const dry = await clerk(["config", "profile", "delete", "work", "--dry-run"]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toContain('Dry run: would delete profile "work"');
    expect(ini()).toContain("[work]");

    // Deleting asks first: refused when not interactive without --yes.
    const refused = await clerk(["config", "profile", "delete", "work"]);
    expect(refused.code).toBe(2);
    expect(errorOf(refused.stderr).hint).toContain("--yes");
    expect(credentials().profiles.work?.secret_key).toBe("sk_test_workworkworkwork1234");

    const deleted = await clerk(["config", "profile", "delete", "work", "--yes", "--json"]);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.json()).toEqual({
      name: "work",
      deleted: true,
      removed_credentials: ["secret_key"],
      was_active: true,
    });
    expect(ini()).not.toContain("[work]");
    expect(ini()).not.toContain("active_profile");
    expect(credentials().profiles.work).toBeUndefined();
    expect((await clerk(["config", "profile", "delete", "work", "--yes"])).code).toBe(2);
  });
});

describe("clerk config set / get / unset / list / path", SLOW, () => {
  test("secrets go to the credential store (0600), never the INI file; list and get mask them", async () => {
    const set = await clerk(["config", "set", "secret_key", sandbox.secretKey], { CLERK_API_URL: "" });
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain("credential file");
    expect(set.stdout).not.toContain(sandbox.secretKey);
    expect(ini()).not.toContain(sandbox.secretKey);
    expect(ini()).toMatch(/^\[default\]$/m);
    expect(credentials().profiles.default?.secret_key).toBe(sandbox.secretKey);
    expect(mode(join(configDir, "credentials.json"))).toBe(0o600);
    expect(mode(configDir)).toBe(0o700);
    // No temp files left behind.
    expect(readdirSync(configDir).sort()).toEqual(["config.ini", "credentials.json"]);

    await clerk(["config", "set", "api_url", sandbox.url]);
    await clerk(["config", "set", "instance", "dev"]);
    // The stored key works: no CLERK_SECRET_KEY, no CLERK_API_URL in the environment.
    const count = await clerk(["users", "count", "--json"], { CLERK_API_URL: "" });
    expect(count.code, count.stderr).toBe(0);
    expect(count.json()).toEqual({ object: "total_count", total_count: 0 });

    const masked = `sk_test_…${sandbox.secretKey.slice(-4)}`;
    const list = await clerk(["config", "list", "--json"], { CLERK_API_URL: "" });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).not.toContain(sandbox.secretKey);
    expect(list.json()).toMatchObject({
      profile: "default",
      config_file: join(configDir, "config.ini"),
      dotenv_file: null,
      settings: {
        secret_key: { value: masked, source: "profile", detail: 'profile "default" (file)' },
        api_url: { value: sandbox.url, source: "profile" },
        instance: { value: "development", source: "profile" },
        app: { value: null, source: "unset" },
        oauth_base_url: { value: "https://api.clerk.com", source: "default" },
      },
    });
    const table = await clerk(["config", "list"], { CLERK_API_URL: "" });
    expect(table.stdout).toMatch(/secret_key\s+sk_test_…\w{4}\s+profile "default" \(file\)/);

    const get = await clerk(["config", "get", "secret_key"]);
    expect(get.stdout.trim()).toBe(masked);
    const reveal = await clerk(["config", "get", "secret_key", "--reveal"]);
    expect(reveal.stdout.trim()).toBe(sandbox.secretKey);
    expect((await clerk(["config", "get", "api_url"])).stdout.trim()).toBe(sandbox.url);

    const unset = await clerk(["config", "unset", "secret_key", "--json"]);
    expect(unset.json()).toEqual({ profile: "default", key: "secret_key", removed: true });
    expect(credentials().profiles.default).toBeUndefined();
    const gone = await clerk(["config", "get", "secret_key"]);
    expect(gone.code).toBe(1);
    expect(errorOf(gone.stderr)).toMatchObject({ code: "not_set" });
    expect(errorOf(gone.stderr).hint).toContain("clerk config set secret_key");
  });

  test("a value starting with ! is a command, kept as is in the INI file and run when needed", async () => {
    const command = `!printf '%s' '${sandbox.secretKey}' # from a vault; really`;
    const set = await clerk(["config", "set", "secret_key", command]);
    expect(set.code, set.stderr).toBe(0);
    expect(readdirSync(configDir)).not.toContain("credentials.json");
    await clerk(["config", "set", "api_url", sandbox.url]);
    const count = await clerk(["users", "count", "--json"], { CLERK_API_URL: "" });
    expect(count.code, count.stderr).toBe(0);
    const get = await clerk(["config", "get", "secret_key", "--json"]);
    // The command is shown (with the secret-looking part masked), not run.
    expect(get.json()).toMatchObject({
      value: expect.stringMatching(/^!printf '%s' 'sk_test_…\w{4}' # from a vault; really$/),
    });
    const list = await clerk(["config", "list", "--json"]);
    expect(list.stdout).not.toContain(sandbox.secretKey);

    await clerk(["config", "set", "secret_key", "!echo oops >&2; exit 4"]);
    const failing = await clerk(["users", "count"], { CLERK_API_URL: "" });
    expect(failing.code).toBe(1);
    expect(errorOf(failing.stderr).message).toMatch(/secret_key of profile "default" failed \(exit 4\).*oops/);
  });

  test("secrets can come from stdin (kept out of the shell history)", async () => {
    const set = await clerk(["config", "set", "platform_api_key", "-"], {}, "ak_fromstdin0000000000abcd\n");
    expect(set.code, set.stderr).toBe(0);
    expect(credentials().profiles.default?.platform_api_key).toBe("ak_fromstdin0000000000abcd");
    expect((await clerk(["config", "get", "platform_api_key"])).stdout.trim()).toBe("ak_…abcd");
  });

  test("set/get/unset act on --profile; unknown keys, bad values and reading missing profiles are usage errors; set creates the profile", async () => {
    await clerk(["config", "profile", "create", "work"]);
    await clerk(["config", "set", "app", "app_work", "--profile", "work"]);
    expect(ini()).toMatch(/\[work\]\napp = app_work/);
    expect((await clerk(["config", "get", "app", "--profile", "work"])).stdout.trim()).toBe("app_work");
    expect((await clerk(["config", "get", "app"])).code).toBe(1);
    expect((await clerk(["config", "get", "app"], { CLERK_PROFILE: "work" })).stdout.trim()).toBe("app_work");

    const unknownKey = await clerk(["config", "set", "colour", "blue"]);
    expect(unknownKey.code).toBe(2);
    const badUrl = await clerk(["config", "set", "api_url", "localhost:2575"]);
    expect(badUrl.code).toBe(2);
    expect(errorOf(badUrl.stderr).message).toContain("http(s) URL");
    const badInstance = await clerk(["config", "set", "instance", "staging"]);
    expect(badInstance.code).toBe(2);
    // Reading a missing profile is a usage error; writing to one creates it (as the Go CLI does).
    const noProfile = await clerk(["config", "get", "app", "--profile", "nope"]);
    expect(noProfile.code).toBe(2);
    expect(errorOf(noProfile.stderr).hint).toContain("clerk config profile create nope");
    const newProfile = await clerk(["config", "set", "clerk.key", "sk_live_newprofile123", "--profile", "production"]);
    expect(newProfile.code, newProfile.stderr).toBe(0);
    expect(newProfile.stderr).toContain('created profile "production"');
    expect(ini()).toMatch(/^\[production\]$/m);
    expect(credentials().profiles.production).toEqual({ secret_key: "sk_live_newprofile123" });
    const noProfileList = await clerk(["users", "count"], { CLERK_PROFILE: "nope" });
    expect(noProfileList.code).toBe(2);
    expect(errorOf(noProfileList.stderr).message).toContain("CLERK_PROFILE");
  });

  test("the environment and .env files win over the profile; --dotenv forces a file", async () => {
    await clerk(["config", "set", "secret_key", "sk_test_wrongwrongwrong0000"]);
    await clerk(["config", "set", "api_url", sandbox.url]);
    const fromProfile = await clerk(["users", "count"], { CLERK_API_URL: "" });
    expect(fromProfile.code).toBe(1);
    expect(errorOf(fromProfile.stderr).code).toBe("clerk_key_invalid");

    writeFileSync(join(root, ".env"), `CLERK_SECRET_KEY=${sandbox.secretKey}\n`);
    const fromDotenv = await clerk(["users", "count", "--json"], { CLERK_API_URL: "" });
    expect(fromDotenv.code, fromDotenv.stderr).toBe(0);
    const listed = await clerk(["config", "list", "--json"], { CLERK_API_URL: "" });
    expect(listed.json()).toMatchObject({
      dotenv_file: join(root, ".env"),
      settings: { secret_key: { source: "dotenv", detail: `${join(root, ".env")} (CLERK_SECRET_KEY)` } },
    });

    const fromEnv = await clerk(["users", "count"], { CLERK_SECRET_KEY: "sk_test_envwrongenvwrong00" });
    expect(fromEnv.code).toBe(1);

    writeFileSync(join(cwd, "other.env"), "CLERK_SECRET_KEY=sk_test_otherotherother0000\n");
    const forced = await clerk(["config", "list", "--json", "--dotenv", "other.env"]);
    expect(forced.json()).toMatchObject({ dotenv_file: join(cwd, "other.env") });
    const missing = await clerk(["users", "count", "--dotenv", "missing.env"]);
    expect(missing.code).toBe(2);
    expect(errorOf(missing.stderr).message).toContain("missing.env does not exist");

    // A bare --dotenv (the Go CLI's boolean flag) is the nearest .env, wherever it stands.
    const bare = await clerk(["config", "list", "--json", "--dotenv"], { CLERK_API_URL: "" });
    expect(bare.code, bare.stderr).toBe(0);
    expect(bare.json()).toMatchObject({ dotenv_file: join(root, ".env") });
    const bareFirst = await clerk(["--dotenv", "users", "count", "--json"], { CLERK_API_URL: "" });
    expect(bareFirst.code, bareFirst.stderr).toBe(0);
    const bareMiddle = await clerk(["users", "count", "--dotenv", "--json"], { CLERK_API_URL: "" });
    expect(bareMiddle.code, bareMiddle.stderr).toBe(0);
  });

  test("config path", async () => {
    expect((await clerk(["config", "path"])).stdout.trim()).toBe(join(configDir, "config.ini"));
    expect((await clerk(["config", "path", "--json"])).json()).toEqual({
      config_dir: configDir,
      config_file: join(configDir, "config.ini"),
      credentials_file: join(configDir, "credentials.json"),
    });
    // Without CLERK_CONFIG_DIR: the XDG config dir.
    const xdg = await runCli(["config", "path"], { cwd, env: { XDG_CONFIG_HOME: join(root, "xdg") } });
    expect(xdg.stdout.trim()).toBe(join(root, "xdg", "clerk", "cli", "config.ini"));
  });
});

describe("Go CLI spellings: clerk.key, --type=command, --resolve", SLOW, () => {
  test("config set clerk.key … --type=command stores a command; get --resolve runs it", async () => {
    const set = await clerk(["config", "set", "clerk.key", `printf %s ${sandbox.secretKey}`, "--type=command"]);
    expect(set.code, set.stderr).toBe(0);
    expect(ini()).toContain(`secret_key = !printf %s ${sandbox.secretKey}`);
    const masked = await clerk(["config", "get", "clerk.key"]);
    expect(masked.code, masked.stderr).toBe(0);
    expect(masked.stdout).not.toContain(sandbox.secretKey);
    const resolved = await clerk(["config", "get", "clerk.key", "--resolve"]);
    expect(resolved.code, resolved.stderr).toBe(0);
    expect(resolved.stdout).toBe(`${sandbox.secretKey}\n`);
    // The command gives the CLI its key.
    const list = await clerk(["users", "list", "--json"]);
    expect(list.code, list.stderr).toBe(0);

    const api = await clerk(["config", "set", "clerk.api.url", sandbox.url]);
    expect(api.code, api.stderr).toBe(0);
    expect(ini()).toContain(`api_url = ${sandbox.url}`);
    const notSecret = await clerk(["config", "set", "api_url", "echo x", "--type", "command"]);
    expect(notSecret.code).toBe(2);
    expect(errorOf(notSecret.stderr).message).toMatch(/--type=command is for secrets/);
    expect((await clerk(["config", "unset", "clerk.key"])).code).toBe(0);
    expect(ini()).not.toContain("secret_key");
  });
});

describe("the Go CLI's output and debug settings", SLOW, () => {
  const key = () => ({ CLERK_SECRET_KEY: sandbox.secretKey });
  const users = (args: string[] = [], env: Record<string, string> = {}) =>
    clerk(["users", "list", "--limit", "1", ...args], { ...key(), ...env });

  test("output is the format when -o/--json is not given, per profile; a flag given wins", async () => {
    await sandbox.bapi("POST", "/users", { email_address: ["ada@example.com"] });
    expect((await clerk(["config", "set", "output", "json"])).code).toBe(0);
    // The setting applies from the next command on, config get included.
    expect((await clerk(["config", "get", "output"])).json()).toMatchObject({ key: "output", value: "json" });
    expect((await users()).json()).toMatchObject({ data: [{ object: "user" }] });
    expect((await users(["-o", "table"])).stdout).toMatch(/^ID\s+EMAIL/);
    expect((await users(["--output=yaml"])).stdout).toMatch(/^data:\n/);
    // The setting beats the agent-mode default; without it, agents get JSON and people tables.
    await clerk(["config", "set", "output", "yaml"]);
    expect((await users(["--mode", "agent"])).stdout).toMatch(/^data:\n/);
    expect((await clerk(["config", "unset", "output"])).code).toBe(0);
    expect((await users(["--mode", "agent"])).json()).toMatchObject({ data: [{ object: "user" }] });
    expect((await users(["--mode", "human"])).stdout).toMatch(/^ID\s+EMAIL/);
    // A Go profile's `output table` keeps `users list` a table in a pipe (the official default there is JSON).
    await clerk(["config", "set", "output", "table"]);
    expect((await users()).stdout).toMatch(/^ID\s+EMAIL/);
    await clerk(["config", "unset", "output"]);
    expect((await users()).json()).toMatchObject({ data: [{ object: "user" }] });

    await clerk(["config", "set", "output", "json", "--profile", "ci"]);
    expect((await users(["--mode", "human"])).stdout).toMatch(/^ID\s+EMAIL/);
    expect((await users(["--profile", "ci"])).json()).toMatchObject({ data: [{ object: "user" }] });
    expect((await users([], { CLERK_PROFILE: "ci" })).json()).toMatchObject({ data: [{ object: "user" }] });

    const bad = await clerk(["config", "set", "output", "xml"]);
    expect(bad.code).toBe(2);
    expect(errorOf(bad.stderr).message).toBe('output must be table, json or yaml, not "xml" (the value).');
  });

  test("debug true does what --debug does; CLERK_CLI_DEBUG wins over it; unset turns it off", async () => {
    const quiet = await users();
    expect(quiet.stderr).not.toContain("[debug]");
    await clerk(["config", "profile", "create", "development"]);
    expect((await clerk(["config", "set", "debug", "true", "--profile", "development"])).code).toBe(0);
    expect((await users()).stderr).not.toContain("[debug]");
    const loud = await users(["--profile", "development"]);
    expect(loud.code, loud.stderr).toBe(0);
    expect(loud.stderr).toMatch(/^\[debug\] → GET \S+\/v1\/users\?/m);
    expect((await users(["--profile", "development"], { CLERK_CLI_DEBUG: "0" })).stderr).not.toContain("[debug]");
    expect((await users([], { CLERK_CLI_DEBUG: "1" })).stderr).toContain("[debug] → GET");

    const listed = await clerk(["config", "list", "--profile", "development", "--json"]);
    expect(listed.json()).toMatchObject({
      settings: { debug: { value: "true", source: "profile" }, output: { value: null, source: "unset" } },
    });
    expect((await clerk(["config", "unset", "debug", "--profile", "development"])).code).toBe(0);
    expect((await users(["--profile", "development"])).stderr).not.toContain("[debug]");
    // 1 and 0 are accepted (CLERK_CLI_DEBUG's spelling) and stored as true and false.
    await clerk(["config", "set", "debug", "1"]);
    expect((await clerk(["config", "get", "debug"])).stdout).toBe("true\n");
    const bad = await clerk(["config", "set", "debug", "maybe"]);
    expect(bad.code).toBe(2);
    expect(errorOf(bad.stderr).message).toBe('debug must be true or false, not "maybe" (the value).');
  });
});

describe("Go CLI profile lines: create --api-key/--api-url, profile path", SLOW, () => {
  test("profile create --api-key stores the key in the credential store, --api-url in the profile", async () => {
    const created = await clerk([
      "config",
      "profile",
      "create",
      "staging",
      "--api-key",
      "sk_test_staging123",
      "--api-url",
      "https://api.staging.example.com",
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(credentials().profiles.staging).toEqual({ secret_key: "sk_test_staging123" });
    expect(ini()).not.toContain("sk_test_staging123");
    expect(ini()).toContain("api_url = https://api.staging.example.com");
    const got = await clerk(["config", "get", "clerk.key", "--profile", "staging", "--reveal"]);
    expect(got.stdout.trim()).toBe("sk_test_staging123");

    // A bad URL is a usage error and creates nothing.
    const bad = await clerk(["config", "profile", "create", "broken", "--api-url", "not a url"]);
    expect(bad.code).toBe(2);
    expect(errorOf(bad.stderr).message).toContain("--api-url");
    expect(ini()).not.toMatch(/^\[broken\]$/m);
  });

  test("profile path prints the file holding the profiles", async () => {
    const path = await clerk(["config", "profile", "path"]);
    expect(path.code, path.stderr).toBe(0);
    expect(path.stdout.trim()).toBe(join(configDir, "config.ini"));
  });
});

describe("the Go CLI's INI profiles", SLOW, () => {
  test("imported once, with a message: [profile NAME], clerk.key, !commands, the active profile", async () => {
    mkdirSync(configDir, { recursive: true });
    writeFileSync(
      join(configDir, "profiles"),
      [
        "[default]",
        "profile = staging",
        "output = json",
        "telemetry = false",
        "",
        "[profile staging]",
        `clerk.key = ${sandbox.secretKey}`,
        `clerk.api.url = ${sandbox.url}`,
        "",
        "[profile production]",
        "clerk.key = !op read 'op://Vault/Clerk/api-key'",
        "",
      ].join("\n"),
    );
    const list = await clerk(["users", "list", "--json"], { CLERK_API_URL: "" });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stderr).toMatch(
      /^Imported the Go CLI's profiles \(default, production, staging\) from .*profiles into .*config\.ini/,
    );
    expect(list.stderr).toContain("Not imported (no such setting here): telemetry");
    // [default]'s values become the default profile's.
    expect(ini()).toMatch(/^\[default\]\noutput = json$/m);
    expect(ini()).toMatch(/^active_profile = staging$/m);
    expect(ini()).toContain("[staging]");
    expect(ini()).toContain(`api_url = ${sandbox.url}`);
    expect(ini()).toContain("secret_key = !op read 'op://Vault/Clerk/api-key'");
    expect(ini()).not.toContain(sandbox.secretKey);
    expect(credentials().profiles.staging?.secret_key).toBe(sandbox.secretKey);

    const again = await clerk(["config", "profile", "list", "--json"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toContain("Imported");
    expect(readFileSync(join(configDir, "profiles"), "utf8")).toContain(`clerk.key = ${sandbox.secretKey}`);
  });
});
