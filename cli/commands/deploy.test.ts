import { describe, expect, test } from "vitest";
import type { DeployReport } from "../../shared/actions/deploy";
import { useCliSandbox } from "../testing/cli-sandbox";
import { plain, runCliOnTty } from "../testing/run-tty";

const { platform: clerk, platformEnv, startPlatform, sandbox } = useCliSandbox();
/** Many CLI runs per test: allow for a loaded machine. */
const SLOW = { timeout: 60_000 };

const errorOf = (stderr: string) => JSON.parse(stderr.trimEnd().split("\n").at(-1) as string).error;

async function status(): Promise<DeployReport> {
  const result = await clerk(["deploy", "status", "--json"]);
  const report = result.json<DeployReport>();
  // Exit 0 only when ready, as the official CLI.
  expect(result.code, result.stderr).toBe(report.ready ? 0 : 1);
  return report;
}

/** The production domain's name (each sandbox has its own). */
const domainName = async () => (await status()).domains[0]?.name as string;

/** The sandbox's test control: completes the domain's current step (DNS → SSL → mail), or fails it. */
const advance = (domain: string, body: Record<string, unknown> = {}) =>
  sandbox.control(`domains/${encodeURIComponent(domain)}/advance`, body);

/** Production needs its own credentials for the social providers it enables (Google by default). */
async function setGoogleCredentials() {
  const patched = await clerk(["config", "patch", "-", "--instance", "prod", "--json"], {
    input: "social:\n  google:\n    client_id: google-client\n    client_secret: google-secret\n",
  });
  expect(patched.code, patched.stderr).toBe(0);
}

