import { signWebhook } from "../../../shared/webhooks/signature";
import type { SandboxContext, SandboxEvent } from "../core/context";
import { currentRequestOrigin } from "../core/request-origin";
import { CLERK_WEBHOOK_EVENT_TYPES } from "./event-types";
import { webhookSigningSecret } from "./secret";

/** Waits between attempts: six attempts over about half a minute, enough for a dev server to restart. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1000, 2000, 4000, 8000, 16_000];
/** How long one attempt may take before it counts as failed (Svix allows 15 s). */
const ATTEMPT_TIMEOUT_MS = 15_000;
/** Delivery records kept for `/__sandbox/webhooks`, oldest dropped first. */
const KEPT_RECORDS = 500;

export interface WebhookOptions {
  /** Endpoints to deliver to from the start (`clerk sandbox --webhook <url>`). */
  urls?: readonly string[];
  /** Where the per-attempt log lines go (default: stderr). */
  log?: (line: string) => void;
}

export interface WebhookEndpoint {
  id: string;
  url: string;
  /** Waits before each retry; its length + 1 is the number of attempts. */
  retry_delays_ms: readonly number[];
}

export interface DeliveryAttempt {
  attempt: number;
  /** Epoch ms (real time) the attempt started. */
  started_at: number;
  /** The endpoint's HTTP status, when it answered. */
  status?: number;
  /** Why no answer came (connection refused, timeout…). */
  error?: string;
}

/** One message's delivery to one endpoint. */
export interface DeliveryRecord {
  message_id: string;
  endpoint_id: string;
  type: string;
  /** `dropped`: the endpoint was removed, or the sandbox stopped, before it was delivered. */
  status: "pending" | "delivered" | "failed" | "dropped";
  attempts: DeliveryAttempt[];
}

/** A URL that could not receive webhooks. */
export class WebhookEndpointError extends Error {
  override readonly name = "WebhookEndpointError";
}

interface Message {
  id: string;
  type: string;
  body: string;
}

interface Job {
  message: Message;
  record: DeliveryRecord;
}

interface EndpointState {
  endpoint: WebhookEndpoint;
  queue: Job[];
  running: boolean;
  removed: boolean;
  inFlight?: AbortController;
  wake?: () => void;
}

type DispatcherContext = Pick<SandboxContext, "stmt" | "random" | "clock" | "newId" | "onEvent">;

/** Checks an endpoint URL: absolute http(s), as Clerk's dashboard requires. */
export function checkEndpointUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new WebhookEndpointError(`"${url}" is not a URL`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new WebhookEndpointError(`"${url}" must be an http:// or https:// URL`);
  }
  return parsed.toString();
}

/** An endpoint as logs show it: no credentials or query string, which may carry tokens. */
function loggedUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}

function failureOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if ((error as Error).name === "TimeoutError") return `no answer in ${ATTEMPT_TIMEOUT_MS / 1000} s`;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

/**
 * Delivers the sandbox's events to webhook endpoints the way Clerk (through Svix) does: one
 * signed POST per event and endpoint, with Clerk's payload shape. Events are queued when emitted
 * and sent afterwards, so a slow or failing endpoint never delays or fails the API request that
 * caused them. Each endpoint gets its events in order: a failing one holds the events behind it
 * until it answers 2xx or its retries run out.
 */
export class WebhookDispatcher {
  private readonly endpoints = new Map<string, EndpointState>();
  private readonly records: DeliveryRecord[] = [];
  private readonly settledWaiters: (() => void)[] = [];
  private readonly log: (line: string) => void;
  private readonly unsubscribe: () => void;
  private secret: string | undefined;
  private closed = false;

  constructor(
    private readonly sb: DispatcherContext,
    options: WebhookOptions = {},
  ) {
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    for (const url of options.urls ?? []) this.addEndpoint(url);
    this.unsubscribe = sb.onEvent((event) => this.enqueue(event));
  }

  /** The `whsec_…` secret every delivery is signed with. */
  signingSecret(): string {
    this.secret ??= webhookSigningSecret(this.sb);
    return this.secret;
  }

  addEndpoint(url: string, retryDelaysMs: readonly number[] = DEFAULT_RETRY_DELAYS_MS): WebhookEndpoint {
    const endpoint: WebhookEndpoint = {
      id: this.sb.newId("ep"),
      url: checkEndpointUrl(url),
      retry_delays_ms: [...retryDelaysMs],
    };
    this.endpoints.set(endpoint.id, { endpoint, queue: [], running: false, removed: false });
    return endpoint;
  }

  /** Stops delivering to an endpoint; what was queued for it is dropped. */
  removeEndpoint(id: string): boolean {
    const state = this.endpoints.get(id);
    if (!state) return false;
    this.endpoints.delete(id);
    state.removed = true;
    this.dropQueue(state);
    return true;
  }

  listEndpoints(): WebhookEndpoint[] {
    return [...this.endpoints.values()].map((state) => state.endpoint);
  }

  /** The latest delivery records, oldest first. */
  deliveries(): DeliveryRecord[] {
    return this.records.map((record) => ({ ...record, attempts: [...record.attempts] }));
  }

