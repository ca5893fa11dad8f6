import type { z } from "zod";
import { ActionInputError } from "../actions/errors";
import { redactJson } from "../secrets";
import { ClerkAbortedError, ClerkApiError, ClerkNetworkError, ClerkTimeoutError, parseErrorBody } from "./errors";
import { type HttpResponse, type HttpSend, parseBody, type ResponseHeaders, sendHttp, sentBeforeFailing } from "./http";
import { backoffDelay, DEFAULT_RETRY, IDEMPOTENT_METHODS, type RetryPolicy, retryAfterMs, sleep } from "./retry";

export type QueryValue = string | number | boolean | readonly (string | number)[] | undefined | null;

export interface RequestSpec {
  method: "GET" | "HEAD" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Path below the base URL, e.g. `/users/user_123`. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** A file sent as `multipart/form-data` instead of a JSON body (Clerk's image uploads). */
  upload?: Upload;
  headers?: Record<string, string>;
  /**
   * Safe to send twice. Defaults to true for GET/PUT/DELETE, false for POST/PATCH: a create is
   * never repeated after a lost response. Set true for POSTs that only set state (ban, revoke).
   */
  idempotent?: boolean;
}

/** One file, the single part of a `multipart/form-data` body, named `field` (Clerk's is `file`). */
export interface Upload {
  field: string;
  filename: string;
  /** Its media type, e.g. `image/png`. */
  type: string;
  bytes: Uint8Array;
}

/** The body as sent, with its content type; undefined when the request has none. */
function encodeBody(spec: RequestSpec): { type: string; data: string | Buffer } | undefined {
  if (spec.upload) {
    const { field, filename, type, bytes } = spec.upload;
    const boundary = `----clerk-${globalThis.crypto.randomUUID()}`;
    const quoted = (value: string) => `"${value.replace(/["\\\r\n]/g, "_")}"`;
    const head =
      `--${boundary}\r\nContent-Disposition: form-data; name=${quoted(field)}; filename=${quoted(filename)}\r\n` +
      `Content-Type: ${type}\r\n\r\n`;
    return {
      type: `multipart/form-data; boundary=${boundary}`,
      data: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    };
  }
  return spec.body === undefined ? undefined : { type: "application/json", data: JSON.stringify(spec.body) };
}

/** The body as `--dry-run` and `--debug` show it: JSON with secrets redacted, a file by name, type and size. */
function shownBody(spec: RequestSpec): { body?: unknown } {
  if (spec.upload) {
    const { field, filename, type, bytes } = spec.upload;
    return { body: { [field]: `${filename} (${type}, ${bytes.length} bytes)` } };
  }
  // Bodies carry tokens too (`POST /m2m_tokens/verify {token}`).
  return spec.body === undefined ? {} : { body: redactJson(spec.body) };
}

/** A request the client is about to send, as shown by `--dry-run` and `--debug` (secrets redacted). */
export interface RequestPreview {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** Thrown instead of sending a state-changing request when the transport is in dry-run mode. */
export class DryRunStop extends Error {
  override readonly name = "DryRunStop";
  constructor(readonly request: RequestPreview) {
    super(`dry run: ${request.method} ${request.url}`);
  }
}

export type DebugEvent =
  | { kind: "request"; request: RequestPreview; attempt: number }
  | { kind: "response"; method: string; url: string; status: number; ms: number; traceId?: string }
  | { kind: "retry"; method: string; url: string; delayMs: number; reason: string };

export interface TransportOptions {
  /** Base URL including the version segment, e.g. `https://api.clerk.com/v1`. */
  baseUrl: string;
  /** Bearer token (secret key or OAuth access token), resolved per request so it can be refreshed. */
  token: () => string | Promise<string>;
  timeoutMs?: number;
  retry?: RetryPolicy;
  /** Aborts every in-flight request (Ctrl-C). */
  signal?: AbortSignal;
  apiVersion?: string;
  userAgent?: string;
  /**
   * Dry run: `mutations` lets reads through and stops before the first state-changing request;
   * `all` stops before any request (see DryRunStop).
   */
  dryRun?: "mutations" | "all";
  onDebug?: (event: DebugEvent) => void;
  /** Sends the HTTP requests (wrapped to refresh OAuth tokens, see cli/auth/platform.ts). */
  send?: HttpSend;
}

export interface TransportResponse<T> {
  status: number;
  headers: ResponseHeaders;
  body: T;
}

export const CLERK_API_VERSION = "2025-11-10";

function redact(value: string): string {
  return value.replace(/\b(sk|ak|pk)_(test_|live_)?[A-Za-z0-9]{4,}/g, "$1_$2…").replace(/Bearer\s+\S+/g, "Bearer …");
}

/** A `.` or `..` segment (also written `%2e`), which `new URL` would resolve away. */
const DOT_SEGMENT = /(?:^|[/\\])(?:\.|%2e){1,2}(?=[/\\]|$)/i;

export function buildUrl(baseUrl: string, path: string, query?: Record<string, QueryValue>): string {
  // The last line under apiPath(): whoever built the path, it reaches the endpoint it names.
  if (DOT_SEGMENT.test(path.split(/[?#]/, 1)[0] ?? "")) {
    throw new ActionInputError(
      `The request path ${path} has a . or .. segment, which would send it to another endpoint.`,
      "Give ids as Clerk shows them (user_2abc), not relative paths.",
      "invalid_path",
    );
  }
  const url = new URL(baseUrl.replace(/\/+$/, "") + path);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, String(item));
    else url.searchParams.set(key, String(value));
  }
  return url.toString();
}

/**
 * HTTP to Clerk with a timeout on every request, retries with exponential backoff and jitter,
 * abort on Ctrl-C, and Clerk's error envelope turned into typed errors.
 *
 * Retries: a 429 is retried for any method (Clerk's rate limiter refused it before any work was
 * done) after `Retry-After`; 5xx answers and lost connections are retried only for idempotent
 * requests, because the server may already have acted on a POST whose answer was lost.
 */
export class ClerkTransport {
  constructor(readonly options: TransportOptions) {}

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  async preview(spec: RequestSpec): Promise<RequestPreview> {
    return {
      method: spec.method,
      url: buildUrl(this.options.baseUrl, spec.path, spec.query),
      headers: redactHeaders(await this.headers(spec, encodeBody(spec)?.type)),
      ...shownBody(spec),
    };
  }

  private async headers(spec: RequestSpec, contentType: string | undefined): Promise<Record<string, string>> {
    return {
      authorization: `Bearer ${await this.options.token()}`,
      accept: "application/json",
      "clerk-api-version": this.options.apiVersion ?? CLERK_API_VERSION,
      "user-agent": this.options.userAgent ?? "clerk-cli",
      ...(contentType === undefined ? {} : { "content-type": contentType }),
      ...spec.headers,
    };
  }

  async request<T = unknown>(spec: RequestSpec, schema?: z.ZodType<T>): Promise<TransportResponse<T>> {
    const { method } = spec;
    const url = buildUrl(this.options.baseUrl, spec.path, spec.query);
    const { dryRun } = this.options;
    if (dryRun === "all" || (dryRun === "mutations" && method !== "GET" && method !== "HEAD"))
      throw new DryRunStop(await this.preview(spec));
    const idempotent = spec.idempotent ?? IDEMPOTENT_METHODS.has(method);
    const policy = this.options.retry ?? DEFAULT_RETRY;
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    const send = this.options.send ?? sendHttp;

    const encoded = encodeBody(spec);
    /** An earlier attempt was sent in full and its answer lost: the server may have done it already. */
    let lostAfterSending = false;
    for (let attempt = 1; ; attempt++) {
      const headers = await this.headers(spec, encoded?.type);
      this.options.onDebug?.({
        kind: "request",
        attempt,
        request: { method, url, headers: redactHeaders(headers), ...shownBody(spec) },
      });
      if (this.options.signal?.aborted) throw new ClerkAbortedError();
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = this.options.signal ? AbortSignal.any([this.options.signal, timeout]) : timeout;
      const started = performance.now();
      let response: HttpResponse;
      try {
        response = await send({
          method,
          url,
          headers,
          ...(encoded === undefined ? {} : { body: encoded.data }),
          signal,
        });
      } catch (error) {
        if (this.options.signal?.aborted) throw new ClerkAbortedError();
        const sent = sentBeforeFailing(error);
        const maybeApplied = sent && !idempotent;
        const failure = timeout.aborted
          ? new ClerkTimeoutError(method, url, timeoutMs, maybeApplied)
          : new ClerkNetworkError(method, url, (error as Error).cause ?? error, maybeApplied);
        if (idempotent && attempt <= policy.retries) {
          lostAfterSending ||= sent;
          await this.wait(method, url, backoffDelay(policy, attempt), failure.message);
          continue;
        }
        throw failure;
      }
      const { text } = response;
      const traceId = response.headers.get("x-clerk-trace-id") ?? undefined;
      this.options.onDebug?.({
        kind: "response",
        method,
        url,
        status: response.status,
        ms: Math.round(performance.now() - started),
        ...(traceId ? { traceId } : {}),
      });
      const body = parseBody(text);
      if (response.status >= 200 && response.status < 300) {
        return { status: response.status, headers: response.headers, body: schema ? schema.parse(body) : (body as T) };
      }
      if (response.status === 404 && method === "DELETE" && lostAfterSending) {
        // The attempt whose answer was lost deleted it: that is the success asked for.
        const gone = schema
          ? schema.safeParse(alreadyDeleted(spec.path))
          : { success: true, data: alreadyDeleted(spec.path) };
        if (gone.success) return { status: response.status, headers: response.headers, body: gone.data as T };
      }
      const retryAfter = retryAfterMs(response.headers.get("retry-after"));
      const retryable = response.status === 429 || (response.status >= 500 && idempotent);
      if (retryable && attempt <= policy.retries) {
        const delay = Math.min(policy.maxDelayMs * 4, retryAfter ?? backoffDelay(policy, attempt));
        await this.wait(method, url, delay, `HTTP ${response.status}`);
        continue;
      }
      const parsed = parseErrorBody(body);
      throw new ClerkApiError(
        response.status,
        parsed.errors,
        parsed.traceId ?? traceId,
        method,
        url,
        retryAfter === undefined ? undefined : retryAfter / 1000,
        { headers: response.headers, body },
      );
    }
  }

  private async wait(method: string, url: string, delayMs: number, reason: string): Promise<void> {
    this.options.onDebug?.({ kind: "retry", method, url, delayMs, reason });
    try {
      await sleep(delayMs, this.options.signal);
    } catch {
      throw new ClerkAbortedError();
    }
  }
}

/**
 * What Clerk answers to a DELETE (`{object, id, deleted}`), for one that an earlier, lost attempt
 * did: `already_deleted` says so. The object is named after the path (`/users/user_1` → `user`).
 */
export function alreadyDeleted(path: string): { object: string; id: string; deleted: true; already_deleted: true } {
  const segments = path.split("/").filter(Boolean);
  const id = decodeURIComponent(segments.at(-1) ?? "");
  const collection = segments.at(-2) ?? "";
  const object = /(ss|sh|ch|x)es$/.test(collection)
    ? collection.slice(0, -2)
    : collection.replace(/ies$/, "y").replace(/s$/, "");
  return { object, id, deleted: true, already_deleted: true };
}

function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, k === "authorization" ? redact(v) : v]));
}
