import { z } from "zod";
import type { Action } from "../shared/actions/action";
import { type Field, withShortFlag } from "../shared/actions/fields";
import { jsonObject } from "../shared/actions/inputs";
import type { ClerkTransport } from "../shared/clerk/transport";
import { UsageError } from "./errors";
import { asFlagValue } from "./input-json";

/**
 * Options every catalog command gets from the command layer, as Clerk's official CLI has them:
 * `--secret-key` on every Backend API command, and the raw request body (`-d/--data`, `--file`)
 * on every create, update and add. Declared here once, not per action.
 */
const BODY_VERBS = new Set(["create", "update", "add"]);

const secretKey = z.string().min(1).optional().describe("Backend API secret key (sk_…) to use for this command");
const data = withShortFlag(
  "d",
  jsonObject("The raw Backend API request body as JSON; options given as flags win over its keys").optional(),
);
const file = z
  .record(z.string(), z.unknown())
  .optional()
  .meta({ file: true, description: "Read the raw Backend API request body from a JSON or YAML file (- for stdin)" });

const open = z
  .boolean()
  .optional()
  .describe("Open the URL in the browser (on a terminal; otherwise it is only printed)");

/** Whether the action's request body may be given raw (`-d`, `--file`). */
function takesRawBody(action: Action): boolean {
  const verb = action.id.split(".").at(-1) as string;
  return action.api === "backend" && action.mutates && BODY_VERBS.has(verb);
}

/** The command-layer options `action` gets, leaving out any the action already has a field for. */
export function commandLayerFields(action: Action): Record<string, z.ZodType> {
  const own = (name: string) => name in action.input.shape;
  return {
    ...(action.api === "backend" && !own("secret_key") ? { secret_key: secretKey } : {}),
    ...(takesRawBody(action) && !own("data") && !own("file") ? { data, file } : {}),
    ...(action.browse && !own("open") ? { open } : {}),
  };
}

/** What the command layer took from the input, and the action's own input. */
export interface CommandLayerInput {
  secretKey?: string;
  rawBody?: Record<string, unknown>;
  /** `--open`: open the action's `browse` URL. */
  open?: boolean;
  actionInput: Record<string, unknown>;
}

export function splitCommandLayerInput(
  added: Record<string, z.ZodType>,
  input: Record<string, unknown>,
): CommandLayerInput {
  const actionInput = { ...input };
  for (const name of Object.keys(added)) delete actionInput[name];
  return {
    actionInput,
    ...("secret_key" in added && input.secret_key ? { secretKey: String(input.secret_key) } : {}),
    ...("data" in added && input.data ? { rawBody: input.data as Record<string, unknown> } : {}),
    ...("open" in added && input.open ? { open: true } : {}),
  };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  Boolean(value) && typeof value === "object" && !Array.isArray(value);

/**
 * Before validation: `--file` and `-d` make one body (`-d` wins), kept as `data`; its keys that
 * name options fill those not given as flags, so `-d '{"email_address":"a@b.co"}'` meets a
 * required `<email_address>`.
 */
export function fillFromRawBody(raw: Record<string, unknown>, fields: readonly Field[]): Record<string, unknown> {
  if (raw.data === undefined && raw.file === undefined) return raw;
  let inline: unknown = raw.data ?? {};
  if (typeof inline === "string") {
    try {
      inline = JSON.parse(inline);
    } catch (error) {
      throw new UsageError(
        `--data is not valid JSON: ${(error as Error).message}`,
        "Give a JSON object, e.g. -d '{}'.",
      );
    }
  }
  if (!isPlainObject(inline) || (raw.file !== undefined && !isPlainObject(raw.file))) {
    throw new UsageError("the request body must be a JSON object", "Give -d '{…}' or --file body.json.");
  }
  const body = { ...(raw.file as Record<string, unknown> | undefined), ...inline };
  const filled: Record<string, unknown> = { ...raw, data: body };
  delete filled.file;
  for (const [key, value] of Object.entries(body)) {
    const field = fields.find((f) => f.name === key);
    if (field && !["data", "file", "secret_key"].includes(field.name) && filled[key] === undefined)
      filled[key] = asFlagValue(field, value);
  }
  return filled;
}

/**
 * Sends `body` as the request body of the command's first state-changing request (the create or
 * update itself), under what the action built from the options: keys the CLI has no option for
 * reach the Backend API unchanged, and the options (given as flags, or filled from the body) win.
 */
export function sendRawBody(backend: ClerkTransport, body: Record<string, unknown>): void {
  const request = backend.request.bind(backend);
  let sent = false;
  backend.request = ((spec, schema) => {
    if (sent || spec.method === "GET" || spec.method === "HEAD") return request(spec, schema);
    sent = true;
    const built = isPlainObject(spec.body)
      ? Object.fromEntries(Object.entries(spec.body).filter(([, value]) => value !== undefined))
      : {};
    return request({ ...spec, body: { ...body, ...built } }, schema);
  }) as ClerkTransport["request"];
}
