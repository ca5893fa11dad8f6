import { keepPreviousData } from "@tanstack/query-core";
import { useEffect, useMemo, useState } from "preact/hooks";
import type { ActionInfo } from "../../../shared/actions/types";
import { callActionTable, PanelApiError, type TableRows } from "../../api";
import { CliCommand } from "../../components/cli-command";
import { CopyButton } from "../../components/copy";
import { type Column, DataTable, Pagination } from "../../components/data-table";
import { JsonView } from "../../components/json-view";
import { EmptyState, ErrorState } from "../../components/states";
import { useDebounced, useQuery } from "../../query";
import { useLocation } from "../../router";
import { limitParam, offsetParam, retryServerErrors, setParams } from "../shared/common";
import { EmptyPage, PageSize } from "../shared/parts";
import { ActionCard, isDeletion } from "./action-card";
import { FieldInput } from "./field-input";
import { type Draft, initialDraft, parseDraft } from "./form-values";
import { type Area, asRecord, humanize, inSentence, isUpdate, recordPath } from "./panel-entries";
import { FieldList, isClerkId, Value } from "./values";

const PAGE_SIZES = [10, 20, 50, 100];
const PAGING = new Set(["limit", "offset"]);

interface Row {
  key: string;
  /** The record's id, for its page and its actions. */
  id: string | undefined;
  cells: Record<string, unknown>;
  item: unknown;
}

/** The list's items, whichever of Clerk's two list shapes it has (a bare array, or `{ data, total_count }`). */
function itemsOf(output: unknown): unknown[] {
  if (Array.isArray(output)) return output;
  const data = (output as { data?: unknown } | null)?.data;
  return Array.isArray(data) ? data : [];
}

const totalOf = (output: unknown) => {
  const total = (output as { total_count?: unknown } | null)?.total_count;
  return typeof total === "number" ? total : undefined;
};

/** Without a table view in the catalog: the items' id and first plain fields. */
function fallbackColumns(items: unknown[]): { key: string; header: string }[] {
  const first = (items[0] ?? {}) as Record<string, unknown>;
  const plain = Object.keys(first).filter((key) => first[key] === null || typeof first[key] !== "object");
  const keys = [...new Set([...(plain.includes("id") ? ["id"] : []), ...plain])].slice(0, 6);
  return keys.map((key) => ({ key, header: key }));
}

function rowsOf(output: unknown, table: TableRows | undefined): Row[] {
  const items = itemsOf(output);
  const cells = table?.rows ?? (items as Record<string, unknown>[]);
  // The table's rows are the items in order, so a row without an id column still finds its item's.
  return cells.map((row, index) => {
    const item = cells.length === items.length ? items[index] : undefined;
    const id = [row.id, (item as { id?: unknown } | undefined)?.id].find((value) => typeof value === "string");
    return { key: `${index}:${id ?? ""}`, id: id as string | undefined, cells: row, item };
  });
}

/** The last URL of each area's list, so "back" returns to the same filters and page. */
const listUrls = new Map<string, string>();
export const listUrlOf = (area: Area) => listUrls.get(area.id) ?? area.path;

/**
 * `<area>.list` as a table: the CLI's columns and rows, its other inputs as filters, and
 * `limit`/`offset` as pages, all in the URL. ↑/↓ and Enter open a record; `/` focuses the
 * search (a `query` input, else the first text filter). Areas without `get` show the selected
 * row below the table.
 */
