import { writeFileSync } from "node:fs";
import { z } from "zod";
import type { ImportProgress, Outcome } from "../../shared/bulk/import";
import type { FileFormat } from "../../shared/bulk/read";
import { type CreateUserBody, type MapOptions, SOURCE_NAMES, type Source } from "../../shared/bulk/sources";
import { defineCommand } from "../command";
import { ExitCode, UsageError } from "../errors";
import type { GlobalOptions } from "../globals";

export const usersImportCommand = defineCommand({
  id: "users.import",
  summary: "Import users from a file (Clerk's migration format, Auth0, Firebase, Supabase, or an export)",
  description:
    "Reads JSON, JSON Lines or CSV, maps each record to Clerk's create-user body (external id, emails, phone, " +
    "names, metadata, password or password digest with its hasher) and checks every record locally first. " +
    "Then creates the users at the instance's rate limit: concurrency adapts to Clerk's 429s and Retry-After. " +
    "A state file records each outcome as it happens, so running the same command again after Ctrl-C, a crash " +
    "or a lost connection continues where it stopped and never creates anyone twice; a report file lists every " +
    "record that failed, with Clerk's error. Exit 1 when any record failed (or, with --dry-run, would).",
  input: z.object({
    file: z.string().describe("The file of users: .json, .jsonl/.ndjson or .csv"),
    from: z
      .enum(SOURCE_NAMES as [string, ...string[]])
      .optional()
      .describe("Its format (default: recognised from the first record)"),
    format: z.enum(["json", "jsonl", "csv"]).optional().describe("File syntax (default: from the extension)"),
    hash_key: z.string().optional().describe("Firebase: the base64 signer key of the password hash parameters"),
    salt_separator: z.string().optional().describe("Firebase: the base64 salt separator"),
    rounds: z.coerce.number().int().min(1).optional().describe("Firebase: scrypt rounds (usually 8)"),
    mem_cost: z.coerce.number().int().min(1).optional().describe("Firebase: scrypt memory cost (usually 14)"),
    state: z.string().optional().describe("State file recording what was done (default: <file>.import-state.jsonl)"),
    report: z.string().optional().describe("Where failures are written (default: <file>.import-report.jsonl)"),
    concurrency: z.coerce.number().int().min(1).max(64).default(16).describe("Most creates in flight at once"),
  }),
  positionals: ["file"],
  examples: [
    "clerk users import users.json --dry-run",
    "clerk users import users.json",
    "clerk users import auth0-export.jsonl --from auth0",
    "clerk users import firebase-users.json --hash-key <base64> --salt-separator Bw== --rounds 8 --mem-cost 14",
    "clerk users import supabase-users.csv --json",
  ],
  async run(input, globals) {
    await importUsers(input, globals);
  },
});

type Input = z.infer<typeof usersImportCommand.input>;

interface Invalid {
  line: number;
  key: string;
  message: string;
}

function firebaseParameters(input: Input): MapOptions["firebase"] {
  const given = [input.hash_key, input.salt_separator, input.rounds, input.mem_cost];
  if (given.every((value) => value === undefined)) return undefined;
  if (given.some((value) => value === undefined)) {
    throw new UsageError(
      "Firebase's hash parameters go together: --hash-key, --salt-separator, --rounds and --mem-cost.",
      "Find them in the Firebase console: Authentication → Users → ⋮ → Password hash parameters.",
    );
  }
  return {
    signerKey: input.hash_key as string,
    saltSeparator: input.salt_separator as string,
    rounds: input.rounds as number,
    memCost: input.mem_cost as number,
  };
}

