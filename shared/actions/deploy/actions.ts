import { z } from "zod";
import { ClerkApiError } from "../../clerk/errors";
import { sleep } from "../../clerk/retry";
import {
  configPatchResult,
  type DomainStatus,
  domainStatus,
  instanceConfig,
  listOf,
  type PlatformDomain,
  platformApplication,
  platformDomain,
} from "../../clerk/schemas";
import { type ActionContext, type ChecklistItem, defineAction } from "../action";
import { requirePlatform, resolveApplicationId } from "../apps/platform";
import { ActionError } from "../errors";
import { apiPath, minute } from "../view";

const domainList = listOf(platformDomain);
const cnameTargets = z.array(z.looseObject({ host: z.string(), value: z.string(), required: z.boolean() }));

const domainReport = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(["complete", "incomplete"]),
  dns: z.string(),
  ssl: z.string(),
  mail: z.string(),
  /** The DNS records Clerk asks for, and whether its last check found them. */
  records: z.array(z.object({ host: z.string(), value: z.string(), required: z.boolean(), verified: z.boolean() })),
  /** Why the last DNS, SSL or mail check failed, as Clerk explains it. */
  failure_hints: z.array(z.string()),
  next_action: z.string().nullable(),
});
type DomainReport = z.infer<typeof domainReport>;

const oauthReport = z.object({ provider: z.string(), ready: z.boolean(), next_action: z.string().nullable() });

/** Where a deploy stands, in the official CLI's words (`state` of `clerk deploy status --json`). */
const deployState = z.enum(["not_started", "domain_provisioning", "domain_pending", "oauth_pending", "complete"]);
const checkState = z.enum(["complete", "pending"]);

/**
 * The official CLI's `deploy status --json` fields (camelCase, as it prints them) plus ours
 * (snake_case). Ours per-provider list is `oauth_providers`: the official `oauth` is a summary.
 */
const deployReport = z.object({
  application_id: z.string(),
  ready: z.boolean(),
  domains: z.array(domainReport),
  oauth_providers: z.array(oauthReport),
  next_action: z.string().nullable(),
  complete: z.boolean(),
  state: deployState,
  /** The production domain (the first that is not a satellite), null before there is one. */
  domain: z.string().nullable(),
  productionInstanceId: z.string().nullable(),
  domainStatus: z.object({ dns: checkState, ssl: checkState, mail: checkState }).nullable(),
  /** The CNAME records Clerk has not found yet, to create at the DNS provider. */
  pendingDnsRecords: z.array(z.object({ type: z.literal("CNAME"), host: z.string(), value: z.string() })),
  oauth: z.object({
    complete: z.boolean(),
    configured: z.array(z.string()),
    pending: z.array(z.string()),
    unsupported: z.array(z.string()),
  }),
  /** What an agent should do next (ask the person to run the wizard, wait, or nothing). */
  nextAction: z.string(),
});
export type DeployReport = z.infer<typeof deployReport>;

const hintList = z.array(z.object({ message: z.string() })).nullish();
const cnameChecks = z.record(
  z.string(),
  z.looseObject({ from: z.string().optional(), verified: z.boolean().optional(), failure_hints: hintList }),
);

/** The failure hints of the DNS records (per CNAME), SSL and mail checks. */
function failureHints(status: DomainStatus): string[] {
  const messages = (value: unknown) => (hintList.safeParse(value).data ?? []).map((hint) => hint.message);
  const cnames = Object.values(cnameChecks.safeParse(status.dns?.cnames).data ?? {});
  const hints = [
    ...cnames.flatMap((cname) => messages(cname.failure_hints)),
    ...messages(status.ssl?.failure_hints),
    ...messages(status.mail?.failure_hints),
  ];
  return [...new Set(hints)];
}

/** The CNAME records a domain needs, each marked verified when Clerk's last DNS check found it. */
function domainRecords(domain: PlatformDomain, status: DomainStatus) {
  const targets = cnameTargets.safeParse(domain.cname_targets).data ?? [];
  const checks = Object.values(cnameChecks.safeParse(status.dns?.cnames).data ?? {});
  return targets.map((target) => ({
    host: target.host,
    value: target.value,
    required: target.required,
    verified: checks.some((check) => check.from === target.host && check.verified === true),
  }));
}