export function ListSection({ area, list }: { area: Area<ActionInfo>; list: ActionInfo }) {
  const { query } = useLocation();
  useEffect(() => {
    listUrls.set(area.id, location.pathname + location.search);
  });
  const filterFields = list.fields.filter((field) => !PAGING.has(field.name));
  const slashTarget =
    filterFields.find((field) => field.name === "query") ?? filterFields.find((field) => field.kind === "string");
  const paged = list.fields.some((field) => field.name === "limit") && list.fields.some((f) => f.name === "offset");
  const defaults = initialDraft(filterFields);
  const fromUrl: Draft = Object.fromEntries(
    filterFields.map((field) => [field.name, query.get(field.name) ?? defaults[field.name] ?? ""]),
  );
  const urlKey = JSON.stringify(fromUrl);

  // Inputs update at once; the URL (and so the request) once typing pauses.
  const [draft, setDraft] = useState<Draft>(fromUrl);
  const debounced = useDebounced(draft, 300);
  useEffect(() => {
    if (JSON.stringify(debounced) === urlKey) return;
    const updates: Record<string, string | undefined> = { offset: undefined, selected: undefined };
    for (const field of filterFields) {
      const value = debounced[field.name] ?? "";
      updates[field.name] = value === (defaults[field.name] ?? "") ? undefined : value;
    }
    setParams(updates);
  }, [JSON.stringify(debounced)]);
  // Back/forward (or a link) changed the URL: the inputs follow.
  useEffect(() => {
    if (JSON.stringify(debounced) !== urlKey) setDraft(fromUrl);
  }, [urlKey]);

  const filters = parseDraft(filterFields, fromUrl);
  const missing = filterFields.filter((field) => field.required && filters.input[field.name] === undefined);
  const filtered = filterFields.some((field) => (fromUrl[field.name] ?? "") !== (defaults[field.name] ?? ""));
  const limitDefault = Number(list.fields.find((field) => field.name === "limit")?.defaultValue ?? 10);
  const limit = limitParam(query.get("limit"), PAGE_SIZES, limitDefault);
  const offset = offsetParam(query.get("offset"));
  const input = { ...filters.input, ...(paged ? { limit, offset } : {}) };

  const result = useQuery({
    queryKey: ["generic", area.id, "list", input],
    queryFn: ({ signal }) => callActionTable(list.id, input, { signal }),
    enabled: missing.length === 0,
    placeholderData: keepPreviousData,
    retry: retryServerErrors,
  });
  // The same array until the data changes: the table keeps its keyboard selection across renders.
  const rows = useMemo(() => (result.data ? rowsOf(result.data.output, result.data.table) : undefined), [result.data]);
  const columns = list.table?.columns ?? fallbackColumns(itemsOf(result.data?.output));
  const total = totalOf(result.data?.output);
  const opens = Boolean(area.detail || area.records.length);
  const selectedId = area.detail ? undefined : (query.get("selected") ?? undefined);
  const rowHref = (id: string) => {
    if (area.detail) return recordPath(area, id);
    const next = new URLSearchParams(location.search);
    next.set("selected", id);
    return `${location.pathname}?${next}`;
  };
  const clearFilters = () => {
    setDraft(defaults);
    setParams(Object.fromEntries([...filterFields.map((field) => [field.name, undefined]), ["offset", undefined]]));
  };

  const tableColumns: Column<Row>[] = columns.map((column) => ({
    key: column.key,
    header: humanize(column.header),
    render: (row) =>
      column.key === "id" && row.id && opens ? (
        <span class="copy-id">
          <a href={rowHref(row.id)} class="mono">
            {row.id}
          </a>
          <CopyButton text={row.id} label={`Copy ${row.id}`} />
        </span>
      ) : (
        <Value name={column.key} value={row.cells[column.key]} />
      ),
  }));
  const firstCreate = area.forms.find((form) => form.mutates);

  return (
    <section class="generic-list" aria-labelledby={`${area.id}-list-title`}>
      <h2 id={`${area.id}-list-title`} class="generic-section-title">
        {list.summary}
        {total !== undefined && (
          <span class="muted generic-total" data-testid="generic-total">
            {" "}
            · {total.toLocaleString()} {filtered ? "matching" : "total"}
          </span>
        )}
      </h2>
      {(filterFields.length > 0 || paged) && (
        <search class="toolbar generic-filters" aria-label={`Filter ${area.label}`}>
          {filterFields.map((field) => (
            <FieldInput
              key={field.name}
              field={field}
              idPrefix={`${area.id}-filter`}
              compact
              search={field.name === "query"}
              slashTarget={field === slashTarget}
              value={draft[field.name] ?? ""}
              error={(draft[field.name] ?? "") !== "" ? parseDraft([field], draft).errors[field.name] : undefined}
              onChange={(value) => setDraft({ ...draft, [field.name]: value })}
            />
          ))}
          {paged && (
            <PageSize limit={limit} sizes={[...new Set([limitDefault, ...PAGE_SIZES])].sort((a, b) => a - b)} />
          )}
          {filtered && (
            <button type="button" class="link-button" onClick={clearFilters}>
              Clear filters
            </button>
          )}
          <span class="muted" aria-live="polite">
            {result.isFetching && result.data ? "Loading…" : ""}
          </span>
        </search>
      )}

      {missing.length > 0 ? (
        <EmptyState
          title={`Give ${missing.map((field) => humanize(field.name)).join(" and ")} to list ${inSentence(area.label)}.`}
        >
          {missing.map((field) => field.description).join(" ")}
        </EmptyState>
      ) : result.error && !result.data ? (
        <>
          <ErrorState error={result.error} retry={() => void result.refetch()} />
          {result.error instanceof PanelApiError &&
            [400, 422].includes(result.error.status) &&
            filterFields.length > 0 && (
              <p class="muted">Clerk refused these filters: change them above, or clear them.</p>
            )}
        </>
      ) : rows && rows.length === 0 ? (
        filtered ? (
          <EmptyState title={`No ${inSentence(area.label)} match these filters.`}>
            <button type="button" class="link-button" onClick={clearFilters}>
              Clear the filters
            </button>
          </EmptyState>
        ) : offset > 0 ? (
          <EmptyPage />
        ) : (
          <EmptyState title={`No ${inSentence(area.label)} yet.`}>
            {firstCreate ? (
              <>
                Use “{humanize(firstCreate.id.split(".").pop() ?? "")}” below, or run{" "}
                <code>{firstCreate.examples[0]}</code>.
              </>
            ) : (
              <>
                They appear here as soon as Clerk has some; <code>{list.examples[0]}</code> lists them from a terminal.
              </>
            )}
          </EmptyState>
        )
      ) : (
        <>
          <DataTable
            label={area.label}
            rows={rows}
            columns={tableColumns}
            rowKey={(row) => row.key}
            loading={result.isPending}
            href={(row) => (row.id && opens ? rowHref(row.id) : undefined)}
          />
          {result.data && (
            <div class="generic-list-footer">
              <span class="muted">{result.data.table?.footer}</span>
              {paged && (
                <Pagination
                  offset={offset}
                  limit={limit}
                  total={total}
                  shown={rows?.length ?? 0}
                  onOffset={(next) => setParams({ offset: next || undefined, selected: undefined })}
                />
              )}
            </div>
          )}
        </>
      )}

      {selectedId && (
        <SelectedRow
          area={area}
          id={selectedId}
          item={rows?.find((row) => row.id === selectedId)?.item}
          onClose={() => setParams({ selected: undefined })}
        />
      )}

      <div class="generic-cli">
        <span class="muted">The same list from a terminal:</span>
        <CliCommand action={list.id} input={input} />
      </div>
      {result.data && <JsonView value={result.data.output} label="List JSON (as --json)" />}
    </section>
  );
}

