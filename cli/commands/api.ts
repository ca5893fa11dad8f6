import { z } from "zod";
import { withShortFlag } from "../../shared/actions/fields";
import { API_METHODS } from "../api/methods";
import { defineCommand } from "../command";

const method = z
  .string()
  .transform((value) => value.toUpperCase())
  .pipe(z.enum(API_METHODS, { error: `must be one of ${API_METHODS.join(", ")}` }));

const apiCommand = defineCommand({
  id: "api",
  summary: "Send an authenticated request to the Clerk Backend API (or --platform: the Platform API)",
  description:
    "Calls any endpoint with the credentials every other command uses (the same secret key, login or " +
    "Platform API key, retries and --debug logging) and prints the response body. The path is below /v1 " +
    "(/v1/platform with --platform) and may carry a query string. The method is GET, or POST when a body is " +
    "given (-d, --file or a pipe). Requests other than GET and HEAD ask for confirmation on a terminal (--yes skips it); " +
    "in agent mode (--mode agent, CLERK_MODE=agent, or stdout not a terminal) and without a terminal they are sent " +
    "without asking, as in the official CLI, so --dry-run is the safety net. --include prints the status line and headers on stdout, before the body. A non-2xx answer " +
    "exits 1: the body Clerk sent goes to stdout, the error to stderr. `clerk api ls` lists the endpoints.",
  input: z.object({
    path: z.string().min(1).describe("Path below /v1, e.g. /users?limit=5 (with --platform: /applications)"),
    method: withShortFlag("X", method.optional().describe(`HTTP method: ${API_METHODS.join(", ")}`)),
    data: withShortFlag(
      "d",
      z.string().optional().describe("JSON request body; @file reads it from a file, @- from stdin"),
    ),
    file: z.string().optional().describe("Read the JSON request body from this file (- for stdin)"),
    include: withShortFlag(
      "i",
      z.boolean().default(false).describe("Print the status line and response headers before the body"),
    ),
    platform: z.boolean().default(false).describe("Call the Platform API instead of the Backend API"),
  }),
  positionals: ["path"],
  examples: [
    "clerk api /users?limit=5",
    'clerk api /users/user_123 -X PATCH -d \'{"first_name":"Ada"}\' --yes',
    'echo \'{"email_address":["ada@example.com"]}\' | clerk api /users -X POST --yes',
    "clerk api --platform /applications --include",
    "clerk api /users -X POST --file user.json --dry-run",
  ],
  async run(input, globals) {
    const { runApiRequest } = await import("../api/request");
    await runApiRequest(input, globals);
  },
});

const apiListCommand = defineCommand({
  id: "api.ls",
  summary: "List the Backend and Platform API endpoints (from the bundled OpenAPI documents; offline)",
  description:
    "Lists method, path and summary of every operation in Clerk's OpenAPI documents shipped with the CLI " +
    "(Backend API 2025-11-10, Platform API beta). Every word of the filter must appear in the method, path, " +
    "summary, operation id or tag (app/apps and org/orgs stand for application and organization). Paths are shown as `clerk api` takes them.",
  input: z.object({
    filter: z.string().optional().describe("Words to match, e.g. users or 'post invitations'"),
    platform: z
      .boolean()
      .optional()
      .describe("Only Platform API endpoints (--no-platform: only Backend API endpoints)"),
  }),
  positionals: ["filter"],
  examples: ["clerk api ls", "clerk api ls users", "clerk api ls 'delete organizations'", "clerk api ls --platform"],
  async run(input, globals) {
    const { filterEndpoints, loadEndpoints } = await import("../api/endpoints");
    const { printResult } = await import("../output");
    const api = input.platform === undefined ? undefined : input.platform ? "platform" : "backend";
    const endpoints = filterEndpoints(loadEndpoints(), input.filter, api);
    await printResult(endpoints, globals.output, {
      rows: (list) => list.map((e) => ({ ...e, summary: e.deprecated ? `${e.summary} (deprecated)` : e.summary })),
      columns: [
        { key: "method", header: "METHOD" },
        { key: "path", header: "PATH" },
        { key: "summary", header: "SUMMARY" },
        { key: "api", header: "API" },
      ],
      footer: (list) => `${list.length} endpoint${list.length === 1 ? "" : "s"}`,
    });
  },
});

export const apiCommands = [apiCommand, apiListCommand];
