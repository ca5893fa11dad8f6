import { randomBytes } from "node:crypto";
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { SERVER_OPTIONS } from "../http/fastify-options";
import { exceedsJsonDepth, MAX_JSON_DEPTH } from "../http/json-depth";
import { guardControl, isLoopbackHost } from "./core/browser-guard";
import type { SandboxContext } from "./core/context";
import { errors, SandboxApiError } from "./core/errors";
import type { Fault } from "./core/faults";
import type { ModuleSurface } from "./core/module";
import { withRequestOrigin } from "./core/request-origin";
import { sandboxModules } from "./modules";
import { type InstanceRecord, instanceBySecretKey } from "./tenancy/instances";
import { authenticatePlatform, type PlatformPrincipal } from "./tenancy/platform-auth";

declare module "fastify" {
  interface FastifyRequest {
    /** The instance whose secret key authenticated this Backend API request. */
    instance: InstanceRecord;
    /** Who called the Platform API. */
    platform: PlatformPrincipal;
    /** A fault to apply after the handler ran (drop the connection before the response). */
    dropAfter?: boolean;
  }
}

/**
 * API versions the sandbox accepts (sent by clients as `Clerk-API-Version`): every version Clerk
 * documents and still serves. Answers are in the newest shapes except where a version's change
 * is modelled (2026-05-12's metadata rule); README "Sandbox deviations" lists the rest.
 */
export const SUPPORTED_API_VERSIONS = ["2021-02-05", "2024-10-01", "2025-04-10", "2025-11-10", "2026-05-12"] as const;

/**
 * Clerk serves its machine-auth endpoints (API keys, M2M and OAuth access tokens) without the
 * version segment too, and its SDKs call them there (`https://api.clerk.com/api_keys`): they
 * are the same operations as under `/v1`.
 */
const UNVERSIONED_BACKEND_PATH = /^\/(api_keys|m2m_tokens|oauth_applications\/access_tokens)(\/|\?|$)/;

/** Billing's paths before API version 2025-11-10 (`/commerce/…`), which Clerk still serves. */
const COMMERCE_PATH = /^\/v1\/commerce(\/|\?|$)/;

function traceId(): string {
  return randomBytes(16).toString("hex");
}

export function sendClerkError(reply: FastifyReply, error: SandboxApiError): FastifyReply {
  const id = traceId();
  return reply
    .code(error.status)
    .headers({ ...error.headers, "x-clerk-trace-id": id })
    .send({ errors: error.errors, clerk_trace_id: id });
}

function bearer(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (!header) throw errors.missingAuthorization();
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) {
    throw SandboxApiError.one(
      401,
      "authorization_header_format_invalid",
      "Invalid Authorization header format",
      "The Authorization header must have the form `Bearer <token>`.",
    );
  }
  return match[1];
}

function checkApiVersion(request: FastifyRequest): void {
  const version = request.headers["clerk-api-version"];
  if (version === undefined) return;
  if (!(SUPPORTED_API_VERSIONS as readonly string[]).includes(String(version))) {
    throw errors.badRequest(
      "api_version_invalid",
      "Invalid API version",
      `Clerk-API-Version '${String(version)}' is not supported. Supported versions: ${SUPPORTED_API_VERSIONS.join(", ")}.`,
      { param_name: "Clerk-API-Version" },
    );
  }
}

async function applyFault(request: FastifyRequest, reply: FastifyReply, fault: Fault): Promise<void> {
  switch (fault.kind) {
    case "429":
      throw errors.tooManyRequests(fault.retryAfterSeconds);
    case "500":
      throw errors.internal();
    case "delay":
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      return;
    case "drop":
      reply.hijack();
      request.raw.socket.destroy();
      return;
    case "drop_after":
      request.dropAfter = true;
      return;
  }
}

export interface AppOptions {
  /** Registers `/__sandbox/*` test controls (on for the sandbox command and tests). */
  controls?: boolean;
  /** Called with every response, for contract validation in tests. */
  onResponse?: (request: FastifyRequest, reply: FastifyReply, payload: unknown) => void;
}

