import type { FastifyRequest } from "fastify";
import { checkJsonBody, checkSite, loopbackHosts, type Refusal } from "../../http/request-guard";
import { SandboxApiError } from "./errors";

/** The names the sandbox answers to; it listens on 127.0.0.1 only. */
export const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"] as const;

const LOOPBACK_HOST = new RegExp(
  `^(${LOOPBACK_NAMES.map((name) => name.replace(/[.[\]]/g, "\\$&")).join("|")})(:\\d+)?$`,
  "i",
);

/** Is `Host` a loopback name (any port)? What every sandbox route requires. */
export function isLoopbackHost(host: string | undefined): boolean {
  return LOOPBACK_HOST.test(host ?? "");
}

/**
 * The port the sandbox listens on. An app that is not listening (in-process `inject()` calls
 * only) takes the port the request names, since nothing outside the process can reach it.
 */
function ownPort(request: FastifyRequest): number {
  const address = request.server.server.address();
  if (typeof address === "object" && address) return address.port;
  return Number(/:(\d+)$/.exec(request.headers.host ?? "")?.[1] ?? 80);
}

/**
 * The browser-facing parts of the sandbox (its `/__sandbox/*` test controls and the OAuth
 * consent pages) follow the panel's rules: Host must be a loopback name with the sandbox's own
 * port, a present Origin must be the sandbox, and other sites may not call in (`Sec-Fetch-Site`),
 * except for a top-level navigation where `allowNavigation` says so. The Backend and Platform
 * APIs are not browser-facing: SDKs call them server-side with bearer keys.
 */
export function browserRefusal(request: FastifyRequest, allowNavigation = false): Refusal | undefined {
  return checkSite(request, { hosts: loopbackHosts(ownPort(request), LOOPBACK_NAMES), allowNavigation });
}

/** `onRequest` hook of the test controls: the browser rules above, and bodies only as JSON. */
export async function guardControl(request: FastifyRequest): Promise<void> {
  const refusal = browserRefusal(request) ?? checkJsonBody(request);
  if (refusal) throw SandboxApiError.one(refusal.status, refusal.code, "request refused", refusal.message);
}
