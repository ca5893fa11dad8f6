import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { checkSite, loopbackHosts } from "../http/request-guard";

/** The custom header every state-changing request carries; HTML forms cannot set it. */
export const CSRF_HEADER = "x-clerk-ui";

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export function cookieName(port: number): string {
  return `clerk_ui_${port}`;
}

function refuse(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).type("application/json").send({ error: { code, message } });
}

export interface SecurityOptions {
  port: () => number;
  isSession(token: string | undefined): boolean;
  /** Paths reachable without a session (the launch redirect and the OAuth callback). */
  publicPaths: readonly string[];
}

/**
 * The local server's guard rails, checked on every request before any route runs:
 * - Host must be this server's own loopback name and port (defeats DNS rebinding);
 * - a present Origin must be this server, and Sec-Fetch-Site may not be cross-site;
 * - everything but the public paths needs the session cookie;
 * - state-changing requests need `Content-Type: application/json` and the custom header,
 *   which a form post or a `text/plain` fetch from another page cannot send;
 * - strict response headers: CSP without inline script, no framing, no referrer, no sniffing.
 * No CORS headers are ever sent.
 */
export function installSecurity(app: FastifyInstance, options: SecurityOptions): void {
  app.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
    const port = options.port();
    const origin = `http://${request.headers.host ?? ""}`;
    const path = request.url.split("?")[0] ?? "/";
    const isPublic = options.publicPaths.includes(path);
    // Another site (or another port on this machine: "same-site") may not call in. The one
    // exception is a top-level navigation to a public path: the OAuth server redirecting back
    // to the callback, which is guarded by its single-use `state` instead.
    const refusal = checkSite(request, { hosts: loopbackHosts(port), allowNavigation: isPublic });
    if (refusal) return refuse(reply, refusal.status, refusal.code, refusal.message);
    if (isPublic) return;
    const session = request.cookies[cookieName(port)];
    if (!options.isSession(session)) {
      if (request.method === "GET" && !path.startsWith("/api/")) {
        return reply.code(401).type("text/html").send(lockedPage(origin));
      }
      return refuse(reply, 401, "session_required", "Open the panel with the link printed by `clerk ui`.");
    }
    if (!["GET", "HEAD", "OPTIONS"].includes(request.method)) {
      const type = request.headers["content-type"] ?? "";
      if (!type.startsWith("application/json")) {
        return refuse(reply, 415, "json_required", "State-changing requests must send application/json.");
      }
      if (request.headers[CSRF_HEADER] !== "1") {
        return refuse(
          reply,
          403,
          "csrf_header_missing",
          `State-changing requests must send the ${CSRF_HEADER} header.`,
        );
      }
    }
  });

  app.addHook("onSend", async (request, reply, payload) => {
    reply.header("content-security-policy", CONTENT_SECURITY_POLICY);
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "no-referrer");
    reply.header("x-frame-options", "DENY");
    reply.header("cross-origin-opener-policy", "same-origin");
    reply.header("cross-origin-resource-policy", "same-origin");
    if (request.url.startsWith("/api/") || reply.getHeader("content-type")?.toString().startsWith("text/html")) {
      reply.header("cache-control", "no-store");
    }
    return payload;
  });
}

function lockedPage(origin: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Clerk panel</title></head>
<body><h1>Clerk panel</h1><p>This panel at ${origin.replace(/[<>&"]/g, "")} opens only from the link printed by
<code>clerk ui</code> in your terminal. Press <kbd>o</kbd> there (or run <code>clerk ui --reopen</code>) for a fresh link.</p></body></html>`;
}
