import { createInterface } from "node:readline/promises";
import { z } from "zod";
import type { ActionContext } from "../../shared/actions/action";
import {
  type DeployReport,
  deployCreate,
  deployOAuth,
  deploySnapshot,
  deployStatus,
  domainChecklist,
  productionDomain,
  startDnsCheck,
} from "../../shared/actions/deploy/actions";
import { ActionError } from "../../shared/actions/errors";
import { sleep } from "../../shared/clerk/retry";
import { defineCommand } from "../command";
import { confirmOrCancel, interactive } from "../confirm";
import { createActionContext } from "../context";
import { UsageError } from "../errors";
import type { GlobalOptions } from "../globals";
import { explicitMode } from "../mode";
import { colorsFor, printResult } from "../output";
import { promptSecret } from "../prompt-secret";
import { abortSignal } from "../shutdown";
import { startProgress } from "../spinner";

/** The wizard talks on stderr; stdout carries only the result (the report), so `--json` stays parseable. */
const say = (text = "") => process.stderr.write(`${text}\n`);

/** The environment variable holding a provider's client secret for scripts (never a flag: argv is visible). */
export const secretVariable = (provider: string) =>
  `CLERK_OAUTH_${provider.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_SECRET`;

async function ask(question: string): Promise<string> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await prompt.question(question)).trim();
  } finally {
    prompt.close();
  }
}

/** `--oauth google:CLIENT_ID` → provider → client id. */
function oauthFlags(values: readonly string[]): Map<string, string> {
  const given = new Map<string, string>();
  for (const value of values) {
    const at = value.indexOf(":");
    if (at <= 0 || at === value.length - 1) {
      throw new UsageError(
        `--oauth takes provider:CLIENT_ID, not "${value}"`,
        `For example --oauth google:1234.apps.googleusercontent.com, with the secret in ${secretVariable("google")}.`,
      );
    }
    given.set(value.slice(0, at).toLowerCase(), value.slice(at + 1));
  }
  return given;
}

async function askDomain(): Promise<string> {
  for (;;) {
    const parsed = productionDomain.safeParse(await ask("Production domain (e.g. example.com): "));
    if (parsed.success) return parsed.data;
    say(parsed.error.issues[0]?.message);
  }
}

function showChecklist(report: DeployReport): void {
  const c = colorsFor(process.stderr);
  const box = (done: boolean) => (done ? c.green("[x]") : "[ ]");
  const checks = report.domainStatus;
  say(`Production for ${report.application_id}:`);
  say(`  ${box(report.productionInstanceId !== null)} Production instance`);
  say(`  ${box(report.domain !== null)} Domain${report.domain ? ` ${report.domain}` : ""}`);
  for (const provider of [...report.oauth.configured, ...report.oauth.pending]) {
    say(`  ${box(report.oauth.configured.includes(provider))} ${provider} OAuth credentials`);
  }
  say(`  ${box(checks?.dns === "complete")} DNS records`);
  say(`  ${box(checks?.ssl === "complete")} SSL certificates`);
  say(`  ${box(checks?.mail === "complete")} Email DNS`);
  say();
}

/** The records to create, one per line, ready to copy. */
function showRecords(report: DeployReport): void {
  if (report.pendingDnsRecords.length === 0) return;
  const width = Math.max(...report.pendingDnsRecords.map((record) => record.host.length));
  say(`Add these DNS records at your DNS provider (set them to "DNS only" if it proxies):`);
  for (const record of report.pendingDnsRecords) say(`  ${record.host.padEnd(width)}  CNAME  ${record.value}`);
  say();
}

/** Takes the client id and secret for each provider still using Clerk's development credentials. */
async function takeCredentials(ctx: ActionContext, report: DeployReport, given: Map<string, string>) {
  const providers = [...new Set([...report.oauth.pending, ...given.keys()])];
  for (const provider of providers) {
    let clientId = given.get(provider);
    if (clientId === undefined) {
      if (!interactive()) continue;
      say(`${provider}: production needs your own OAuth app (development uses Clerk's shared one).`);
      say(`  Redirect URI for it: https://clerk.${report.domain}/v1/oauth_callback`);
      clientId = await ask(`${provider} client id (empty to skip for now): `);
      if (!clientId) continue;
    }
    const clientSecret =
      process.env[secretVariable(provider)] || (await promptSecret(`${provider} client secret (not shown): `));
    if (!clientSecret) {
      throw new UsageError(
        `No client secret for ${provider}`,
        `Set ${secretVariable(provider)} in the environment (or run \`clerk deploy\` in a terminal to be asked).`,
      );
    }
    await deployOAuth.run(ctx, { provider, client_id: clientId, client_secret: clientSecret });
    say(`Saved ${provider}'s production OAuth credentials.`);
  }
}

/** Polls until the domain is verified, a check fails, or the timeout; a live checklist with its clock meanwhile. */
async function waitForDomain(ctx: ActionContext, first: DeployReport, timeout: number, interval: number) {
  const deadline = Date.now() + timeout * 1000;
  let report = first;
  const progress = startProgress("Waiting for Clerk's checks…", { elapsed: true });
  try {
    for (;;) {
      progress.update(`Waiting for Clerk's checks on ${report.domain}…`, domainChecklist(report));
      const domain = report.domains.find((d) => d.name === report.domain);
      if (report.domainStatus && Object.values(report.domainStatus).every((s) => s === "complete")) return report;
      if (domain?.failure_hints.length) {
        progress.stop();
        say(`Clerk's check failed: ${domain.failure_hints.join(" ")}`);
        return report;
      }
      if (Date.now() >= deadline) {
        throw new ActionError(
          `${report.domain} is not verified after ${timeout} s: ${domain?.next_action ?? "checks still running"}`,
          "Run `clerk deploy` again later (it resumes), or `clerk deploy status --wait`.",
          "deploy_timeout",
        );
      }
      await sleep(interval * 1000, ctx.signal);
      report = await deploySnapshot(ctx);
    }
  } finally {
    progress.stop();
  }
}

