import { readFileSync } from "node:fs";
import {
  DEFAULT_TOLERANCE_SECONDS,
  SigningSecretError,
  signingKey,
  type VerificationFailure,
  verifyWebhookSignature,
} from "../../shared/webhooks/signature";
import { parseDuration } from "../auth/duration";
import { RuntimeError, UsageError } from "../errors";
import type { GlobalOptions } from "../globals";
import { printResult } from "../output";
import { resolveSettings } from "../settings";
import { ENV_NAMES } from "../settings/keys";
import { parseHeaders, type SignatureHeaders } from "./headers";

export interface VerifyInput {
  payload?: string | undefined;
  delivery?: string | undefined;
  headers?: string | undefined;
  id?: string | undefined;
  timestamp?: string | undefined;
  signature?: string | undefined;
  secret?: string | undefined;
  tolerance?: string | undefined;
  ignore_timestamp: boolean;
}

const LABELS: Record<VerificationFailure, string> = {
  malformed_header: "malformed header",
  bad_signature: "bad signature",
  stale_timestamp: "stale timestamp",
  future_timestamp: "timestamp in the future",
};

const HINTS: Record<VerificationFailure, string> = {
  malformed_header:
    "Pass --id, --timestamp and --signature, or --headers with a file holding the delivery's svix-id, svix-timestamp and svix-signature headers.",
  bad_signature:
    "Check the secret (the endpoint's whsec_… signing secret) and that the payload file holds the body byte for byte: re-saving, pretty-printing or a trailing newline changes it.",
  stale_timestamp: "For an old saved delivery use --ignore-timestamp, or allow more with --tolerance (e.g. 2h).",
  future_timestamp: "Check this machine's clock, or allow more with --tolerance.",
};

/** An invalid delivery: exit 1, with the reason as the error code for scripts. */
export class WebhookVerificationError extends RuntimeError {}

/** `@file` is `file`, as the official CLI writes file arguments. */
const pathOf = (given: string) => (given.startsWith("@") ? given.slice(1) : given);

function readInput(given: string, what: string): Buffer {
  const path = pathOf(given);
  try {
    return readFileSync(path === "-" ? 0 : path);
  } catch (error) {
    throw new UsageError(`cannot read the ${what} from ${path === "-" ? "stdin" : path}: ${(error as Error).message}`);
  }
}

/**
 * `--delivery`: one delivery as a JSON line (as the official CLI's `webhooks listen --json` saves
 * them): its `headers` object and its raw `body` string.
 */
function readDelivery(given: string): { headers: SignatureHeaders; body: Buffer } {
  const lines = readInput(given, "delivery")
    .toString("utf8")
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "");
  const hint =
    'Give one JSON line: {"headers": {"svix-id": …, "svix-timestamp": …, "svix-signature": …}, "body": "…"}.';
  if (lines.length !== 1) throw new UsageError(`--delivery holds ${lines.length} lines, not one delivery.`, hint);
  let delivery: { headers?: unknown; body?: unknown; payload?: unknown };
  try {
    delivery = JSON.parse(lines[0] as string) as typeof delivery;
  } catch (error) {
    throw new UsageError(`--delivery is not valid JSON: ${(error as Error).message}`, hint);
  }
  const body = delivery?.body ?? delivery?.payload;
  if (!delivery?.headers || typeof delivery.headers !== "object" || body === undefined) {
    throw new UsageError("--delivery must hold the delivery's headers and body.", hint);
  }
  return {
    headers: parseHeaders(JSON.stringify(delivery.headers), "--delivery's headers"),
    // The signature covers the body byte for byte: a body saved as a string is checked as is.
    body: Buffer.from(typeof body === "string" ? body : JSON.stringify(body), "utf8"),
  };
}

function collectHeaders(input: VerifyInput): SignatureHeaders {
  const saved = input.headers ? parseHeaders(readInput(input.headers, "headers").toString("utf8"), input.headers) : {};
  return {
    ...saved,
    ...(input.id !== undefined ? { id: input.id } : {}),
    ...(input.timestamp !== undefined ? { timestamp: input.timestamp } : {}),
    ...(input.signature !== undefined ? { signature: input.signature } : {}),
  };
}