/** Clerk's hint messages as one sentence list (they carry their own final periods); records failing alike say it once. */
const sentences = (hints: { message: string }[]) =>
  [...new Set(hints.map((h) => h.message.replace(/\.$/, "")))].join("; ");

/** What the person should do next for a domain, in the order Clerk's checks run: DNS, SSL, mail. */
function nextDomainAction(domain: PlatformDomain, status: DomainStatus): string | null {
  if (status.status === "complete") return null;
  const dns = status.dns?.status ?? "not_started";
  const dnsHints = Object.values(cnameChecks.safeParse(status.dns?.cnames).data ?? {}).flatMap(
    (cname) => cname.failure_hints ?? [],
  );
  const records = cnameTargets.safeParse(domain.cname_targets);
  const list = records.success
    ? records.data.map((r) => `${r.host} CNAME ${r.value}`).join("; ")
    : "the CNAME records Clerk lists";
  if (dns === "not_started")
    return `Add these DNS records at your DNS provider: ${list}. Then run \`clerk deploy check ${domain.name}\`.`;
  if (dns !== "complete" && dnsHints.length)
    return `The DNS check failed: ${sentences(dnsHints)}. Fix the records, then run \`clerk deploy check ${domain.name}\`.`;
  if (dns !== "complete")
    return "DNS records are being verified; this can take a few minutes after they are published.";
  const ssl = status.ssl?.status ?? "not_started";
  const hints = (status.ssl as { failure_hints?: { message: string }[] | null } | undefined)?.failure_hints ?? [];
  if (ssl === "failed")
    return `SSL issuance failed: ${sentences(hints) || "check the DNS records"}. Fix it, then run \`clerk deploy check ${domain.name}\`.`;
  if (ssl !== "complete") return "Clerk is issuing SSL certificates; this usually takes a few minutes.";
  if (status.mail?.status === "failed")
    return `Mail records (clkmail, clk._domainkey, clk2._domainkey) could not be verified; check them at your DNS provider, then run \`clerk deploy check ${domain.name}\`.`;
  if (status.mail && status.mail.status !== "complete")
    return "Mail records (clkmail, clk._domainkey, clk2._domainkey) are not verified yet; check them at your DNS provider.";
  return "Waiting for Clerk to finish the checks.";
}

/** Whether each of Clerk's checks is done (a check not required counts as done), as the official CLI sums them up. */
function checksDone(status: DomainStatus) {
  const done = (check: { status?: string; required?: boolean } | undefined) =>
    check !== undefined && (check.required === false || check.status === "complete");
  return { dns: status.dns?.status === "complete", ssl: done(status.ssl), mail: done(status.mail) };
}

interface DomainState {
  report: DomainReport;
  satellite: boolean;
  checks: ReturnType<typeof checksDone>;
}

async function domainStates(ctx: ActionContext, applicationId: string): Promise<DomainState[]> {
  const platform = requirePlatform(ctx);
  const base = apiPath("applications", applicationId, "domains");
  const { data } = (await platform.request({ method: "GET", path: base }, domainList)).body;
  // Development domains are Clerk's own and need no DNS setup: they carry no CNAME targets.
  const custom = data.filter((domain) => Array.isArray(domain.cname_targets));
  return Promise.all(
    custom.map(async (domain) => {
      const status = (
        await platform.request(
          { method: "GET", path: apiPath("applications", applicationId, "domains", domain.id, "status") },
          domainStatus,
        )
      ).body;
      const report = {
        id: domain.id,
        name: domain.name,
        status: status.status,
        dns: status.dns?.status ?? "unknown",
        ssl: status.ssl?.status ?? "unknown",
        mail: status.mail?.status ?? "n/a",
        records: domainRecords(domain, status),
        failure_hints: failureHints(status),
        next_action: nextDomainAction(domain, status),
      };
      return { report, satellite: domain.is_satellite === true, checks: checksDone(status) };
    }),
  );
}

