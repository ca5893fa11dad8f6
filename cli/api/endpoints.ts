import { readFileSync } from "node:fs";
import { RuntimeError } from "../errors";

/** Which Clerk API a path belongs to; `clerk api --platform` calls the Platform API. */
export type ApiName = "backend" | "platform";

/** One operation of Clerk's OpenAPI documents, as `clerk api ls` lists it. */
export interface Endpoint {
  api: ApiName;
  method: string;
  /** As typed after `clerk api` (Platform API paths without their `/platform` prefix). */
  path: string;
  summary: string;
  operation_id?: string;
  tag?: string;
  deprecated?: boolean;
}

/** Clerk's OpenAPI documents bundled in shared/clerk-openapi/, per API. */
export const OPENAPI_DOCUMENTS: Record<ApiName, string> = {
  backend: "bapi-2025-11-10.yml",
  platform: "platform-beta.yml",
};

const HTTP_METHODS = ["get", "head", "post", "put", "patch", "delete"];

interface OperationLike {
  summary?: unknown;
  operationId?: unknown;
  tags?: unknown;
  deprecated?: unknown;
}

/** Platform paths are typed without `/platform`: the `--platform` transport's base URL has it. */
export function typedPath(api: ApiName, path: string): string {
  return api === "platform" ? path.replace(/^\/platform(?=\/|$)/, "") || "/" : path;
}

/**
 * The operations of one parsed OpenAPI document. Run by scripts/build.mjs, which writes them
 * to dist/cli/endpoints.json, so `clerk api ls` reads a small index instead of parsing YAML.
 */
export function endpointsOf(api: ApiName, document: { paths?: Record<string, unknown> }): Endpoint[] {
  const endpoints: Endpoint[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = (item as Record<string, OperationLike | undefined>)[method];
      if (!operation) continue;
      const tag = Array.isArray(operation.tags) ? operation.tags[0] : undefined;
      endpoints.push({
        api,
        method: method.toUpperCase(),
        path: typedPath(api, path),
        summary: typeof operation.summary === "string" ? operation.summary.trim() : "",
        ...(typeof operation.operationId === "string" ? { operation_id: operation.operationId } : {}),
        ...(typeof tag === "string" ? { tag } : {}),
        ...(operation.deprecated === true ? { deprecated: true } : {}),
      });
    }
  }
  return endpoints;
}

/** The index scripts/build.mjs wrote next to the CLI's code. */
export function loadEndpoints(): Endpoint[] {
  try {
    return JSON.parse(readFileSync(new URL("./endpoints.json", import.meta.url), "utf8")) as Endpoint[];
  } catch {
    throw new RuntimeError(
      "The endpoint index (endpoints.json) is missing from this build.",
      "Rebuild the CLI: node scripts/build.mjs cli.",
    );
  }
}

/** Short words the official CLI's `api ls` matches too (`clerk api ls --platform apps`). */
const ABBREVIATIONS: Record<string, string> = {
  app: "application",
  apps: "application",
  org: "organization",
  orgs: "organization",
};

/**
 * Endpoints matching every word of `filter` (case-insensitive) in their method, path, summary,
 * operation id or tag: `clerk api ls "post users"`.
 */
export function filterEndpoints(endpoints: readonly Endpoint[], filter: string | undefined, api?: ApiName): Endpoint[] {
  const words = (filter ?? "")
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => ABBREVIATIONS[word] ?? word);
  return endpoints.filter((endpoint) => {
    if (api && endpoint.api !== api) return false;
    const text = [endpoint.method, endpoint.path, endpoint.summary, endpoint.operation_id, endpoint.tag]
      .join(" ")
      .toLowerCase();
    return words.every((word) => text.includes(word));
  });
}
