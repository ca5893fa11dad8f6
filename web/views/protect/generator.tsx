import { useState } from "preact/hooks";
import type { ActionOutput } from "../../../shared/actions/types";
import { callAction, getAiStatus } from "../../api";
import { CliCommand } from "../../components/cli-command";
import { ErrorState } from "../../components/states";
import { useMutation, useQuery } from "../../query";
import { Form } from "../shared/parts";
import { actionBadgeClass, type Ruleset } from "./common";
import type { RuleDraft } from "./rule-form";

/**
 * "Describe it in words": the server asks the configured model (with the MCP tools it has) and
 * checks the expression; the panel shows what the model looked up and hands the rule to the
 * add form for review. Nothing is saved here.
 */
export function Generator({ ruleset, onUse }: { ruleset: Ruleset; onUse(draft: RuleDraft): void }) {
  const [prompt, setPrompt] = useState("");
  const input = { ruleset, prompt: prompt.trim() };
  const generate = useMutation<ActionOutput<"protect.rules.generate">, typeof input>({
    mutationFn: (variables) => callAction("protect.rules.generate", variables),
  });
  const result = generate.data;
  // Without a model the button says why instead of failing when clicked.
  const ai = useQuery({ queryKey: ["ai", "status"], queryFn: ({ signal }) => getAiStatus(signal), staleTime: 60_000 });
  const missing = ai.data && !ai.data.available ? ai.data : undefined;
  const ready = ai.data?.available === true && input.prompt.length >= 3;
  return (
    <Form
      class="card protect-form"
      aria-labelledby="protect-generate-title"
      onSubmit={() => {
        // A failure is shown below the form; the rejected promise needs no other handler.
        if (ready) void generate.mutate(input).catch(() => undefined);
      }}
    >
      <h2 id="protect-generate-title">Describe it in words</h2>
      <label>
        What should the rule do?
        <textarea
          class="protect-prompt"
          value={prompt}
          placeholder="Challenge sign-ins from Cloudflare's network"
          onInput={(event) => setPrompt((event.target as HTMLTextAreaElement).value)}
        />
      </label>
      {input.prompt.length >= 3 && <CliCommand action="protect.rules.generate" input={input} />}
      <div class="protect-actions">
        <span class="muted protect-grow" id="protect-generate-model">
          {ai.data?.available
            ? `${ai.data.provider} ${ai.data.model} writes it; you review it before adding.`
            : "The AI model set up for the CLI writes it; you review it before adding."}
        </span>
        <button
          type="submit"
          class="primary"
          disabled={!ready || generate.isPending}
          aria-describedby={missing ? "protect-generate-missing" : "protect-generate-model"}
        >
          {generate.isPending ? "Writing…" : "Write the rule"}
        </button>
      </div>
      {missing && (
        <p class="protect-warning" id="protect-generate-missing" data-testid="ai-missing">
          <strong>{missing.message}</strong> {missing.hint}
        </p>
      )}
      {ai.error && <ErrorState error={ai.error} retry={() => void ai.refetch()} />}
      {generate.error && <ErrorState error={generate.error} />}
      {result && (
        <div class="protect-generated" data-testid="generated-rule">
          <div class="muted">
            Written by {result.provider} {result.model} in {result.attempts} answer{result.attempts === 1 ? "" : "s"}
          </div>
          {result.warnings.map((warning) => (
            <div key={warning} class="protect-warning">
              {warning}
            </div>
          ))}
          {result.tool_calls.length > 0 && (
            <div>
              <h3>Tool calls</h3>
              <ol class="protect-tool-calls" data-testid="tool-calls">
                {result.tool_calls.map((call, index) => (
                  <li key={index}>
                    <code>
                      {call.server}.{call.tool}({JSON.stringify(call.arguments)})
                    </code>
                    <span class={call.is_error ? "protect-tool-error" : "muted"}>→ {call.result}</span>
                  </li>
                ))}
              </ol>
            </div>
          )}
          <div class="protect-generated-rule">
            <span class={actionBadgeClass(result.action)}>{result.action}</span>
            <code>{result.expression}</code>
          </div>
          <div>{result.description}</div>
          <div class="protect-actions">
            <button
              type="button"
              onClick={() =>
                onUse({ expression: result.expression, action: result.action, description: result.description })
              }
            >
              Use this rule
            </button>
          </div>
        </div>
      )}
    </Form>
  );
}
