import type { ActionInfo } from "../../../shared/actions/types";
import { callActionTable } from "../../api";
import { CliCommand } from "../../components/cli-command";
import { CopyButton, CopyId } from "../../components/copy";
import { JsonView } from "../../components/json-view";
import { useQuery } from "../../query";
import { navigate } from "../../router";
import { retryServerErrors } from "../shared/common";
import { RecordPending, SkeletonCard } from "../shared/parts";
import { ActionCard, type ActionResult, isDeletion } from "./action-card";
import { listUrlOf } from "./list-section";
import { type Area, asRecord, inSentence, isUpdate } from "./panel-entries";
import { ResultRows } from "./result-rows";
import { FieldList } from "./values";

function BackLink({ area }: { area: Area }) {
  return (
    <a href={listUrlOf(area)} class="generic-back">
      ← {area.label}
    </a>
  );
}

/** What to call a record in its title: its name when it has one, else its id. */
function titleOf(record: Record<string, unknown>, id: string): string {
  for (const key of ["name", "title", "identifier", "email_address", "slug"]) {
    if (typeof record[key] === "string" && record[key]) return record[key] as string;
  }
  return id;
}

/**
 * One record as `clerk <action>` shows it: the CLI's table row as a summary, every top-level
 * field (ids copyable, linked when they name a record with a page), the `--json` document and
 * the command line that prints it.
 */
export function RecordBody(props: { action: ActionInfo; input: Record<string, unknown>; answer: ActionResult }) {
  const { action, answer } = props;
  const output = answer.output;
  const fields = output && typeof output === "object" ? (output as Record<string, unknown>) : { value: output };
  return (
    <section class="card generic-record" aria-label={action.summary}>
      {answer.table && action.table && (
        <>
          <h2>Summary</h2>
          <ResultRows columns={action.table.columns} rows={answer.table.rows} footer={answer.table.footer} />
        </>
      )}
      <h2>Fields</h2>
      <FieldList record={fields} testId="record-fields" />
      <JsonView value={output} label={`JSON (as ${action.id.split(".").join(" ")} --json)`} />
      <div class="generic-cli">
        <span class="muted">The same from a terminal:</span>
        <CliCommand action={action.id} input={props.input} />
      </div>
    </section>
  );
}

/**
 * `/more/<area>/<id>`: one record from `<area>.get`: the CLI's table row as a summary, every
 * field (ids copyable), the `--json` document, and the area's actions on this record.
 */
export function RecordPage({
  area,
  detail,
  recordId,
}: {
  area: Area<ActionInfo>;
  detail: ActionInfo;
  recordId: string;
}) {
  const field = area.recordField as string;
  const input = { [field]: recordId };
  const record = useQuery({
    queryKey: ["generic", area.id, "get", recordId],
    queryFn: ({ signal }) => callActionTable(detail.id, input, { signal }),
    retry: retryServerErrors,
  });

  if (!record.data) {
    return (
      <RecordPending
        result={record}
        pageClass="generic-page"
        back={<BackLink area={area} />}
        record={{ noun: inSentence(area.label), id: recordId }}
        list={{ href: listUrlOf(area), label: inSentence(area.label) }}
        skeleton={
          <>
            <SkeletonCard lines={2} />
            <SkeletonCard lines={8} />
          </>
        }
      />
    );
  }

  const output = record.data.output;
  const title = output && typeof output === "object" ? titleOf(output as Record<string, unknown>, recordId) : recordId;
  return (
    <section class="generic-page" aria-labelledby="generic-record-title">
      <BackLink area={area} />
      <div class="page-header">
        <div class="generic-title">
          <h1 id="generic-record-title" data-testid="record-title">
            {title}
          </h1>
          <div class="generic-subtitle">
            <span class="muted">{area.label}</span>
            {/* Titled by its id: only the copy button, not the id twice. */}
            {title === recordId ? <CopyButton text={recordId} label={`Copy ${recordId}`} /> : <CopyId id={recordId} />}
          </div>
        </div>
      </div>

      <div class="generic-record-grid">
        <RecordBody action={detail} input={input} answer={record.data} />

        {area.records.length > 0 && (
          <section aria-labelledby="generic-record-actions" class="generic-record-actions">
            <h2 id="generic-record-actions" class="generic-section-title">
              Actions
            </h2>
            {area.records.map((action) => (
              <ActionCard
                key={action.id}
                action={action}
                fixed={input}
                target={recordId}
                current={isUpdate(action) ? asRecord(output) : undefined}
                onDone={(result) => {
                  if (isDeletion(result.output)) navigate(listUrlOf(area));
                }}
              />
            ))}
          </section>
        )}
      </div>
    </section>
  );
}
