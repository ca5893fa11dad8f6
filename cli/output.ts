import { writeFileSync } from "node:fs";
import pc from "picocolors";
import type { TableView } from "../shared/actions/action";
import { RuntimeError } from "./errors";

import type { OutputFormat } from "./globals";

export type { OutputFormat };

/** Colors only on a terminal, never with NO_COLOR. */
export function colorsFor(stream: NodeJS.WriteStream) {
  const enabled = Boolean(stream.isTTY) && !("NO_COLOR" in process.env) && process.env.TERM !== "dumb";
  return pc.createColors(enabled);
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

async function renderTable(
  rows: Record<string, unknown>[],
  columns: readonly { key: string; header: string }[],
  header = true,
) {
  const { default: Table } = await import("cli-table3");
  const c = colorsFor(process.stdout);
  const table = new Table({
    head: header ? columns.map((column) => c.bold(column.header)) : [],
    chars: {
      top: "",
      "top-mid": "",
      "top-left": "",
      "top-right": "",
      bottom: "",
      "bottom-mid": "",
      "bottom-left": "",
      "bottom-right": "",
      left: "",
      "left-mid": "",
      mid: "",
      "mid-mid": "",
      right: "",
      "right-mid": "",
      middle: "  ",
    },
    style: { head: [], border: [], "padding-left": 0, "padding-right": 0 },
  });
  for (const row of rows) table.push(columns.map((column) => cell(row[column.key])));
  return table.toString();
}

/** A record as two columns, field and value, for outputs without a table view. */
function keyValueRows(output: unknown): {
  rows: Record<string, unknown>[];
  columns: { key: string; header: string }[];
} {
  const entries = output && typeof output === "object" ? Object.entries(output as Record<string, unknown>) : [];
  return {
    rows: entries.map(([field, value]) => ({ field, value })),
    columns: [
      { key: "field", header: "FIELD" },
      { key: "value", header: "VALUE" },
    ],
  };
}

export async function formatResult<O>(output: O, format: OutputFormat, view?: TableView<O>): Promise<string> {
  if (format === "json") return JSON.stringify(output, null, 2);
  if (format === "yaml") {
    const { stringify } = await import("yaml");
    return stringify(output).trimEnd();
  }
  if (view) {
    const rows = view.rows(output);
    const table = rows.length ? await renderTable(rows, view.columns) : colorsFor(process.stdout).dim("(none)");
    const footer = view.footer?.(output);
    return footer ? `${table}\n${colorsFor(process.stdout).dim(footer)}` : table;
  }
  const { rows, columns } = keyValueRows(output);
  return renderTable(rows, columns, false);
}

export async function printResult<O>(output: O, format: OutputFormat, view?: TableView<O>): Promise<void> {
  process.stdout.write(`${await formatResult(output, format, view)}\n`);
}

/**
 * `--output <file>` (the official CLI's): the result goes to the file as JSON (YAML for a .yaml or
 * .yml file) instead of stdout, and stderr says so.
 */
export async function saveResult<O>(output: O, file: string, what: string): Promise<void> {
  const text = `${await formatResult(output, /\.ya?ml$/i.test(file) ? "yaml" : "json")}\n`;
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw new RuntimeError(`Cannot write ${file}: ${(error as Error).message}`, "Check the path and its permissions.");
  }
  process.stderr.write(`Wrote ${what} to ${file}.\n`);
}

/** Writes respecting backpressure, so streaming 100,000 records keeps memory flat. */
function write(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (process.stdout.write(text)) resolve();
    else process.stdout.once("drain", resolve).once("error", reject);
  });
}

/**
 * Streams a list: a JSON array written item by item, YAML list entries, or table rows in
 * chunks. Returns how many items were written.
 */
export async function printStream(
  items: AsyncIterable<unknown>,
  format: OutputFormat,
  view?: { row(item: unknown): Record<string, unknown>; columns: readonly { key: string; header: string }[] },
): Promise<number> {
  let count = 0;
  if (format === "json") {
    await write("[");
    for await (const item of items) {
      await write(`${count === 0 ? "\n  " : ",\n  "}${JSON.stringify(item)}`);
      count++;
    }
    await write(count === 0 ? "]\n" : "\n]\n");
    return count;
  }
  if (format === "yaml") {
    const { stringify } = await import("yaml");
    for await (const item of items) {
      await write(stringify([item]));
      count++;
    }
    if (count === 0) await write("[]\n");
    return count;
  }
  let chunk: Record<string, unknown>[] = [];
  const flush = async () => {
    if (!view || chunk.length === 0) return;
    await write(`${await renderTable(chunk, view.columns, count === chunk.length)}\n`);
    chunk = [];
  };
  for await (const item of items) {
    chunk.push(view ? view.row(item) : { value: item });
    count++;
    if (chunk.length === 500) await flush();
  }
  await flush();
  return count;
}
