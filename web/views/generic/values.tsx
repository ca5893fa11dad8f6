import { createContext, Fragment } from "preact";
import { useContext } from "preact/hooks";
import { CopyButton, CopyId } from "../../components/copy";

/** Clerk's ids: a lowercase prefix, an underscore and a long random part (`sess_2abc…`, `user_2x…`). */
const CLERK_ID = /^[a-z][a-z0-9]*_[A-Za-z0-9]{8,}$/;
export const isClerkId = (value: unknown): value is string => typeof value === "string" && CLERK_ID.test(value);

/**
 * Pages that show one record, by the input field naming it (`user_id` → `/users/:id`), so an
 * id in a record links to its page. Built from the catalog's `get` actions.
 */
export type RecordLinks = ReadonlyMap<string, (id: string) => string>;
export const RecordLinksContext = createContext<RecordLinks>(new Map());

const when = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** A compact one-line JSON for nested values in tables and field lists (the JSON view has the rest). */
function compact(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/**
 * One value of a record or a table cell: ids with a copy button (and a link when the field
 * names a record with a page), `…_at` timestamps as dates, nested values as compact JSON.
 */
export function Value({ name, value }: { name: string; value: unknown }) {
  const links = useContext(RecordLinksContext);
  if (value === null || value === undefined || value === "") return <span class="muted">—</span>;
  if (isClerkId(value)) {
    // A table column named after the record (`user`) links like the field (`user_id`).
    const link = links.get(name) ?? links.get(`${name}_id`);
    return link ? (
      <span class="copy-id">
        <a href={link(value)} class="mono">
          {value}
        </a>
        <CopyButton text={value} label={`Copy ${value}`} />
      </span>
    ) : (
      <CopyId id={value} />
    );
  }
  if (typeof value === "number" && name.endsWith("_at") && value > 1e11) {
    return <span title={String(value)}>{when(value)}</span>;
  }
  if (typeof value === "boolean")
    return <span class={`badge ${value ? "badge-success" : "badge-muted"}`}>{String(value)}</span>;
  if (typeof value === "object") return <code class="generic-compact">{compact(value)}</code>;
  // Table cells cut long text short; the tooltip has all of it.
  return <span title={String(value)}>{String(value)}</span>;
}

/** Top-level fields of a record as a definition list. */
export function FieldList({ record, testId }: { record: Record<string, unknown>; testId?: string }) {
  return (
    <dl class="fields generic-fields-list" data-testid={testId}>
      {Object.entries(record).map(([name, value]) => (
        <Fragment key={name}>
          <dt>{name}</dt>
          <dd>
            <Value name={name} value={value} />
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}
