import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { useSandbox } from "../../server/sandbox/testing/harness";
import { runCli } from "../testing/run-cli";
import { runCliOnTty } from "../testing/run-tty";

const sandbox = useSandbox();
/** Many CLI runs per test: allow for a loaded machine. */
const SLOW = { timeout: 60_000 };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "clerk-doctor-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const doctor = (args: string[], env: Record<string, string> = {}) =>
  runCli(["doctor", ...args], {
    cwd: dir,
    env: { CLERK_CONFIG_DIR: join(dir, "config"), CLERK_CREDENTIAL_STORE: "file", ...env },
  });

/** `doctor --json`: the official CLI's bare array of results, with our fields on each. */
type Report = {
  id: string;
  name: string;
  status: string;
  message: string;
  summary: string;
  remedy?: string;
  fix?: string;
  latency_ms?: number;
  settings?: Record<string, { value: string | null; source: string; detail: string }>;
}[];

const check = (report: Report, id: string) => report.find((c) => c.id === id);

describe("clerk doctor", SLOW, () => {
  test("everything needed works: exit 0, where each setting came from, secrets masked, latency", async () => {
    const result = await doctor(["--json"], { CLERK_API_URL: sandbox.url, CLERK_SECRET_KEY: sandbox.secretKey });
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).not.toContain(sandbox.secretKey);
    const report = result.json<Report>();
    expect(check(report, "node")).toMatchObject({ node: process.version, cli_version: expect.any(String) });
    expect(check(report, "config")).toMatchObject({
      config: { dir: join(dir, "config"), file: join(dir, "config", "config.ini"), exists: false },
    });
    expect(check(report, "profile")).toMatchObject({ profile: { name: "default", source: "default" } });
    expect(check(report, "credential_store")).toMatchObject({
      credential_store: { kind: "file", reason: "CLERK_CREDENTIAL_STORE=file", fallback: false },
    });
    const settings = check(report, "profile")?.settings;
    expect(settings?.secret_key).toEqual({
      value: `sk_test_…${sandbox.secretKey.slice(-4)}`,
      source: "env",
      detail: "CLERK_SECRET_KEY",
    });
    expect(settings?.api_url).toMatchObject({ value: sandbox.url, source: "env" });
    expect(report.every((c) => c.status !== "fail")).toBe(true);
    expect(report.map((c) => c.id)).toEqual([
      "node",
      "config",
      "profile",
      "dotenv",
      "credential_store",
      "backend_api",
      "login",
      "platform_api",
    ]);
    expect(check(report, "backend_api")).toMatchObject({ status: "pass", latency_ms: expect.any(Number) });
    expect(check(report, "login")).toMatchObject({ status: "warn", skipped: true });
    expect(check(report, "platform_api")).toMatchObject({ status: "warn", skipped: true });

    const table = await doctor([], { CLERK_API_URL: sandbox.url, CLERK_SECRET_KEY: sandbox.secretKey });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      /✓ Backend API\s+http:\/\/127\.0\.0\.1:\d+ accepted the secret key from CLERK_SECRET_KEY/,
    );
    expect(table.stdout).toMatch(/secret_key\s+sk_test_…\w{4}\s+CLERK_SECRET_KEY/);
    expect(table.stdout).toContain("Everything needed works.");
    expect(table.stdout).not.toContain(sandbox.secretKey);
  });

  test("--json results carry the official CLI's fields: name, status pass|warn|fail, message, remedy", async () => {
    const result = await doctor(["--json"], { CLERK_API_URL: sandbox.url });
    expect(result.code).toBe(1);
    const report = result.json<Report>();
    expect(Array.isArray(report)).toBe(true);
    for (const c of report) {
      expect(c).toMatchObject({ name: expect.any(String), message: expect.any(String) });
      expect(["pass", "warn", "fail"]).toContain(c.status);
    }
    expect(check(report, "backend_api")).toMatchObject({
      name: "Backend API",
      status: "fail",
      message: "No Clerk secret key is configured.",
      remedy: expect.stringMatching(/clerk auth login.*CLERK_SECRET_KEY/),
      // ours too
      title: "Backend API",
      summary: "No Clerk secret key is configured.",
    });
    // `fix` is the official label of an auto-fix: none here.
    expect(check(report, "backend_api")).not.toHaveProperty("fix");
    expect(check(report, "node")).toMatchObject({ name: "Node.js", status: "pass" });
  });

  test("the platform key is checked against the Platform API", async () => {
    const result = await doctor(["--json"], {
      CLERK_API_URL: sandbox.url,
      CLERK_SECRET_KEY: sandbox.secretKey,
      CLERK_PLATFORM_API_KEY: sandbox.credentials.platform_api_key,
    });
    expect(result.code, result.stdout).toBe(0);
    expect(check(result.json<Report>(), "platform_api")).toMatchObject({
      status: "pass",
      summary: expect.stringContaining("platform_api_key from CLERK_PLATFORM_API_KEY"),
    });
    const wrong = await doctor(["--json"], {
      CLERK_API_URL: sandbox.url,
      CLERK_SECRET_KEY: sandbox.secretKey,
      CLERK_PLATFORM_API_KEY: "ak_wrongwrongwrongwrong",
    });
    expect(wrong.code).toBe(1);
    expect(check(wrong.json<Report>(), "platform_api")?.status).toBe("fail");
  });

  test("each failing check says what to fix, and the exit code is 1", async () => {
    const noKey = await doctor(["--json"], { CLERK_API_URL: sandbox.url });
    expect(noKey.code).toBe(1);
    expect(check(noKey.json<Report>(), "backend_api")).toMatchObject({
      status: "fail",
      summary: "No Clerk secret key is configured.",
      remedy: expect.stringMatching(/clerk auth login.*CLERK_SECRET_KEY/),
    });

    const badKey = await doctor(["--json"], {
      CLERK_API_URL: sandbox.url,
      CLERK_SECRET_KEY: "sk_test_wrongwrongwrong",
    });
    expect(badKey.code).toBe(1);
    expect(check(badKey.json<Report>(), "backend_api")).toMatchObject({
      status: "fail",
      summary: expect.stringContaining("401"),
      remedy: expect.stringContaining("CLERK_SECRET_KEY"),
    });

    const down = await doctor(["--json"], { CLERK_API_URL: "http://127.0.0.1:9", CLERK_SECRET_KEY: sandbox.secretKey });
    expect(down.code).toBe(1);
    expect(check(down.json<Report>(), "backend_api")).toMatchObject({
      status: "fail",
      remedy: expect.stringContaining("clerk sandbox"),
    });

    const problems = await doctor(["--json", "--profile", "nope", "--dotenv", "missing.env"], {
      CLERK_API_URL: sandbox.url,
      CLERK_SECRET_KEY: sandbox.secretKey,
    });
    expect(problems.code).toBe(1);
    const report = problems.json<Report>();
    expect(check(report, "profile")).toMatchObject({
      status: "fail",
      remedy: expect.stringContaining("profile create nope"),
    });
    expect(check(report, "dotenv")).toMatchObject({ status: "fail", summary: expect.stringContaining("missing.env") });
    // The rest is still checked.
    expect(check(report, "backend_api")?.status).toBe("pass");

    const table = await doctor([], { CLERK_API_URL: sandbox.url });
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(/✗ Backend API\s+No Clerk secret key is configured\.\n\s+→ Run `clerk auth login`/);
    expect(table.stdout).toContain("1 check failed");
  });

  test("--spotlight shows only warnings and failures", async () => {
    const env = { CLERK_API_URL: sandbox.url };
    const json = await doctor(["--json", "--spotlight"], env);
    expect(json.code).toBe(1);
    const report = json.json<Report>();
    expect(report.map((c) => c.id)).toEqual(["backend_api", "login", "platform_api"]);
    const table = await doctor(["--spotlight"], env);
    expect(table.stdout).toContain("✗ Backend API");
    expect(table.stdout).not.toContain("Node.js");
    expect(table.stdout).not.toContain("Settings (profile");
  });

  test("--fix moves a secret written in plain text to the credential store; agent mode ignores it", async () => {
    const configDir = join(dir, "config");
    mkdirSync(configDir, { recursive: true });
    writeFileSync(join(configDir, "config.ini"), `[default]\nsecret_key = ${sandbox.secretKey}\n`);
    const env = { CLERK_API_URL: sandbox.url };
    const before = check((await doctor(["--json"], env)).json<Report>(), "setting_secret_key");
    expect(before).toMatchObject({ status: "warn", fix: "Move secret_key to the credential store" });

    const ignored = await doctor(["--fix", "--json"], env);
    expect(ignored.stderr).toContain("doctor --fix is ignored in agent mode");
    expect(readFileSync(join(configDir, "config.ini"), "utf8")).toContain(sandbox.secretKey);

    const fixed = await runCliOnTty(["doctor", "--fix"], {
      cwd: dir,
      env: { CLERK_CONFIG_DIR: configDir, CLERK_CREDENTIAL_STORE: "file", ...env },
    }).done;
    expect(fixed.code, fixed.output).toBe(0);
    expect(fixed.output).toContain("Fixed: Move secret_key to the credential store.");
    expect(fixed.output).toContain("Everything needed works.");
    expect(readFileSync(join(configDir, "config.ini"), "utf8")).not.toContain(sandbox.secretKey);
    const after = (await doctor(["--json"], env)).json<Report>();
    expect(check(after, "setting_secret_key")).toBeUndefined();
    expect(check(after, "backend_api")?.status).toBe("pass");
  });
});
