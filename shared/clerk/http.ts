import type { IncomingHttpHeaders } from "node:http";

/**
 * HTTP/1.1 requests over `node:http` / `node:https`, for the CLI and the `clerk ui` server.
 *
 * Why not `fetch`: on Node 20 the first `fetch` loads undici and compiles its WebAssembly HTTP
 * parser, ≈100 ms of a one-shot command's start-up (≈6× what `node:http` costs); a CLI that makes
 * one or two requests and exits pays all of it. Keep-alive comes from Node's global agents,
 * whose idle sockets do not keep the process alive.
 */

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** JSON text, or the bytes of a multipart upload. */
  body?: string | Buffer;
  signal?: AbortSignal;
}

/** Response headers, read like the Fetch API's `Headers` (names are case-insensitive). */
export class ResponseHeaders implements Iterable<[string, string]> {
  constructor(private readonly raw: IncomingHttpHeaders) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(", ") : value;
  }

  has(name: string): boolean {
    return this.raw[name.toLowerCase()] !== undefined;
  }

  *[Symbol.iterator](): Iterator<[string, string]> {
    for (const name of Object.keys(this.raw).sort()) yield [name, this.get(name) as string];
  }
}

export interface HttpResponse {
  status: number;
  headers: ResponseHeaders;
  text: string;
}

/** Sends one request; rejects on connection errors and when `signal` aborts (its reason is the error). */
export type HttpSend = (request: HttpRequest) => Promise<HttpResponse>;

/** A response body as JSON, or as the text itself when it is not JSON (undefined when empty). */
export function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Failures that came after the whole request had been handed to the network: the server may have acted. */
const failedAfterSending = new WeakSet<object>();

/** Whether `error` (from an HttpSend) came after the request was sent in full, so its effect is unknown. */
export function sentBeforeFailing(error: unknown): boolean {
  return typeof error === "object" && error !== null && failedAfterSending.has(error);
}

export const sendHttp: HttpSend = async (request) => {
  const { request: send } = request.url.startsWith("https:") ? await import("node:https") : await import("node:http");
  return new Promise((resolve, reject) => {
    const outgoing = send(request.url, { method: request.method, headers: request.headers, signal: request.signal });
    let sent = false;
    outgoing.on("finish", () => {
      sent = true;
    });
    const fail = (error: Error) => {
      const reason = request.signal?.aborted ? (request.signal.reason ?? error) : error;
      if (sent && typeof reason === "object" && reason !== null) failedAfterSending.add(reason);
      reject(reason);
    };
    outgoing.on("error", fail);
    outgoing.on("response", (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
      incoming.on("error", fail);
      incoming.on("end", () =>
        resolve({
          status: incoming.statusCode ?? 0,
          headers: new ResponseHeaders(incoming.headers),
          text: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    outgoing.end(request.body);
  });
};
