import { z } from "zod";
import { sleep } from "../clerk/retry";
import {
  type DomainStatus,
  domainStatus,
  instanceConfig,
  listOf,
  type PlatformDomain,
  platformDomain,
} from "../clerk/schemas";
import { type ActionContext, defineAction } from "./action";
import { ActionError } from "./errors";
import { requirePlatform, resolveApplicationId } from "./platform";
import { apiPath } from "./view";

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

const deployReport = z.object({
  application_id: z.string(),
  ready: z.boolean(),
  domains: z.array(domainReport),
  oauth: z.array(oauthReport),
  next_action: z.string().nullable(),
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

async function domainReports(ctx: ActionContext, applicationId: string): Promise<DomainReport[]> {
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
      return {
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

async function report(ctx: ActionContext): Promise<DeployReport> {
  const applicationId = await resolveApplicationId(ctx);
  const [domains, oauth] = await Promise.all([domainReports(ctx, applicationId), oauthReports(ctx, applicationId)]);
  const next =
    domains.length === 0
      ? "Add your production domain to the application (Platform API: POST /v1/platform/applications/{id}/domains)."
      : (domains.find((d) => d.next_action)?.next_action ?? oauth.find((o) => o.next_action)?.next_action ?? null);
  return {
    application_id: applicationId,
    ready: domains.length > 0 && domains.every((d) => d.status === "complete") && oauth.every((o) => o.ready),
    domains,
    oauth,
    next_action: next,
  };
}

export const deployStatus = defineAction({
  id: "deploy.status",
  summary: "Show whether production is ready: domain DNS, SSL and mail checks, OAuth credentials",
  input: z.object({
    wait: z.boolean().default(false).describe("Keep checking until everything is complete (or --timeout)"),
    timeout: z.coerce.number().int().min(1).default(900).describe("Seconds to wait with --wait"),
    interval: z.coerce.number().min(0.1).default(5).describe("Seconds between checks with --wait"),
  }),
  description:
    "Prints the report and exits 0 only when production is ready (every domain complete, OAuth credentials " +
    "set); 1 when something is still missing, as the official CLI does.",
  examples: ["clerk deploy status", "clerk deploy status --wait --json"],
  api: "platform",
  mutates: false,
  output: deployReport,
  async run(ctx, input) {
    const deadline = ctx.now() + input.timeout * 1000;
    for (;;) {
      const current = await report(ctx);
      if (!input.wait || current.ready) return current;
      if (ctx.now() >= deadline) {
        throw new ActionError(
          `Production is not ready after ${input.timeout} s: ${current.next_action ?? "checks still running"}`,
          "Run `clerk deploy status` later, or raise --timeout.",
          "deploy_timeout",
        );
      }
      ctx.progress?.(current.next_action ?? "Waiting for Clerk's checks…");
      await sleep(input.interval * 1000, ctx.signal);
    }
  },
  // As the official CLI: exit 0 only when production is ready, so scripts can gate on it.
  exitCode: (r) => (r.ready ? 0 : 1),
  table: {
    rows: (r) => [
      ...r.domains.map((d) => ({
        check: `domain ${d.name}`,
        state: `${d.status} (dns ${d.dns}, ssl ${d.ssl}, mail ${d.mail})`,
        next: d.next_action ?? "",
      })),
      ...r.oauth.map((o) => ({
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
    footer: (r) => (r.ready ? "Production is ready." : `Not ready. Next: ${r.next_action ?? "wait for the checks"}`),
  },
});

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
});

export const deployActions = [deployStatus, deployCheck];
