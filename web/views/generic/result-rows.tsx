import { Fragment } from "preact";
import { humanize } from "./panel-entries";
import { Value } from "./values";

type Columns = readonly { key: string; header: string }[];

/**
 * Rows as `clerk …` prints them in its table (same columns, same footer). One row reads
 * better as a list of fields; several as a plain table (no keyboard selection: the page's
 * main table has the arrow keys).
 */
export function ResultRows({
  columns,
  rows,
  footer,
}: {
  columns: Columns;
  rows: Record<string, unknown>[];
  footer?: string | undefined;
}) {
  return (
    <div class="generic-result-rows">
      {rows.length === 0 ? (
        <p class="muted">(none)</p>
      ) : rows.length === 1 ? (
        <dl class="fields" data-testid="summary">
          {columns.map((column) => (
            <Fragment key={column.key}>
              <dt>{humanize(column.header)}</dt>
              <dd>
                <Value name={column.key} value={rows[0]?.[column.key]} />
              </dd>
            </Fragment>
          ))}
        </dl>
      ) : (
        <div class="table-scroll">
          <table class="data-table">
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column.key} scope="col">
                    {humanize(column.header)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={index}>
                  {columns.map((column) => (
                    <td key={column.key}>
                      <Value name={column.key} value={row[column.key]} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {footer && <p class="muted generic-footer">{footer}</p>}
    </div>
  );
}
