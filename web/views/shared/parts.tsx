/** Pieces of markup the views share: a record page's waiting states, a list's empty page, a form. */
import type { ComponentChildren, FormHTMLAttributes, JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { ActionId } from "../../../shared/actions/types";
import { PanelApiError } from "../../api";
import { CliCommand } from "../../components/cli-command";
import { type Confirming, ServerConfirmDialog } from "../../components/confirm";
import { Pagination } from "../../components/data-table";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { useDebounced } from "../../query";
import { setParams } from "./common";

/**
 * A record page until its record is in: Clerk's 404 said in words ("No user “…” in this
 * instance.", with the way back to the list), another failure with a retry, else the page's
 * skeleton.
 */
export function RecordPending(props: {
  result: { error: Error | null; refetch(): unknown };
  pageClass: string;
  back: JSX.Element;
  /** What the record is and what it is called: `{ noun: "user", id, pronoun: "They" }`. */
  record: { noun: string; id: string; pronoun?: string };
  list: { href: string; label: string };
  skeleton: JSX.Element;
}) {
  const { result, record, list } = props;
  if (result.error) {
    return (
      <section class={props.pageClass}>
        {props.back}
        {result.error instanceof PanelApiError && result.error.status === 404 ? (
          <EmptyState title={`No ${record.noun} “${record.id}” in this instance.`}>
            {record.pronoun ?? "It"} may have been deleted, or belong to another instance (check the picker at the top).{" "}
            <a href={list.href}>Back to {list.label}</a>
          </EmptyState>
        ) : (
          <ErrorState error={result.error} retry={() => void result.refetch()} />
        )}
      </section>
    );
  }
  return (
    <section class={props.pageClass} aria-busy="true">
      {props.back}
      {props.skeleton}
    </section>
  );
}

/** A card of skeleton lines. */
export const SkeletonCard = ({ lines }: { lines: number }) => (
  <div class="card">
    <Skeleton lines={lines} />
  </div>
);

/** A page past the end of a list (the URL's offset outlived the rows), with the way back. */
export function EmptyPage({ offsetParam = "offset" }: { offsetParam?: string }) {
  return (
    <EmptyState title="This page is empty.">
      <button type="button" class="link-button" onClick={() => setParams({ [offsetParam]: undefined })}>
        Go to the first page
      </button>
    </EmptyState>
  );
}

/** A `<select>`'s options: each value is its own label. */
export function Options({ values }: { values: readonly (string | number)[] }) {
  return (
    <>
      {values.map((value) => (
        <option key={value} value={String(value)}>
          {value}
        </option>
      ))}
    </>
  );
}

/** A list's page size, kept in the URL (`?limit=`); changing it goes back to the first page. */
export function PageSize({ limit, sizes }: { limit: number; sizes: readonly number[] }) {
  return (
    <label>
      Per page
      <select
        value={String(limit)}
        onChange={(event) => setParams({ limit: (event.target as HTMLSelectElement).value, offset: undefined })}
      >
        <Options values={sizes} />
      </select>
    </label>
  );
}

/** A section's status filter, kept in the URL (`?sessions_status=`); changing it goes back to its first page. */
export function StatusFilter(props: {
  value: string;
  statuses: readonly string[];
  param: string;
  offsetParam: string;
  testId: string;
}) {
  return (
    <label class="inline">
      Status
      <select
        value={props.value}
        data-testid={props.testId}
        onChange={(event) =>
          setParams({ [props.param]: (event.target as HTMLSelectElement).value, [props.offsetParam]: undefined })
        }
      >
        <option value="">All</option>
        <Options values={props.statuses} />
      </select>
    </label>
  );
}

/**
 * A list's pages, the offset kept in the URL (`param`, `?offset=` by default). A section of a
 * record page (`?sessions_offset=`) shows them only when it has more than one (`whenSeveral`).
 */
export function Pages(props: { offset: number; limit: number; total: number; param?: string; whenSeveral?: boolean }) {
  if (props.whenSeveral && props.total <= props.limit) return null;
  return (
    <Pagination
      offset={props.offset}
      limit={props.limit}
      total={props.total}
      onOffset={(next) => setParams({ [props.param ?? "offset"]: next || undefined })}
    />
  );
}

/** A list page's title, its count ("1,204 total", "3 matching") and the button that opens its "New …" form. */
export function ListHeader(props: {
  id: string;
  title: string;
  total: number | undefined;
  matching: boolean;
  totalTestId: string;
  creating: boolean;
  newLabel: string;
}) {
  return (
    <div class="page-header">
      <h1 id={props.id}>{props.title}</h1>
      {props.total !== undefined && (
        <span class="muted" data-testid={props.totalTestId}>
          {props.total.toLocaleString()} {props.matching ? "matching" : "total"}
        </span>
      )}
      <span class="header-spacer" />
      <button
        type="button"
        class={props.creating ? "" : "primary"}
        aria-expanded={props.creating}
        onClick={() => setParams({ new: props.creating ? undefined : "1" })}
      >
        {props.creating ? "Close form" : props.newLabel}
      </button>
    </div>
  );
}

/**
 * A search box's text and its setter: the box updates at once, the URL (`?<param>=`, and so the
 * request) once typing pauses; a URL changed otherwise (back, "Clear all") updates the box.
 */
export function useSearchText(param: string, q: string): [string, (text: string) => void] {
  const [text, setText] = useState(q);
  const debounced = useDebounced(text.trim(), 250);
  useEffect(() => {
    if (debounced !== q) setParams({ [param]: debounced, offset: undefined });
  }, [debounced]);
  useEffect(() => {
    if (q !== debounced) setText(q);
  }, [q]);
  return [text, setText];
}

/**
 * A record's delete card (`Delete user`): what goes, the CLI line, and the button that runs the
 * delete; the server asks for its confirmation (the name people know, typed) and the dialog shows it.
 */
export function DeleteCard(props: {
  /** What the record is ("user"). */
  noun: string;
  sectionClass: string;
  submitRowClass: string;
  dialogTextClass: string;
  headingId: string;
  summary: ComponentChildren;
  dialogText: ComponentChildren;
  action: ActionId;
  input: Record<string, unknown>;
  /** The delete's runner (useRunAction): started unconfirmed, it holds the confirmation asked for. */
  runner: { mutate(variables: { input: never }): unknown; confirming: Confirming | null; isPending: boolean };
}) {
  return (
    <section class={`card ${props.sectionClass}`} aria-labelledby={props.headingId}>
      <h2 id={props.headingId}>Delete {props.noun}</h2>
      <p class="muted">{props.summary}</p>
      <div class={props.submitRowClass}>
        <CliCommand action={props.action} input={props.input} />
        <button
          type="button"
          class="danger"
          disabled={props.runner.isPending}
          onClick={() => props.runner.mutate({ input: props.input as never })}
        >
          Delete {props.noun}…
        </button>
      </div>
      {props.runner.confirming && (
        <ServerConfirmDialog confirming={props.runner.confirming} confirmLabel={`Delete ${props.noun}`}>
          <p class={props.dialogTextClass}>{props.dialogText}</p>
          <CliCommand action={props.action} input={props.input} />
        </ServerConfirmDialog>
      )}
    </section>
  );
}

/** A form that stays on the page: submitting runs `onSubmit` (the browser's navigation is prevented). */
export function Form({
  onSubmit,
  ...props
}: Omit<FormHTMLAttributes<HTMLFormElement>, "onSubmit"> & { onSubmit(): void }) {
  return (
    <form
      {...props}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    />
  );
}
