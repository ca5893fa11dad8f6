import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { ClerkApiError, ClerkNetworkError, ClerkTimeoutError } from "../clerk/errors";
import { sleep } from "../clerk/retry";
import { ClerkTransport } from "../clerk/transport";
import type { CreateUserBody } from "./sources";

/** A record ready to send: its place in the file, its identity (external id or email) and its body. */
export interface ImportItem {
  line: number;
  key: string;
  body: CreateUserBody;
}

export type Outcome =
  | { line: number; key: string; status: "created"; user_id: string }
  /** Clerk already has this user (a re-run, or an earlier attempt whose answer was lost). */
  | { line: number; key: string; status: "exists"; user_id?: string }
  | { line: number; key: string; status: "failed"; code?: string; message: string; param?: string };

type StateEntry = Outcome | { line: number; key: string; status: "sending" };

/**
 * What an import has done, one JSON line per event, appended as it happens (so a SIGKILL loses
 * nothing acknowledged): `sending` before a create is sent, then its outcome. A re-run skips the
 * lines with an outcome, and looks a `sending` one up in Clerk before creating it again, since
 * that create may have been made.
 */
export class ImportState {
  private readonly outcomes = new Map<number, Outcome>();
  private readonly unsure = new Set<number>();

  constructor(readonly path: string) {
    if (!existsSync(path)) return;
    for (const line of readFileSync(path, "utf8").split("\n")) {
      if (!line.trim()) continue;
      let entry: StateEntry;
      try {
        entry = JSON.parse(line);
      } catch {
        continue; // a line cut short by a kill: its create is looked up again
      }
      if (entry.status === "sending") this.unsure.add(entry.line);
      else {
        this.outcomes.set(entry.line, entry);
        this.unsure.delete(entry.line);
      }
    }
  }

  outcome(line: number): Outcome | undefined {
    return this.outcomes.get(line);
  }

  /** Whether a create for this line was sent and its answer never recorded. */
  wasSent(line: number): boolean {
    return this.unsure.has(line);
  }

  sending(item: ImportItem): void {
    this.append({ line: item.line, key: item.key, status: "sending" });
    this.unsure.add(item.line);
  }

  record(outcome: Outcome): void {
    this.append(outcome);
    this.outcomes.set(outcome.line, outcome);
    this.unsure.delete(outcome.line);
  }

  all(): Outcome[] {
    return [...this.outcomes.values()].sort((a, b) => a.line - b.line);
  }

  private append(entry: StateEntry): void {
    appendFileSync(this.path, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
  }
}

export interface ImportProgress {
  created: number;
  exists: number;
  failed: number;
  /** Lines an earlier run finished (skipped now). */
  resumed: number;
  /** Creates in flight allowed now (it adapts to Clerk's 429s). */
  concurrency: number;
  rateLimited: number;
}

export interface ImportOptions {
  backend: ClerkTransport;
  items: AsyncIterable<ImportItem>;
  state: ImportState;
  /** Creates in flight at first and at most (default 4 and 16). */
  concurrency?: { initial?: number; max?: number };
  onProgress?(progress: ImportProgress, outcome?: Outcome): void;
  signal?: AbortSignal;
}

/** Clerk already has a user with one of the record's identifiers (email, phone, username or external id). */
const USER_EXISTS = new Set(["form_identifier_exists"]);

/**
 * Creates the users at the rate Clerk allows: concurrency grows by one after each round of
 * successes and halves on a 429, and nothing is sent until its `Retry-After` has passed (additive
 * increase, multiplicative decrease, as TCP does). Never creates a user twice: a lost answer is
 * looked up (by external id, else email) before the create is tried again.
 */
export async function runImport(options: ImportOptions): Promise<ImportProgress> {
  // 429s are this loop's to handle (they steer the concurrency), not the transport's to retry.
  const backend = new ClerkTransport({
    ...options.backend.options,
    retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0 },
  });
  const max = Math.max(1, options.concurrency?.max ?? 16);
  const progress: ImportProgress = {
    created: 0,
    exists: 0,
    failed: 0,
    resumed: 0,
    concurrency: Math.min(max, Math.max(1, options.concurrency?.initial ?? 4)),
    rateLimited: 0,
  };
  let pausedUntil = 0;
  let successesSinceGrowth = 0;
  const finish = (outcome: Outcome) => {
    options.state.record(outcome);
    if (outcome.status === "created") progress.created += 1;
    else if (outcome.status === "exists") progress.exists += 1;
    else progress.failed += 1;
    options.onProgress?.(progress, outcome);
  };

  async function find(item: ImportItem): Promise<string | undefined> {
    const query = item.body.external_id
      ? { external_id: item.body.external_id }
      : item.body.email_address?.[0]
        ? { email_address: item.body.email_address[0] }
        : item.body.phone_number?.[0]
          ? { phone_number: item.body.phone_number[0] }
          : { username: item.body.username as string };
    const { body } = await backend.request<{ id: string }[]>({ method: "GET", path: "/users", query });
    return body[0]?.id;
  }

  async function create(item: ImportItem): Promise<void> {
    // A create sent by an earlier run (or turn) whose answer was lost may have been made.
    let lookUp = options.state.wasSent(item.line);
    for (let lost = 0; ; ) {
      const wait = pausedUntil - Date.now();
      if (wait > 0) await sleep(wait, options.signal);
      try {
        if (lookUp) {
          const found = await find(item);
          if (found) return finish({ line: item.line, key: item.key, status: "exists", user_id: found });
          lookUp = false;
        }
        options.state.sending(item);
        const { body } = await backend.request<{ id: string }>({ method: "POST", path: "/users", body: item.body });
        successesSinceGrowth += 1;
        if (successesSinceGrowth >= progress.concurrency && progress.concurrency < max) {
          progress.concurrency += 1;
          successesSinceGrowth = 0;
        }
        return finish({ line: item.line, key: item.key, status: "created", user_id: body.id });
      } catch (error) {
        if (error instanceof ClerkApiError && error.status === 429) {
          progress.rateLimited += 1;
          progress.concurrency = Math.max(1, Math.floor(progress.concurrency / 2));
          successesSinceGrowth = 0;
          pausedUntil = Math.max(pausedUntil, Date.now() + (error.retryAfter ?? 1) * 1000);
          options.onProgress?.(progress);
          continue;
        }
        if (error instanceof ClerkApiError && error.code && USER_EXISTS.has(error.code)) {
          return finish({ line: item.line, key: item.key, status: "exists" });
        }
        if (error instanceof ClerkApiError) {
          const param = error.paramName;
          return finish({
            line: item.line,
            key: item.key,
            status: "failed",
            message: error.message,
            ...(error.code ? { code: error.code } : {}),
            ...(param ? { param } : {}),
          });
        }
        if ((error instanceof ClerkNetworkError || error instanceof ClerkTimeoutError) && lost < 3) {
          lost += 1;
          lookUp = true;
          continue;
        }
        throw error;
      }
    }
  }

  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  for await (const item of options.items) {
    if (failure) break;
    if (options.state.outcome(item.line)) {
      progress.resumed += 1;
      continue;
    }
    while (inFlight.size >= progress.concurrency) await Promise.race(inFlight);
    const task: Promise<void> = create(item)
      .catch((error) => {
        failure ??= error;
      })
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  return progress;
}
