import { keepPreviousData } from "@tanstack/query-core";
import type { ComponentChildren } from "preact";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { ActionOutput } from "../../../shared/actions/types";
import { clearsValues, diffConfig, mergePatch, minimalPatch } from "../../../shared/config/diff";
import { callAction, PanelApiError, planAction } from "../../api";
import { CliCommand } from "../../components/cli-command";
import { CodeEditor, type EditorHandle } from "../../components/code-editor";
import { ConfirmDialog } from "../../components/confirm";
import { CopyButton } from "../../components/copy";
import { usePanelInfo } from "../../components/header";
import { JsonView } from "../../components/json-view";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { toast } from "../../components/toasts";
import { queryClient, useDebounced, useMutation, useQuery } from "../../query";
import { setQueryParam, useLocation } from "../../router";
import { DiffList, describeFromSchema } from "./diff-list";
import { formatDocument, parseDocument, parseYamlDocument } from "./json-check";
import "./config.css";

type ConfigDocument = Record<string, unknown> & { config_version?: string };

/** What `clerk config apply` answers: applied or not, and the changes. */
type WriteResult = ActionOutput<"config.apply">;

type Environment = "development" | "production";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const pullConfig = (signal?: AbortSignal) => callAction("config.pull", {}, signal ? { signal } : {});

/** The document's language: JSON, or YAML once a YAML file is loaded (its parser loads with it). */
type Format = { language: "json" } | { language: "yaml"; yaml: typeof import("yaml") };
const JSON_FORMAT: Format = { language: "json" };

/** The parse the editor's marks, the status line and the plan all use. */
const parseAs = (format: Format, text: string) =>
  format.language === "yaml" ? parseYamlDocument(format.yaml, text) : parseDocument(text);
const formatAs = (format: Format, value: unknown) =>
  format.language === "yaml" ? format.yaml.stringify(value) : formatDocument(value);

export function ConfigView() {
  const { data: info, error, refetch } = usePanelInfo();
  if (error) return <ErrorState error={error} retry={() => void refetch()} />;
  if (!info) return <Skeleton lines={8} />;
  if (!info.instance) {
    return (
      <EmptyState title="No instance selected">
        Pick an application and an instance in the header to see its config.
      </EmptyState>
    );
  }
  // A new instance starts a new editor: nothing typed for one is applied to the other.
  return (
    <ConfigEditor key={info.instance.id} instanceId={info.instance.id} environment={info.instance.environment_type} />
  );
}

