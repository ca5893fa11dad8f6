import { EventEmitter } from "node:events";
import { SandboxClock } from "./core/clock";
import type { SandboxContext, SandboxEvent } from "./core/context";
import { openDatabase, type Statement } from "./core/db";
import { FaultQueue } from "./core/faults";
import { createIdFactory } from "./core/ids";
import { cryptoRandom, type RandomSource } from "./core/random";
import { RateLimiter, type RateLimitSettings } from "./core/rate-limits";
import { sandboxTables } from "./modules";
import { attachWebhookDispatcher, type WebhookOptions } from "./webhooks/dispatcher";

export interface ContextOptions {
  /** SQLite file, or `:memory:` (the default) for tests. */
  file?: string;
  random?: RandomSource;
  clock?: SandboxClock;
  webhooks?: WebhookOptions;
  /** Clerk's Backend API rate limits; off unless `enabled`. */
  rateLimits?: Partial<RateLimitSettings>;
}

export function createSandboxContext(options: ContextOptions = {}): SandboxContext {
  const db = openDatabase(options.file ?? ":memory:", sandboxTables());
  const clock = options.clock ?? new SandboxClock();
  let random = options.random ?? cryptoRandom;
  const statements = new Map<string, Statement>();
  const events = new EventEmitter();
  events.setMaxListeners(0);
  /** Events of the transaction under way, if any. */
  let pending: SandboxEvent[] | undefined;
  const context: SandboxContext = {
    db,
    clock,
    get random() {
      return random;
    },
    newId: createIdFactory(
      (length) => random(length),
      () => clock.now(),
    ),
    faults: new FaultQueue(),
    rateLimits: new RateLimiter({ enabled: false, ...options.rateLimits }),
    stmt(sql) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = db.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
    tx(fn) {
      // Events raised inside a transaction are announced once it commits, and never if it rolls back.
      const outermost = pending === undefined;
      const queue = pending ?? [];
      pending = queue;
      const mark = queue.length;
      try {
        const result = db.transaction(fn)();
        if (outermost) {
          pending = undefined;
          for (const event of queue) events.emit("event", event);
        }
        return result;
      } catch (error) {
        if (outermost) pending = undefined;
        else queue.length = mark;
        throw error;
      }
    },
    emit(event: SandboxEvent) {
      if (pending) pending.push(event);
      else events.emit("event", event);
    },
    onEvent(listener) {
      events.on("event", listener);
      return () => events.off("event", listener);
    },
    setRandom(source) {
      random = source;
    },
  };
  attachWebhookDispatcher(context, options.webhooks);
  return context;
}
