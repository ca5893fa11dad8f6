import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { navigate } from "../router";

export interface Column<T> {
  key: string;
  header: string;
  render(row: T): ComponentChildren;
  /** The `order_by` field this column sorts by, if sortable. */
  sort?: string;
}

/**
 * A table people can drive from the keyboard: ↑/↓ move the selection, Enter opens the row.
 * Sortable headers toggle `+field`/`-field`. A row that opens something has a link to it among its
 * cells (a column renders `<a href={href(row)}>`), so Tab reaches it and it opens in a new tab too;
 * a click anywhere on the row follows it. Wide tables scroll sideways inside their box, never the page.
 */
export function DataTable<T>(props: {
  rows: T[] | undefined;
  columns: Column<T>[];
  rowKey(row: T): string;
  /** Where the row leads, if anywhere. */
  href(row: T): string | undefined;
  orderBy?: string;
  onSort?(orderBy: string): void;
  loading?: boolean;
  label: string;
}) {
  const [selected, setSelected] = useState(0);
  const selectedRef = useRef(0);
  selectedRef.current = selected;
  // Only a move by keyboard scrolls: on load, a table far down the page must not scroll to itself.
  const movedByKey = useRef(false);
  const body = useRef<HTMLTableSectionElement>(null);
  const rows = props.rows ?? [];
  useEffect(() => setSelected(0), [props.rows]);

  const open = (row: T | undefined) => {
    const href = row && props.href(row);
    if (href) navigate(href);
  };

  // Arrows and Enter work from anywhere on the page except form fields (the search box
  // included, so typing a query then ↓ and Enter opens a result) and links (Enter follows the
  // focused one).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      const field = target.closest("textarea, select, button, dialog, input:not([type=search])");
      if (field || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") movedByKey.current = true;
      if (event.key === "ArrowDown") setSelected((i) => Math.min(rows.length - 1, i + 1));
      else if (event.key === "ArrowUp") setSelected((i) => Math.max(0, i - 1));
      else if (event.key === "Enter" && !target.closest("a")) open(rows[selectedRef.current]);
      else return;
      event.preventDefault();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [rows, props.href]);
  useEffect(() => {
    if (!movedByKey.current) return;
    movedByKey.current = false;
    const row = body.current?.querySelector<HTMLElement>(`tr:nth-child(${selected + 1})`);
    row?.scrollIntoView({ block: "nearest" });
    // Focus moves along when it is on a row's link, so Tab and the arrows agree.
    if (body.current?.contains(document.activeElement)) row?.querySelector<HTMLElement>("a[href]")?.focus();
  }, [selected]);

  const sortState = (column: Column<T>) =>
    !column.sort || !props.orderBy
      ? undefined
      : props.orderBy.replace(/^[+-]/, "") === column.sort
        ? props.orderBy.startsWith("-")
          ? "descending"
          : "ascending"
        : undefined;

  return (
    <div class="table-scroll">
      <table class="data-table" aria-label={props.label} data-testid="data-table">
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th key={column.key} scope="col" aria-sort={sortState(column) ?? "none"}>
                {column.sort && props.onSort ? (
                  <button
                    type="button"
                    class="sort-button"
                    onClick={() =>
                      props.onSort?.(sortState(column) === "ascending" ? `-${column.sort}` : `+${column.sort}`)
                    }
                  >
                    {column.header}
                    <span aria-hidden="true">
                      {sortState(column) === "ascending" ? " ▲" : sortState(column) === "descending" ? " ▼" : ""}
                    </span>
                  </button>
                ) : (
                  column.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody ref={body}>
          {props.loading && rows.length === 0
            ? Array.from({ length: 6 }, (_, i) => (
                <tr key={i} class="skeleton-row">
                  {props.columns.map((column) => (
                    <td key={column.key}>
                      <div class="skeleton-line" />
                    </td>
                  ))}
                </tr>
              ))
            : rows.map((row, index) => (
                <tr
                  key={props.rowKey(row)}
                  class={`${index === selected ? "selected" : ""}${props.href(row) ? " opens" : ""}`}
                  aria-selected={index === selected}
                  onClick={(event) => {
                    // A link in the row follows itself (the panel's link handler, or a new tab).
                    if (!(event.target as HTMLElement).closest("a")) open(row);
                  }}
                  onFocusIn={() => setSelected(index)}
                  onMouseEnter={() => setSelected(index)}
                >
                  {props.columns.map((column) => (
                    <td key={column.key}>{column.render(row)}</td>
                  ))}
                </tr>
              ))}
        </tbody>
      </table>
    </div>
  );
}

/** Pages of a list; without a total (Clerk lists that are bare arrays), "Next" stays on while pages are full. */
export function Pagination(props: {
  offset: number;
  limit: number;
  total: number | undefined;
  /** Rows on this page, for lists without a total. */
  shown?: number;
  onOffset(offset: number): void;
}) {
  const { offset, limit, total } = props;
  const last = total === undefined ? offset + (props.shown ?? 0) : Math.min(total, offset + limit);
  const first = (total === undefined ? last === offset : total === 0) ? 0 : offset + 1;
  const atEnd = total === undefined ? (props.shown ?? 0) < limit : offset + limit >= total;
  return (
    <nav class="pagination" aria-label="Pages">
      <span class="muted" data-testid="page-status">
        {first}–{last}
        {total === undefined ? "" : ` of ${total.toLocaleString()}`}
      </span>
      <button type="button" disabled={offset === 0} onClick={() => props.onOffset(Math.max(0, offset - limit))}>
        ← Previous
      </button>
      <button type="button" disabled={atEnd} onClick={() => props.onOffset(offset + limit)}>
        Next →
      </button>
    </nav>
  );
}