/** Builds the sandbox's HTTP app: Backend API, Platform API, OAuth server and test controls. */
export function buildSandboxApp(sb: SandboxContext, options: AppOptions = {}): FastifyInstance {
  const app = Fastify({
    ...SERVER_OPTIONS,
    bodyLimit: 5 * 1024 * 1024,
    return503OnClosing: false,
    rewriteUrl: (request) => {
      const url = request.url ?? "/";
      if (UNVERSIONED_BACKEND_PATH.test(url)) return `/v1${url}`;
      return COMMERCE_PATH.test(url) ? url.replace("/v1/commerce", "/v1/billing") : url;
    },
  });
  // Declared up front so every request object has the same shape (V8 keeps it monomorphic).
  app.decorateRequest("instance", null as unknown as InstanceRecord);
  app.decorateRequest<PlatformPrincipal | null>("platform", null);

  // Empty JSON bodies are common (`POST /users/{id}/ban`); bad JSON is Clerk's 400.
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === "") return done(null, undefined);
    if (exceedsJsonDepth(text)) {
      return done(
        errors.malformedRequest(`The request body nests objects or arrays more than ${MAX_JSON_DEPTH} levels deep.`),
        undefined,
      );
    }
    try {
      done(null, JSON.parse(text));
    } catch {
      done(errors.malformedRequest("The request body is not valid JSON."), undefined);
    }
  });
  // File uploads (profile images): parsed as the Fetch API does, into a FormData.
  app.addContentTypeParser(
    "multipart/form-data",
    { parseAs: "buffer" },
    async (request: FastifyRequest, body: Buffer) => {
      try {
        return await new Response(new Uint8Array(body), {
          headers: { "content-type": String(request.headers["content-type"]) },
        }).formData();
      } catch {
        throw errors.malformedRequest("The request body is not valid multipart/form-data.");
      }
    },
  );
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  app.setErrorHandler((error: FastifyError | SandboxApiError, request, reply) => {
    if (error instanceof SandboxApiError) return sendClerkError(reply, error);
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return sendClerkError(reply, errors.malformedRequest(error.message));
    }
    request.log.error(error);
    process.stderr.write(`sandbox: internal error on ${request.method} ${request.url}: ${error.stack ?? error}\n`);
    return sendClerkError(reply, errors.internal());
  });
  app.setNotFoundHandler((request, reply) => sendClerkError(reply, errors.routeNotFound(request.method, request.url)));

  app.addHook("onRequest", async (request, reply) => {
    // Only loopback names: a DNS-rebinding page on another site must not reach the sandbox.
    if (!isLoopbackHost(request.headers.host)) {
      throw errors.forbidden("The sandbox only answers requests addressed to 127.0.0.1, localhost or [::1].");
    }
    if (request.url.startsWith("/__sandbox")) return;
    const fault = sb.faults.take(request.method, request.url);
    if (fault) await applyFault(request, reply, fault);
  });
  // Callback style on purpose: `done` runs the handler synchronously inside the origin's scope,
  // so events it emits know who caused them (webhooks' `event_attributes.http_request`).
  app.addHook("preHandler", (request, _reply, done) => {
    withRequestOrigin({ clientIp: request.ip, userAgent: request.headers["user-agent"] ?? "" }, done);
  });
  app.addHook("onSend", async (request, reply, payload) => {
    // Clerk sends exactly `application/json`; its SDK parses error bodies only on that value.
    if (String(reply.getHeader("content-type") ?? "").startsWith("application/json")) {
      reply.header("content-type", "application/json");
    }
    if (request.dropAfter) {
      reply.hijack();
      request.raw.socket.destroy();
    }
    if (reply.statusCode >= 200 && reply.statusCode < 300 && request.url.startsWith("/v1")) {
      reply.header("cache-control", "no-store");
    }
    options.onResponse?.(request, reply, payload);
    return payload;
  });

  const surfaces: Record<ModuleSurface, { prefix: string; authenticate?: (request: FastifyRequest) => void }> = {
    backend: {
      prefix: "/v1",
      authenticate(request) {
        checkApiVersion(request);
        const token = bearer(request);
        // Most routes take only the instance's secret key; a few also take a machine's (see route-auth.ts).
        const instance =
          instanceBySecretKey(sb, token) ?? request.routeOptions.config.alternateBearer?.(sb, request, token);
        if (!instance) throw errors.invalidSecretKey();
        request.instance = instance;
        const wait = sb.rateLimits.take(instance, request.method, request.url, sb.clock.now());
        if (wait !== undefined) throw errors.tooManyRequests(wait);
      },
    },
    platform: {
      prefix: "/v1/platform",
      authenticate(request) {
        checkApiVersion(request);
        const principal = authenticatePlatform(sb, bearer(request));
        if (!principal) throw errors.invalidAccessToken();
        request.platform = principal;
      },
    },
    root: { prefix: "" },
  };

  for (const [surface, { prefix, authenticate }] of Object.entries(surfaces)) {
    const modules = sandboxModules.filter((module) => module.surface === surface);
    app.register(
      async (scope) => {
        if (authenticate) scope.addHook("onRequest", async (request) => authenticate(request));
        for (const module of modules) module.routes(scope, sb);
      },
      { prefix },
    );
  }
  if (options.controls) {
    app.register(async (scope) => {
      // Any web page could otherwise reset the sandbox or queue faults on it.
      scope.addHook("onRequest", guardControl);
      for (const module of sandboxModules) module.controls?.(scope, sb);
    });
  }
  return app;
}
