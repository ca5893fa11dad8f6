import type { FastifyRequest } from "fastify";

/** Why a local server refuses a request: its status, a stable code and a sentence for people. */
export interface Refusal {
  status: number;
  code: string;
  message: string;
}

export interface SiteRules {
  /** `Host` values this server answers to: its own loopback names with its own port. */
  hosts: readonly string[];
  /**
   * Another site may navigate here (a top-level GET): the OAuth server redirecting back to the
   * panel's callback, or a client sending the browser to the sandbox's consent page.
   */
  allowNavigation?: boolean;
}

/** The `Host` values of a server on 127.0.0.1 at `port`. */
export function loopbackHosts(port: number, names: readonly string[] = ["127.0.0.1", "localhost"]): string[] {
  return names.map((name) => `${name}:${port}`);
}

/**
 * The browser-facing rules both local servers (the panel and the sandbox's controls and consent
 * pages) apply before any route runs:
 * - Host must be one of the server's own names and port (defeats DNS rebinding);
 * - a present Origin must be this server;
 * - `Sec-Fetch-Site` may not be cross-site or same-site (another port on this machine), except
 *   for a top-level GET navigation where the route allows it.
 */
export function checkSite(request: FastifyRequest, rules: SiteRules): Refusal | undefined {
  if (!rules.hosts.includes(request.headers.host ?? "")) {
    return { status: 421, code: "host_not_allowed", message: "This server only answers to its own loopback address." };
  }
  const origin = request.headers.origin;
  if (origin !== undefined && !rules.hosts.some((host) => `http://${host}` === origin)) {
    return { status: 403, code: "origin_not_allowed", message: "Requests from other sites are refused." };
  }
  const site = request.headers["sec-fetch-site"];
  const navigation = request.method === "GET" && (request.headers["sec-fetch-mode"] ?? "navigate") === "navigate";
  if ((site === "cross-site" || site === "same-site") && !(rules.allowNavigation && navigation)) {
    return { status: 403, code: "cross_site", message: "Requests from other sites are refused." };
  }
  return undefined;
}

/**
 * A request that carries a body must send it as `application/json`: an HTML form (urlencoded,
 * multipart, text/plain) or a `no-cors` fetch from another page cannot, and a page that tries
 * triggers a CORS preflight that these servers never answer.
 */
export function checkJsonBody(request: FastifyRequest): Refusal | undefined {
  const type = request.headers["content-type"];
  const hasBody =
    request.headers["transfer-encoding"] !== undefined || Number(request.headers["content-length"] ?? 0) > 0;
  if (type === undefined ? !hasBody : /^application\/json\s*(;|$)/i.test(type)) return undefined;
  return { status: 415, code: "json_required", message: "Requests with a body must send application/json." };
}
