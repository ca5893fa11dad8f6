import { describe, expect, onTestFinished, test } from "vitest";
import type { DeployReport } from "../../shared/actions/deploy/actions";
import { useCliSandbox } from "../testing/cli-sandbox";
import { plain, runCliOnTty } from "../testing/run-tty";

const { platform: clerk, platformEnv, startPlatform, sandbox } = useCliSandbox();
/** Many CLI runs per test: allow for a loaded machine. */
const SLOW = { timeout: 60_000 };

const errorOf = (stderr: string) => JSON.parse(stderr.trimEnd().split("\n").at(-1) as string).error;

async function status(): Promise<DeployReport> {
  const result = await clerk(["deploy", "status", "--json"]);
  expect(result.stdout, result.stderr).not.toBe("");
  const report = result.json<DeployReport>();
  // Exit 0 only when ready, as the official CLI.
  expect(result.code, result.stderr).toBe(report.complete ? 0 : 1);
  expect(report.ready).toBe(report.complete);
  return report;
}

/** Checklist lines on a terminal (marks, then labels as patterns), in order, whether or not the marks are colored. */
const checklist = (...steps: [mark: string, label: string][]) =>
  new RegExp(steps.map(([mark, label]) => `${mark}(?:\\x1b\\[\\d+m)? ${label}`).join("[\\s\\S]*?"));

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
      oauth_providers: [{ provider: "google", ready: false }],
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
    // The official CLI's fields: the summary an agent reads.
    expect(report).toMatchObject({
      complete: false,
      state: "domain_pending",
      domain: domain.name,
      productionInstanceId: expect.stringMatching(/^ins_/),
      domainStatus: { dns: "pending", ssl: "pending", mail: "pending" },
      oauth: { complete: false, configured: [], pending: ["google"], unsupported: [] },
    });
    expect(report.pendingDnsRecords).toEqual(
      domain.records.map((r) => ({ type: "CNAME", host: r.host, value: r.value })),
    );
    expect(report.nextAction).toBe(
      `DNS (the records in pendingDnsRecords), SSL, email DNS still provisioning for ${domain.name}. Run \`clerk deploy status --wait\`, or again in a few minutes: DNS propagation can take time.`,
    );
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
    expect(failed.nextAction).toBe(
      `Clerk's check of ${name} failed: clerk points elsewhere. Ask the user to fix this at their DNS provider, then run \`clerk deploy check ${name}\` and \`clerk deploy status --wait\`.`,
    );
    expect(failed.next_action).toBe(
      `The DNS check failed: clerk points elsewhere. Fix the records, then run \`clerk deploy check ${name}\`.`,
    );

    // A new check retries the failed step, by id as well as by name.
    const id = failed.domains[0]?.id as string;
    expect((await clerk(["deploy", "check", id, "--json"])).json()).toMatchObject({ dns: { status: "in_progress" } });
    await advance(name);
    const dnsDone = await status();
    expect(dnsDone.domains[0]).toMatchObject({ dns: "complete", ssl: "in_process" });
    // DNS found the Frontend API and Account Portal records; the mail check still looks for its own.
    expect(dnsDone.domainStatus).toEqual({ dns: "complete", ssl: "pending", mail: "pending" });
    expect(dnsDone.pendingDnsRecords.map((r) => r.host)).toEqual([
      `clkmail.${name}`,
      `clk._domainkey.${name}`,
      `clk2._domainkey.${name}`,
    ]);

    const missing = await clerk(["deploy", "check", "nope.example.com"]);
    expect(missing.code).toBe(1);
    expect(errorOf(missing.stderr)).toMatchObject({ status: 404, code: "resource_not_found" });
    const noArg = await clerk(["deploy", "check"]);
    expect(noArg.code).toBe(2);
    expect(errorOf(noArg.stderr).message).toBe("missing argument <domain>");
  });

  test("check for people: a table of the checks and records with readable times, no raw JSON", async () => {
    const name = await domainName();
    const table = await clerk(["deploy", "check", name]);
    expect(table.code, table.stderr).toBe(0);
    const lines = table.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^CHECK\s+STATUS\s+DETAIL\s*$/);
    expect(table.stdout).toMatch(/\nDNS\s+in progress\s+0 of 5 records found\s*\n/);
    expect(table.stdout).toMatch(
      new RegExp(`\\n {2}clerk\\.${name.replace(/\./g, "\\.")}\\s+not found\\s+CNAME frontend-api\\.clerk\\.services`),
    );
    expect(table.stdout).toMatch(/\nSSL\s+not started\s*\n/);
    expect(table.stdout).toMatch(/\nEmail DNS\s+not started\s*\n/);
    expect(lines.at(-1)).toMatch(
      /^Not verified yet; check started \d{4}-\d\d-\d\d \d\d:\d\d UTC\. Follow it with `clerk deploy status --wait`\.$/,
    );
    // No JSON objects, no epoch milliseconds.
    expect(table.stdout).not.toMatch(/[{}]|\d{12,}/);
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
      oauth_providers: [{ provider: "google", ready: true, next_action: null }],
    });
    expect(report.domains[0]?.records.every((r) => r.verified)).toBe(true);
    expect(report).toMatchObject({
      complete: true,
      state: "complete",
      domain: name,
      domainStatus: { dns: "complete", ssl: "complete", mail: "complete" },
      pendingDnsRecords: [],
      oauth: { complete: true, configured: ["google"], pending: [] },
      nextAction: `Production is deployed and verified at https://${name}. No action needed.`,
    });
    // Plain lines, appended: the checklist, then each check as it completes (with its elapsed
    // time) followed by what is waited for next, each once.
    const time = /^✓ .+ \((\d+s|\d+m \d\ds)\)$/;
    expect(done.stderr.split("\n").filter(Boolean)).toEqual([
      "… DNS records",
      "… SSL certificates",
      "… Email DNS",
      "… google OAuth credentials",
      expect.stringContaining("Add these DNS records"),
      expect.stringContaining("DNS records are being verified"),
      expect.stringMatching(/^✓ DNS records \(/),
      expect.stringContaining("Clerk is issuing SSL certificates"),
      expect.stringMatching(/^✓ SSL certificates \(/),
      expect.stringContaining("Mail records"),
      expect.stringMatching(/^✓ Email DNS \(/),
      expect.stringContaining("Set your own google OAuth client id"),
      expect.stringMatching(/^✓ google OAuth credentials \(/),
      "Production is ready.",
    ]);
    expect(done.stderr.split("\n").filter((line) => line.startsWith("✓"))).toEqual(
      Array(4).fill(expect.stringMatching(time)),
    );

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
    // A checklist under the spinner, one line per check, redrawn in place.
    await tty.waitFor(checklist(["…", "DNS records"], ["…", "SSL certificates"]));
    await advance(name);
    await tty.waitFor("Clerk is issuing SSL certificates");
    await tty.waitFor(checklist(["✓", "DNS records +\\d+s"]));
    // Redrawn in place: back up over the lines drawn before.
    expect(tty.output()).toContain("\x1b[4A");
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

/** A new application: a development instance only, Google enabled there (the sandbox's default). */
async function newApplication(): Promise<string> {
  const created = await clerk(["apps", "create", "--name", "Shop", "--json"]);
  expect(created.code, created.stderr).toBe(0);
  const id = created.json<{ application_id: string }>().application_id;
  // The sandbox's reset keeps applications: remove it, so later tests see only the sandbox's own.
  onTestFinished(async () => {
    const deleted = await fetch(`${sandbox.url}/v1/platform/applications/${id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${sandbox.credentials.platform_api_key}` },
    });
    expect(deleted.status).toBe(200);
  });
  return id;
}

describe("clerk deploy (the wizard)", SLOW, () => {
  test("agent mode, or off a terminal without --yes: a read-only JSON handoff, exit 0", async () => {
    const agent = await clerk(["deploy", "--mode", "agent"]);
    expect(agent.code, agent.stderr).toBe(0);
    const handoff = agent.json<DeployReport>();
    expect(handoff).toMatchObject({ complete: false, state: "domain_pending", oauth: { pending: ["google"] } });
    expect(handoff.pendingDnsRecords).toHaveLength(5);
    expect(handoff.nextAction).toContain("still provisioning for");
    // Read-only: no DNS check was started.
    expect(handoff.domains[0]?.dns).toBe("not_started");

    const piped = await clerk(["deploy"]);
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.json<DeployReport>()).toEqual(handoff);
    expect(piped.stderr).toContain("Not a terminal");

    const app = await newApplication();
    const fresh = await clerk(["deploy", "--mode", "agent", "--app", app]);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(fresh.json<DeployReport>()).toMatchObject({
      complete: false,
      state: "not_started",
      domain: null,
      productionInstanceId: null,
      domainStatus: null,
      pendingDnsRecords: [],
      oauth: { complete: false, configured: [], pending: [], unsupported: [] },
      nextAction: expect.stringContaining("ask the user to run `clerk deploy`"),
    });
    // `deploy status` says the same, and exits 1: not deployed.
    const notStarted = await clerk(["deploy", "status", "--app", app, "--json"]);
    expect(notStarted.code).toBe(1);
    expect(notStarted.json<DeployReport>()).toMatchObject({ state: "not_started", ready: false });
  });

  test("scripted with --yes and flags: production instance, DNS records, OAuth, checks, ready", async () => {
    const app = await newApplication();
    const secret = "google-secret-never-shown";
    const wizard = startPlatform(
      [
        "deploy",
        "--app",
        app,
        "--domain",
        "shop-example.com",
        "--oauth",
        "google:google-client",
        "--yes",
        "--wait",
        "--interval",
        "0.1",
        "--json",
      ],
      { env: { CLERK_OAUTH_GOOGLE_SECRET: secret }, timeoutMs: 50_000 },
    );
    await wizard.waitFor(
      "stderr",
      "… DNS records\n… SSL certificates\n… Email DNS\nWaiting for Clerk's checks on shop-example.com…",
    );
    await advance("shop-example.com");
    await wizard.waitFor("stderr", /\n✓ DNS records \(\d+s\)\n/);
    await advance("shop-example.com");
    await wizard.waitFor("stderr", /\n✓ SSL certificates \(\d+s\)\n/);
    await advance("shop-example.com");
    const done = await wizard.done;
    expect(done.code, done.stderr).toBe(0);
    const report = done.json<DeployReport>();
    expect(report).toMatchObject({
      application_id: app,
      complete: true,
      state: "complete",
      domain: "shop-example.com",
      productionInstanceId: expect.stringMatching(/^ins_/),
      oauth: { complete: true, configured: ["google"], pending: [] },
      pendingDnsRecords: [],
    });
    expect(done.stderr).toContain("Created the production instance for shop-example.com.");
    expect(done.stderr).toMatch(/clerk\.shop-example\.com\s+CNAME {2}frontend-api\.clerk\.services/);
    expect(done.stderr).toContain("Saved google's production OAuth credentials.");
    expect(`${done.stdout}${done.stderr}`).not.toContain(secret);

    // Run again: nothing left to do; it changes nothing.
    const again = await clerk(["deploy", "--app", app, "--yes", "--json"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.json<DeployReport>()).toMatchObject({ state: "complete" });
  });

  test("without --wait a script moves on: the checks are started, what remains is reported", async () => {
    const app = await newApplication();
    const result = await clerk(["deploy", "--app", app, "--domain", "later-example.com", "--yes"]);
    expect(result.code, result.stderr).toBe(0);
    // No credentials given: Google stays pending; the DNS check is running.
    expect(result.stdout).toMatch(/domain later-example\.com\s+incomplete \(dns in_progress/);
    expect(result.stdout).toMatch(/oauth google\s+missing credentials/);
    expect(result.stderr).toContain("Skipping the wait");
  });

  test("usage errors name the fix (exit 2)", async () => {
    const app = await newApplication();
    const noDomain = await clerk(["deploy", "--app", app, "--yes"]);
    expect(noDomain.code).toBe(2);
    expect(errorOf(noDomain.stderr)).toMatchObject({ message: "clerk deploy needs the production domain" });
    const url = await clerk(["deploy", "--app", app, "--yes", "--domain", "https://example.com"]);
    expect(url.code).toBe(2);
    expect(errorOf(url.stderr).message).toContain("without https://");
    const provider = await clerk(["deploy", "--app", app, "--yes", "--domain", "shop.vercel.app"]);
    expect(provider.code).toBe(2);
    expect(errorOf(provider.stderr).message).toContain("hosting provider's domain");
    const oauth = await clerk(["deploy", "--app", app, "--yes", "--domain", "example.com", "--oauth", "google"]);
    expect(oauth.code).toBe(2);
    expect(errorOf(oauth.stderr).message).toBe('--oauth takes provider:CLIENT_ID, not "google"');
    // Nothing was created by the refused runs.
    expect((await clerk(["deploy", "status", "--app", app, "--json"])).json<DeployReport>().state).toBe("not_started");
  });

  test("on a terminal it asks: the domain, to confirm, each provider's credentials (secret hidden), whether to wait", async () => {
    const app = await newApplication();
    const tty = runCliOnTty(["deploy", "--app", app], { env: platformEnv(), timeoutMs: 50_000 });
    await tty.waitFor("Production domain (e.g. example.com): ");
    tty.type("https://tty-example.com\r");
    await tty.waitFor("without https://");
    tty.type("tty-example.com\r");
    await tty.waitFor("Create the production instance for tty-example.com?");
    tty.type("y\r");
    await tty.waitFor("google client id (empty to skip for now): ");
    expect(plain(tty.output())).toMatch(/clkmail\.tty-example\.com\s+CNAME {2}mail\./);
    tty.type("tty-client\r");
    await tty.waitFor("google client secret (not shown): ");
    tty.type("tty-secret-value\r");
    await tty.waitFor("Wait for DNS, SSL and email DNS to verify now? [Y/n] ");
    tty.type("n\r");
    const done = await tty.done;
    const output = plain(done.output);
    expect(done.code, output).toBe(0);
    expect(output).toContain("Saved google's production OAuth credentials.");
    expect(output).toMatch(/oauth google\s+ready/);
    expect(output).toMatch(/domain tty-example\.com\s+incomplete \(dns in_progress/);
    expect(output).not.toContain("tty-secret-value");
  });

  test("on a terminal, resuming an existing production: the live checklist with its clock until ready", async () => {
    const name = await domainName();
    await setGoogleCredentials();
    const tty = runCliOnTty(["deploy", "--interval", "0.1"], { env: platformEnv(), timeoutMs: 50_000 });
    await tty.waitFor("Wait for DNS, SSL and email DNS to verify now? [Y/n] ");
    expect(plain(tty.output())).toContain(`[x] Domain ${name}`);
    tty.type("\r");
    // The spinner's line with its clock, and one line per check under it.
    await tty.waitFor(new RegExp(`Waiting for Clerk's checks on ${name.replace(/\./g, "\\.")}… \\(\\d+s\\)`));
    await tty.waitFor(checklist(["…", "DNS records"], ["…", "SSL certificates"], ["…", "Email DNS"]));
    await advance(name);
    await tty.waitFor(checklist(["✓", "DNS records +\\d+s"]));
    await advance(name);
    await advance(name);
    const done = await tty.done;
    expect(done.code, plain(done.output)).toBe(0);
    expect(plain(done.output)).toContain("Production is ready.");
    expect(done.output).toContain("\x1b[?25h");
  });

  test("the wizard's steps are commands too: deploy create, deploy oauth", async () => {
    const app = await newApplication();
    const created = await clerk(["deploy", "create", "--app", app, "--domain", "steps-example.com", "--json"]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.json()).toMatchObject({
      environment_type: "production",
      active_domain: { name: "steps-example.com" },
    });
    const again = await clerk(["deploy", "create", "--app", app, "--domain", "steps-example.com"]);
    expect(again.code).toBe(1);
    expect(errorOf(again.stderr)).toMatchObject({ code: "production_instance_exists" });

    const oauth = await clerk([
      "deploy",
      "oauth",
      "google",
      "--app",
      app,
      "--client-id",
      "cid",
      "--client-secret",
      "step-secret",
      "--json",
    ]);
    expect(oauth.code, oauth.stderr).toBe(0);
    expect(oauth.json()).toEqual({ provider: "google", ready: true });
    expect(oauth.stdout).not.toContain("step-secret");
    const report = (await clerk(["deploy", "status", "--app", app, "--json"])).json<DeployReport>();
    expect(report).toMatchObject({ state: "domain_pending", oauth: { configured: ["google"], pending: [] } });
  });

  test("--wait stops at a failed check with Clerk's hints and exits 1", async () => {
    const name = await domainName();
    await setGoogleCredentials();
    const wizard = startPlatform(["deploy", "--yes", "--wait", "--interval", "0.1"], { timeoutMs: 50_000 });
    await wizard.waitFor("stderr", "… DNS records\n… SSL certificates\n… Email DNS\n");
    await advance(name, { fail: true, failure_hints: [{ code: "cname_wrong", message: "clerk points elsewhere." }] });
    const done = await wizard.done;
    expect(done.code, done.stderr).toBe(1);
    expect(done.stderr).toMatch(/\n✗ DNS records \(\d+s\)\n/);
    expect(done.stderr).toContain("Clerk's check failed: clerk points elsewhere.");
    expect(done.stdout).toContain("Not ready. Next: The DNS check failed: clerk points elsewhere.");
  });
});
