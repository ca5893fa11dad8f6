import { ActionError, ActionInputError } from "../shared/actions/errors";
import {
  ClerkAbortedError,
  ClerkApiError,
  ClerkNetworkError,
  ClerkTimeoutError,
  type LostAnswer,
} from "../shared/clerk/errors";
import { ExitCode, RuntimeError, UsageError } from "./errors";

export interface Failure {
  exitCode: number;
  message: string;
  details: string[];
  hint?: string;
  json: Record<string, unknown>;
}

const HINTS: Record<string, string> = {
  clerk_key_invalid:
    "Check CLERK_SECRET_KEY (or the profile's secret_key) and that CLERK_API_URL points at the right server.",
  authorization_header_missing: "Set CLERK_SECRET_KEY, or run `clerk auth login`.",
  authentication_invalid: "Your login has expired or was revoked: run `clerk auth login`.",
  resource_not_found: "Check the id (list the resources to find it).",
  too_many_requests: "Clerk is rate limiting: wait a little and try again.",
};

const NETWORK_HINT = "Check your network and CLERK_API_URL; for the local sandbox, start it with `clerk sandbox`.";

/** A change that may have been made: look before trying again, which could make it twice. */
function checkFirstHint(error: LostAnswer): string {
  return error.check
    ? `Check whether it was made before trying again: \`${error.check}\`.`
    : "Check whether it was made (list or get what it changes) before trying again, which could make it twice.";
}

/** Describes any error for people (message, details, hint) and for scripts (JSON), with its exit code. */
export function describeFailure(error: unknown): Failure {
  if (error instanceof UsageError) {
    return {
      exitCode: ExitCode.usage,
      message: error.message,
      details: [],
      ...(error.hint ? { hint: error.hint } : {}),
      json: { message: error.message, code: "usage_error", ...(error.hint ? { hint: error.hint } : {}) },
    };
  }
  if (error instanceof ClerkApiError) {
    const first = error.errors[0];
    const details = [
      `${error.status} ${first?.code ?? "error"}${error.paramName ? ` (parameter: ${error.paramName})` : ""}`,
      ...error.errors.slice(1).map((e) => `${e.code}: ${e.longMessage}`),
      ...(error.traceId ? [`trace id: ${error.traceId}`] : []),
    ];
    const hint = (first && HINTS[first.code]) || undefined;
    return {
      exitCode: ExitCode.runtime,
      message: error.message,
      details,
      ...(hint ? { hint } : {}),
      json: {
        message: error.message,
        status: error.status,
        code: first?.code,
        ...(error.paramName ? { param_name: error.paramName } : {}),
        ...(error.traceId ? { clerk_trace_id: error.traceId } : {}),
        errors: error.errors.map((e) => ({
          code: e.code,
          message: e.message,
          long_message: e.longMessage,
          ...(e.meta ? { meta: e.meta } : {}),
        })),
      },
    };
  }
  if (error instanceof ClerkAbortedError) {
    return {
      exitCode: ExitCode.interrupted,
      message: "interrupted",
      details: [],
      json: { message: "interrupted", code: "aborted" },
    };
  }
  if (error instanceof ClerkNetworkError || error instanceof ClerkTimeoutError) {
    const hint = error.maybeApplied ? checkFirstHint(error) : NETWORK_HINT;
    return {
      exitCode: ExitCode.runtime,
      message: error.message,
      details: [],
      hint,
      json: {
        message: error.message,
        code: error instanceof ClerkTimeoutError ? "timeout" : "network_error",
        ...(error.maybeApplied ? { outcome: "unknown" } : {}),
        ...(error.check ? { check: error.check } : {}),
        hint,
      },
    };
  }
  if (error instanceof ActionError) {
    return {
      exitCode: error instanceof ActionInputError ? ExitCode.usage : ExitCode.runtime,
      message: error.message,
      details: [...error.details],
      ...(error.hint ? { hint: error.hint } : {}),
      json: {
        message: error.message,
        code: error.code,
        ...(error.details.length ? { details: error.details } : {}),
        ...(error.hint ? { hint: error.hint } : {}),
      },
    };
  }
  if (error instanceof RuntimeError) {
    return {
      exitCode: error.exitCode,
      message: error.message,
      details: [],
      ...(error.hint ? { hint: error.hint } : {}),
      json: {
        message: error.message,
        code: error.code ?? "runtime_error",
        ...(error.hint ? { hint: error.hint } : {}),
      },
    };
  }
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === "EADDRINUSE") {
    const message = (error as Error).message;
    const hint = "Another process uses that port: pass --port <n>, or --port 0 for a free one.";
    return { exitCode: ExitCode.runtime, message, details: [], hint, json: { message, code: "address_in_use", hint } };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    exitCode: ExitCode.runtime,
    message,
    details: process.env.CLERK_DEBUG_STACK && error instanceof Error && error.stack ? [error.stack] : [],
    json: { message, code: "internal_error" },
  };
}