describe("clerk deploy status / check", SLOW, () => {
  test("a new production instance is not ready: the records to add and the credentials to set", async () => {
    const report = await status();
    const domain = report.domains[0] as DeployReport["domains"][number];
    expect(report).toMatchObject({
      application_id: sandbox.credentials.application_id,
      ready: false,
      oauth: [{ provider: "google", ready: false }],
    });
    expect(domain).toMatchObject({ status: "incomplete", dns: "not_started", ssl: "not_started", mail: "not_started" });
    expect(domain.records.map((r) => r.host)).toEqual([
      `clerk.${domain.name}`,
      `accounts.${domain.name}`,
      `clkmail.${domain.name}`,
      `clk._domainkey.${domain.name}`,
      `clk2._domainkey.${domain.name}`,
    ]);
    expect(domain.records.every((r) => r.required && !r.verified)).toBe(true);
    expect(report.next_action).toContain(`clerk.${domain.name} CNAME frontend-api.clerk.services`);
    expect(report.next_action).toContain(`clerk deploy check ${domain.name}`);

    const table = await clerk(["deploy", "status"]);
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(/^CHECK\s+STATE\s+NEXT/);
    expect(table.stdout).toMatch(
      new RegExp(`domain ${domain.name.replace(/\./g, "\\.")}\\s+incomplete \\(dns not_started, ssl not_started`),
    );
    expect(table.stdout).toMatch(/oauth google\s+missing credentials/);
    expect(table.stdout).toContain("Not ready. Next: Add these DNS records");
    const yaml = await clerk(["deploy", "status", "-o", "yaml"]);
    expect(yaml.stdout).toMatch(/^application_id: app_\w+\nready: false\n/);
  });

  test("check starts the DNS check (one at a time); failures come back with Clerk's hints", async () => {
    const name = await domainName();
    const checked = await clerk(["deploy", "check", name, "--json"]);
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.json()).toMatchObject({ status: "incomplete", dns: { status: "in_progress" } });
    expect((await status()).next_action).toBe(
      "DNS records are being verified; this can take a few minutes after they are published.",
    );

    const busy = await clerk(["deploy", "check", name]);
    expect(busy.code).toBe(1);
    expect(errorOf(busy.stderr)).toMatchObject({ status: 409, code: "conflict" });

    await advance(name, { fail: true, failure_hints: [{ code: "cname_wrong", message: "clerk points elsewhere." }] });
    const failed = await status();
    expect(failed.domains[0]).toMatchObject({ dns: "in_progress", failure_hints: ["clerk points elsewhere."] });
    expect(failed.next_action).toBe(
      `The DNS check failed: clerk points elsewhere. Fix the records, then run \`clerk deploy check ${name}\`.`,
    );

    // A new check retries the failed step, by id as well as by name.
    const id = failed.domains[0]?.id as string;
    expect((await clerk(["deploy", "check", id, "--json"])).json()).toMatchObject({ dns: { status: "in_progress" } });
    await advance(name);
    expect((await status()).domains[0]).toMatchObject({ dns: "complete", ssl: "in_process" });

    const missing = await clerk(["deploy", "check", "nope.example.com"]);
    expect(missing.code).toBe(1);
    expect(errorOf(missing.stderr)).toMatchObject({ status: 404, code: "resource_not_found" });
    const noArg = await clerk(["deploy", "check"]);
    expect(noArg.code).toBe(2);
    expect(errorOf(noArg.stderr).message).toBe("missing argument <domain>");
  });

  test("--wait reports each step as it goes and returns when everything is complete", async () => {
    const name = await domainName();
    const waiting = startPlatform(["deploy", "status", "--wait", "--interval", "0.1", "--json"], { timeoutMs: 50_000 });
    // Off a terminal, each new thing waited for is one line on stderr; stdout stays JSON only.
    await waiting.waitFor("stderr", "Add these DNS records at your DNS provider");
    await clerk(["deploy", "check", name]);
    await waiting.waitFor("stderr", "DNS records are being verified");
    await advance(name);
    await waiting.waitFor("stderr", "Clerk is issuing SSL certificates");
    await advance(name);
    await waiting.waitFor("stderr", "Mail records (clkmail, clk._domainkey, clk2._domainkey) are not verified yet");
    await advance(name);
    await waiting.waitFor("stderr", "Set your own google OAuth client id and secret for production");
    expect(waiting.stdout()).toBe("");
    await setGoogleCredentials();

    const done = await waiting.done;
    expect(done.code, done.stderr).toBe(0);
    const report = done.json<DeployReport>();
    expect(report).toMatchObject({
      ready: true,
      next_action: null,
      domains: [{ name, status: "complete", dns: "complete", ssl: "complete", mail: "complete", next_action: null }],
      oauth: [{ provider: "google", ready: true, next_action: null }],
    });
    expect(report.domains[0]?.records.every((r) => r.verified)).toBe(true);
    // One line per step, in order, each once.
    expect(done.stderr.split("\n").filter(Boolean)).toEqual([
      expect.stringContaining("Add these DNS records"),
      expect.stringContaining("DNS records are being verified"),
      expect.stringContaining("Clerk is issuing SSL certificates"),
      expect.stringContaining("Mail records"),
      expect.stringContaining("Set your own google OAuth client id"),
    ]);

    // Ready already: --wait returns at once.
    const table = await clerk(["deploy", "status", "--wait"]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain("Production is ready.");
  });

  test("--wait on a terminal shows a spinner with the step being waited for", async () => {
    const name = await domainName();
    await setGoogleCredentials();
    await clerk(["deploy", "check", name]);
    const tty = runCliOnTty(["deploy", "status", "--wait", "--interval", "0.1"], {
      env: platformEnv(),
      timeoutMs: 50_000,
    });
    await tty.waitFor(/⠋|⠙|⠹|⠸|⠼|⠴|⠦|⠧|⠇|⠏/);
    await tty.waitFor("DNS records are being verified");
    await advance(name);
    await tty.waitFor("Clerk is issuing SSL certificates");
    await advance(name);
    await advance(name);
    const done = await tty.done;
    expect(done.code, plain(done.output)).toBe(0);
    expect(plain(done.output)).toContain("Production is ready.");
    // The spinner hid the cursor while it ran and gave it back.
    expect(done.output).toContain("\x1b[?25l");
    expect(done.output).toContain("\x1b[?25h");
  });

  test("--wait gives up after --timeout with what is still missing (exit 1)", async () => {
    const result = await clerk(["deploy", "status", "--wait", "--timeout", "1", "--interval", "0.2"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    const error = errorOf(result.stderr);
    expect(error).toMatchObject({ code: "deploy_timeout" });
    expect(error.message).toMatch(/^Production is not ready after 1 s: Add these DNS records/);
    expect(error.hint).toContain("--timeout");

    const bad = await clerk(["deploy", "status", "--wait", "--interval", "0"]);
    expect(bad.code).toBe(2);
    expect(errorOf(bad.stderr).message).toContain("--interval");
  });
});
