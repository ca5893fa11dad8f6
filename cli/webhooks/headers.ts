import { UsageError } from "../errors";

/** The three headers a signature check needs, as a delivery carried them. */
export interface SignatureHeaders {
  id?: string;
  timestamp?: string;
  signature?: string;
}

/**
 * Svix's names first; `webhook-*` are the Standard Webhooks names the same scheme uses elsewhere
 * (Clerk's `verifyWebhook` translates the former into the latter).
 */
const NAMES: Record<keyof SignatureHeaders, readonly string[]> = {
  id: ["svix-id", "webhook-id"],
  timestamp: ["svix-timestamp", "webhook-timestamp"],
  signature: ["svix-signature", "webhook-signature"],
};

function pick(all: Map<string, string>): SignatureHeaders {
  const out: SignatureHeaders = {};
  for (const [field, names] of Object.entries(NAMES) as [keyof SignatureHeaders, readonly string[]][]) {
    const name = names.find((candidate) => all.has(candidate));
    if (name) out[field] = all.get(name);
  }
  return out;
}

function fromJson(text: string, source: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${source} is not valid JSON: ${(error as Error).message}`);
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new UsageError(`${source} must hold a JSON object of header names and values.`);
  }
  const all = new Map<string, string>();
  for (const [name, value] of Object.entries(parsed)) {
    // Some tools record repeated headers as arrays; the first value is the one sent.
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string" || typeof first === "number") all.set(name.toLowerCase(), String(first));
  }
  return all;
}

/** `Name: value` lines as copied from a request log, devtools or `curl -v`; a request line and a body are skipped. */
function fromRaw(text: string): Map<string, string> {
  const all = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "") {
      if (all.size > 0) break;
      continue;
    }
    const match = /^\s*(?:[<>]\s*)?([A-Za-z0-9-]+)\s*:\s*(.*?)\s*$/.exec(line);
    if (match) all.set((match[1] as string).toLowerCase(), match[2] as string);
  }
  return all;
}

/** Reads the signature headers from a saved headers file's text (raw lines or JSON). */
export function parseHeaders(text: string, source: string): SignatureHeaders {
  return pick(/^[[{]/.test(text.trimStart()) ? fromJson(text, source) : fromRaw(text));
}
