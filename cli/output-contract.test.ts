import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { parse as parseYaml } from "yaml";
import { useCliSandbox } from "./testing/cli-sandbox";
import { startCli } from "./testing/run-cli";
import { plain, runCliOnTty } from "./testing/run-tty";

/**
 * The output contract every command keeps: formats, streams, colors, exit codes, errors,
 * confirmations, dry runs and targeting. Each is proven on the built CLI against a sandbox.
 */
const { clerk, env, platform, platformEnv, sandbox } = useCliSandbox();
/** Many CLI runs per test: allow for a loaded machine. */
const SLOW = { timeout: 60_000 };

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding terminal color codes is the point
const COLOR = /\x1b\[[0-9;]*m/;
const errorOf = (stderr: string) => JSON.parse(stderr).error;

async function createUser(email: string, key = sandbox.secretKey): Promise<string> {
  const response = await fetch(`${sandbox.apiUrl}/users`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ email_address: [email] }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

const userCount = async (key = sandbox.secretKey) =>
  (
    (await (await fetch(`${sandbox.apiUrl}/users/count`, { headers: { authorization: `Bearer ${key}` } })).json()) as {
      total_count: number;
    }
  ).total_count;

async function createSession(userId: string): Promise<string> {
  const response = await sandbox.bapi("POST", "/sessions", { user_id: userId });
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

const sessionStatus = async (id: string) =>
  ((await (await sandbox.bapi("GET", `/sessions/${id}`)).json()) as { status: string }).status;

/** Holds the next matching request in the sandbox until the test is done with it. */
const slowDown = (path_prefix: string) =>
  sandbox.control("faults", { kind: "delay", delay_ms: 60_000, path_prefix, method: "GET" });

/** Polls (no timing assumptions) until the sandbox has taken every injected fault: the request is in flight. */
async function requestInFlight(): Promise<void> {
  for (;;) {
    const { faults } = (await sandbox.control("faults", undefined, "GET")) as { faults: unknown[] };
    if (faults.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("output formats: -o table|json|yaml, --json", SLOW, () => {
  test("the same data as a table for people, JSON or YAML for scripts", async () => {
    await createUser("ada@example.com");
    const table = await clerk(["users", "list", "-o", "table"]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ID\s+EMAIL\s+NAME/);
    // Piped with no format asked for: JSON, as the official CLI prints `users list` into a pipe;
    // `--mode human` keeps the table.
    expect((await clerk(["users", "list"])).json()).toMatchObject({ data: [{ object: "user" }], hasMore: false });
    expect((await clerk(["users", "list", "--mode", "human"])).stdout).toMatch(/^ID\s+EMAIL\s+NAME/);

    const json = await clerk(["users", "list", "--json"]);
    expect(json.json()).toMatchObject({
      total_count: 1,
      data: [{ email_addresses: [{ email_address: "ada@example.com" }] }],
    });
    for (const spelling of [["-o", "json"], ["-ojson"], ["--output", "json"], ["--output=json"]]) {
      expect((await clerk(["users", "list", ...spelling])).json(), spelling.join(" ")).toEqual(json.json());
    }
    const yaml = await clerk(["users", "list", "-o", "yaml"]);
    expect(parseYaml(yaml.stdout)).toEqual(json.json());
    const count = await clerk(["users", "count"]);
    expect(count.stdout).toMatch(/^USERS\s+1\s*$/);
    expect((await clerk(["users", "count", "-o", "yaml"])).stdout).toBe("object: total_count\ntotal_count: 1\n");

    const bad = await clerk(["users", "list", "-o", "xml"]);
    expect(bad.code).toBe(2);
    expect(errorOf(bad.stderr).message).toBe('--output must be table, json or yaml, not "xml"');
  });

  test("stdout carries only data, stderr only messages", async () => {
    const user = await createUser("ada@example.com");
    const dry = await clerk(["users", "delete", user, "--dry-run", "--json"]);
    expect(dry.code).toBe(0);
    expect(dry.json()).toMatchObject({ method: "DELETE" });
    expect(dry.stderr).toBe("Dry run: this request was not sent.\n");

    const failed = await clerk(["users", "get", "user_missing", "--json"]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe("");
    expect(errorOf(failed.stderr)).toMatchObject({ status: 404 });

    // Help is data asked for: stdout.
    const help = await clerk(["users", "get", "--help"]);
    expect(help.stdout).toContain("Usage:");
    expect(help.stderr).toBe("");
  });
});

describe("colors: only on a terminal, never with NO_COLOR", SLOW, () => {
  test("a table's header is bold on a terminal, plain with NO_COLOR or through a pipe", async () => {
    await createUser("ada@example.com");
    const tty = await runCliOnTty(["users", "list"], { env: env() }).done;
    expect(tty.code).toBe(0);
    expect(tty.output).toContain("\x1b[1mID\x1b[22m");

    const noColor = await runCliOnTty(["users", "list"], { env: { ...env(), NO_COLOR: "1" } }).done;
    expect(noColor.code).toBe(0);
    expect(noColor.output).toContain("ada@example.com");
    expect(noColor.output).not.toMatch(COLOR);

    const piped = await clerk(["users", "list"], { env: { NO_COLOR: undefined } });
    expect(piped.stdout).toContain("ada@example.com");
    expect(piped.stdout + piped.stderr).not.toMatch(COLOR);
  });

  test("errors: for people on a terminal (colored, then plain with NO_COLOR), JSON with the Clerk code otherwise", async () => {
    const human = await runCliOnTty(["users", "get", "user_missing"], { env: env() }).done;
    expect(human.code).toBe(1);
    expect(human.output).toContain("\x1b[31merror:\x1b[39m User not found");
    expect(plain(human.output)).toMatch(
      /^error: User not found\n {2}404 resource_not_found\n {2}trace id: [0-9a-f]{32}\nCheck the id \(list the resources to find it\)\.\n$/,
    );
    const uncolored = await runCliOnTty(["users", "get", "user_missing"], { env: { ...env(), NO_COLOR: "1" } }).done;
    expect(uncolored.output).not.toMatch(COLOR);
    expect(uncolored.output).toContain("error: User not found");

    // Asking for JSON gets JSON errors even on a terminal, however it was spelled.
    for (const flag of [["--json"], ["--output", "json"]]) {
      const json = await runCliOnTty(["users", "get", "user_missing", ...flag], { env: env() }).done;
      expect(JSON.parse(plain(json.output)).error, flag.join(" ")).toMatchObject({
        status: 404,
        code: "resource_not_found",
      });
    }

    const piped = await clerk(["users", "get", "user_missing"]);
    expect(errorOf(piped.stderr)).toMatchObject({
      message: "User not found",
      status: 404,
      code: "resource_not_found",
      clerk_trace_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      errors: [{ code: "resource_not_found", long_message: "User not found" }],
    });
  });
});

describe("exit codes: 0 ok, 1 runtime error, 2 usage error, 130 on Ctrl-C", SLOW, () => {
  test("0, 1 and 2, and never a stack trace", async () => {
    expect((await clerk(["users", "count"])).code).toBe(0);
    const runtime = [
      await clerk(["users", "get", "user_missing"]),
      await clerk(["users", "list"], { env: { CLERK_SECRET_KEY: "sk_test_wrong" } }),
      await clerk(["users", "list"], { env: { CLERK_API_URL: "http://127.0.0.1:9" } }),
    ];
    expect(runtime.map((r) => r.code)).toEqual([1, 1, 1]);
    expect(runtime.map((r) => errorOf(r.stderr).code)).toEqual([
      "resource_not_found",
      "clerk_key_invalid",
      "network_error",
    ]);

    const usage = [
      await clerk(["users", "list", "--nope"]),
      await clerk(["users", "list", "--limit", "many"]),
      await clerk(["users", "get"]),
      await clerk(["users", "get", "a", "b"]),
      await clerk(["frobnicate"]),
      await clerk(["users"]),
      await clerk(["--nope"]),
      await clerk(["users", "list", "--instance", "staging"]),
    ];
    expect(usage.map((r) => r.code)).toEqual([2, 2, 2, 2, 2, 2, 2, 2]);
    for (const result of [...runtime, ...usage]) {
      expect(result.stderr).not.toMatch(/\n\s+at /);
      const error = errorOf(result.stderr);
      expect(error.message.length).toBeGreaterThan(0);
    }
    expect(usage.every((r) => errorOf(r.stderr).code === "usage_error")).toBe(true);
    // Each usage error names the fix.
    expect(usage.map((r) => errorOf(r.stderr).hint)).toEqual([
      "Run `clerk users list --help` for usage.",
      "Run `clerk users list --help` for usage.",
      "Run `clerk users get --help` for usage.",
      "Run `clerk users get --help` for usage.",
      "Run `clerk --help` to see the commands.",
      expect.stringContaining("clerk users list"),
      "Run `clerk --help` for usage.",
      expect.stringContaining("Fix --instance"),
    ]);
  });

  test("SIGINT while a request is in flight aborts it and exits 130", async () => {
    await slowDown("/v1/users");
    const running = startCli(["users", "list", "--json"], { env: env() });
    await requestInFlight();
    running.signal("SIGINT");
    const result = await running.done;
    expect(result.code).toBe(130);
    expect(result.stdout).toBe("");
  });

  test("Ctrl-C on a terminal during a slow request exits 130", async () => {
    await slowDown("/v1/users");
    const tty = runCliOnTty(["users", "list"], { env: env() });
    await requestInFlight();
    tty.type("\x03");
    expect((await tty.done).code).toBe(130);
  });

  test("SIGINT during deploy status --wait (between checks) exits 130", async () => {
    const waiting = startCli(["deploy", "status", "--wait", "--interval", "60", "--json"], { env: platformEnv() });
    await waiting.waitFor("stderr", "Add these DNS records");
    waiting.signal("SIGINT");
    const result = await waiting.done;
    expect(result.code).toBe(130);
    expect(result.stdout).toBe("");
  });
});

describe("staked actions: asked on a terminal, naming whom; --yes required otherwise", SLOW, () => {
  /** Ada Lovelace, known by her name and email. */
  async function createAda(): Promise<string> {
    const response = await sandbox.bapi("POST", "/users", {
      email_address: ["ada@example.com"],
      first_name: "Ada",
      last_name: "Lovelace",
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { id: string }).id;
  }

  test("not interactive (a pipe, or CI on a terminal): refused without --yes, nothing deleted", async () => {
    const user = await createAda();
    const piped = await clerk(["users", "delete", user]);
    expect(piped.code).toBe(2);
    expect(errorOf(piped.stderr)).toMatchObject({
      code: "usage_error",
      message: "Delete Ada Lovelace (ada@example.com)? It cannot be undone. Refusing without confirmation.",
      hint: "Pass --yes to confirm (or --dry-run to preview).",
    });

    const ci = await runCliOnTty(["users", "delete", user], { env: { ...env(), CI: "true" } }).done;
    expect(ci.code).toBe(2);
    expect(plain(ci.output)).toContain("Refusing without confirmation.");
    expect(await userCount()).toBe(1);

    const yes = await clerk(["users", "delete", user, "--yes"]);
    expect(yes.code).toBe(0);
    // Scripts get the output alone: no "done" line off a terminal.
    expect(yes.stderr).toBe("");
    expect(await userCount()).toBe(0);
  });

  test("disruptive ones (a revoked invitation can be sent again) are refused off a terminal too", async () => {
    const created = await sandbox.bapi("POST", "/invitations", { email_address: "grace@example.com" });
    const invitation = ((await created.json()) as { id: string }).id;
    const piped = await clerk(["invitations", "revoke", invitation]);
    expect(piped.code).toBe(2);
    expect(errorOf(piped.stderr)).toMatchObject({
      message: "Revoke grace@example.com? Refusing without confirmation.",
      hint: "Pass --yes to confirm (or --dry-run to preview).",
    });
    expect((await clerk(["invitations", "revoke", invitation, "--yes"])).code).toBe(0);
  });

  test('confirm: "terminal" (Go CLI commands without -f): asked on a terminal, run unasked elsewhere', async () => {
    const user = await createAda();
    const sessions = await Promise.all([1, 2].map(() => createSession(user)));
    const [asked, piped] = sessions as [string, string];
    const declined = runCliOnTty(["sessions", "revoke", asked], { env: env() });
    await declined.waitFor(`Revoke Ada Lovelace's session (${asked})?`);
    declined.type("n\r");
    const no = await declined.done;
    expect(no.code).toBe(1);
    expect(plain(no.output)).toContain("Cancelled.");
    expect(await sessionStatus(asked)).toBe("active");

    const unasked = await clerk(["sessions", "revoke", piped]);
    expect(unasked.code, unasked.stderr).toBe(0);
    expect(unasked.stderr).toContain(
      `Going to revoke Ada Lovelace's session (${piped}) (not interactive, so not asked; --dry-run previews)`,
    );
    expect(await sessionStatus(piped)).toBe("revoked");
  });

  test("ban asks yes/no naming the person; Yes bans and says so in the past tense", async () => {
    const user = await createAda();
    const declined = runCliOnTty(["users", "ban", user], { env: env() });
    await declined.waitFor("(y/N)");
    expect(plain(declined.output())).toContain("Ban Ada Lovelace (ada@example.com)? (y/N)");
    declined.type("n\r");
    expect((await declined.done).code).toBe(1);

    const accepted = runCliOnTty(["users", "ban", user], { env: env() });
    await accepted.waitFor("Ban Ada Lovelace (ada@example.com)?");
    accepted.type("y\r");
    const yes = await accepted.done;
    expect(yes.code, plain(yes.output)).toBe(0);
    expect(plain(yes.output)).toContain(`✓ Banned Ada Lovelace (${user})`);

    // Unbanning undoes it: nothing to ask, and the same kind of line.
    const unbanned = await runCliOnTty(["users", "unban", user], { env: env() }).done;
    expect(unbanned.code, plain(unbanned.output)).toBe(0);
    expect(plain(unbanned.output)).not.toContain("?");
    expect(plain(unbanned.output)).toContain(`✓ Unbanned Ada Lovelace (${user})`);
  });

  test("delete on a terminal names whom, says it is final and wants their email typed; else exit 1", async () => {
    const user = await createAda();
    const declined = runCliOnTty(["users", "delete", user], { env: env() });
    await declined.waitFor("to confirm");
    expect(plain(declined.output())).toContain("Delete Ada Lovelace (ada@example.com)? It cannot be undone.");
    expect(plain(declined.output())).toContain("Type ada@example.com to confirm");
    declined.type(`${user}\r`); // the id is not the name people know: cancelled
    const no = await declined.done;
    expect(no.code).toBe(1);
    expect(plain(no.output)).toContain("Cancelled.");
    expect(await userCount()).toBe(1);

    const accepted = runCliOnTty(["users", "delete", user], { env: env() });
    await accepted.waitFor("to confirm");
    accepted.type("ada@example.com\r");
    const yes = await accepted.done;
    expect(yes.code, plain(yes.output)).toBe(0);
    expect(plain(yes.output)).toMatch(new RegExp(`ID\\s+DELETED\\s+${user}\\s+true`));
    expect(plain(yes.output)).toContain(`✓ Deleted Ada Lovelace (${user})`);
    expect(await userCount()).toBe(0);
  });
});

describe("--dry-run shows the exact request and sends nothing", SLOW, () => {
  test("a create: method, URL, headers (secret redacted) and body; no user is created", async () => {
    const dry = await clerk([
      "users",
      "create",
      "--email-address",
      "ada@example.com",
      "--first-name",
      "Ada",
      "--dry-run",
      "--json",
    ]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.json()).toEqual({
      method: "POST",
      url: `${sandbox.apiUrl}/users`,
      headers: {
        authorization: "Bearer …",
        accept: "application/json",
        "clerk-api-version": "2025-11-10",
        "user-agent": "clerk-cli/0.1.0",
        "content-type": "application/json",
      },
      body: { email_address: ["ada@example.com"], first_name: "Ada" },
    });
    expect(dry.stdout).not.toContain(sandbox.secretKey);
    const yaml = await clerk(["users", "ban", "user_123", "--dry-run"]);
    expect(parseYaml(yaml.stdout)).toMatchObject({ method: "POST", url: `${sandbox.apiUrl}/users/user_123/ban` });
    expect(await userCount()).toBe(0);
  });

  test("with only a Platform API key, a dry run may read (the instance's key) but never writes", async () => {
    const dry = await platform([
      "users",
      "create",
      "--email-address",
      "ada@example.com",
      "--dry-run",
      "--json",
      "--debug",
    ]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.json()).toMatchObject({ method: "POST", url: `${sandbox.apiUrl}/users` });
    const sent = dry.stderr.split("\n").filter((line) => line.startsWith("[debug] →"));
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((line) => line.startsWith("[debug] → GET"))).toBe(true);
    expect(dry.stderr + dry.stdout).not.toMatch(/sk_test_\w{8}/);
    expect(await userCount()).toBe(0);
  });
});

describe("targeting: --instance, --app, --profile", SLOW, () => {
  const configDir = mkdtempSync(join(tmpdir(), "clerk-targeting-"));
  afterAll(() => rmSync(configDir, { recursive: true, force: true }));

  test("--instance dev|prod|ins_… picks the instance whose key the Platform API gives", async () => {
    const { credentials } = sandbox;
    await createUser("dev@example.com");
    await createUser("prod@example.com", credentials.production.secret_key);
    const emails = async (...args: string[]) => {
      const result = await platform(["users", "list", "--json", ...args]);
      expect(result.code, result.stderr).toBe(0);
      return result
        .json<{ data: { email_addresses: { email_address: string }[] }[] }>()
        .data.map((u) => u.email_addresses[0]?.email_address);
    };
    expect(await emails()).toEqual(["dev@example.com"]);
    expect(await emails("--instance", "dev")).toEqual(["dev@example.com"]);
    expect(await emails("--instance", "prod")).toEqual(["prod@example.com"]);
    expect(await emails("--instance", credentials.production.instance_id)).toEqual(["prod@example.com"]);
    expect(await emails("--app", credentials.application_id, "--instance", "production")).toEqual(["prod@example.com"]);
    const byEnv = await platform(["users", "count", "--json"], { env: { CLERK_INSTANCE: "prod" } });
    expect(byEnv.json()).toEqual({ object: "total_count", total_count: 1 });

    const unknownInstance = await platform(["users", "list", "--instance", "ins_nope"]);
    expect(unknownInstance.code).toBe(2);
    expect(errorOf(unknownInstance.stderr).hint).toContain(`production (${credentials.production.instance_id})`);
    const unknownApp = await platform(["users", "list", "--app", "app_nope"]);
    expect(unknownApp.code).toBe(2);
    expect(errorOf(unknownApp.stderr).hint).toContain("clerk apps list");
  });

  test("--instance contradicting the secret key's environment is refused, not silently ignored", async () => {
    await createUser("dev@example.com");
    const contradicted = await clerk(["users", "delete", "user_x", "--instance", "prod", "--yes"]);
    expect(contradicted.code).toBe(2);
    expect(errorOf(contradicted.stderr).message).toBe(
      "--instance asks for the production instance, but the secret key from CLERK_SECRET_KEY is a development key.",
    );
    const byEnv = await clerk(["users", "count"], { env: { CLERK_INSTANCE: "production" } });
    expect(byEnv.code).toBe(2);
    expect(errorOf(byEnv.stderr).message).toContain("CLERK_INSTANCE asks for the production instance");
    // Agreeing, or left to the key, it works; Platform API commands do not use the key at all.
    expect((await clerk(["users", "count", "--instance", "dev", "--json"])).json()).toMatchObject({ total_count: 1 });
    const prodKey = { CLERK_SECRET_KEY: sandbox.credentials.production.secret_key };
    expect((await clerk(["users", "count", "--json"], { env: prodKey })).json()).toMatchObject({ total_count: 0 });
    const pull = await clerk(["config", "pull", "--instance", "prod", "--keys", "session", "--json"], {
      env: { CLERK_PLATFORM_API_KEY: sandbox.credentials.platform_api_key },
    });
    expect(pull.code, pull.stderr).toBe(0);
  });

  test("--profile uses that profile's settings; an unknown profile is a usage error", async () => {
    const local = { CLERK_CONFIG_DIR: configDir, CLERK_CREDENTIAL_STORE: "file" };
    const run = (args: string[], input?: string) =>
      clerk(args, {
        env: { ...local, CLERK_SECRET_KEY: undefined, CLERK_API_URL: undefined },
        ...(input ? { input } : {}),
      });
    expect((await run(["config", "profile", "create", "production"])).code).toBe(0);
    expect((await run(["config", "set", "api_url", sandbox.url, "--profile", "production"])).code).toBe(0);
    const set = await run(
      ["config", "set", "secret_key", "-", "--profile", "production"],
      sandbox.credentials.production.secret_key,
    );
    expect(set.code, set.stderr).toBe(0);
    await createUser("prod@example.com", sandbox.credentials.production.secret_key);

    const listed = await run(["users", "list", "--profile", "production", "--json"]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.json()).toMatchObject({
      total_count: 1,
      data: [{ email_addresses: [{ email_address: "prod@example.com" }] }],
    });
    const byEnv = await clerk(["users", "count", "--json"], {
      env: { ...local, CLERK_SECRET_KEY: undefined, CLERK_API_URL: undefined, CLERK_PROFILE: "production" },
    });
    expect(byEnv.json()).toEqual({ object: "total_count", total_count: 1 });

    const unknown = await run(["users", "list", "--profile", "staging"]);
    expect(unknown.code).toBe(2);
    expect(errorOf(unknown.stderr).hint).toContain("clerk config profile create staging");
  });
});
