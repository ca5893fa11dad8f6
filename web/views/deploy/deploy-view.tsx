import { useEffect, useState } from "preact/hooks";
import type { ActionOutput } from "../../../shared/actions/types";
import { callAction } from "../../api";
import { CliCommand } from "../../components/cli-command";
import { CopyButton, CopyId } from "../../components/copy";
import { usePanelInfo } from "../../components/header";
import { JsonView } from "../../components/json-view";
import { useRunAction } from "../../components/run-action";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { toast } from "../../components/toasts";
import { useQuery } from "../../query";
import { setQueryParam, useLocation } from "../../router";
import { CreateProduction, DeploySteps, OAuthForm, STATUS_KEY } from "./deploy-steps";
import "./deploy.css";

/** What `clerk deploy status` reports, and one domain of it. */
type DeployReport = ActionOutput<"deploy.status">;
type DomainReport = DeployReport["domains"][number];

const POLL_MS = 2000;

const STATE_LABELS: Record<string, string> = {
  not_started: "not started",
  in_progress: "in progress",
  in_process: "in progress",
  complete: "complete",
  failed: "failed",
  unknown: "unknown",
  "n/a": "not needed",
};
const stateLabel = (state: string) => STATE_LABELS[state] ?? state.replace(/_/g, " ");
const running = (state: string) => state === "in_progress" || state === "in_process";

/** A check is under way (and not failed): its result will change without anyone doing anything. */
const checking = (domain: DomainReport) =>
  domain.status !== "complete" &&
  (domain.failure_hints ?? []).length === 0 &&
  [domain.dns, domain.ssl, domain.mail].some(running);

/** Renders `code` spans of Clerk's advice (`clerk deploy check …`) as code. */
function Advice({ text }: { text: string }) {
  return <>{text.split("`").map((part, i) => (i % 2 ? <code key={i}>{part}</code> : <span key={i}>{part}</span>))}</>;
}

/**
 * What to do next for a domain. Before any DNS check Clerk's advice lists every record in
 * prose; the table below shows them, so the advice points at it instead.
 */
function domainAdvice(domain: DomainReport): string | null {
  const records = domain.records ?? [];
  if (domain.dns === "not_started" && records.length > 0) {
    return `Add the ${records.length} CNAME records listed for ${domain.name} at your DNS provider, then check DNS (\`clerk deploy check ${domain.name}\`).`;
  }
  return domain.next_action;
}

/** The report's next step, in the panel's words: its form, or the domain card's advice. */
function summaryAdvice(report: DeployReport): string | null {
  if (report.state === "not_started") {
    return "Create the production instance on your domain (the form below), or run `clerk deploy`.";
  }
  const lead = report.domains.find((domain) => domain.next_action && domain.next_action === report.next_action);
  if (lead) return domainAdvice(lead);
  const [provider] = report.oauth.pending;
  if (provider && report.oauth_providers.some((o) => o.next_action === report.next_action)) {
    return `Set your own ${report.oauth.pending.join(", ")} OAuth client id and secret for production in the form below (\`clerk deploy oauth ${provider}\`).`;
  }
  return report.next_action;
}

/** `0:07`, `2:15`: how long the checks have been running. */
const elapsedText = (ms: number) => {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
};

