import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { parse as parseYaml } from "yaml";
import { platformClient } from "../../server/sandbox/platform/test-client";
import { useCliSandbox } from "../testing/cli-sandbox";
import { runCli } from "../testing/run-cli";
import { plain, runCliOnTty } from "../testing/run-tty";

const { platform: clerk, platformEnv, sandbox } = useCliSandbox();
const api = platformClient(sandbox);
/** Many CLI runs per test: allow for a loaded machine. */
const SLOW = { timeout: 60_000 };

const dir = mkdtempSync(join(tmpdir(), "clerk-config-doc-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
/** Writes a config file (JSON for objects, text as given) and returns its path. */
function file(content: unknown, extension = typeof content === "string" ? "yaml" : "json"): string {
  const path = join(dir, `config-${++files}.${extension}`);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return path;
}

const configPath = (instance = "development") =>
  `/applications/${sandbox.credentials.application_id}/instances/${instance}/config`;
// biome-ignore lint/suspicious/noExplicitAny: config documents are read field by field
const live = (instance?: string): Promise<any> => api.json("GET", configPath(instance));
/** Someone else changing the config, through the Platform API directly. */
const changeBySomeoneElse = (body: unknown) => api.json("PATCH", configPath(), body);
/** The JSON error: the last line of stderr (a plan shown for people may come before it). */
const errorOf = (stderr: string) => JSON.parse(stderr.trimEnd().split("\n").at(-1) as string).error;
/** The `--debug` lines for requests of `method`, e.g. `→ PATCH http://…/config {"session":…}`. */
const sent = (stderr: string, method: string) =>
  stderr.split("\n").filter((line) => line.startsWith(`[debug] → ${method}`));

interface WriteResult {
  applied: boolean;
  dry_run: boolean;
  config_version: string;
  changes: { path: string; kind: string; before?: unknown; after?: unknown }[];
}

/** Polls (no timing assumptions) until the sandbox has taken every injected fault, i.e. the request is in flight. */
async function faultsTaken(): Promise<void> {
  for (;;) {
    const { faults } = (await sandbox.control("faults", undefined, "GET")) as { faults: unknown[] };
    if (faults.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("clerk config pull / schema", SLOW, () => {
  test("pull prints the whole document or some keys, as JSON or YAML, for either instance", async () => {
    const all = await clerk(["config", "pull", "--json"]);
    expect(all.code, all.stderr).toBe(0);
    const document = all.json<Record<string, unknown>>();
    expect(document).toEqual(await live());
    expect(document.config_version).toBe("1");
    expect(Object.keys(document)).toEqual(expect.arrayContaining(["instance", "session", "social", "sign_up"]));

    const some = await clerk(["config", "pull", "--keys", "session", "--keys", "instance", "-o", "yaml"]);
    expect(some.code, some.stderr).toBe(0);
    expect(some.stdout).toMatch(/^config_version: "1"\nsession:\n/);
    const parsed = parseYaml(some.stdout);
    expect(Object.keys(parsed).sort()).toEqual(["config_version", "instance", "session"]);
    expect(parsed.session).toEqual(document.session);

    const prod = await clerk(["config", "pull", "--instance", "prod", "--keys", "instance", "--json"]);
    expect(prod.json()).toEqual({ config_version: "1", instance: (await live("production")).instance });
    expect(prod.json()).not.toEqual({ config_version: "1", instance: document.instance });
    const byId = await clerk([
      "config",
      "pull",
      "--instance",
      sandbox.credentials.production.instance_id,
      "--keys",
      "instance",
      "--json",
    ]);
    expect(byId.json()).toEqual(prod.json());

    const unknown = await clerk(["config", "pull", "--keys", "nope"]);
    expect(unknown.code).toBe(1);
    expect(errorOf(unknown.stderr)).toMatchObject({ status: 400, code: "config_keys_invalid", param_name: "keys" });
  });

  test("schema is a JSON Schema with secrets marked sensitive", async () => {
    const schema = await clerk(["config", "schema", "--json"]);
    expect(schema.code, schema.stderr).toBe(0);
    // biome-ignore lint/suspicious/noExplicitAny: reading into a JSON Schema
    const body = schema.json<any>();
    expect(body).toMatchObject({ type: "object", additionalProperties: false });
    expect(body.properties.session).toMatchObject({ type: "object" });
    expect(JSON.stringify(body.properties.social)).toContain('"x-sensitive":true');

    // The official CLI's `--keys <keys...>`: space- or comma-separated top-level keys.
    for (const args of [
      ["--keys", "sign_up", "session"],
      ["--keys", "sign_up,session"],
      ["sign_up", "session"],
    ]) {
      const some = await clerk(["config", "schema", ...args, "--json"]);
      expect(some.code, some.stderr).toBe(0);
      expect(Object.keys(some.json<{ properties: object }>().properties)).toEqual(["sign_up", "session"]);
    }
    const unknown = await clerk(["config", "schema", "--keys", "nope"]);
    expect(unknown.code).toBe(1);
    expect(errorOf(unknown.stderr)).toMatchObject({ status: 400, code: "config_keys_invalid" });

    // The official CLI's own example names Clerk's `auth_email` key.
    const email = await clerk(["config", "schema", "--keys", "auth_email", "session", "--json"]);
    expect(email.code, email.stderr).toBe(0);
    const sections = email.json<{ properties: Record<string, unknown>; required: string[] }>();
    expect(sections.properties.auth_email).toEqual(body.properties.auth_email);
    expect(sections.required).toEqual(["auth_email", "session"]);
    const pulled = await clerk(["config", "pull", "--keys", "auth_email,billing", "session", "--json"]);
    expect(Object.keys(pulled.json<object>()).sort()).toEqual(["auth_email", "billing", "config_version", "session"]);
  });
});

describe("clerk config diff <file>", SLOW, () => {
  test("compares a partial JSON or YAML file with the live config, key by key", async () => {
    const yaml = file("session:\n  lifetime_seconds: 86400\ninstance:\n  allowed_origins: [https://app.example.com]\n");
    const table = await clerk(["config", "diff", yaml]);
    // As diff(1): 1 when there are differences, 0 when there are none.
    expect(table.code, table.stderr).toBe(1);
    expect(table.stderr).toBe("");
    expect(table.stdout).toMatch(/^CHANGE\s+KEY\s+BEFORE\s+AFTER/);
    expect(table.stdout).toMatch(/changed\s+instance\.allowed_origins\s+\[\]\s+\["https:\/\/app\.example\.com"\]/);
    expect(table.stdout).toMatch(/changed\s+session\.lifetime_seconds\s+604800\s+86400/);
    expect(table.stdout).toContain("2 differences");

    const json = await clerk(["config", "diff", file({ session: { lifetime_seconds: 86400 } }), "--json"]);
    expect(json.json()).toEqual({
      config_version: "1",
      changes: [{ path: "session.lifetime_seconds", kind: "changed", before: 604800, after: 86400 }],
    });

    // Keys the file leaves out are not compared; equal values are no difference.
    const same = await clerk(["config", "diff", file({ session: { lifetime_seconds: 604800 } })]);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toContain("No differences.");
    const stdin = await clerk(["config", "diff", "-", "--json"], { input: "session:\n  single_session_mode: false\n" });
    expect(stdin.json()).toMatchObject({ changes: [{ path: "session.single_session_mode", after: false }] });

    // Diffing changes nothing.
    expect((await live()).config_version).toBe("1");
  });

  test("on a terminal the rows are colored (changed: yellow), never with NO_COLOR; --help says the exit codes", async () => {
    const desired = file({
      session: { lifetime_seconds: 86400 },
      instance: { allowed_origins: ["https://a.example"] },
    });
    const tty = await runCliOnTty(["config", "diff", desired], { env: platformEnv() }).done;
    expect(tty.code, tty.output).toBe(1);
    expect(tty.output).toContain("\x1b[33mchanged\x1b[39m");
    expect(tty.output).toContain("\x1b[33msession.lifetime_seconds\x1b[39m");
    const noColor = await runCliOnTty(["config", "diff", desired], { env: { ...platformEnv(), NO_COLOR: "1" } }).done;
    expect(noColor.code).toBe(1);
    expect(noColor.output).toMatch(/changed\s+session\.lifetime_seconds\s+604800\s+86400/);
    expect(noColor.output).not.toContain("\x1b[33m");
    const piped = await clerk(["config", "diff", desired]);
    expect(piped.stdout).not.toContain("\x1b[");

    const help = await clerk(["config", "diff", "--help"]);
    expect(help.stdout).toContain("Exits 1 when there are differences and 0 when there are none");
  });

  test("--against compares two instances; bad files and no target are usage errors", async () => {
    const against = await clerk(["config", "diff", "--instance", "dev", "--against", "prod", "--json"]);
    expect(against.code, against.stderr).toBe(1);
    const paths = against.json<WriteResult>().changes.map((c) => c.path);
    expect(paths).toContain("instance.test_mode");

    const nothing = await clerk(["config", "diff"]);
    expect(nothing.code).toBe(2);
    expect(errorOf(nothing.stderr)).toMatchObject({ code: "usage_error", message: "Nothing to compare with." });

    const missing = await clerk(["config", "diff", join(dir, "missing.yaml")]);
    expect(missing.code).toBe(2);
    expect(errorOf(missing.stderr).message).toContain("cannot read");
    const broken = await clerk(["config", "diff", file("session: [unclosed\n")]);
    expect(broken.code).toBe(2);
    expect(errorOf(broken.stderr).message).toContain("is not valid JSON or YAML");
    const list = await clerk(["config", "diff", file([1, 2])]);
    expect(list.code).toBe(2);
    expect(errorOf(list.stderr).message).toContain("<file>");
  });
});

describe("clerk config apply <file>", SLOW, () => {
  test("shows the readable diff, then sends only the difference, guarded by If-Match", async () => {
    const desired = file(
      "session:\n  lifetime_seconds: 86400\n  single_session_mode: true\ninstance:\n  support_email: help@example.com\n",
    );
    const applied = await clerk(["config", "apply", desired, "--debug"]);
    expect(applied.code, applied.stderr).toBe(0);
    // The diff comes first on stderr, for people; the result table on stdout.
    expect(applied.stderr).toContain(
      '2 changes against config_version 1:\n  ~ instance.support_email: null → "help@example.com"\n  ~ session.lifetime_seconds: 604800 → 86400\n',
    );
    expect(applied.stdout).toContain("Applied 2 changes; config_version is now 2.");
    const patches = sent(applied.stderr, "PATCH");
    expect(patches).toHaveLength(1);
    // single_session_mode is already true: it is not sent.
    expect(patches[0]).toContain(
      `${configPath()} {"session":{"lifetime_seconds":86400},"instance":{"support_email":"help@example.com"}}`,
    );
    const after = await live();
    expect(after).toMatchObject({
      config_version: "2",
      session: { lifetime_seconds: 86400, single_session_mode: true },
      instance: { support_email: "help@example.com", test_mode: true },
    });

    // Applying the same file again finds nothing to do and sends nothing.
    const again = await clerk(["config", "apply", desired, "--debug", "--json"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.json()).toEqual({ applied: false, dry_run: false, config_version: "2", changes: [] });
    expect(sent(again.stderr, "PATCH")).toEqual([]);
    expect((await live()).config_version).toBe("2");
  });

  test("secrets written in a file are masked in the diff and the output, and still applied", async () => {
    const secret = "google-client-secret-1234";
    const desired = file(`social:\n  google:\n    client_id: google-client\n    client_secret: ${secret}\n`);
    const diff = await clerk(["config", "diff", desired, "--json"]);
    expect(diff.json()).toMatchObject({
      changes: [
        { path: "social.google.client_id", after: "google-client" },
        { path: "social.google.client_secret", before: null, after: "********" },
      ],
    });
    const applied = await clerk(["config", "apply", desired]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toContain('~ social.google.client_secret: null → "********"');
    expect(applied.stdout + applied.stderr).not.toContain(secret);
    // Clerk has it (it reads back masked, as set).
    expect((await live()).social.google).toMatchObject({ client_id: "google-client", client_secret: "********" });
  });

  test("--if-match pins a version explicitly: a stale one is refused by Clerk", async () => {
    const applied = await clerk([
      "config",
      "apply",
      file({ session: { lifetime_seconds: 3600 } }),
      "--debug",
      "--json",
    ]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toMatch(/\[debug\] → PATCH \S+\/config \{"session":\{"lifetime_seconds":3600\}\}/);
    const stale = await clerk(["config", "apply", file({ session: { lifetime_seconds: 7200 } }), "--if-match", "1"]);
    expect(stale.code).toBe(1);
    expect(errorOf(stale.stderr)).toMatchObject({ code: "config_version_conflict" });
    expect((await live()).session.lifetime_seconds).toBe(3600);
  });

  test("a pulled file carries its config_version: a config changed since is refused, not overwritten", async () => {
    const pulled = await clerk(["config", "pull", "-o", "yaml"]);
    const edited = file(pulled.stdout.replace("lifetime_seconds: 604800", "lifetime_seconds: 86400"));
    await changeBySomeoneElse({ session: { single_session_mode: false } });

    const refused = await clerk(["config", "apply", edited]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe("");
    // The stale file would also revert the other change: the diff shows it, If-Match refuses it.
    expect(refused.stderr).toContain("2 changes against config_version 1:");
    expect(refused.stderr).toContain("~ session.single_session_mode: false → true");
    const error = errorOf(refused.stderr);
    expect(error).toMatchObject({ code: "config_version_conflict" });
    expect(error.message).toContain("changed since version 1");
    expect(error.hint).toContain("clerk config pull");
    expect(await live()).toMatchObject({
      config_version: "2",
      session: { lifetime_seconds: 604800, single_session_mode: false },
    });
  });

  test("a change by someone else between the diff and the write is refused (409), not overwritten", async () => {
    // Hold the write in flight until the other change has landed.
    await sandbox.control("faults", { kind: "delay", delay_ms: 5000, method: "PATCH", path_prefix: "/v1/platform" });
    const applying = clerk(["config", "apply", file({ session: { lifetime_seconds: 86400 } }), "--yes"]);
    await faultsTaken();
    await changeBySomeoneElse({ session: { lifetime_seconds: 1800 } });

    const refused = await applying;
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("~ session.lifetime_seconds: 604800 → 86400");
    expect(errorOf(refused.stderr)).toMatchObject({
      code: "config_version_conflict",
    });
    expect(await live()).toMatchObject({ config_version: "2", session: { lifetime_seconds: 1800 } });
  });

  test("--dry-run has Clerk validate the change: invalid values fail with param_name, nothing changes", async () => {
    const good = await clerk([
      "config",
      "apply",
      file({ session: { lifetime_seconds: 86400 } }),
      "--dry-run",
      "--debug",
      "--json",
    ]);
    expect(good.code, good.stderr).toBe(0);
    expect(good.json()).toEqual({
      applied: false,
      dry_run: true,
      config_version: "1",
      changes: [{ path: "session.lifetime_seconds", kind: "changed", before: 604800, after: 86400 }],
    });
    expect(sent(good.stderr, "PATCH")[0]).toMatch(/\/config\?dry_run=true /);

    const bad = await clerk([
      "config",
      "apply",
      file({ instance: { allowed_origins: ["not an origin"] } }),
      "--dry-run",
    ]);
    expect(bad.code).toBe(1);
    expect(errorOf(bad.stderr)).toMatchObject({
      status: 422,
      param_name: "instance.allowed_origins.0",
    });
    const unknown = await clerk(["config", "apply", file({ session: { nope: 1 } }), "--dry-run"]);
    expect(errorOf(unknown.stderr)).toMatchObject({
      status: 422,
      code: "form_param_unknown",
      param_name: "session.nope",
    });
    expect((await live()).config_version).toBe("1");
  });

  test("clearing values needs confirmation: refused without --yes, validated with --dry-run, applied with --yes", async () => {
    await changeBySomeoneElse({ instance: { support_email: "help@example.com" } });
    const clearing = file("instance:\n  support_email: null\n");

    const refused = await clerk(["config", "apply", clearing]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('~ instance.support_email: "help@example.com" → null');
    expect(errorOf(refused.stderr)).toMatchObject({
      code: "usage_error",
      message: "This clears 1 config value(s). Continue? Refusing without confirmation.",
    });
    expect((await live()).instance.support_email).toBe("help@example.com");

    const dry = await clerk(["config", "apply", clearing, "--dry-run", "--debug", "--json"]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.json()).toMatchObject({ applied: false, dry_run: true });
    expect(sent(dry.stderr, "PATCH")[0]).toMatch(/dry_run=true&destructive=true/);
    expect((await live()).instance.support_email).toBe("help@example.com");

    const applied = await clerk(["config", "apply", clearing, "--yes", "--json"]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.json()).toMatchObject({
      applied: true,
      config_version: "3",
      changes: [{ path: "instance.support_email", before: "help@example.com", after: null }],
    });
    expect((await live()).instance.support_email).toBeNull();
  });

  test("on a terminal, clearing values asks; No cancels (exit 1) and Yes applies", SLOW, async () => {
    await changeBySomeoneElse({ instance: { support_email: "help@example.com" } });
    const clearing = file({ instance: { support_email: null } });

    const declined = runCliOnTty(["config", "apply", clearing], { env: platformEnv() });
    await declined.waitFor("Continue?");
    declined.type("n\r");
    const no = await declined.done;
    expect(no.code).toBe(1);
    expect(plain(no.output)).toContain('~ instance.support_email: "help@example.com" → null');
    expect(plain(no.output)).toContain("Cancelled.");
    expect((await live()).instance.support_email).toBe("help@example.com");

    const accepted = runCliOnTty(["config", "apply", clearing], { env: platformEnv() });
    await accepted.waitFor("Continue?");
    accepted.type("y\r");
    const yes = await accepted.done;
    expect(yes.code, plain(yes.output)).toBe(0);
    expect(plain(yes.output)).toContain("Applied 1 changes; config_version is now 3.");
    expect((await live()).instance.support_email).toBeNull();
  });
});

describe("--output <file> on config pull / schema (the official CLI's)", SLOW, () => {
  test("a value that is no output format is a file to write; -o json and --output yaml stay formats", async () => {
    const saved = join(dir, "pulled.json");
    const pulled = await clerk(["config", "pull", "--output", saved]);
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(pulled.stdout).toBe("");
    expect(pulled.stderr).toContain(`Wrote the config to ${saved}.`);
    expect(JSON.parse(readFileSync(saved, "utf8"))).toEqual(await live());
    const yamlFile = join(dir, "session.yaml");
    expect((await clerk(["config", "pull", "--keys", "session", `--output=${yamlFile}`])).code).toBe(0);
    expect(parseYaml(readFileSync(yamlFile, "utf8"))).toEqual({ config_version: "1", session: (await live()).session });
    const schemaFile = join(dir, "schema.json");
    const schema = await clerk(["config", "schema", "--output", schemaFile]);
    expect(schema.stderr).toContain(`Wrote the schema to ${schemaFile}.`);
    expect(JSON.parse(readFileSync(schemaFile, "utf8"))).toMatchObject({ type: "object", properties: { session: {} } });

    expect((await clerk(["config", "pull", "-o", "json"])).json()).toEqual(await live());
    expect(parseYaml((await clerk(["config", "pull", "--output", "yaml"])).stdout)).toEqual(await live());
    const elsewhere = await clerk(["apps", "list", "--output", join(dir, "apps.json")]);
    expect(elsewhere.code).toBe(2);
    expect(errorOf(elsewhere.stderr).message).toMatch(/^--output must be table, json or yaml, not "/);
    const help = await clerk(["config", "pull", "--help"]);
    expect(help.stdout).toMatch(
      /-o, --output <format\|file>\s+Output format: .*any other value is a file to write the config to/,
    );
  });
});

describe("clerk config patch / put", SLOW, () => {
  test("patch merges a document from stdin or a file, showing the diff first", async () => {
    const patched = await clerk(["config", "patch", "-", "--json"], {
      input: '{"session":{"lifetime_seconds":86400}}',
    });
    expect(patched.code, patched.stderr).toBe(0);
    expect(patched.json()).toEqual({
      applied: true,
      dry_run: false,
      config_version: "2",
      changes: [{ path: "session.lifetime_seconds", kind: "changed", before: 604800, after: 86400 }],
    });
    const table = await clerk(["config", "patch", file("instance:\n  hibp: false\n")]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stderr).toContain("1 change against config_version 2:\n  ~ instance.hibp: true → false");
    expect(table.stdout).toMatch(/changed\s+instance\.hibp\s+true\s+false/);
    expect(await live()).toMatchObject({
      config_version: "3",
      session: { lifetime_seconds: 86400, single_session_mode: true },
      instance: { hibp: false, test_mode: true },
    });

    const dry = await clerk(["config", "patch", file({ session: { lifetime_seconds: 600 } }), "--dry-run", "--json"]);
    expect(dry.json()).toMatchObject({ applied: false, dry_run: true, config_version: "3" });
    expect((await live()).session.lifetime_seconds).toBe(86400);
  });

  test("put replaces the whole document: a pulled document round-trips unchanged, a partial one is refused", async () => {
    const pulled = file((await clerk(["config", "pull", "-o", "yaml"])).stdout);
    const same = await clerk(["config", "put", pulled, "--debug", "--json"]);
    expect(same.code, same.stderr).toBe(0);
    expect(same.json()).toMatchObject({ applied: false, changes: [] });
    expect(sent(same.stderr, "PUT")).toEqual([]);

    const full = await live();
    full.session.lifetime_seconds = 1200;
    const replaced = await clerk(["config", "put", file(full), "--debug", "--json"]);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.json()).toMatchObject({
      applied: true,
      config_version: "2",
      changes: [{ path: "session.lifetime_seconds", after: 1200 }],
    });
    expect(sent(replaced.stderr, "PUT")).toHaveLength(1);

    const partial = await clerk(["config", "put", file({ session: full.session }), "--yes"]);
    expect(partial.code).toBe(1);
    expect(errorOf(partial.stderr)).toMatchObject({
      status: 400,
      code: "config_keys_missing",
    });
    expect((await live()).config_version).toBe("2");
  });

  test("patch and put send a file pulled from another instance as it is: its config_version does not pin the target", async () => {
    await changeBySomeoneElse({ session: { lifetime_seconds: 3600 } });
    // Development is at config_version 2 now, production still at 1 (the official CLI's dev → prod workflow).
    const session = file((await clerk(["config", "pull", "--keys", "session", "--json"])).stdout, "json");
    const patched = await clerk(["config", "patch", "--instance", "prod", "--file", session, "--json"]);
    expect(patched.code, patched.stderr).toBe(0);
    expect(patched.json()).toMatchObject({ applied: true, config_version: "2" });
    expect((await live("production")).session.lifetime_seconds).toBe(3600);

    const whole = file((await clerk(["config", "pull", "--json"])).stdout, "json");
    const put = await clerk(["config", "put", "--instance", "prod", "--file", whole, "--yes", "--json"]);
    expect(put.code, put.stderr).toBe(0);
    const { config_version: _development, ...development } = await live();
    const { config_version: _production, ...production } = await live("production");
    expect(production).toEqual(development);
  });

  test("--json followed by {…} is the document inline (the official CLI's); a bare --json is the output flag", async () => {
    const inline = await clerk(["config", "patch", "--json", '{"session":{"lifetime_seconds":86400}}']);
    expect(inline.code, inline.stderr).toBe(0);
    expect(inline.stdout).toContain("Applied 1 changes; config_version is now 2.");
    const both = await clerk(["config", "patch", '--json={"session":{"lifetime_seconds":600}}', "--json"]);
    expect(both.json()).toMatchObject({ applied: true, changes: [{ path: "session.lifetime_seconds", after: 600 }] });
    const full = await live();
    full.session.lifetime_seconds = 1200;
    const put = await clerk(["config", "put", "--json", JSON.stringify(full), "--dry-run", "--json"]);
    expect(put.json()).toMatchObject({ applied: false, dry_run: true, changes: [{ after: 1200 }] });

    const fromFile = await clerk(["config", "patch", file({ session: { lifetime_seconds: 900 } }), "--json"]);
    expect(fromFile.json()).toMatchObject({ applied: true, changes: [{ before: 600, after: 900 }] });
    const twice = await clerk(["config", "patch", file({}), "--json", '{"session":{}}']);
    expect(twice.code).toBe(2);
    expect(errorOf(twice.stderr).message).toBe("give <changes> once: as a file or inline with --json '{…}'");
    const broken = await clerk(["config", "patch", "--json", "{session"]);
    expect(broken.code).toBe(2);
    expect(errorOf(broken.stderr).message).toMatch(/^--json: the inline document is not valid JSON: /);
    expect((await live()).session.lifetime_seconds).toBe(900);
    const help = await clerk(["config", "patch", "--help"]);
    expect(help.stdout).toMatch(
      /--json \[document\]\s+Shortcut for --output json; followed by \{…\} or \[…\]: <changes> given inline/,
    );
  });

  test("without Platform API access the config commands say how to get it", async () => {
    const result = await runCli(["config", "pull"], {
      env: { CLERK_API_URL: sandbox.url, CLERK_SECRET_KEY: sandbox.secretKey },
    });
    expect(result.code).toBe(1);
    expect(errorOf(result.stderr)).toMatchObject({ code: "platform_access_missing" });
    expect(errorOf(result.stderr).hint).toContain("clerk auth login");
  });
});
