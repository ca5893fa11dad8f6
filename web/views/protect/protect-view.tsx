import { useEffect, useState } from "preact/hooks";
import { callAction } from "../../api";
import { CliCommand } from "../../components/cli-command";
import { useRunAction } from "../../components/run-action";
import { queryClient, useQuery } from "../../query";
import { setQueryParam, useLocation } from "../../router";
import { RULESET_LABELS, RULESETS, type Ruleset, useRules } from "./common";
import { Generator } from "./generator";
import { AddRule, EMPTY_DRAFT, type RuleDraft } from "./rule-form";
import { RuleListCard } from "./rule-list";

const statusKey = ["protect", "status"];

/** Whether the rules are enforced, and the switch. */
function Enforcement() {
  const status = useQuery({
    queryKey: statusKey,
    queryFn: ({ signal }) => callAction("protect.status", {}, { signal }),
  });
  const enabled = status.data?.rules_enabled;
  const input = enabled ? { disable_rules: true } : { enable_rules: true };
  const toggle = useRunAction("protect.status", {
    success: (output) => (output.rules_enabled ? "Protect rules are enforced" : "Protect rules are no longer enforced"),
    onSuccess: (output) => queryClient.setQueryData(statusKey, output),
  });
  if (!status.data) return null;
  return (
    <div class="protect-status" data-testid="protect-status">
      <span class={enabled ? "badge badge-success" : "badge badge-muted"}>
        {enabled ? "Rules enforced" : "Rules not enforced"}
      </span>
      <CliCommand action="protect.status" input={input} />
      <button type="button" disabled={toggle.isPending} onClick={() => toggle.mutate({ input })}>
        {enabled ? "Stop enforcing" : "Enforce rules"}
      </button>
    </div>
  );
}

function RulesetTab({ ruleset, current }: { ruleset: Ruleset; current: boolean }) {
  const count = useRules(ruleset).data?.rules.length;
  return (
    <button
      type="button"
      role="tab"
      id={`protect-tab-${ruleset}`}
      aria-selected={current}
      aria-controls="protect-ruleset"
      class="protect-tab"
      onClick={() => setQueryParam("ruleset", ruleset)}
    >
      {RULESET_LABELS[ruleset]} <span class="muted mono">{ruleset}</span>
      {count !== undefined && <span class="protect-count">{count}</span>}
    </button>
  );
}

/** `/protect?ruleset=…`: the rulesets, their ordered rules, and ways to add one. */
export function ProtectView() {
  const { query } = useLocation();
  const wanted = query.get("ruleset")?.toUpperCase();
  const ruleset = (RULESETS as readonly string[]).includes(wanted ?? "") ? (wanted as Ruleset) : "ALL";
  const [draft, setDraft] = useState<RuleDraft>(EMPTY_DRAFT);
  // A draft belongs to the ruleset it was written for (its fields differ).
  useEffect(() => setDraft(EMPTY_DRAFT), [ruleset]);
  return (
    <section class="protect-page" aria-labelledby="protect-title">
      <div class="page-header">
        <h1 id="protect-title">Protect</h1>
        <span class="muted protect-grow">
          Rules that allow, block or challenge sign-ins, sign-ups, SMS and emails, written in CEL.
        </span>
        <Enforcement />
      </div>
      <div class="protect-tabs" role="tablist" aria-label="Rulesets">
        {RULESETS.map((name) => (
          <RulesetTab key={name} ruleset={name} current={name === ruleset} />
        ))}
      </div>
      <div class="protect-layout" id="protect-ruleset" role="tabpanel" aria-labelledby={`protect-tab-${ruleset}`}>
        <RuleListCard ruleset={ruleset} />
        <div class="protect-side">
          <AddRule ruleset={ruleset} draft={draft} onChange={setDraft} />
          <Generator
            ruleset={ruleset}
            onUse={(generated) => {
              setDraft(generated);
              document.getElementById("add-expression")?.focus();
            }}
          />
        </div>
      </div>
    </section>
  );
}