  /** Resolves once every queued delivery was delivered or gave up. */
  settled(): Promise<void> {
    if (this.isSettled()) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  /** Stops: in-flight attempts are aborted, queued deliveries are dropped (and counted in the log). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    const pending = [...this.endpoints.values()].reduce((sum, state) => sum + state.queue.length, 0);
    for (const state of this.endpoints.values()) this.dropQueue(state);
    if (pending > 0) this.log(`sandbox: ${pending} webhook deliver${pending === 1 ? "y" : "ies"} not sent (stopping)`);
  }

  private enqueue(event: SandboxEvent): void {
    // Runs inside the request that emitted the event: it must be quick and must never throw.
    try {
      if (this.closed || this.endpoints.size === 0 || !CLERK_WEBHOOK_EVENT_TYPES.has(event.type)) return;
      const origin = currentRequestOrigin();
      const payload = {
        data: event.data,
        event_attributes: {
          http_request: { client_ip: origin?.clientIp ?? "", user_agent: origin?.userAgent ?? "" },
        },
        instance_id: event.instanceId,
        object: "event",
        // The sandbox's clock, like the `created_at`/`updated_at` inside `data`.
        timestamp: this.sb.clock.now(),
        type: event.type,
      };
      const message: Message = { id: this.sb.newId("msg"), type: event.type, body: JSON.stringify(payload) };
      for (const state of this.endpoints.values()) {
        const record: DeliveryRecord = {
          message_id: message.id,
          endpoint_id: state.endpoint.id,
          type: message.type,
          status: "pending",
          attempts: [],
        };
        this.records.push(record);
        if (this.records.length > KEPT_RECORDS) this.records.shift();
        state.queue.push({ message, record });
        setImmediate(() => void this.pump(state));
      }
    } catch (error) {
      this.log(`sandbox: webhook ${event.type} not queued: ${(error as Error).message}`);
    }
  }

  private async pump(state: EndpointState): Promise<void> {
    if (state.running) return;
    state.running = true;
    try {
      while (!this.closed && !state.removed && state.queue.length > 0) {
        await this.deliver(state, state.queue[0] as Job);
        state.queue.shift();
      }
    } finally {
      state.running = false;
      this.notifySettled();
    }
  }

  private async deliver(state: EndpointState, job: Job): Promise<void> {
    const delays = state.endpoint.retry_delays_ms;
    const total = delays.length + 1;
    const prefix = `sandbox: webhook ${job.message.type} ${job.message.id} → ${loggedUrl(state.endpoint.url)}`;
    for (let attempt = 1; attempt <= total; attempt++) {
      if (this.closed || state.removed) return;
      const result = await this.attempt(state, job, attempt);
      const ok = result.status !== undefined && result.status >= 200 && result.status < 300;
      const outcome = result.status !== undefined ? String(result.status) : (result.error as string);
      if (ok) {
        job.record.status = "delivered";
        this.log(`${prefix} attempt ${attempt}/${total}: ${outcome}`);
        return;
      }
      const delay = delays[attempt - 1];
      if (delay === undefined) {
        job.record.status = "failed";
        this.log(`${prefix} attempt ${attempt}/${total}: ${outcome}, giving up`);
        return;
      }
      this.log(`${prefix} attempt ${attempt}/${total}: ${outcome}, retrying in ${delay / 1000} s`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        state.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      state.wake = undefined;
    }
  }

  private async attempt(state: EndpointState, job: Job, attempt: number): Promise<DeliveryAttempt> {
    const startedAt = Date.now();
    // Real time, not the sandbox clock: receivers check it against their own clock.
    const timestamp = String(Math.floor(startedAt / 1000));
    const { id, body } = job.message;
    const record: DeliveryAttempt = { attempt, started_at: startedAt };
    job.record.attempts.push(record);
    const controller = new AbortController();
    state.inFlight = controller;
    try {
      const response = await fetch(state.endpoint.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "clerk-sandbox-webhooks",
          "svix-id": id,
          "svix-timestamp": timestamp,
          "svix-signature": signWebhook(this.signingSecret(), { id, timestamp, body }),
        },
        body,
        // Like Svix: a redirect is not a delivery.
        redirect: "manual",
        signal: AbortSignal.any([controller.signal, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]),
      });
      await response.body?.cancel();
      record.status = response.status;
    } catch (error) {
      record.error = failureOf(error);
    } finally {
      state.inFlight = undefined;
    }
    return record;
  }

  private dropQueue(state: EndpointState): void {
    for (const job of state.queue) if (job.record.status === "pending") job.record.status = "dropped";
    state.queue.length = 0;
    state.inFlight?.abort();
    state.wake?.();
  }

  private isSettled(): boolean {
    return [...this.endpoints.values()].every((state) => state.queue.length === 0 && !state.running);
  }

  private notifySettled(): void {
    if (!this.isSettled()) return;
    for (const resolve of this.settledWaiters.splice(0)) resolve();
  }
}

/** Each sandbox's dispatcher, kept beside its context (the context itself knows nothing of webhooks). */
const dispatchers = new WeakMap<object, WebhookDispatcher>();

/** Starts delivering `sb`'s events as webhooks. */
export function attachWebhookDispatcher(sb: DispatcherContext, options: WebhookOptions = {}): WebhookDispatcher {
  const dispatcher = new WebhookDispatcher(sb, options);
  dispatchers.set(sb, dispatcher);
  return dispatcher;
}

/** The dispatcher delivering `sb`'s events. */
export function webhookDispatcher(sb: object): WebhookDispatcher {
  const dispatcher = dispatchers.get(sb);
  if (!dispatcher) throw new Error("This sandbox context has no webhook dispatcher.");
  return dispatcher;
}
