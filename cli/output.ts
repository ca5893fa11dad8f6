import { writeFileSync } from "node:fs";
import pc from "picocolors";
import type { DetailView, TableView } from "../shared/actions/action";
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

/**
 * The width to fit output to: `COLUMNS` when set, else the terminal's width; undefined when
 * piped with neither (then nothing is shortened or wrapped: scripts get every character).
 */
export function terminalWidth(stream: NodeJS.WriteStream = process.stdout): number | undefined {
  const columns = Number(process.env.COLUMNS);
  if (Number.isInteger(columns) && columns > 0) return columns;
  return stream.isTTY && stream.columns > 0 ? stream.columns : undefined;
}

/** Display width, counting code points (color codes take none). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: measuring text that may hold color codes
export const visibleLength = (text: string) => Array.from(text.replace(/\x1b\[[0-9;]*m/g, "")).length;

/** `text` cut to `width` characters, the last one "…" when anything was cut. */
export function truncate(text: string, width: number): string {
  const chars = Array.from(text);
  if (chars.length <= width) return text;
  return width < 1 ? "" : `${chars.slice(0, width - 1).join("")}…`;
}

const GAP = 2;
/** No column is cut below this (or its own width, if narrower). */
const MIN_COLUMN = 6;

/**
 * Column widths that fit `available`, as `gh` fits its tables: the widest column is shortened
 * first, again and again, until the row fits. Headers (`headers`: their widths) are kept whole
 * while anything else can give; the first column (the id people copy) is shortened only when no
 * other column can be.
 */
export function fitColumns(widths: readonly number[], available: number, headers: readonly number[] = []): number[] {
  const fitted = [...widths];
  let total = fitted.reduce((sum, width) => sum + width, 0) + GAP * Math.max(0, fitted.length - 1);
  const keepHeaders = widths.map((width, index) => Math.min(width, Math.max(MIN_COLUMN, headers[index] ?? 0)));
  const least = widths.map((width) => Math.min(width, MIN_COLUMN));
  // Headers go before other text; the first column only when nothing else can give.
  for (const [floor, from] of [
    [keepHeaders, 1],
    [least, 1],
    [least, 0],
  ] as const) {
    while (total > available) {
      let widest = -1;
      for (let index = from; index < fitted.length; index++) {
        if ((fitted[index] as number) <= (floor[index] as number)) continue;
        if (widest < 0 || (fitted[index] as number) > (fitted[widest] as number)) widest = index;
      }
      if (widest < 0) break;
      fitted[widest] = (fitted[widest] as number) - 1;
      total--;
    }
  }
  return fitted;
}

async function renderTable(
  rows: Record<string, unknown>[],
  columns: readonly { key: string; header: string }[],
  header = true,
  color?: TableView<unknown>["color"],
) {
  const { default: Table } = await import("cli-table3");
  const c = colorsFor(process.stdout);
  let head = columns.map((column) => column.header);
  let body = rows.map((row) => columns.map((column) => cell(row[column.key])));
  const available = terminalWidth();
  if (available !== undefined) {
    const natural = columns.map((_, index) =>
      Math.max(
        header ? visibleLength(head[index] as string) : 0,
        ...body.map((line) => visibleLength(line[index] as string)),
      ),
    );
    const widths = fitColumns(natural, available, header ? head.map((text) => visibleLength(text)) : []);
    head = head.map((text, index) => truncate(text, widths[index] as number));
    body = body.map((line) => line.map((text, index) => truncate(text, widths[index] as number)));
  }
  const table = new Table({
    head: header ? head.map((text) => c.bold(text)) : [],
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
      middle: " ".repeat(GAP),
    },
    style: { head: [], border: [], "padding-left": 0, "padding-right": 0 },
  });
  body.forEach((line, index) => {
    const tone = color?.(rows[index] as Record<string, unknown>);
    table.push(tone ? line.map((text) => c[tone](text)) : line);
  });
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

/** A value for a detail line: text as it is, objects as indented JSON; undefined when there is nothing to show. */
function detailValue(value: unknown): string | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  return typeof value === "object" ? JSON.stringify(value, null, 2) : String(value);
}

/** One record for people: its title, then sections of aligned label/value lines. */
export function renderDetail<O>(view: DetailView<O>, output: O): string {
  const c = colorsFor(process.stdout);
  const sections = view
    .sections(output)
    .map((section) => ({
      title: section.title,
      fields: section.fields.flatMap(([label, value]) => {
        const text = detailValue(value);
        return text === undefined ? [] : [[label, text] as const];
      }),
    }))
    .filter((section) => section.fields.length > 0);
  const width = Math.max(0, ...sections.flatMap((section) => section.fields.map(([label]) => label.length)));
  const lines = [c.bold(view.title(output))];
  for (const section of sections) {
    lines.push("");
    const indent = section.title ? "  " : "";
    if (section.title) lines.push(c.bold(section.title));
    for (const [label, text] of section.fields) {
      const [first, ...rest] = text.split("\n");
      const under = `${indent}${" ".repeat(width + 2)}`;
      lines.push(`${indent}${c.dim(label.padEnd(width))}  ${first}`, ...rest.map((line) => `${under}${line}`));
    }
  }
  return lines.join("\n");
}

/**
 * The output in `format`. A table for people, except on a terminal when `detail` is given: then
 * the record's detail view (piped output stays the table scripts read).
 */
export async function formatResult<O>(
  output: O,
  format: OutputFormat,
  view?: TableView<O>,
  detail?: DetailView<O>,
): Promise<string> {
  if (format === "json") return JSON.stringify(output, null, 2);
  if (format === "yaml") {
    const { stringify } = await import("yaml");
    return stringify(output).trimEnd();
  }
  if (detail && process.stdout.isTTY) {
    const footer = view?.footer?.(output);
    return `${renderDetail(detail, output)}${footer ? `\n\n${colorsFor(process.stdout).dim(footer)}` : ""}`;
  }
  if (view) {
    const rows = view.rows(output);
    const table = rows.length
      ? await renderTable(rows, view.columns, true, view.color)
      : colorsFor(process.stdout).dim("(none)");
    const footer = view.footer?.(output);
    return footer ? `${table}\n${colorsFor(process.stdout).dim(footer)}` : table;
  }
  const { rows, columns } = keyValueRows(output);
  return renderTable(rows, columns, false);
}

export async function printResult<O>(
  output: O,
  format: OutputFormat,
  view?: TableView<O>,
  detail?: DetailView<O>,
): Promise<void> {
  process.stdout.write(`${await formatResult(output, format, view, detail)}\n`);
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