function ConfigEditor({ instanceId, environment }: { instanceId: string; environment: Environment }) {
  const pullKey = ["config", "pull", instanceId];
  const live = useQuery({ queryKey: pullKey, queryFn: ({ signal }) => pullConfig(signal) });
  const schema = useQuery({
    queryKey: ["config", "schema", instanceId],
    queryFn: ({ signal }) => callAction("config.schema", {}, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
    retry: 0,
  });
  const describe = useMemo(() => (schema.data ? describeFromSchema(schema.data) : undefined), [schema.data]);

  // The live document the editor started from (its config_version guards the apply).
  const [base, setBase] = useState<ConfigDocument | null>(null);
  const [text, setText] = useState("");
  const [format, setFormat] = useState<Format>(JSON_FORMAT);
  const [source, setSource] = useState("the live config");
  const [destructive, setDestructive] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [conflict, setConflict] = useState<PanelApiError | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [result, setResult] = useState<WriteResult | null>(null);
  const editor = useRef<EditorHandle | null>(null);

  useEffect(() => {
    if (live.data && !base) {
      setBase(live.data);
      setText(formatDocument(live.data));
    }
  }, [live.data]);

  const parsed = useMemo(() => parseAs(format, text), [format, text]);
  const debouncedText = useDebounced(text, 400);
  const desired = useMemo(() => parseAs(format, debouncedText).value, [format, debouncedText]);
  const plan = useQuery({
    queryKey: ["config", "plan", instanceId, debouncedText],
    queryFn: ({ signal }) => planAction("config.apply", { desired }, signal),
    enabled: Boolean(desired && base),
    placeholderData: keepPreviousData,
    staleTime: 0,
    retry: 0,
  });

  const changes = plan.data?.changes ?? [];
  const version = plan.data?.version;
  const settling = text !== debouncedText || plan.isFetching || plan.isPlaceholderData;
  const clears = clearsValues(changes);
  const edited = base !== null && text !== formatDocument(base);
  const liveVersion = live.data?.config_version;
  // A document pinned to an older config_version would be refused: say so before anyone clicks Apply.
  const pinned = parsed.value?.config_version;
  const staleBase = pinned !== undefined && liveVersion !== undefined && String(pinned) !== liveVersion;

  const writeInput = (dryRun: boolean) => ({
    desired: parsed.value ?? {},
    ...(dryRun ? { dry_run: true } : {}),
    ...(destructive && clears ? { destructive: true } : {}),
    ...(version ? { if_match: version } : {}),
  });

  /** Pulls the live config again; with `keep`, the edits made since `base` are replayed on top of it. */
  const reload = async (keep: boolean) => {
    try {
      const fresh = await queryClient.fetchQuery({
        queryKey: pullKey,
        queryFn: ({ signal }) => pullConfig(signal),
        staleTime: 0,
      });
      let next: unknown = fresh;
      if (keep && parsed.value && base) {
        next = {
          ...(mergePatch(fresh, minimalPatch(base, parsed.value) ?? {}) as object),
          config_version: fresh.config_version,
        };
      }
      setBase(fresh);
      setFormat(JSON_FORMAT);
      setText(formatDocument(next));
      if (!keep) setSource("the live config");
      setConflict(null);
      setFailure(null);
      return true;
    } catch (error) {
      toast.error(error);
      return false;
    }
  };

  const write = useMutation<WriteResult, { dryRun: boolean }>({
    mutationFn: ({ dryRun }) => callAction("config.apply", writeInput(dryRun)),
    onMutate: () => {
      setFailure(null);
      setConflict(null);
      setResult(null);
    },
    onSuccess: async (output) => {
      setResult(output);
      if (output.dry_run) {
        toast.success(
          output.changes.length
            ? `Dry run: Clerk validated ${plural(output.changes.length, "change")}; nothing was applied.`
            : "Dry run: nothing to change.",
        );
        return;
      }
      toast.success(
        output.changes.length
          ? `Applied ${plural(output.changes.length, "change")}; config_version is now ${output.config_version}.`
          : "Nothing to change: the live config already matches.",
      );
      setDestructive(false);
      await reload(false);
      await queryClient.invalidateQueries({ queryKey: ["config", "diff"] });
    },
    onError: (error) => {
      if (error instanceof PanelApiError && error.code === "config_version_conflict") {
        setConflict(error);
        // Show what changed meanwhile, and what this document would now undo.
        void live.refetch();
        void plan.refetch();
        return;
      }
      setFailure(error);
      // Clerk's validation errors show next to the buttons (and on the row they name); others also toast.
      if (!(error instanceof PanelApiError && error.status >= 400 && error.status < 500)) toast.error(error);
    },
  });

  // Failures are shown next to the buttons (or as toasts); the rejected promise needs no other handler.
  const mutateWrite = (dryRun: boolean) => void write.mutate({ dryRun }).catch(() => undefined);

  const run = (dryRun: boolean) => {
    if (!parsed.value || write.isPending) return;
    if (!dryRun && destructive && clears) setConfirming(true);
    else mutateWrite(dryRun);
  };

  const loadFile = (file: File) => {
    const reader = new FileReader();
    reader.onload = async () => {
      try {
        setFormat(/\.ya?ml$/i.test(file.name) ? { language: "yaml", yaml: await import("yaml") } : JSON_FORMAT);
      } catch (error) {
        toast.error(error);
        return;
      }
      edit(String(reader.result ?? ""));
      setSource(file.name);
      toast.success(`Loaded ${file.name}`, "Only the keys it names are compared and applied.");
    };
    reader.onerror = () => toast.error(new Error(`Could not read ${file.name}`));
    reader.readAsText(file);
  };

  /** The person's own change to the document: what was dry-run (or refused) before no longer applies to it. */
  const edit = (next: string) => {
    setText(next);
    setResult(null);
    setFailure(null);
  };

  const goToProblem = () => {
    if (parsed.problem) editor.current?.focusAt(parsed.problem.offset);
  };

  if (live.error && !base) {
    return (
      <section>
        <PageTitle environment={environment} />
        <ErrorState error={live.error} retry={() => void live.refetch()} />
      </section>
    );
  }
  if (!base) {
    return (
      <section>
        <PageTitle environment={environment} />
        <div class="card">
          <Skeleton lines={10} />
        </div>
      </section>
    );
  }

  const meanwhile = live.data && (conflict || staleBase) ? diffConfig(base, live.data) : [];
  const apiFailure = failure instanceof PanelApiError ? failure : undefined;
  const invalid =
    apiFailure?.paramName && changes.some((c) => c.path === apiFailure.paramName)
      ? { path: apiFailure.paramName, message: apiFailure.message }
      : undefined;
  const canWrite =
    Boolean(parsed.value) &&
    !settling &&
    !plan.error &&
    changes.length > 0 &&
    !write.isPending &&
    !conflict &&
    !staleBase;

  return (
    <section class="config-view">
      <PageTitle environment={environment}>
        <span class="badge badge-muted badge-mono" data-testid="config-version" title="The live config's version">
          config_version {liveVersion ?? "—"}
        </span>
        <span class="header-spacer" />
        <button
          type="button"
          onClick={async () => {
            if (await reload(false)) toast.success("Reloaded the live config");
          }}
        >
          {edited ? "Discard edits and reload" : "Reload"}
        </button>
      </PageTitle>

      {(conflict || staleBase) && (
        <div class="config-conflict" role="alert" data-testid="config-conflict">
          <strong>
            {conflict ? "Not applied: " : ""}the live config changed since you loaded it (version{" "}
            {String(pinned ?? base.config_version)} → {liveVersion ?? "newer"}).
          </strong>
          <span>
            {conflict
              ? "Someone else changed this instance's config meanwhile, so your apply was refused and nothing was overwritten."
              : "Applying now would be refused, so that nobody's change is overwritten."}{" "}
            Reload the live config, review the changes again, then apply.
          </span>
          {meanwhile.length > 0 && (
            <div class="config-meanwhile">
              <span>Changed meanwhile:</span>
              <DiffList
                changes={meanwhile}
                label="Changed meanwhile"
                beforeLabel={`you loaded (v${base.config_version ?? "?"})`}
                afterLabel={`live now (v${liveVersion ?? "?"})`}
                describe={describe}
                testId="conflict-diff"
              />
            </div>
          )}
          <div class="actions">
            <button type="button" class="primary" data-testid="conflict-reload" onClick={() => void reload(false)}>
              Reload live config (discard my edits)
            </button>
            <button
              type="button"
              data-testid="conflict-rebase"
              disabled={!parsed.value}
              onClick={() => void reload(true)}
            >
              Reload and keep my edits
            </button>
          </div>
        </div>
      )}

      <div class="config-layout">
        <section class="card config-editor" aria-labelledby="config-editor-title">
          <div class="config-card-head">
            <h2 id="config-editor-title">Desired config</h2>
            <span class="muted">from {source}</span>
            <span class="header-spacer" />
            <label class="config-file">
              <span>Load file…</span>
              <input
                type="file"
                accept=".json,.yaml,.yml,application/json,application/yaml"
                data-testid="config-file"
                onChange={(event) => {
                  const input = event.target as HTMLInputElement;
                  const file = input.files?.[0];
                  if (file) loadFile(file);
                  input.value = "";
                }}
              />
            </label>
            <button
              type="button"
              disabled={!parsed.value}
              onClick={() => parsed.value && edit(formatAs(format, parsed.value))}
            >
              Format
            </button>
            <CopyButton text={text} label="Copy the document" />
          </div>
          <p class="config-editor-help" id="config-editor-help">
            Edit as {format.language === "yaml" ? "YAML" : "JSON"}. Keys you leave out are not touched; secrets read
            back as <code>********</code> and keep their value if left so. <kbd>Ctrl</kbd>+<kbd>Enter</kbd> runs a dry
            run.
          </p>
          <CodeEditor
            value={text}
            key={format.language}
            language={format.language}
            onChange={edit}
            check={(next) => parseAs(format, next).problem}
            handle={editor}
            attributes={{
              // The editor is in a shadow root, where ids outside it cannot be referred to.
              "aria-label": "Desired config",
              "aria-description": `${format.language === "yaml" ? "YAML" : "JSON"}. Keys left out are not touched. Ctrl+Enter runs a dry run.`,
              "data-testid": "config-editor",
            }}
            onSubmit={() => canWrite && run(true)}
          />
          <div id="config-editor-status" class="config-status" aria-live="polite" data-testid="config-editor-status">
            {parsed.problem ? (
              <span class="config-status-error">
                Line {parsed.problem.line}, column {parsed.problem.column}: {parsed.problem.message}{" "}
                <button type="button" class="link-button" onClick={goToProblem}>
                  Go to error
                </button>
              </span>
            ) : (
              <span class="config-status-ok">
                ✓ Valid {format.language === "yaml" ? "YAML" : "JSON"}
                {edited ? " · edited" : ""}
              </span>
            )}
          </div>
        </section>

        <section class="card config-changes" aria-labelledby="config-changes-title">
          <div class="config-card-head">
            <h2 id="config-changes-title">Changes to apply</h2>
            {plan.data && !settling && (
              <span class="badge badge-muted" data-testid="change-count">
                {plural(changes.length, "change")}
              </span>
            )}
            <span class="muted config-settling" aria-live="polite">
              {settling && parsed.value ? "Computing…" : ""}
            </span>
          </div>
          <ChangesBody
            planError={plan.error}
            retry={() => void plan.refetch()}
            hasPlan={Boolean(plan.data)}
            empty={changes.length === 0}
            brokenJson={Boolean(parsed.problem)}
            stale={Boolean(parsed.problem) || settling}
          >
            <DiffList
              changes={changes}
              label="Changes to apply"
              beforeLabel={`live (v${liveVersion ?? "?"})`}
              afterLabel="your document"
              invalid={invalid}
              describe={describe}
            />
          </ChangesBody>

          {clears && (
            <label class="inline config-destructive">
              <input
                type="checkbox"
                data-testid="config-destructive"
                checked={destructive}
                onChange={(event) => setDestructive((event.target as HTMLInputElement).checked)}
              />
              Allow clearing values (destructive):{" "}
              {changes.filter((c) => c.kind === "removed" || c.after === null).length} key(s) would be cleared
            </label>
          )}

          <div class="config-run">
            <div class="config-run-row">
              <button type="button" data-testid="config-dry-run" disabled={!canWrite} onClick={() => run(true)}>
                {write.isPending && write.variables?.dryRun ? "Validating…" : "Dry run"}
              </button>
              <CliCommand action="config.apply" input={writeInput(true)} />
            </div>
            <div class="config-run-row">
              <button
                type="button"
                class={destructive && clears ? "danger" : "primary"}
                data-testid="config-apply"
                disabled={!canWrite}
                onClick={() => run(false)}
              >
                {write.isPending && !write.variables?.dryRun ? "Applying…" : `Apply to ${environment}`}
              </button>
              <CliCommand action="config.apply" input={writeInput(false)} />
            </div>
            {version && (
              <p class="muted config-guard">
                Applies only if the live config is still version <code>{version}</code>: a change made meanwhile is
                refused, never overwritten.
              </p>
            )}
          </div>

          {failure !== null && <ErrorState error={failure} />}
          {result && <WriteOutcome result={result} />}
        </section>
      </div>

      <CompareCard instanceId={instanceId} environment={environment} describe={describe} />

      <JsonView
        value={live.data}
        label="Live config as JSON (as --json)"
        command={{ action: "config.pull", input: {} }}
      />

      {confirming && (
        <ConfirmDialog
          title="Clear config values?"
          expected={environment}
          confirmLabel="Apply and clear"
          busy={write.isPending}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            mutateWrite(false);
          }}
        >
          <p>
            This apply clears{" "}
            {changes
              .filter((c) => c.kind === "removed" || c.after === null)
              .map((c) => c.path)
              .join(", ")}{" "}
            on the <strong>{environment}</strong> instance.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function PageTitle({ environment, children }: { environment: Environment; children?: ComponentChildren }) {
  return (
    <div class="page-header">
      <h1>Config</h1>
      <span class="muted">{environment} instance</span>
      {children}
      <CliCommand action="config.pull" input={{}} />
    </div>
  );
}

function ChangesBody(props: {
  planError: Error | null;
  retry(): void;
  hasPlan: boolean;
  empty: boolean;
  brokenJson: boolean;
  stale: boolean;
  children: ComponentChildren;
}) {
  if (props.planError && !props.stale) return <ErrorState error={props.planError} retry={props.retry} />;
  if (!props.hasPlan) {
    return props.brokenJson ? <EmptyState title="Fix the JSON to see the changes" /> : <Skeleton lines={3} />;
  }
  if (props.empty && !props.stale) {
    return (
      <div data-testid="diff-empty">
        <EmptyState title="No changes">
          The document matches the live config. Edit it or load a file to plan a change.
        </EmptyState>
      </div>
    );
  }
  return (
    <div class={props.stale ? "config-stale" : ""}>
      {props.brokenJson && <p class="muted">Showing the last valid document's changes; fix the JSON to update them.</p>}
      {props.children}
    </div>
  );
}

function WriteOutcome({ result }: { result: WriteResult }) {
  return (
    <div class={`config-outcome${result.dry_run ? "" : " config-outcome-applied"}`} data-testid="config-result">
      <strong>
        {result.dry_run
          ? result.changes.length
            ? `Dry run passed: Clerk validated ${plural(result.changes.length, "change")}. Nothing was applied.`
            : "Dry run: nothing to change."
          : result.changes.length
            ? `Applied ${plural(result.changes.length, "change")}. config_version is now ${result.config_version}.`
            : "Nothing to change: the live config already matched."}
      </strong>
      <JsonView value={result} label="Result as JSON" />
    </div>
  );
}

function CompareCard(props: {
  instanceId: string;
  environment: Environment;
  describe: ((path: string) => string | undefined) | undefined;
}) {
  const { query } = useLocation();
  const open = query.get("compare") === "1";
  const other: Environment = props.environment === "production" ? "development" : "production";
  const diff = useQuery({
    queryKey: ["config", "diff", props.instanceId, other],
    queryFn: ({ signal }) => callAction("config.diff", { against: other }, { signal }),
    enabled: open,
  });
  return (
    <section class="card" aria-labelledby="config-compare-title">
      <div class="config-card-head">
        <h2 id="config-compare-title">
          Compare {props.environment} with {other}
        </h2>
        {open && diff.data && (
          <span class="badge badge-muted" data-testid="compare-count">
            {plural(diff.data.changes.length, "difference")}
          </span>
        )}
        <span class="header-spacer" />
        {open && (
          <button type="button" disabled={diff.isFetching} onClick={() => void diff.refetch()}>
            {diff.isFetching ? "Comparing…" : "Refresh"}
          </button>
        )}
        <button
          type="button"
          data-testid="compare-toggle"
          aria-expanded={open}
          onClick={() => setQueryParam("compare", open ? undefined : "1")}
        >
          {open ? "Hide" : `Compare with ${other}`}
        </button>
      </div>
      <CliCommand action="config.diff" input={{ against: other }} />
      {open &&
        (diff.error ? (
          <ErrorState error={diff.error} retry={() => void diff.refetch()} />
        ) : !diff.data ? (
          <Skeleton lines={3} />
        ) : diff.data.changes.length === 0 ? (
          <EmptyState title={`No differences: ${props.environment} and ${other} have the same config.`} />
        ) : (
          <div class="config-compare" data-testid="compare">
            <DiffList
              changes={diff.data.changes}
              label={`${props.environment} compared with ${other}`}
              beforeLabel={props.environment}
              afterLabel={other}
              describe={props.describe}
              testId="compare-diff"
            />
          </div>
        ))}
    </section>
  );
}
