/**
 * The steps of `clerk deploy` in the panel: where production stands (by the report's `state`),
 * the "create production" form, and one form per social provider still missing its production
 * OAuth credentials. The production secret key deploy.create returns is withheld by the server.
 */
import { useState } from "preact/hooks";
import type { ActionOutput } from "../../../shared/actions/types";
import { CliCommand } from "../../components/cli-command";
import { useRunAction } from "../../components/run-action";
import { Form } from "../shared/parts";

type DeployReport = ActionOutput<"deploy.status">;

export const STATUS_KEY = ["deploy", "status"];

/** The wizard's steps, in order; each is done once the report's state is past it. */
const STEPS = [
  {
    key: "instance",
    label: "Production instance",
    doneFrom: ["domain_provisioning", "domain_pending", "oauth_pending", "complete"],
  },
  { key: "domain", label: "Domain: DNS, SSL, mail", doneFrom: ["oauth_pending", "complete"] },
  { key: "oauth", label: "OAuth credentials", doneFrom: ["complete"] },
] as const;

/** The wizard's progress: the steps done, the one to do now, the ones after it. */
export function DeploySteps({ report }: { report: DeployReport }) {
  const current = STEPS.findIndex((step) => !(step.doneFrom as readonly string[]).includes(report.state));
  // OAuth is settled independently of the domain: it may be done while DNS is still pending.
  const done = (index: number) =>
    current === -1 || index < current || (STEPS[index]?.key === "oauth" && report.oauth.complete);
  return (
    <ol class="deploy-steps" data-testid="deploy-steps" data-state={report.state} aria-label="Deploy steps">
      {STEPS.map((step, index) => {
        const state = done(index) ? "done" : index === current ? "current" : "todo";
        return (
          <li key={step.key} class={`deploy-step deploy-step-${state}`} data-step={step.key} data-step-state={state}>
            <span class="deploy-step-mark" aria-hidden="true">
              {state === "done" ? "✓" : index + 1}
            </span>
            <span>{step.label}</span>
            <span class="sr-only">{state === "done" ? " (done)" : state === "current" ? " (now)" : ""}</span>
          </li>
        );
      })}
    </ol>
  );
}

/** Step 1: the production instance, a copy of development's settings, on a domain the person owns. */
export function CreateProduction() {
  const [domain, setDomain] = useState("");
  const create = useRunAction("deploy.create", {
    success: () => `Created the production instance for ${domain.trim()}. Add the DNS records below.`,
    invalidate: [STATUS_KEY, ["info"]],
  });
  const input = { domain: domain.trim() };
  return (
    <section class="card deploy-create" aria-labelledby="deploy-create-title" data-testid="deploy-create">
      <h2 id="deploy-create-title">Create production</h2>
      <p class="muted">
        A production instance starts with your development instance's settings, on a domain you own. You then add DNS
        records at your DNS provider and your own OAuth apps for the social providers. Its secret key is not shown here:
        the panel never receives secret keys (<code>clerk deploy create --json</code> in a terminal prints it).
      </p>
      <Form class="inline-form" aria-label="Create the production instance" onSubmit={() => create.mutate({ input })}>
        <div class="inline-fields">
          <label class="deploy-grow">
            Production domain
            <input
              type="text"
              required
              inputMode="url"
              autoComplete="off"
              spellcheck={false}
              placeholder="example.com"
              value={domain}
              data-testid="deploy-domain-input"
              readOnly={create.isPending}
              onInput={(event) => setDomain((event.target as HTMLInputElement).value)}
            />
          </label>
          <button
            type="submit"
            class="primary"
            data-testid="deploy-create-submit"
            disabled={create.isPending || !input.domain}
          >
            {create.isPending ? "Creating…" : "Create production"}
          </button>
        </div>
        {input.domain && <CliCommand action="deploy.create" input={input} />}
      </Form>
    </section>
  );
}

/** Step 3: a social provider's own OAuth app on production; the secret goes in a password field. */
export function OAuthForm({ provider }: { provider: string }) {
  const [clientId, setClientId] = useState("");
  const [secret, setSecret] = useState("");
  const save = useRunAction("deploy.oauth", {
    success: () => `Saved ${provider}'s production OAuth credentials.`,
    invalidate: [STATUS_KEY],
    onSuccess: () => setSecret(""),
  });
  const ready = clientId.trim() !== "" && secret !== "";
  const envName = `CLERK_OAUTH_${provider.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_SECRET`;
  return (
    <Form
      class="inline-form"
      aria-label={`${provider} OAuth credentials`}
      data-testid="deploy-oauth-form"
      data-provider={provider}
      onSubmit={() => {
        if (ready) save.mutate({ input: { provider, client_id: clientId.trim(), client_secret: secret } });
      }}
    >
      <div class="inline-fields">
        <label class="deploy-grow">
          {provider} client id
          <input
            type="text"
            required
            autoComplete="off"
            spellcheck={false}
            value={clientId}
            data-testid="oauth-client-id"
            readOnly={save.isPending}
            onInput={(event) => setClientId((event.target as HTMLInputElement).value)}
          />
        </label>
        <label class="deploy-grow">
          {provider} client secret
          <input
            type="password"
            required
            autoComplete="new-password"
            value={secret}
            data-testid="oauth-client-secret"
            readOnly={save.isPending}
            onInput={(event) => setSecret((event.target as HTMLInputElement).value)}
          />
        </label>
        <button type="submit" class="primary" data-testid="oauth-save" disabled={save.isPending || !ready}>
          {save.isPending ? "Saving…" : "Save credentials"}
        </button>
      </div>
      <CliCommand
        action="deploy.oauth"
        input={{ provider, client_id: clientId.trim() || "CLIENT_ID" }}
        extra={["--client-secret", `"$${envName}"`]}
      />
    </Form>
  );
}
