import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import type { InstanceRecord } from "../../tenancy/instances";
import { cnameTargets } from "./hosts";
import { type DomainRow, domainById } from "./store";

/**
 * The sandbox never resolves DNS: a production domain's setup is a deterministic state machine
 * that tests drive with `POST …/dns_check` and the `POST /__sandbox/domains/{domain}/advance`
 * control.
 *
 *   dns_pending ─dns_check→ dns_checking ─advance→ ssl_issuing ─advance→ mail_verifying ─advance→ complete
 *
 * | stage          | dns         | ssl         | mail        | status     |
 * | dns_pending    | not_started | not_started | not_started | incomplete |
 * | dns_checking   | in_progress | not_started | not_started | incomplete |
 * | ssl_issuing    | complete    | in_process  | not_started | incomplete |
 * | mail_verifying | complete    | complete    | in_process  | incomplete |
 * | complete       | complete    | complete    | complete    | complete   |
 *
 * `advance` with `fail: true` fails the current step instead of completing it: its records
 * carry `failure_hints` (CNAMEs stay unverified; ssl or mail turn `failed`) and the domain stays
 * put until a new `dns_check` clears the failure and retries that step. A DNS check already in
 * flight (dns_checking, not failed) refuses another with 409, as Clerk runs one at a time.
 * Renaming a domain starts over at dns_pending. Development domains need no DNS and are always
 * complete.
 */
export const DOMAIN_STAGES = ["dns_pending", "dns_checking", "ssl_issuing", "mail_verifying", "complete"] as const;
export type DomainStage = (typeof DOMAIN_STAGES)[number];

type Step = "dns" | "ssl" | "mail";
const STEP_OF_STAGE: Partial<Record<DomainStage, Step>> = {
  dns_checking: "dns",
  ssl_issuing: "ssl",
  mail_verifying: "mail",
};

export interface FailureHint {
  code: string;
  message: string;
}

interface DomainFailure {
  step: Step;
  /** Hints given by the test; otherwise each failed record explains itself. */
  hints: FailureHint[] | null;
}

function stageIndex(row: DomainRow): number {
  return DOMAIN_STAGES.indexOf(row.stage as DomainStage);
}

function failureOf(row: DomainRow): DomainFailure | null {
  return row.failure ? (JSON.parse(row.failure) as DomainFailure) : null;
}

/** The provisioning status in Clerk's `PlatformDomainStatusResponse` shape. */
export function domainStatus(row: DomainRow, instance: InstanceRecord) {
  const production = instance.environment_type === "production";
  const at = stageIndex(row);
  const reached = (stage: DomainStage) => at >= DOMAIN_STAGES.indexOf(stage);
  const failure = failureOf(row);
  const failedAt = (step: Step) => (failure?.step === step ? failure : null);
  const stepStatus = (step: Step, running: DomainStage, done: DomainStage) => {
    if (reached(done)) return "complete";
    if (!reached(running)) return "not_started";
    return failedAt(step) ? "failed" : "in_process";
  };

  const targets = production ? cnameTargets(row) : [];
  const dnsFailure = failedAt("dns");
  const cnames = Object.fromEntries(
    targets.map((target) => [
      target.subdomain,
      {
        actual: reached("ssl_issuing") ? [target.value] : [],
        clerk_subdomain: target.subdomain,
        from: target.host,
        to: target.value,
        verified: reached("ssl_issuing"),
        required: target.required,
        failure_hints:
          dnsFailure && target.required
            ? (dnsFailure.hints ?? [
                {
                  code: "cname_not_found",
                  message: `No CNAME record for ${target.host} points to ${target.value}.`,
                },
              ])
            : null,
      },
    ]),
  );
  const dnsStatus = reached("ssl_issuing") ? "complete" : reached("dns_checking") ? "in_progress" : "not_started";

  const sslFailure = failedAt("ssl");
  const ssl = {
    status: stepStatus("ssl", "ssl_issuing", "mail_verifying"),
    required: production,
    failure_hints: sslFailure
      ? (sslFailure.hints ?? [
          {
            code: "certificate_issuance_failed",
            message: `The certificate for ${row.name} could not be issued; check for CAA records that exclude Clerk's certificate authorities.`,
          },
        ])
      : null,
  };
  const sslHosts = targets
    .filter((target) => target.subdomain === "clerk" || target.subdomain === "accounts")
    .map((target) => [target.host, { ...ssl }]);

  const mailFailure = failedAt("mail");
  const mailRequired = production && !row.is_satellite;
  return {
    dns: { status: dnsStatus, cnames },
    ssl,
    ssl_hosts: Object.fromEntries(sslHosts),
    mail: {
      status: mailRequired ? stepStatus("mail", "mail_verifying", "complete") : "complete",
      required: mailRequired,
      failure_hints: mailFailure
        ? (mailFailure.hints ?? [
            { code: "mail_records_unverified", message: `The mail records of ${row.name} could not be verified.` },
          ])
        : null,
    },
    ...(row.proxy_url ? { proxy: { status: dnsStatus, required: true } } : {}),
    status: reached("complete") ? "complete" : "incomplete",
  };
}

function setStage(sb: SandboxContext, row: DomainRow, stage: string, failure: DomainFailure | null): DomainRow {
  sb.stmt("UPDATE domains SET stage = ?, failure = ?, updated_at = ? WHERE id = ?").run(
    stage,
    failure ? JSON.stringify(failure) : null,
    sb.clock.now(),
    row.id,
  );
  return domainById(sb, row.id);
}

/** `POST …/dns_check`: starts (or retries) the DNS check; one at a time. */
export function triggerDnsCheck(sb: SandboxContext, row: DomainRow): DomainRow {
  if (row.stage === "dns_checking" && row.failure === null) {
    throw errors.conflict(
      "conflict",
      "DNS check already in progress",
      "A DNS check is already running for this domain. Wait for it to finish before triggering another.",
    );
  }
  const now = sb.clock.now();
  sb.stmt("UPDATE domains SET stage = ?, failure = NULL, last_dns_check_at = ?, updated_at = ? WHERE id = ?").run(
    row.stage === "dns_pending" ? "dns_checking" : row.stage,
    now,
    now,
    row.id,
  );
  return domainById(sb, row.id);
}

/** The test control: completes the current step, or fails it with `failure_hints`. */
export function advanceDomain(
  sb: SandboxContext,
  row: DomainRow,
  instance: InstanceRecord,
  fail: { hints: FailureHint[] | null } | null,
): DomainRow {
  if (instance.environment_type !== "production") {
    throw errors.badRequest(
      "domain_needs_no_setup",
      "nothing to advance",
      "Development domains need no DNS setup; they are always complete.",
    );
  }
  const step = STEP_OF_STAGE[row.stage as DomainStage];
  if (row.stage === "dns_pending") {
    throw errors.conflict(
      "dns_check_required",
      "no DNS check yet",
      "Trigger a DNS check (POST …/dns_check) before advancing the domain.",
    );
  }
  if (!step) throw errors.conflict("domain_complete", "domain complete", "The domain's setup is already complete.");
  if (row.failure) {
    throw errors.conflict(
      "domain_failed",
      "domain setup failed",
      "The domain's current step failed; trigger a DNS check (POST …/dns_check) to retry it.",
    );
  }
  if (fail) return setStage(sb, row, row.stage, { step, hints: fail.hints });
  return setStage(sb, row, DOMAIN_STAGES[stageIndex(row) + 1] as DomainStage, null);
}
