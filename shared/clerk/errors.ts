import type { ResponseHeaders } from "./http";
/** One entry of Clerk's error envelope, as the client exposes it. */
export interface ClerkErrorDetail {
  code: string;
  message: string;
  longMessage: string;
  paramName?: string;
  meta?: Record<string, unknown>;
}

/** Clerk answered with an error status. Carries Clerk's code, messages, param name and trace id. */
export class ClerkApiError extends Error {
  override readonly name = "ClerkApiError";
  constructor(
    readonly status: number,
    readonly errors: ClerkErrorDetail[],
    readonly traceId: string | undefined,
    readonly method: string,
    readonly url: string,
    /** Seconds the server asked us to wait (429). */
    readonly retryAfter?: number,
    /** The answer as received, for callers that show it whole (`clerk api --include`). */
    readonly response?: { headers: ResponseHeaders; body: unknown },
  ) {
    super(errors[0]?.longMessage || errors[0]?.message || `Clerk API answered ${status}`);
  }

  get code(): string | undefined {
    return this.errors[0]?.code;
  }

  get paramName(): string | undefined {
    return this.errors[0]?.paramName;
  }
}

/** The request never got an answer: connection refused, reset, DNS failure. */
export class ClerkNetworkError extends Error {
  override readonly name = "ClerkNetworkError";
  constructor(
    readonly method: string,
    readonly url: string,
    override readonly cause: unknown,
  ) {
    super(`Could not reach ${new URL(url).origin}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** No answer within the request timeout. */
export class ClerkTimeoutError extends Error {
  override readonly name = "ClerkTimeoutError";
  constructor(
    readonly method: string,
    readonly url: string,
    readonly timeoutMs: number,
  ) {
    super(`${method} ${new URL(url).pathname} got no answer within ${timeoutMs / 1000} s`);
  }
}

/** The caller aborted (Ctrl-C). */
export class ClerkAbortedError extends Error {
  override readonly name = "ClerkAbortedError";
  constructor() {
    super("Aborted");
  }
}

/** Parses Clerk's `{errors: [...], clerk_trace_id}` body; tolerates anything else. */
export function parseErrorBody(body: unknown): { errors: ClerkErrorDetail[]; traceId?: string } {
  if (!body || typeof body !== "object") return { errors: [] };
  const record = body as { errors?: unknown; clerk_trace_id?: unknown };
  const errors = Array.isArray(record.errors)
    ? record.errors.map((raw): ClerkErrorDetail => {
        const e = (raw ?? {}) as Record<string, unknown>;
        const meta = (e.meta && typeof e.meta === "object" ? e.meta : undefined) as Record<string, unknown> | undefined;
        return {
          code: String(e.code ?? "unknown_error"),
          message: String(e.message ?? ""),
          longMessage: String(e.long_message ?? e.message ?? ""),
          ...(typeof meta?.param_name === "string" ? { paramName: meta.param_name } : {}),
          ...(meta ? { meta } : {}),
        };
      })
    : [];
  return { errors, ...(typeof record.clerk_trace_id === "string" ? { traceId: record.clerk_trace_id } : {}) };
}
