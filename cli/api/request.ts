import { fstatSync, readFileSync } from "node:fs";
import { STATUS_CODES } from "node:http";
import { ClerkApiError } from "../../shared/clerk/errors";
import type { ResponseHeaders } from "../../shared/clerk/http";
import { DryRunStop, type RequestPreview, type RequestSpec } from "../../shared/clerk/transport";
import { confirmOrCancel } from "../confirm";
import { createActionContext } from "../context";
import { RuntimeError, UsageError } from "../errors";
import type { GlobalOptions } from "../globals";
import { formatResult } from "../output";
import { abortSignal } from "../shutdown";
import { typedPath } from "./endpoints";
import type { API_METHODS } from "./methods";

export interface ApiRequestInput {
  path: string;
  method?: (typeof API_METHODS)[number] | undefined;
  data?: string | undefined;
  file?: string | undefined;
  include: boolean;
  platform: boolean;
}

const READS = new Set(["GET", "HEAD"]);
/** Methods whose body may come from a pipe without `-d @-` (a DELETE never reads stdin unasked). */
const TAKES_BODY = new Set(["POST", "PUT", "PATCH"]);

/** The path below the API's base URL: `/v1` (and `/platform`) prefixes dropped, never a full URL. */
export function requestPath(path: string, platform: boolean): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    throw new UsageError(
      `give the path only, not a URL: ${path}`,
      "The host comes from your settings (CLERK_API_URL or the profile's api_url): `clerk api /users`.",
    );
  }
  const below = (path.startsWith("/") ? path : `/${path}`).replace(/^\/v1(?=[/?]|$)/, "");
  const platformPath = /^\/platform(?=[/?]|$)/.test(below);
  if (platformPath && !platform) {
    throw new UsageError(
      `${path} is a Platform API path.`,
      `Add --platform: \`clerk api --platform ${typedPath("platform", below)}\`.`,
    );
  }
  const result = platform ? typedPath("platform", below) : below;
  return result.startsWith("/") ? result : `/${result}`;
}

/** Stdin is a shell pipe or a redirected file (not a terminal, nor a socket a parent may never close). */
function stdinIsPiped(): boolean {
  try {
    const stat = fstatSync(0);
    return stat.isFIFO() || stat.isFile();
  } catch {
    return false;
  }
}

function readText(path: string, option: string): string {
  try {
    return readFileSync(path === "-" ? 0 : path, "utf8");
  } catch (error) {
    throw new UsageError(`${option}: cannot read ${path === "-" ? "stdin" : path}: ${(error as Error).message}`);
  }
}

/** The JSON body from `-d`, `-d @file`, `--file`, or (no -X, POST, PUT, PATCH) a pipe; undefined for none. */
export function readBody(input: ApiRequestInput): unknown {
  if (input.data !== undefined && input.file !== undefined) {
    throw new UsageError("--data and --file both give the request body", "Pass one of them.");
  }
  let text: string | undefined;
  let from = "the request body";
  if (input.data?.startsWith("@")) {
    from = input.data === "@-" ? "stdin" : input.data.slice(1);
    text = readText(input.data === "@-" ? "-" : input.data.slice(1), "--data");
  } else if (input.data !== undefined) {
    from = "--data";
    text = input.data;
  } else if (input.file !== undefined) {
    from = input.file === "-" ? "stdin" : input.file;
    text = readText(input.file, "--file");
  } else if ((input.method === undefined || TAKES_BODY.has(input.method)) && stdinIsPiped()) {
    // With no -X a piped body makes the request a POST, as in the official CLI; an empty pipe is a GET.
    from = "stdin";
    text = readText("-", "stdin");
    if (text.trim() === "") return undefined;
  }
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `${from} is not valid JSON: ${(error as Error).message}`,
      `Clerk's APIs take JSON bodies, e.g. -d '{"first_name":"Ada"}'.`,
    );
  }
}

function statusLine(status: number): string {
  return `HTTP ${status} ${STATUS_CODES[status] ?? ""}`.trimEnd();
}

function head(status: number, headers: ResponseHeaders): string {
  return `${[statusLine(status), ...[...headers].map(([name, value]) => `${name}: ${value}`)].join("\n")}\n\n`;
}

/** A response body as received: JSON pretty-printed (or YAML with -o yaml), text as it is. */
async function formatBody(body: unknown, output: GlobalOptions["output"]): Promise<string> {
  if (body === undefined) return "";
  if (typeof body === "string") return body.endsWith("\n") ? body : `${body}\n`;
  return `${await formatResult(body, output === "yaml" ? "yaml" : "json")}\n`;
}

/** `--dry-run`: the request as it would go out, authorization redacted. */
async function formatPreview(preview: RequestPreview, output: GlobalOptions["output"]): Promise<string> {
  if (output !== "table") return `${await formatResult(preview, output)}\n`;
  const headers = Object.entries(preview.headers).map(([name, value]) => `${name}: ${value}`);
  const body = preview.body === undefined ? "" : `\n${JSON.stringify(preview.body, null, 2)}\n`;
  return `${preview.method} ${preview.url}\n${headers.join("\n")}\n${body}`;
}

export async function runApiRequest(input: ApiRequestInput, globals: GlobalOptions): Promise<void> {
  const path = requestPath(input.path, input.platform);
  const body = readBody(input);
  const method = input.method ?? (body === undefined ? "GET" : "POST");
  if (READS.has(method) && body !== undefined) {
    throw new UsageError(`a ${method} request takes no body`, "Pass -X POST (or PUT, PATCH, DELETE) to send one.");
  }
  const ctx = await createActionContext(globals, { signal: abortSignal(), dryRun: globals.dryRun ? "all" : false });
  const transport = input.platform ? ctx.platform : ctx.backend;
  if (!transport) {
    throw new RuntimeError(
      "--platform needs Platform API access, and none is configured.",
      "Run `clerk auth login`, or set CLERK_PLATFORM_API_KEY.",
      "platform_access_missing",
    );
  }
  const spec: RequestSpec = { method, path, ...(body === undefined ? {} : { body }) };
  if (!READS.has(method) && !globals.dryRun) {
    const target = `${transport.baseUrl}${path}`;
    // As in the official CLI, agent mode (and no terminal) sends without asking: --dry-run is the safety net.
    const question = `This sends ${method} ${target}, which may change or delete data. Continue?`;
    if (!(await confirmOrCancel(question, globals, `Sending ${method} ${target}`))) return;
  }
  try {
    const response = await transport.request(spec);
    if (input.include) process.stdout.write(head(response.status, response.headers));
    process.stdout.write(await formatBody(response.body, globals.output));
  } catch (error) {
    if (error instanceof DryRunStop) {
      process.stderr.write("Dry run: this request was not sent.\n");
      process.stdout.write(await formatPreview(error.request, globals.output));
      return;
    }
    // Clerk's answer goes to stdout as received; the error (and exit code 1) follows on stderr.
    if (error instanceof ClerkApiError && error.response) {
      if (input.include) process.stdout.write(head(error.status, error.response.headers));
      process.stdout.write(await formatBody(error.response.body, globals.output));
    }
    throw error;
  }
}
