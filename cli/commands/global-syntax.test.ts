import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { HOST_WARNING } from "../mode";
import { useCliSandbox } from "../testing/cli-sandbox";
import { runCliOnTty } from "../testing/run-tty";

const { clerk, sandbox } = useCliSandbox();
const SLOW = { timeout: 60_000 };
const scratch = mkdtempSync(join(tmpdir(), "clerk-global-syntax-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
/** A config dir of its own per test run: no profile exists unless a test makes it. */
const config = { CLERK_CONFIG_DIR: join(scratch, "config") };

const newUser = async (email: string) =>
  (await (await sandbox.bapi("POST", "/users", { email_address: [email] })).json()) as { id: string };

describe("global flags before the command (Go CLI)", SLOW, () => {
  test("clerk -o json users list, --output yaml before, --profile / -p before", async () => {
    await newUser("grace@example.com");
    const json = await clerk(["-o", "json", "users", "list"], { env: config });
    expect(json.code, json.stderr).toBe(0);
    expect(json.json<{ data: unknown[] }>().data.length).toBeGreaterThan(0);
    const yaml = await clerk(["--output", "yaml", "users", "list"], { env: config });
    expect(yaml.code, yaml.stderr).toBe(0);
    expect(yaml.stdout).toMatch(/email_address: grace@example.com/);
    // A profile that does not exist is named in the error: the flag reached the settings.
    for (const flag of ["--profile", "-p"]) {
      const missing = await clerk([flag, "work", "users", "list", "--json"], { env: config });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/Profile \\"work\\" does not exist/);
    }
  });

  test("--debug anywhere, and CLERK_CLI_DEBUG=1", async () => {
    for (const args of [
      ["--debug", "users", "list"],
      ["users", "--debug", "list"],
      ["users", "list", "--debug"],
      ["users", "list", "--verbose"],
    ]) {
      const run = await clerk(args, { env: config });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr, args.join(" ")).toMatch(/\[debug\] → GET /);
    }
    const env = await clerk(["users", "list"], { env: { ...config, CLERK_CLI_DEBUG: "1" } });
    expect(env.stderr).toMatch(/\[debug\] → GET /);
    const off = await clerk(["users", "list"], { env: config });
    expect(off.stderr).not.toMatch(/\[debug\]/);
  });

  test("-f/--force confirm like --yes", async () => {
    for (const flag of ["-f", "--force"]) {
      const user = await newUser(`force${flag.length}@example.com`);
      const removed = await clerk([flag, "users", "delete", user.id, "--json"], { env: config });
      expect(removed.code, removed.stderr).toBe(0);
      expect(removed.json()).toMatchObject({ id: user.id, deleted: true });
    }
  });

  test("--order-by -created_at takes a value starting with -", async () => {
    const run = await clerk(["users", "list", "--order-by", "-created_at", "--json"], { env: config });
    expect(run.code, run.stderr).toBe(0);
  });

  test("-- ends the options", async () => {
    const run = await clerk(["users", "get", "--json", "--", "--debug"], { env: config });
    expect(run.stderr).not.toMatch(/\[debug\]/);
    expect(run.code).toBe(1); // no user "--debug": the id reached the API
  });

  test("help names the synonyms after our spelling", async () => {
    const help = await clerk(["users", "delete", "--help"]);
    expect(help.stdout).toMatch(/-y, --yes\s+Skip confirmation of destructive actions \(also -f, --force\)/);
    expect(help.stdout).toMatch(/-p, --profile <name>/);
    expect(help.stdout).toMatch(/--debug\s+.*\(also --verbose\)/);
  });
});

describe("--mode agent and CLERK_MODE", SLOW, () => {
  test("JSON on stdout without -o, JSON errors; --mode human keeps text errors when piped", async () => {
    await newUser("agent@example.com");
    const list = await clerk(["users", "list", "--mode", "agent"], { env: config });
    expect(list.code, list.stderr).toBe(0);
    expect(list.json<{ data: unknown[] }>().data.length).toBeGreaterThan(0);
    const env = await clerk(["users", "list"], { env: { ...config, CLERK_MODE: "agent" } });
    expect(env.json<{ data: unknown[] }>().data.length).toBeGreaterThan(0);

    const missing = await clerk(["--mode", "agent", "users", "get", "user_missing"], { env: config });
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stderr).error.message).toBeTruthy();
    const human = await clerk(["--mode", "human", "users", "get", "user_missing"], { env: config });
    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(/^error: /);

    const bad = await clerk(["users", "list", "--mode", "robot"], { env: config });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--mode must be human or agent/);
  });

  test("agent mode warns when the config directory cannot be written (a sandbox)", async () => {
    const file = join(scratch, "not-a-dir");
    writeFileSync(file, "");
    const run = await clerk(["users", "list", "--mode", "agent"], { env: { CLERK_CONFIG_DIR: join(file, "cli") } });
    expect(run.stderr).toContain(HOST_WARNING);
    const fine = await clerk(["users", "list", "--mode", "agent"], { env: config });
    expect(fine.stderr).not.toContain(HOST_WARNING);
  });
});

describe("a missing secret key on a terminal (Go CLI)", SLOW, () => {
  test("is asked for, not echoed, and used for this run; agent mode and pipes fail as before", async () => {
    await newUser("prompted@example.com");
    const env = { ...config, CLERK_API_URL: sandbox.url, NO_COLOR: "1" };
    const tty = runCliOnTty(["users", "list", "--json"], { env });
    await tty.waitFor("Secret key (sk_");
    tty.type(`${sandbox.secretKey}\r`);
    const done = await tty.done;
    expect(done.code, done.output).toBe(0);
    expect(done.output).toContain("prompted@example.com");
    expect(done.output).not.toContain(sandbox.secretKey);

    const agent = await runCliOnTty(["users", "list", "--mode", "agent"], { env }).done;
    expect(agent.code).toBe(1);
    expect(agent.output).toContain('"code":"no_secret_key"');
    const piped = await clerk(["users", "list"], { env: { ...env, CLERK_SECRET_KEY: undefined } });
    expect(piped.code).toBe(1);
    expect(JSON.parse(piped.stderr).error.code).toBe("no_secret_key");
  });
});
