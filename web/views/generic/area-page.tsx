import { useState } from "preact/hooks";
import type { ActionInfo } from "../../../shared/actions/types";
import { callActionTable } from "../../api";
import { ErrorState, Skeleton } from "../../components/states";
import { useQuery } from "../../query";
import { navigate } from "../../router";
import { retryServerErrors } from "../shared/common";
import { Form } from "../shared/parts";
import { ActionCard } from "./action-card";
import { ListSection } from "./list-section";
import { type Area, asRecord, humanize, isUpdate, recordPath } from "./panel-entries";
import { RecordBody } from "./record-page";

/** `<area>.get` without an id: the area's one document, shared by its view and its update form. */
const useOverview = (area: Area, action: ActionInfo) =>
  useQuery({
    queryKey: ["generic", area.id, "overview"],
    queryFn: ({ signal }) => callActionTable(action.id, {}, { signal }),
    retry: retryServerErrors,
  });

/** `<area>.get` without an id: the area's one document (an instance's settings, a key set), loaded with the page. */
function Overview({ area, action }: { area: Area; action: ActionInfo }) {
  const answer = useOverview(area, action);
  if (answer.error && !answer.data) return <ErrorState error={answer.error} retry={() => void answer.refetch()} />;
  if (!answer.data) {
    return (
      <div class="card" aria-busy="true">
        <Skeleton lines={6} />
      </div>
    );
  }
  return <RecordBody action={action} input={{}} answer={answer.data} />;
}

/** `<area>.update` next to `<area>.get`: the form starts from the document's current values once it is read. */
function UpdateCard({ area, action, overview }: { area: Area; action: ActionInfo; overview: ActionInfo }) {
  const answer = useOverview(area, overview);
  // Until it is read (or if it cannot be), the form starts empty, as one without a document does.
  if (!answer.data && !answer.error) {
    return (
      <div class="card" aria-busy="true">
        <Skeleton lines={4} />
      </div>
    );
  }
  return <ActionCard action={action} current={asRecord(answer.data?.output)} />;
}

/** An area with `get <id>` but no list: its records are opened by id. */
function OpenById({ area }: { area: Area }) {
  const [id, setId] = useState("");
  const field = humanize(area.recordField ?? "id");
  return (
    <Form
      class="card generic-open"
      aria-label={`Open by ${field}`}
      onSubmit={() => {
        if (id.trim()) navigate(recordPath(area, id.trim()));
      }}
    >
      <label>
        {field}
        <input
          value={id}
          autoComplete="off"
          spellcheck={false}
          onInput={(e) => setId((e.target as HTMLInputElement).value)}
        />
      </label>
      <button type="submit" class="primary" disabled={!id.trim()}>
        Open
      </button>
    </Form>
  );
}

/**
 * `/more/<area>`: the area's document (`get` without an id), its table (`list`) and a form
 * for each of its other actions; record actions are on the record's page (or selected row).
 */
export function AreaPage({ area }: { area: Area<ActionInfo> }) {
  return (
    <section class="generic-page" aria-labelledby="generic-area-title">
      <div class="page-header">
        <div class="generic-title">
          <h1 id="generic-area-title">{area.label}</h1>
          <div class="generic-subtitle">
            <code class="muted">clerk {area.id.split(".").join(" ")} --help</code>
            {area.bespoke && (
              <span class="muted">
                · Its other actions are in <a href={area.bespoke.path}>{area.bespoke.label}</a>.
              </span>
            )}
          </div>
        </div>
      </div>
      {area.overview && <Overview area={area} action={area.overview} />}
      {area.detail && !area.list && <OpenById area={area} />}
      {area.list && <ListSection key={area.id} area={area} list={area.list} />}
      {area.forms.length > 0 && (
        <section aria-labelledby="generic-area-actions">
          <h2 id="generic-area-actions" class="generic-section-title">
            Actions
          </h2>
          <div class="generic-actions-grid">
            {area.forms.map((action) =>
              isUpdate(action) && area.overview ? (
                <UpdateCard key={action.id} area={area} action={action} overview={area.overview} />
              ) : (
                <ActionCard key={action.id} action={action} />
              ),
            )}
          </div>
        </section>
      )}
    </section>
  );
}
