/** One entry of Clerk's error envelope `{errors: [...], clerk_trace_id}`. */
export interface ClerkErrorItem {
  message: string;
  long_message: string;
  code: string;
  meta?: Record<string, unknown>;
}

/** A failure the sandbox answers with Clerk's error envelope and the given HTTP status. */
export class SandboxApiError extends Error {
  readonly status: number;
  readonly errors: ClerkErrorItem[];
  /** Extra response headers (e.g. `Retry-After`). */
  readonly headers: Record<string, string>;

  constructor(status: number, errors: ClerkErrorItem[], headers: Record<string, string> = {}) {
    super(errors[0]?.long_message ?? "Clerk API error");
    this.status = status;
    this.errors = errors;
    this.headers = headers;
  }

  static one(
    status: number,
    code: string,
    message: string,
    longMessage: string,
    meta?: Record<string, unknown>,
  ): SandboxApiError {
    return new SandboxApiError(status, [{ message, long_message: longMessage, code, ...(meta ? { meta } : {}) }]);
  }
}

export const errors = {
  notFound: (what = "Resource"): SandboxApiError =>
    SandboxApiError.one(404, "resource_not_found", "not found", `${what} not found`),

  routeNotFound: (method: string, url: string): SandboxApiError =>
    SandboxApiError.one(404, "resource_not_found", "not found", `No route matches ${method} ${url}`),

  missingAuthorization: (): SandboxApiError =>
    SandboxApiError.one(
      401,
      "authorization_header_missing",
      "Authorization header missing",
      "The request is missing the Authorization header. Send `Authorization: Bearer <secret key>`.",
    ),

  invalidSecretKey: (): SandboxApiError =>
    SandboxApiError.one(
      401,
      "clerk_key_invalid",
      "Secret Key invalid",
      "The provided Clerk Secret Key is invalid. Make sure that your Clerk Secret Key is correct.",
    ),

  invalidAccessToken: (): SandboxApiError =>
    SandboxApiError.one(
      401,
      "authentication_invalid",
      "Invalid authentication",
      "The provided Platform API access token is invalid, expired or revoked.",
    ),

  forbidden: (longMessage: string): SandboxApiError =>
    SandboxApiError.one(403, "authorization_invalid", "Unauthorized request", longMessage),

  malformedRequest: (longMessage: string): SandboxApiError =>
    SandboxApiError.one(400, "malformed_request", "malformed request", longMessage),

  badRequest: (code: string, message: string, longMessage: string, meta?: Record<string, unknown>): SandboxApiError =>
    SandboxApiError.one(400, code, message, longMessage, meta),

  paramMissing: (param: string): SandboxApiError =>
    SandboxApiError.one(422, "form_param_missing", `${param} must be included`, `${param} must be included`, {
      param_name: param,
    }),

  paramInvalid: (param: string, longMessage: string): SandboxApiError =>
    SandboxApiError.one(422, "form_param_format_invalid", `${param} is invalid`, longMessage, { param_name: param }),

  paramValueInvalid: (param: string, longMessage: string): SandboxApiError =>
    SandboxApiError.one(422, "form_param_value_invalid", `${param} is invalid`, longMessage, { param_name: param }),

  identifierExists: (param: string, what: string): SandboxApiError =>
    SandboxApiError.one(
      422,
      "form_identifier_exists",
      `That ${what} is taken. Please try another.`,
      `That ${what} is taken. Please try another.`,
      {
        param_name: param,
      },
    ),

  unprocessable: (
    code: string,
    message: string,
    longMessage: string,
    meta?: Record<string, unknown>,
  ): SandboxApiError => SandboxApiError.one(422, code, message, longMessage, meta),

  conflict: (code: string, message: string, longMessage: string): SandboxApiError =>
    SandboxApiError.one(409, code, message, longMessage),

  tooManyRequests: (retryAfterSeconds: number): SandboxApiError =>
    new SandboxApiError(
      429,
      [
        {
          message: "Too many requests",
          long_message: "Too many requests, please try again later.",
          code: "too_many_requests",
        },
      ],
      { "retry-after": String(retryAfterSeconds) },
    ),

  internal: (): SandboxApiError =>
    SandboxApiError.one(
      500,
      "internal_clerk_error",
      "Oops, an unexpected error occurred",
      "There was an internal error on our servers. We've been notified and are working on fixing it.",
    ),
};