const socialSection = z.record(
  z.string(),
  z.looseObject({ enabled: z.boolean().optional(), client_id: z.unknown(), client_secret: z.unknown() }),
);

/** Production instances need their own OAuth credentials for each enabled social provider. */
async function oauthReports(ctx: ActionContext, applicationId: string) {
  const config = (
    await requirePlatform(ctx).request(
      {
        method: "GET",
        path: apiPath("applications", applicationId, "instances", "production", "config"),
        query: { keys: ["social"] },
      },
      instanceConfig,
    )
  ).body;
  const social = socialSection.safeParse(config.social);
  if (!social.success) return [];
  const present = (value: unknown) => value !== null && value !== undefined && value !== "";
  return Object.entries(social.data)
    .filter(([, provider]) => provider.enabled)
    .map(([name, provider]) => {
      const ready = present(provider.client_id) && present(provider.client_secret);
      return {
        provider: name,
        ready,
        next_action: ready
          ? null
          : `Set your own ${name} OAuth client id and secret for production: clerk config patch with social.${name}.client_id / client_secret.`,
      };
    });
}

/** Mail's records (clkmail, clk._domainkey, clk2._domainkey) are checked by the mail check, the rest by DNS. */
const isMailRecord = (host: string) => ["clkmail", "clk", "clk2"].includes(host.split(".", 1)[0] as string);

function nextAgentAction(
  state: z.infer<typeof deployState>,
  primary: DomainState | undefined,
  pendingOAuth: string[],
): string {
  const domain = primary?.report.name ?? null;
  const checks = primary?.checks;
  switch (state) {
    case "not_started":
      return "There is no production instance yet. `clerk deploy` sets production up interactively and needs a person at a terminal: ask the user to run `clerk deploy`, then run `clerk deploy status` to verify.";
    case "domain_provisioning":
      return "The production instance has no domain yet. Ask the user to run `clerk deploy` to add one, then run `clerk deploy status`.";
    case "oauth_pending":
      return `The domain is verified, but these OAuth providers have no production credentials yet: ${pendingOAuth.join(", ")}. Ask the user to finish \`clerk deploy\`, then run \`clerk deploy status\`.`;
    case "complete":
      return `Production is deployed and verified at https://${domain}. No action needed.`;
    case "domain_pending": {
      const hints = primary?.report.failure_hints ?? [];
      if (hints.length) {
        return `Clerk's check of ${domain} failed: ${hints.join(" ")} Ask the user to fix this at their DNS provider, then run \`clerk deploy check ${domain}\` and \`clerk deploy status --wait\`.`;
      }
      const waiting = [
        checks?.dns ? null : "DNS (the records in pendingDnsRecords)",
        checks?.ssl ? null : "SSL",
        checks?.mail ? null : "email DNS",
      ].filter((part) => part !== null);
      return waiting.length === 0
        ? `Clerk is finishing the set-up of ${domain}. Run \`clerk deploy status\` again in a few minutes.`
        : `${waiting.join(", ")} still provisioning for ${domain}. Run \`clerk deploy status --wait\`, or again in a few minutes: DNS propagation can take time.`;
    }
  }
}