/** When the running checks started (null when none runs), and the time now, ticking every second meanwhile. */
function useElapsed(running: boolean): { since: number | null; now: number; start(): void } {
  const [since, setSince] = useState<number | null>(null);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (running) setSince((start) => start ?? Date.now());
    else setSince(null);
  }, [running]);
  useEffect(() => {
    if (since === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);
  return { since, now: Math.max(now, since ?? 0), start: () => setSince((start) => start ?? Date.now()) };
}

function Dot({ state }: { state: string }) {
  return <span class={`status-dot status-${state}`} aria-hidden="true" />;
}

export function DeployView() {
  const { query } = useLocation();
  const auto = query.get("auto") === "1";
  const { data: info } = usePanelInfo();
  const [watching, setWatching] = useState(false);
  const status = useQuery({
    queryKey: STATUS_KEY,
    queryFn: ({ signal }) => callAction("deploy.status", {}, { signal }),
  });
  const report = status.data;
  const allComplete = report ? report.domains.every((domain) => domain.status === "complete") : false;
  const inFlight = report ? report.domains.some(checking) : false;
  const polling = Boolean(report) && ((auto && !report?.ready) || ((watching || inFlight) && !allComplete));
  const elapsed = useElapsed((watching || inFlight) && !allComplete);

  // Live updates: ask again every 2 s while a check runs (or with auto-refresh); stop when complete.
  useEffect(() => {
    if (!polling) return;
    const timer = setInterval(() => void status.refetch({ cancelRefetch: false }), POLL_MS);
    return () => clearInterval(timer);
  }, [polling]);

  useEffect(() => {
    if (watching && allComplete) {
      setWatching(false);
      toast.success("Every domain is verified: DNS, SSL and mail are complete.");
    }
  }, [watching, allComplete]);

  const checkedAt = status.dataUpdatedAt ? new Date(status.dataUpdatedAt).toLocaleTimeString() : null;

  return (
    <section class="deploy-view">
      <div class="page-header">
        <h1>Deploy</h1>
        <span class="muted">
          Production readiness{info?.application ? ` of ${info.application.name}` : ""}: domains, certificates, mail and
          OAuth credentials
        </span>
      </div>

      <div class="toolbar deploy-toolbar">
        <button type="button" disabled={status.isFetching} onClick={() => void status.refetch()}>
          {status.isFetching ? "Refreshing…" : "Refresh"}
        </button>
        <label class="inline">
          <input
            type="checkbox"
            data-testid="deploy-auto-refresh"
            checked={auto}
            onChange={(event) => setQueryParam("auto", (event.target as HTMLInputElement).checked ? "1" : undefined)}
          />
          Auto-refresh every {POLL_MS / 1000} s
        </label>
        <span class="deploy-live" aria-live="polite" data-testid="deploy-live">
          {polling ? (
            <>
              <span class="deploy-pulse" aria-hidden="true" /> Live: checking every {POLL_MS / 1000} s
              {elapsed.since !== null && (
                <span class="muted" data-testid="deploy-elapsed">
                  {" "}
                  · {elapsedText(elapsed.now - elapsed.since)} elapsed
                </span>
              )}
            </>
          ) : null}
        </span>
        <span class="header-spacer" />
        {checkedAt && (
          <span class="muted" data-testid="deploy-checked-at">
            Last checked at {checkedAt}
          </span>
        )}
      </div>
      <CliCommand action="deploy.status" input={{}} />

      {status.error && !report ? (
        <ErrorState error={status.error} retry={() => void status.refetch()} />
      ) : !report ? (
        <div class="card">
          <Skeleton lines={6} />
        </div>
      ) : (
        <>
          <div
            class={`deploy-summary ${report.ready ? "deploy-summary-ready" : "deploy-summary-pending"}`}
            data-testid="deploy-ready"
            data-ready={String(report.ready)}
          >
            <strong>{report.ready ? "✓ Production is ready." : "Production is not ready yet."}</strong>
            {report.next_action && (
              <span data-testid="deploy-next">
                <span class="muted">Next: </span>
                <Advice text={summaryAdvice(report) ?? ""} />
              </span>
            )}
          </div>
          <DeploySteps report={report} />
          {status.error && <ErrorState error={status.error} retry={() => void status.refetch()} />}

          {report.state === "not_started" ? (
            <CreateProduction />
          ) : (
            <>
              <h2 class="deploy-section-title">Domains</h2>
              {report.domains.length === 0 ? (
                <EmptyState title="No production domain yet">
                  The production instance has no domain: add one with <code>clerk domains add</code>; its DNS records
                  will show here.
                </EmptyState>
              ) : (
                report.domains.map((domain) => (
                  <DomainCard
                    key={domain.id}
                    domain={domain}
                    onChecked={() => {
                      elapsed.start();
                      setWatching(true);
                    }}
                  />
                ))
              )}
            </>
          )}

          {report.state !== "not_started" && (
            <section class="card" aria-labelledby="deploy-oauth-title">
              <h2 id="deploy-oauth-title">OAuth credentials</h2>
              {report.oauth_providers.length === 0 ? (
                <p class="muted">No social connection is enabled on production: nothing to set up.</p>
              ) : (
                <ul class="deploy-oauth">
                  {report.oauth_providers.map((provider) => (
                    <li key={provider.provider} data-testid="deploy-oauth" data-provider={provider.provider}>
                      <span class="deploy-oauth-name">
                        <Dot state={provider.ready ? "complete" : "pending"} />
                        <strong>{provider.provider}</strong>
                        <span class={provider.ready ? "badge badge-success" : "badge badge-danger"}>
                          {provider.ready ? "ready" : "credentials missing"}
                        </span>
                      </span>
                      {!provider.ready && <OAuthForm provider={provider.provider} />}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          )}

          <JsonView
            value={report}
            label="Status as JSON (as --json)"
            command={{ action: "deploy.status", input: {} }}
          />
        </>
      )}
    </section>
  );
}

function DomainCard({ domain, onChecked }: { domain: DomainReport; onChecked(): void }) {
  const check = useRunAction("deploy.check", {
    success: () => `DNS check started for ${domain.name}`,
    invalidate: [STATUS_KEY],
    onSuccess: onChecked,
  });
  const hints = domain.failure_hints ?? [];
  const records = domain.records ?? [];
  const complete = domain.status === "complete";
  const inFlight = checking(domain) && domain.dns !== "complete";
  return (
    <article
      class={`card deploy-domain${hints.length ? " deploy-domain-failed" : ""}`}
      data-testid="deploy-domain"
      data-domain={domain.name}
      data-status={domain.status}
      aria-labelledby={`domain-${domain.id}`}
    >
      <div class="deploy-domain-head">
        <h3 id={`domain-${domain.id}`} class="deploy-domain-name">
          {domain.name}
        </h3>
        <span
          class={`badge ${complete ? "badge-success" : hints.length ? "badge-danger" : "badge-muted"}`}
          data-testid="domain-status"
        >
          {complete ? "complete" : hints.length ? "failed" : "incomplete"}
        </span>
        <span class="header-spacer" />
        <CopyId id={domain.id} />
      </div>

      <ul class="deploy-checks" aria-label={`Checks for ${domain.name}`}>
        {(
          [
            ["DNS", domain.dns],
            ["SSL", domain.ssl],
            ["Mail", domain.mail],
          ] as const
        ).map(([label, state]) => (
          <li key={label} data-testid={`state-${label.toLowerCase()}`} data-state={state}>
            <Dot state={state} />
            <span class="deploy-check-label">{label}</span>
            <span class={`deploy-check-state deploy-state-${state}`}>{stateLabel(state)}</span>
          </li>
        ))}
      </ul>

      {hints.length > 0 && (
        <div class="deploy-hints" role="alert" data-testid="domain-hints">
          <strong>The last check failed</strong>
          <ul>
            {hints.map((hint) => (
              <li key={hint}>{hint}</li>
            ))}
          </ul>
        </div>
      )}

      {domain.next_action ? (
        <p class="deploy-next" data-testid="domain-next">
          <strong>Next: </strong>
          <Advice text={domainAdvice(domain) ?? domain.next_action} />
        </p>
      ) : (
        <p class="deploy-next deploy-next-done" data-testid="domain-next">
          Nothing left to do: this domain is live.
        </p>
      )}

      {records.length > 0 && (
        <div class="deploy-records-wrap">
          <table class="deploy-records" aria-label={`DNS records for ${domain.name}`}>
            <thead>
              <tr>
                <th scope="col">Host</th>
                <th scope="col">Type</th>
                <th scope="col">Points to</th>
                <th scope="col">Found by Clerk</th>
              </tr>
            </thead>
            <tbody>
              {records.map((record) => (
                <tr key={record.host} data-testid="dns-record">
                  <td>
                    <code>{record.host}</code>
                    <CopyButton text={record.host} label={`Copy ${record.host}`} />
                  </td>
                  <td>CNAME</td>
                  <td>
                    <code>{record.value}</code>
                    <CopyButton text={record.value} label={`Copy ${record.value}`} />
                  </td>
                  <td>
                    <Dot
                      state={record.verified ? "complete" : hints.length && record.required ? "failed" : "not_started"}
                    />
                    {record.verified ? "verified" : "not yet"}
                    {!record.required && <span class="muted"> (optional)</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <div class="deploy-check-row">
        <button
          type="button"
          class={complete ? "" : "primary"}
          data-testid="check-dns"
          disabled={check.isPending || inFlight}
          title={inFlight ? "Clerk is checking the DNS records; wait for it to finish" : undefined}
          onClick={() => check.mutate({ input: { domain: domain.name } })}
        >
          {check.isPending ? "Starting…" : inFlight ? "DNS check running…" : "Check DNS now"}
        </button>
        <CliCommand action="deploy.check" input={{ domain: domain.name }} />
      </div>
    </article>
  );
}
