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

/**
 * A request whose answer never came. `maybeApplied`: it was not safe to send again (a create)
 * and it had been sent in full before the connection dropped or the time ran out, so the server
 * may have done it; `check` is a command that shows whether it did, when the caller knows one.
 */
export interface LostAnswer {
  readonly maybeApplied: boolean;
  check?: string;
}

const mayHaveBeenMade = ": the change may have been made";

/** The request never got an answer: connection refused, reset, DNS failure. */
export class ClerkNetworkError extends Error implements LostAnswer {
  override readonly name = "ClerkNetworkError";
  check?: string;
  constructor(
    readonly method: string,
    readonly url: string,
    override readonly cause: unknown,
    readonly maybeApplied = false,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const { origin, pathname } = new URL(url);
    super(
      maybeApplied
        ? `The connection to ${origin} dropped after ${method} ${pathname} was sent (${reason})${mayHaveBeenMade}`
        : `Could not reach ${origin}: ${reason}`,
    );
  }
}

/** No answer within the request timeout. */
export class ClerkTimeoutError extends Error implements LostAnswer {
  override readonly name = "ClerkTimeoutError";
  check?: string;
  constructor(
    readonly method: string,
    readonly url: string,
    readonly timeoutMs: number,
    readonly maybeApplied = false,
  ) {
    super(
      `${method} ${new URL(url).pathname} got no answer within ${timeoutMs / 1000} s${maybeApplied ? mayHaveBeenMade : ""}`,
    );
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
