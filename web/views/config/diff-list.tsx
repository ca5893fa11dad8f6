import type { ConfigChange } from "../../../shared/config/diff";

const SIGN = { added: "+", removed: "−", changed: "~" } as const;

function Value({ value }: { value: unknown }) {
  if (value === undefined) return <span class="config-diff-absent">(not set)</span>;
  if (value === "********") return <span title="A secret: Clerk never shows its value">********</span>;
  return <>{JSON.stringify(value)}</>;
}

/** A dotted key path that wraps after its dots rather than inside a key. */
function KeyPath({ path }: { path: string }) {
  const parts = path.split(".");
  return (
    <>
      {parts.map((part, i) => (
        <span key={`${i}:${part}`}>
          {part}
          {i < parts.length - 1 && (
            <>
              .<wbr />
            </>
          )}
        </span>
      ))}
    </>
  );
}

/**
 * What differs, one row per key path: before and after side by side, colored by kind
 * (added, removed, changed). Used for the editor's plan, the dry run and dev ↔ prod.
 */
/** One side of a change: its label shows when the table is laid out as cards (narrow screens). */
function ValueCell(props: { side: "before" | "after"; label: string; value: unknown }) {
  return (
    <td class={`config-diff-${props.side}`}>
      <span class="config-diff-label" aria-hidden="true">
        {props.label}:{" "}
      </span>
      <Value value={props.value} />
    </td>
  );
}

export function DiffList(props: {
  changes: ConfigChange[];
  beforeLabel: string;
  afterLabel: string;
  label: string;
  /** A key Clerk rejected, highlighted with its message. */
  invalid?: { path: string; message: string } | undefined;
  describe?: ((path: string) => string | undefined) | undefined;
  testId?: string;
}) {
  return (
    <div class="diff config-diff" data-testid={props.testId ?? "diff"}>
      <table aria-label={props.label}>
        <thead>
          <tr>
            <th scope="col">
              <span class="sr-only">Change</span>
            </th>
            <th scope="col">Key</th>
            <th scope="col">{props.beforeLabel}</th>
            <th scope="col">{props.afterLabel}</th>
          </tr>
        </thead>
        <tbody>
          {props.changes.map((change) => {
            const invalid = props.invalid?.path === change.path ? props.invalid : undefined;
            const description = props.describe?.(change.path);
            return [
              <tr
                key={change.path}
                class={`diff-${change.kind}${invalid ? " config-diff-invalid" : ""}`}
                data-testid="diff-row"
                data-path={change.path}
                data-kind={change.kind}
              >
                <td class="config-diff-sign" title={change.kind}>
                  <span aria-hidden="true">{SIGN[change.kind]}</span>
                  <span class="sr-only">{change.kind}</span>
                </td>
                <td class="config-diff-path" title={description}>
                  <KeyPath path={change.path} />
                </td>
                <ValueCell side="before" label={props.beforeLabel} value={change.before} />
                <ValueCell side="after" label={props.afterLabel} value={change.after} />
              </tr>,
              invalid && (
                <tr key={`${change.path}!`} class="config-diff-error-row">
                  <td />
                  <td colSpan={3} class="config-diff-error" data-testid="diff-row-error">
                    {invalid.message}
                  </td>
                </tr>
              ),
            ];
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The schema's description of a dotted key path (`session.lifetime_seconds`), if it has one. */
export function describeFromSchema(schema: unknown): (path: string) => string | undefined {
  return (path) => {
    let node = schema as Record<string, unknown> | undefined;
    for (const key of path.split(".")) {
      const properties = node?.properties as Record<string, Record<string, unknown>> | undefined;
      node = properties?.[key] ?? (node?.additionalProperties as Record<string, unknown> | undefined);
      if (!node || typeof node !== "object") return undefined;
    }
    const description = typeof node?.description === "string" ? node.description : undefined;
    return node?.["x-sensitive"] ? `${description ?? ""} (secret: sending ******** keeps it)`.trim() : description;
  };
}