/** Where production stands: the domain's checks, the OAuth credentials, and what to do next. */
export async function deploySnapshot(ctx: ActionContext): Promise<DeployReport> {
  const applicationId = await resolveApplicationId(ctx);
  const application = (
    await requirePlatform(ctx).request(
      { method: "GET", path: apiPath("applications", applicationId) },
      platformApplication,
    )
  ).body;
  const production = application.instances.find((instance) => instance.environment_type === "production");
  const [states, oauth] = production
    ? await Promise.all([domainStates(ctx, applicationId), oauthReports(ctx, applicationId)])
    : [[], []];
  const domains = states.map((state) => state.report);
  const primary = states.find((state) => !state.satellite) ?? states[0];
  const verified = primary?.report.status === "complete";
  const configured = oauth.filter((o) => o.ready).map((o) => o.provider);
  const pending = oauth.filter((o) => !o.ready).map((o) => o.provider);
  const complete = verified && pending.length === 0;
  const state = !production
    ? "not_started"
    : !primary
      ? "domain_provisioning"
      : !verified
        ? "domain_pending"
        : pending.length
          ? "oauth_pending"
          : "complete";
  const next =
    domains.length === 0
      ? "Create the production instance with your domain: run `clerk deploy`."
      : (domains.find((d) => d.next_action)?.next_action ?? oauth.find((o) => o.next_action)?.next_action ?? null);
  return {
    application_id: applicationId,
    ready: domains.length > 0 && domains.every((d) => d.status === "complete") && pending.length === 0,
    domains,
    oauth_providers: oauth,
    next_action: next,
    complete,
    state,
    domain: primary?.report.name ?? null,
    productionInstanceId: production?.instance_id ?? null,
    domainStatus: primary
      ? {
          dns: primary.checks.dns ? "complete" : "pending",
          ssl: primary.checks.ssl ? "complete" : "pending",
          mail: primary.checks.mail ? "complete" : "pending",
        }
      : null,
    pendingDnsRecords:
      primary && !verified
        ? primary.report.records
            .filter((record) => !(isMailRecord(record.host) ? primary.checks.mail : primary.checks.dns))
            .map((record) => ({ type: "CNAME" as const, host: record.host, value: record.value }))
        : [],
    // As the official CLI: OAuth is not complete before there is a production domain to use it on.
    oauth: { complete: primary !== undefined && pending.length === 0, configured, pending, unsupported: [] },
    nextAction: nextAgentAction(state, primary, pending),
  };
}

/**
 * The primary domain's checks as a checklist, in the order Clerk runs them (DNS, SSL, email DNS);
 * a failure (Clerk's hints) belongs to the first check not done yet.
 */
export function domainChecklist(report: DeployReport): ChecklistItem[] {
  const domain = report.domains.find((d) => d.name === report.domain);
  const done = report.domainStatus;
  if (!domain || !done) return [];
  const steps = [
    { label: "DNS records", done: done.dns === "complete", status: domain.dns },
    { label: "SSL certificates", done: done.ssl === "complete", status: domain.ssl },
    { label: "Email DNS", done: done.mail === "complete", status: domain.mail },
  ];
  const current = steps.findIndex((step) => !step.done);
  return steps.map((step, index) => ({
    label: step.label,
    state: step.done
      ? "done"
      : step.status === "failed" || (index === current && domain.failure_hints.length > 0)
        ? "failed"
        : "pending",
  }));
}

/** Everything `deploy status --wait` waits for: the domain's checks, then each provider's OAuth credentials. */
export const deployChecklist = (report: DeployReport): ChecklistItem[] => [
  ...domainChecklist(report),
  ...report.oauth_providers.map((o) => ({
    label: `${o.provider} OAuth credentials`,
    state: o.ready ? ("done" as const) : ("pending" as const),
  })),
];