/** The secret and where it came from (named in messages; the value itself never is). */
async function resolveSecret(input: VerifyInput, globals: GlobalOptions): Promise<{ secret: string; from: string }> {
  if (input.secret !== undefined) return { secret: input.secret, from: "--secret" };
  const settings = await resolveSettings(globals, process.env, { tolerant: true });
  const secret = settings.values.webhook_signing_secret;
  if (secret) return { secret, from: settings.origins.webhook_signing_secret?.detail ?? "the settings" };
  const problem = settings.problems.find((p) => p.key === "webhook_signing_secret");
  if (problem) throw new UsageError(problem.message, problem.hint);
  throw new UsageError(
    "no webhook signing secret to check with.",
    `Pass --secret whsec_…, set ${ENV_NAMES.webhook_signing_secret[0]}, or store it: \`… | clerk config set webhook_signing_secret -\`. The sandbox prints its own with its keys.`,
  );
}

function describeAge(seconds: number): string {
  const abs = Math.abs(seconds);
  const text = abs < 120 ? `${abs} s` : abs < 7200 ? `${Math.round(abs / 60)} min` : `${Math.round(abs / 3600)} h`;
  return seconds >= 0 ? `${text} ago` : `${text} from now`;
}

/** `clerk webhooks verify`: checks a saved delivery's Svix signature offline. */
export async function verifyDelivery(input: VerifyInput, globals: GlobalOptions): Promise<void> {
  if (input.ignore_timestamp && input.tolerance !== undefined) {
    throw new UsageError("--tolerance and --ignore-timestamp contradict each other.", "Pass one of them.");
  }
  const given = (["payload", "headers", "id", "timestamp", "signature"] as const).filter((k) => input[k] !== undefined);
  if (input.delivery !== undefined && given.length) {
    throw new UsageError(
      `--delivery holds the whole delivery: drop ${given.map((k) => (k === "payload" ? "the payload" : `--${k}`)).join(", ")}.`,
    );
  }
  if (input.payload === undefined && input.delivery === undefined && process.stdin.isTTY) {
    throw new UsageError("missing argument <payload>", "Give the file with the delivery's body, or pipe it in.");
  }
  if (input.headers === "-" && (input.payload ?? "-") === "-") {
    throw new UsageError("the payload and --headers cannot both come from stdin.", "Save one of them to a file.");
  }
  const toleranceSeconds = input.ignore_timestamp
    ? null
    : input.tolerance === undefined
      ? DEFAULT_TOLERANCE_SECONDS
      : parseDuration(input.tolerance, "--tolerance") / 1000;
  const delivery = input.delivery === undefined ? undefined : readDelivery(input.delivery);
  const headers = delivery?.headers ?? collectHeaders(input);
  const { secret, from } = await resolveSecret(input, globals);
  try {
    signingKey(secret);
  } catch (error) {
    if (!(error instanceof SigningSecretError)) throw error;
    throw new UsageError(
      `the signing secret from ${from} is not a webhook signing secret: it must look like whsec_<base64>.`,
      "Copy it from the endpoint in the Clerk Dashboard (Webhooks), or from `clerk sandbox`'s output.",
    );
  }
  const body = delivery?.body ?? readInput(input.payload ?? "-", "payload");
  const now = Date.now();
  const result = verifyWebhookSignature(secret, headers, body, { now, toleranceSeconds });
  if (!result.valid) {
    throw new WebhookVerificationError(
      `${LABELS[result.reason]}: ${result.message}`,
      HINTS[result.reason],
      result.reason,
    );
  }
  let event: { type?: unknown; instance_id?: unknown; data?: { id?: unknown } } = {};
  try {
    event = JSON.parse(body.toString("utf8")) as typeof event;
  } catch {
    // A valid signature over a body that is not JSON: still authentic, just not a Clerk event.
  }
  const text = (value: unknown) => (typeof value === "string" ? value : null);
  const age = Math.round((now - result.signedAt) / 1000);
  const output = {
    valid: true,
    type: text(event.type),
    id: headers.id?.trim() ?? null,
    data_id: text(event.data?.id),
    instance_id: text(event.instance_id),
    signed_at: new Date(result.signedAt).toISOString(),
    timestamp_checked: toleranceSeconds !== null,
  };
  if (globals.output !== "table") {
    await printResult(output, globals.output);
    return;
  }
  const what = [output.type ?? "a non-JSON payload", output.data_id].filter(Boolean).join(" ");
  process.stdout.write(
    `Valid signature: ${what} (svix-id ${output.id}), signed ${describeAge(age)}` +
      `${output.timestamp_checked ? "" : " (timestamp not checked)"}\n`,
  );
}
