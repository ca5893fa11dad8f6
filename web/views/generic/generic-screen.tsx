import { useMemo } from "preact/hooks";
import type { ActionInfo } from "../../../shared/actions/types";
import { useCatalogQuery } from "../../components/catalog";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { BESPOKE_VIEWS, GENERIC_ROOT } from "../table";
import { AreaPage } from "./area-page";
import { type Area, genericAreas, recordLinks, splitId, verbLabel } from "./panel-entries";
import { RecordPage } from "./record-page";
import { RecordLinksContext } from "./values";
import "./generic.css";

function groupsOf(areas: Area<ActionInfo>[]): [string, Area<ActionInfo>[]][] {
  const groups = new Map<string, Area<ActionInfo>[]>();
  for (const area of areas) groups.set(area.group, [...(groups.get(area.group) ?? []), area]);
  return [...groups.entries()];
}

const actionsOf = (area: Area<ActionInfo>) =>
  [area.overview, area.list, area.detail, ...area.records, ...area.forms].filter(
    (action): action is ActionInfo => action !== undefined,
  );

/** The sidebar: every generic area, grouped as in `genericAreas`. */
function AreaNav({ areas, current }: { areas: Area<ActionInfo>[]; current: string | undefined }) {
  return (
    <nav class="generic-nav" aria-label="Resources">
      <a href={GENERIC_ROOT} class="generic-nav-home" aria-current={current === undefined ? "page" : undefined}>
        All resources
      </a>
      {groupsOf(areas).map(([group, members]) => (
        <div key={group} class="generic-nav-group">
          <h2>{group}</h2>
          {members.map((area) => (
            <a key={area.id} href={area.path} aria-current={area.id === current ? "page" : undefined}>
              {area.shortLabel}
            </a>
          ))}
        </div>
      ))}
    </nav>
  );
}

/** `/more`: every area and what can be done there. */
function Home({ areas }: { areas: Area<ActionInfo>[] }) {
  return (
    <section class="generic-page" aria-labelledby="generic-home-title">
      <div class="page-header">
        <div class="generic-title">
          <h1 id="generic-home-title">More resources</h1>
          <div class="generic-subtitle muted">
            Everything the CLI manages that has no view of its own. {BESPOKE_VIEWS.map((view) => view.label).join(", ")}{" "}
            have theirs above.
          </div>
        </div>
      </div>
      {groupsOf(areas).map(([group, members]) => (
        <section key={group} class="generic-home-group" aria-label={group}>
          <h2 class="generic-section-title">{group}</h2>
          <div class="generic-home-grid">
            {members.map((area) => (
              <a key={area.id} href={area.path} class="card generic-home-card" data-testid="area-card">
                <strong>{area.label}</strong>
                <span class="generic-verbs">
                  {actionsOf(area).map((action) => (
                    <span key={action.id} class={`badge ${action.destructive ? "badge-danger" : "badge-muted"}`}>
                      {splitId(action.id).verb ? verbLabel(action.id).toLowerCase() : "run"}
                    </span>
                  ))}
                </span>
              </a>
            ))}
          </div>
        </section>
      ))}
    </section>
  );
}

/**
 * The generic screens (`/more…`), laid out from the catalog alone (see panel-entries.ts):
 * loaded on demand, so the first page of the panel stays small.
 */
export function GenericScreen({
  area: areaId,
  recordId,
}: {
  area?: string | undefined;
  recordId?: string | undefined;
}) {
  const catalog = useCatalogQuery();
  const areas = useMemo(() => genericAreas(catalog.data ?? []), [catalog.data]);
  const links = useMemo(() => recordLinks(areas), [areas]);
  const area = areas.find((candidate) => candidate.id === areaId);

  let page: preact.JSX.Element;
  if (catalog.error) page = <ErrorState error={catalog.error} retry={() => void catalog.refetch()} />;
  else if (!catalog.data) page = <Skeleton lines={8} />;
  else if (areaId === undefined) page = <Home areas={areas} />;
  else if (!area) {
    page = (
      <EmptyState title={`No resource “${areaId}” here.`}>
        This panel’s <code>clerk</code> has no such commands, or they have a view of their own.{" "}
        <a href={GENERIC_ROOT}>See all resources</a>
      </EmptyState>
    );
  } else if (recordId !== undefined && area.detail) {
    page = <RecordPage key={`${area.id}/${recordId}`} area={area} detail={area.detail} recordId={recordId} />;
  } else page = <AreaPage key={area.id} area={area} />;

  return (
    <RecordLinksContext.Provider value={links}>
      <div class="generic-layout">
        <AreaNav areas={areas} current={area?.id} />
        <div class="generic-main">{page}</div>
      </div>
    </RecordLinksContext.Provider>
  );
}