async function importUsers(input: Input, globals: GlobalOptions): Promise<void> {
  const [{ existsSync }, read, sources] = await Promise.all([
    import("node:fs"),
    import("../../shared/bulk/read"),
    import("../../shared/bulk/sources"),
  ]);
  if (!existsSync(input.file)) throw new UsageError(`No file ${input.file}.`, "Give the path of the users file.");
  const format: FileFormat = read.formatOf(input.file, input.format);
  const options: MapOptions = { firebase: firebaseParameters(input) };
  const named = input.from ? sources.sourceNamed(input.from) : undefined;

  /** Every record of the file, mapped and checked; `source` is fixed by the first record. */
  let source: Source | undefined = named;
  async function* checked(): AsyncGenerator<{ line: number; key: string; body?: CreateUserBody; invalid?: string }> {
    try {
      for await (const { line, record } of read.readRecords(input.file, format)) {
        source ??= sources.detectSource(record);
        if (!source) {
          throw new UsageError(
            `Cannot tell the format of ${input.file} from its first record (fields: ${Object.keys(record).slice(0, 8).join(", ")}).`,
            `Say it with --from ${SOURCE_NAMES.join("|")}.`,
          );
        }
        try {
          const body = sources.toCreateBody(source, record, options);
          yield { line, key: sources.recordKey(body), body };
        } catch (error) {
          if (!(error instanceof sources.ImportRecordError)) throw error;
          const key = String(record.email ?? record.userId ?? record.user_id ?? record.localId ?? record.id ?? "");
          yield { line, key, invalid: error.message };
        }
      }
    } catch (error) {
      if (error instanceof read.ImportFileError) throw new UsageError(error.message);
      throw error;
    }
  }

  // Every record is checked before anything is sent.
  const invalid: Invalid[] = [];
  let valid = 0;
  for await (const item of checked()) {
    if (item.invalid) invalid.push({ line: item.line, key: item.key, message: item.invalid });
    else valid += 1;
  }
  const json = globals.output === "json";
  const sourceName = (source as Source | undefined)?.name ?? input.from ?? "unknown";
  if (globals.dryRun) {
    const summary = { file: input.file, source: sourceName, records: valid + invalid.length, valid, invalid };
    if (json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else {
      process.stdout.write(
        `${input.file}: ${summary.records} records (${sourceName}), ${valid} ready to import, ${invalid.length} would fail.\n`,
      );
      for (const bad of invalid.slice(0, 50)) process.stdout.write(`  line ${bad.line} ${bad.key}: ${bad.message}\n`);
      if (invalid.length > 50) process.stdout.write(`  … and ${invalid.length - 50} more (--json lists them all)\n`);
      process.stdout.write("Nothing was sent (--dry-run).\n");
    }
    if (invalid.length) process.exitCode = ExitCode.runtime;
    return;
  }

  const [{ createActionContext }, { abortSignal }, engine, { agentMode }] = await Promise.all([
    import("../context"),
    import("../shutdown"),
    import("../../shared/bulk/import"),
    import("../mode"),
  ]);
  const signal = abortSignal();
  const ctx = await createActionContext(globals, { signal, dryRun: false, backendOnly: true });
  const statePath = input.state ?? `${input.file}.import-state.jsonl`;
  const reportPath = input.report ?? `${input.file}.import-report.jsonl`;
  const state = new engine.ImportState(statePath);
  const progressLine = progressPrinter(valid, agentMode() || !process.stderr.isTTY);
  async function* items() {
    for await (const item of checked()) if (item.body) yield { line: item.line, key: item.key, body: item.body };
  }
  let progress: ImportProgress | undefined;
  let interrupted = false;
  try {
    progress = await engine.runImport({
      backend: ctx.backend,
      items: items(),
      state,
      concurrency: { max: input.concurrency },
      signal,
      onProgress: (current) => progressLine(current),
    });
  } catch (error) {
    if (!signal.aborted) throw error;
    interrupted = true;
  } finally {
    progressLine(undefined);
  }
  const outcomes = state.all();
  const failed = outcomes.filter((o): o is Extract<Outcome, { status: "failed" }> => o.status === "failed");
  const failures = [...invalid.map((bad) => ({ ...bad, code: "invalid_record" })), ...failed].sort(
    (a, b) => a.line - b.line,
  );
  writeFileSync(reportPath, failures.map((failure) => `${JSON.stringify(failure)}\n`).join(""), { mode: 0o600 });
  const count = (status: Outcome["status"]) => outcomes.filter((o) => o.status === status).length;
  const summary = {
    file: input.file,
    source: sourceName,
    records: valid + invalid.length,
    created: count("created"),
    already_existed: count("exists"),
    failed: failures.length,
    rate_limited: progress?.rateLimited ?? 0,
    interrupted,
    state_file: statePath,
    report_file: reportPath,
  };
  if (json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    process.stdout.write(
      `${interrupted ? "Interrupted" : "Imported"}: ${summary.created} created, ${summary.already_existed} already there, ` +
        `${summary.failed} failed of ${summary.records} records.\n`,
    );
    if (failures.length) process.stdout.write(`Failures (with Clerk's errors): ${reportPath}\n`);
    if (interrupted) process.stdout.write(`Run the same command again to continue (state: ${statePath}).\n`);
  }
  if (interrupted) process.exitCode = ExitCode.interrupted;
  else if (failures.length) process.exitCode = ExitCode.runtime;
}

/**
 * Progress on stderr: a redrawn bar with rate and time left on a terminal; one JSON line a
 * second otherwise (agents, CI logs). Called with undefined at the end.
 */
function progressPrinter(total: number, lines: boolean): (progress: ImportProgress | undefined) => void {
  const started = Date.now();
  let last = 0;
  return (progress) => {
    const now = Date.now();
    if (!progress) {
      if (!lines && last) process.stderr.write("\n");
      return;
    }
    if (now - last < (lines ? 1000 : 100)) return;
    last = now;
    const done = progress.created + progress.exists + progress.failed;
    const seconds = (now - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const left = Math.max(0, total - done - progress.resumed);
    const eta = rate > 0 ? Math.round(left / rate) : undefined;
    if (lines) {
      process.stderr.write(
        `${JSON.stringify({ type: "progress", done: done + progress.resumed, total, ...progress, per_second: Math.round(rate * 10) / 10, eta_seconds: eta ?? null })}\n`,
      );
      return;
    }
    const ratio = total ? (done + progress.resumed) / total : 1;
    const bar = `${"█".repeat(Math.round(ratio * 24))}${"░".repeat(24 - Math.round(ratio * 24))}`;
    const etaText = eta === undefined ? "" : ` · ${Math.floor(eta / 60)}m${String(eta % 60).padStart(2, "0")}s left`;
    process.stderr.write(
      `\r${bar} ${done + progress.resumed}/${total} · ${rate.toFixed(1)}/s${etaText} · ${progress.concurrency} at once`,
    );
  };
}