/** In an area without `get`: the row picked in the table, and what can be done to it. */
function SelectedRow(props: { area: Area<ActionInfo>; id: string; item: unknown; onClose(): void }) {
  const { area, id } = props;
  const field = area.recordField as string;
  return (
    <section class="card generic-selected" aria-label={`Selected: ${id}`} data-testid="selected-row">
      <div class="generic-action-head">
        <h2>{isClerkId(id) ? <code>{id}</code> : id}</h2>
        <span class="header-spacer" />
        <button type="button" class="link-button" onClick={props.onClose}>
          Close
        </button>
      </div>
      {props.item && typeof props.item === "object" ? (
        <>
          <FieldList record={props.item as Record<string, unknown>} />
          <JsonView value={props.item} label="JSON (as in the list's --json)" />
        </>
      ) : (
        <p class="muted">Not on this page of the list; its actions still work with its id.</p>
      )}
      <div class="generic-actions-grid">
        {area.records.map((action) => (
          <ActionCard
            key={`${action.id}:${id}`}
            action={action}
            fixed={{ [field]: id }}
            target={id}
            current={isUpdate(action) ? asRecord(props.item) : undefined}
            onDone={(result) => isDeletion(result.output) && props.onClose()}
          />
        ))}
      </div>
    </section>
  );
}
