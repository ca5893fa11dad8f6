import { useEffect, useState } from "preact/hooks";
import { callAction } from "../../api";
import { CliCommand } from "../../components/cli-command";
import { useRunAction } from "../../components/run-action";
import { Skeleton } from "../../components/states";
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

/**
 * The ruleset shown when the URL names none: the first with rules (ALL only runs rules meant for
 * every event, so it is often empty while the others are not); undefined until their lists load.
 */
function useFirstWithRules(): Ruleset | undefined {
  // The same queries the tabs' counts use: a constant list, so the hooks run in the same order every time.
  const lists = RULESETS.map((name) => useRules(name));
  if (lists.some((list) => list.data === undefined && !list.error)) return undefined;
  return RULESETS[lists.findIndex((list) => (list.data?.rules.length ?? 0) > 0)] ?? "ALL";
}

/** `/protect?ruleset=…`: the rulesets, their ordered rules, and ways to add one. */
export function ProtectView() {
  const { query } = useLocation();
  const wanted = query.get("ruleset")?.toUpperCase();
  const named = (RULESETS as readonly string[]).includes(wanted ?? "") ? (wanted as Ruleset) : undefined;
  const first = useFirstWithRules();
  const ruleset = named ?? first;
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
      {ruleset ? (
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
      ) : (
        <div class="card" aria-busy="true">
          <Skeleton lines={6} />
        </div>
      )}
    </section>
  );
}
