import type { SandboxClock } from "./clock";
import type { SqliteDatabase, Statement } from "./db";
import type { FaultQueue } from "./faults";
import type { IdFactory } from "./ids";
import type { RandomSource } from "./random";
import type { RateLimiter } from "./rate-limits";

/** Everything a sandbox route needs: the database, the clock, randomness and id minting. */
export interface SandboxContext {
  readonly db: SqliteDatabase;
  readonly clock: SandboxClock;
  readonly random: RandomSource;
  /** Swaps the random source (seeding uses a deterministic one, then restores this). */
  setRandom(source: RandomSource): void;
  readonly newId: IdFactory;
  readonly faults: FaultQueue;
  /** Clerk's Backend API rate limits per instance (off unless the sandbox was started with them). */
  readonly rateLimits: RateLimiter;
  /** A prepared statement, cached by its SQL text. */
  stmt(sql: string): Statement;
  /** Runs `fn` in one SQLite transaction: every mutation is all-or-nothing. */
  tx<T>(fn: () => T): T;
  /** Subscribers are told about every committed change (webhook delivery builds on this). */
  emit(event: SandboxEvent): void;
  onEvent(listener: (event: SandboxEvent) => void): () => void;
}

/** A change in an instance's data, named like Clerk's webhook event types (`user.created`). */
export interface SandboxEvent {
  instanceId: string;
  type: string;
  data: Record<string, unknown>;
}
