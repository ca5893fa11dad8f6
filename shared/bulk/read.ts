import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { parse } from "csv-parse";

export type FileFormat = "json" | "jsonl" | "csv";

/** One record of an input file, with where it is (the report and the state file name it by this). */
export interface FileRecord {
  /** 1-based: the line of a JSON Lines or CSV file, the position in a JSON array. */
  line: number;
  record: Record<string, unknown>;
}

export class ImportFileError extends Error {
  override readonly name = "ImportFileError";
}

export function formatOf(path: string, given?: string): FileFormat {
  if (given === "json" || given === "jsonl" || given === "csv") return given;
  if (/\.(jsonl|ndjson)$/i.test(path)) return "jsonl";
  if (/\.csv$/i.test(path)) return "csv";
  return "json";
}

/**
 * The records of a file, one at a time: JSON Lines and CSV are streamed (flat memory at any size);
 * a JSON file is an array of records, or an object holding one (`{"users": […]}`, as Firebase's
 * `auth:export` writes).
 */
export async function* readRecords(path: string, format: FileFormat): AsyncGenerator<FileRecord> {
  if (format === "json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(path, "utf8"));
    } catch (error) {
      throw new ImportFileError(`${path} is not JSON: ${(error as Error).message}`);
    }
    const records = Array.isArray(parsed)
      ? parsed
      : Object.values(parsed as Record<string, unknown>).find((value) => Array.isArray(value));
    if (!Array.isArray(records)) throw new ImportFileError(`${path} holds no array of users.`);
    for (const [index, record] of records.entries())
      yield { line: index + 1, record: record as Record<string, unknown> };
    return;
  }
  if (format === "jsonl") {
    let line = 0;
    for await (const text of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
      line += 1;
      if (text.trim() === "") continue;
      try {
        yield { line, record: JSON.parse(text) };
      } catch {
        throw new ImportFileError(`${path}:${line} is not a JSON object.`);
      }
    }
    return;
  }
  const parser = createReadStream(path).pipe(
    parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, info: true }),
  );
  for await (const { record, info } of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number };
  }>) {
    yield { line: info.lines, record };
  }
}
