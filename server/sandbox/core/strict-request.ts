import type { z } from "zod";
import { SandboxApiError } from "./errors";

export type RequestPart = "body" | "query" | "url_parameter";

/**
 * Clerk's machine-auth endpoints (API keys, M2M tokens) reject bad input with a 400
 * `bad_request` naming the part and field, e.g. `Invalid 'body.name': …`, where the older
 * endpoints answer 422 `form_param_*`.
 */
export function invalidField(part: RequestPart, name: string, problem: string): SandboxApiError {
  return SandboxApiError.one(400, "bad_request", "Bad Request", `Invalid '${part}.${name}': ${problem}`, {
    param_name: name,
  });
}

/** Validates a body or query with zod (unknown body fields are refused), reporting the first problem. */
export function parseStrict<S extends z.ZodType>(schema: S, value: unknown, part: RequestPart): z.infer<S> {
  const result = schema.safeParse(value ?? {}, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.map(String).join(".") ?? "";
  if (issue?.code === "unrecognized_keys") {
    const key = issue.keys[0] ?? "";
    throw invalidField(part, path ? `${path}.${key}` : key, "Unknown field");
  }
  const missing = issue?.code === "invalid_type" && issue.input === undefined;
  throw invalidField(part, path || part, missing ? "Required" : (issue?.message ?? "Invalid value"));
}