/** Whether to wait for the checks now: `--wait`, or the person's answer; scripts without `--wait` move on. */
async function waitNow(wait: boolean): Promise<boolean> {
  if (wait || !interactive()) return wait;
  const answer = await ask("Wait for DNS, SSL and email DNS to verify now? [Y/n] ");
  return !/^n/i.test(answer);
}

async function runWizard(ctx: ActionContext, input: WizardInput, globals: GlobalOptions): Promise<DeployReport> {
  const given = oauthFlags(input.oauth ?? []);
  let report = await deploySnapshot(ctx);
  showChecklist(report);
  if (report.state === "not_started") {
    say("This creates a production instance with your development instance's settings, on a domain you own.");
    say("You will need to add DNS records on that domain, and your own OAuth apps for the social providers.");
    say();
    const domain =
      input.domain ??
      (interactive()
        ? await askDomain()
        : (() => {
            throw new UsageError(
              "clerk deploy needs the production domain",
              "Pass --domain example.com (a domain you own).",
            );
          })());
    if (!(await confirmOrCancel(`Create the production instance for ${domain}?`, globals))) return report;
    const progress = startProgress("Creating the production instance…");
    try {
      await deployCreate.run(ctx, { domain });
    } finally {
      progress.stop();
    }
    say(`Created the production instance for ${domain}.`);
    report = await deploySnapshot(ctx);
  } else if (input.domain && input.domain !== report.domain) {
    say(`Production already uses ${report.domain}; --domain ${input.domain} is ignored (see \`clerk domains\`).`);
  }
  if (report.domain === null) {
    say("The production instance has no domain yet; add one with `clerk domains add`, then run `clerk deploy` again.");
    return report;
  }
  showRecords(report);
  await takeCredentials(ctx, report, given);
  if (report.domainStatus && !Object.values(report.domainStatus).every((s) => s === "complete")) {
    await startDnsCheck(ctx, report.domain);
    if (await waitNow(input.wait)) {
      report = await waitForDomain(ctx, await deploySnapshot(ctx), input.timeout, input.interval);
    } else {
      say("Skipping the wait: DNS propagation can take hours. Run `clerk deploy` again to resume.");
    }
  }
  return deploySnapshot(ctx);
}

const wizardInput = z.object({
  domain: productionDomain.optional().describe("Your production domain, e.g. example.com (asked when missing)"),
  oauth: z
    .array(z.string())
    .optional()
    .describe(
      "A social provider's production client id, as provider:CLIENT_ID; the secret is read from CLERK_OAUTH_<PROVIDER>_SECRET or asked",
    ),
  wait: z.boolean().default(false).describe("Wait for the DNS, SSL and email DNS checks (without it, a terminal asks)"),
  timeout: z.coerce.number().int().min(1).default(900).describe("Seconds to wait with --wait"),
  interval: z.coerce.number().min(0.1).default(5).describe("Seconds between checks while waiting"),
});
type WizardInput = z.infer<typeof wizardInput>;

export const deployCommand = defineCommand({
  id: "deploy",
  summary: "Take the application to production: instance, domain, DNS records, OAuth credentials",
  description:
    "On a terminal, a wizard: creates the production instance (with development's settings) on your domain, " +
    "shows the DNS records to create, takes the social providers' production OAuth credentials (secrets are " +
    "never echoed), waits for DNS, SSL and email DNS with a live checklist, then shows what remains. Scripts " +
    "pass --yes with --domain and --oauth provider:CLIENT_ID (secret in CLERK_OAUTH_<PROVIDER>_SECRET); with " +
    "--wait it exits as `deploy status` does (0 only when complete). In agent " +
    "mode, or off a terminal without --yes, it changes nothing: it prints the deploy status as JSON with " +
    "`nextAction` (what the agent should do: ask the person to run `clerk deploy`, wait, or nothing) and exits 0.",
  input: wizardInput,
  examples: [
    "clerk deploy",
    "clerk deploy --mode agent",
    "CLERK_OAUTH_GOOGLE_SECRET=… clerk deploy --domain example.com --oauth google:1234.apps.googleusercontent.com --yes --wait",
  ],
  async run(input, globals) {
    if (globals.dryRun) {
      throw new UsageError(
        "clerk deploy has no --dry-run",
        "`clerk deploy --mode agent` shows where the deploy stands and changes nothing.",
      );
    }
    const ctx = await createActionContext(globals, { signal: abortSignal(), dryRun: false });
    // Agent mode asked for (--mode agent, CLERK_MODE=agent): the official CLI's read-only handoff.
    // Off a terminal otherwise (auto-detected agent mode), `--yes` with flags runs the wizard as a script.
    const agent = explicitMode() === "agent";
    if (agent || (!interactive() && !globals.yes)) {
      // The read-only handoff: never prompts, never changes anything, exits 0 whatever the state.
      if (!agent) {
        say("Not a terminal: printing where the deploy stands. Run `clerk deploy` in a terminal, or pass --yes");
        say("with --domain and --oauth to run it from a script.");
      }
      await printResult(await deploySnapshot(ctx), globals.output === "yaml" ? "yaml" : "json");
      return;
    }
    const report = await runWizard(ctx, input, globals);
    say();
    await printResult(report, globals.output, deployStatus.table);
    // Waited for: exit as `deploy status` does (0 only when complete), so a script can gate on it.
    if (input.wait && !report.complete) process.exitCode = 1;
  },
});