export const deployStatus = defineAction({
  id: "deploy.status",
  summary: "Show whether production is ready: domain DNS, SSL and mail checks, OAuth credentials",
  input: z.object({
    wait: z.boolean().default(false).describe("Keep checking until everything is complete (or --timeout)"),
    timeout: z.coerce.number().int().min(1).default(900).describe("Seconds to wait with --wait"),
    interval: z.coerce.number().min(0.1).default(5).describe("Seconds between checks with --wait"),
  }),
  description:
    "Prints the report and exits 0 only when production is ready (the domain verified, OAuth credentials set); " +
    "1 when something is still missing, as the official CLI does. --json carries the official CLI's fields " +
    "(complete, state, domain, productionInstanceId, domainStatus, pendingDnsRecords, oauth, nextAction) and ours " +
    "(domains with each record and Clerk's failure hints, oauth_providers, next_action).",
  examples: ["clerk deploy status", "clerk deploy status --wait --json"],
  api: "platform",
  mutates: false,
  output: deployReport,
  async run(ctx, input) {
    const deadline = ctx.now() + input.timeout * 1000;
    for (let waited = false; ; waited = true) {
      const current = await deploySnapshot(ctx);
      if (current.complete && waited) ctx.progress?.("Production is ready.", deployChecklist(current));
      if (!input.wait || current.complete) return current;
      if (ctx.now() >= deadline) {
        throw new ActionError(
          `Production is not ready after ${input.timeout} s: ${current.next_action ?? "checks still running"}`,
          "Run `clerk deploy status` later, or raise --timeout.",
          "deploy_timeout",
        );
      }
      ctx.progress?.(current.next_action ?? "Waiting for Clerk's checks…", deployChecklist(current));
      await sleep(input.interval * 1000, ctx.signal);
    }
  },
  // As the official CLI: exit 0 only when production is ready, so scripts can gate on it.
  exitCode: (r) => (r.complete ? 0 : 1),
  table: {
    rows: (r) => [
      ...r.domains.map((d) => ({
        check: `domain ${d.name}`,
        state: `${d.status} (dns ${d.dns}, ssl ${d.ssl}, mail ${d.mail})`,
        next: d.next_action ?? "",
      })),
      ...r.oauth_providers.map((o) => ({
        check: `oauth ${o.provider}`,
        state: o.ready ? "ready" : "missing credentials",
        next: o.next_action ?? "",
      })),
    ],
    columns: [
      { key: "check", header: "CHECK" },
      { key: "state", header: "STATE" },
      { key: "next", header: "NEXT" },
    ],
    footer: (r) => (r.complete ? "Production is ready." : `Not ready. Next: ${r.next_action ?? "wait for the checks"}`),
  },
});

const words = (status: string | undefined) => (status ?? "unknown").replace(/_/g, " ");

/** A check's failure hints as one line. */
const hintsOf = (check: unknown) =>
  (hintList.safeParse((check as { failure_hints?: unknown } | undefined)?.failure_hints).data ?? [])
    .map((hint) => hint.message)
    .join(" ");

/** A DNS check's answer for people: one row per check (and per DNS record), statuses in words. */
function checkRows(status: DomainStatus): Record<string, unknown>[] {
  const cnames = Object.values(cnameChecks.safeParse(status.dns?.cnames).data ?? {});
  const found = cnames.filter((cname) => cname.verified === true).length;
  const check = (name: string, value: { status?: string; required?: boolean } | undefined) =>
    value && {
      check: name,
      status: `${words(value.status)}${value.required === false ? " (not required)" : ""}`,
      detail: hintsOf(value),
    };
  return [
    {
      check: "DNS",
      status: words(status.dns?.status),
      detail: cnames.length ? `${found} of ${cnames.length} records found` : "",
    },
    ...cnames.map((cname) => ({
      check: `  ${cname.from ?? ""}`,
      status: cname.verified ? "found" : "not found",
      detail: [`CNAME ${String((cname as { to?: unknown }).to ?? "")}`, hintsOf(cname)].filter(Boolean).join(": "),
    })),
    check("SSL", status.ssl),
    check("Email DNS", status.mail),
    check("Proxy", status.proxy),
  ].filter((row) => row !== undefined);
}

export const deployCheck = defineAction({
  id: "deploy.check",
  summary: "Ask Clerk to check a domain's DNS records now",
  input: z.object({ domain: z.string().min(1).describe("Domain id or name") }),
  positionals: ["domain"],
  examples: ["clerk deploy check example.com"],
  api: "platform",
  mutates: true,
  output: domainStatus,
  async run(ctx, input) {
    const applicationId = await resolveApplicationId(ctx);
    return (
      await requirePlatform(ctx).request(
        {
          method: "POST",
          path: apiPath("applications", applicationId, "domains", input.domain, "dns_check"),
          idempotent: true,
        },
        domainStatus,
      )
    ).body;
  },
  table: {
    rows: checkRows,
    columns: [
      { key: "check", header: "CHECK" },
      { key: "status", header: "STATUS" },
      { key: "detail", header: "DETAIL" },
    ],
    footer: (status) => {
      const at = (status as { last_run_at?: unknown }).last_run_at;
      const when = typeof at === "number" ? `; check started ${minute(at)} UTC` : "";
      return `${status.status === "complete" ? "Verified" : "Not verified yet"}${when}. Follow it with \`clerk deploy status --wait\`.`;
    },
  },
});

/** Hosting providers' shared domains: production needs a domain of one's own. */
const PROVIDER_DOMAINS = [
  ".clerk.app",
  ".vercel.app",
  ".netlify.app",
  ".pages.dev",
  ".fly.dev",
  ".onrender.com",
  ".herokuapp.com",
];

export const productionDomain = z
  .string()
  .trim()
  .toLowerCase()
  .refine((name) => !/^https?:\/\//.test(name), "Give the bare domain, e.g. example.com (without https://)")
  .refine(
    (name) => /^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/.test(name),
    "Give a domain you own, e.g. example.com",
  )
  .refine(
    (name) => !PROVIDER_DOMAINS.some((suffix) => name.endsWith(suffix)),
    "That is a hosting provider's domain; production needs a domain you own (e.g. example.com)",
  );

const createdInstance = z.looseObject({
  id: z.string(),
  environment_type: z.literal("production"),
  active_domain: platformDomain.nullish(),
});

/** Step 1 of `clerk deploy`: the production instance, a copy of development's settings, on the domain given. */
export const deployCreate = defineAction({
  id: "deploy.create",
  summary: "Create the production instance on your domain, with development's settings",
  input: z.object({ domain: productionDomain.describe("Your production domain, e.g. example.com") }),
  description:
    "Clones the development instance's settings into a new production instance whose primary domain is --domain. " +
    "Then add the DNS records `clerk deploy status` lists, and set the social providers' own OAuth credentials.",
  examples: ["clerk deploy create --domain example.com"],
  api: "platform",
  mutates: true,
  output: createdInstance,
  secretFields: ["secret_key"],
  howToCheck: () => "clerk deploy status",
  async run(ctx, input) {
    const applicationId = await resolveApplicationId(ctx);
    const platform = requirePlatform(ctx);
    const application = (
      await platform.request({ method: "GET", path: apiPath("applications", applicationId) }, platformApplication)
    ).body;
    const development = application.instances.find((instance) => instance.environment_type === "development");
    return (
      await platform.request(
        {
          method: "POST",
          path: apiPath("applications", applicationId, "instances"),
          body: {
            domain: input.domain,
            environment_type: "production",
            ...(development ? { clone_instance_id: development.instance_id } : {}),
          },
        },
        createdInstance,
      )
    ).body;
  },
});

/** Step 2 of `clerk deploy`: a social provider's own OAuth app on production (development shares Clerk's). */
export const deployOAuth = defineAction({
  id: "deploy.oauth",
  summary: "Set a social provider's own OAuth client id and secret on production",
  input: z.object({
    provider: z.string().min(1).describe("Social provider, e.g. google, github"),
    client_id: z.string().min(1).describe("The OAuth app's client id"),
    client_secret: z.string().min(1).describe("The OAuth app's client secret"),
  }),
  positionals: ["provider"],
  examples: ['clerk deploy oauth google --client-id 1234.apps.googleusercontent.com --client-secret "$GOOGLE_SECRET"'],
  api: "platform",
  mutates: true,
  output: z.object({ provider: z.string(), ready: z.boolean() }),
  async run(ctx, input) {
    const applicationId = await resolveApplicationId(ctx);
    await requirePlatform(ctx).request(
      {
        method: "PATCH",
        path: apiPath("applications", applicationId, "instances", "production", "config"),
        body: {
          social: {
            [input.provider]: { enabled: true, client_id: input.client_id, client_secret: input.client_secret },
          },
        },
        idempotent: true,
      },
      configPatchResult,
    );
    return { provider: input.provider, ready: true };
  },
});

/** Starts Clerk's DNS check; one already running is as good (Clerk runs one at a time). */
export async function startDnsCheck(ctx: ActionContext, domain: string): Promise<void> {
  try {
    await deployCheck.run(ctx, { domain });
  } catch (error) {
    if (!(error instanceof ClerkApiError && error.status === 409)) throw error;
  }
}

export const deployActions = [deployStatus, deployCheck, deployCreate, deployOAuth];
