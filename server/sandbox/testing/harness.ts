import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import type { IncomingHttpHeaders } from "node:http";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { type HttpSend, ResponseHeaders } from "../../../shared/clerk/http";
import type { AppOptions } from "../app";
import type { SandboxCredentials } from "../bootstrap";
import type { SeedSpec } from "../seed";
import {
  createSandbox,
  DEFAULT_SANDBOX_PORT,
  type RunningSandbox,
  type SandboxInstance,
  startSandbox,
} from "../server";
import { ContractValidator } from "./contract";

export const CONTRACT_REPORT_DIR = fileURLToPath(new URL("../../../.contract/", import.meta.url));

let sharedValidator: ContractValidator | undefined;
function validator(): ContractValidator {
  sharedValidator ??= new ContractValidator();
  return sharedValidator;
}

/** What every test sandbox offers, however it is reached; fields are valid inside tests. */
interface SandboxAccess {
  /** Where it answers: `http://127.0.0.1:<port>`, or `http://127.0.0.1:2575` (never dialled) for an in-process one. */
  url: string;
  /** `<url>/v1` — what Clerk SDKs take as `apiUrl` + `/v1`. */
  apiUrl: string;
  credentials: SandboxCredentials;
  secretKey: string;
  /** The validator checking this file's responses; `checkWebhook` checks webhook deliveries with it. */
  contract: ContractValidator;
  /** Calls a `/__sandbox/*` control. */
  control(path: string, body?: unknown, method?: string): Promise<unknown>;
  /** Calls the Backend API with the development secret key. */
  bapi(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

/** A sandbox started for the current test file, listening on a port. */
export interface SandboxHandle extends SandboxAccess {
  server: RunningSandbox;
}

/** A sandbox built in the test's own process, not listening: requests reach it through `send`. */
export interface InProcessSandboxHandle extends SandboxAccess {
  server: SandboxInstance;
  /** Sends one request through Fastify's `inject()`: no socket, no port. */
  send: HttpSend;
}

export interface UseSandboxOptions {
  seed?: SeedSpec;
  /** Wipe data before every test (default true), so tests do not depend on each other. */
  resetEachTest?: boolean;
}

type Fetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<Response>;

/**
 * Starts a real sandbox on a free port for this test file, over real HTTP. Every response is
 * checked against Clerk's OpenAPI documents; the file fails if any broke the contract.
 */
export function useSandbox(options: UseSandboxOptions = {}): SandboxHandle {
  return useHarness<SandboxHandle>(options, async (onResponse) => {
    const server = await startSandbox({ port: 0, controls: true, ...sandboxOptions(options), onResponse });
    return { server, url: server.urls.url, fetch };
  });
}

/**
 * The same sandbox as useSandbox, contract checks included, built in this process and reached
 * through `app.inject()`: no port, no socket, no process (a fast seam for action tests).
 */
export function useInProcessSandbox(options: UseSandboxOptions = {}): InProcessSandboxHandle {
  return useHarness<InProcessSandboxHandle>(options, async (onResponse) => {
    const server = createSandbox({ controls: true, ...sandboxOptions(options), onResponse });
    const send = injectSend(server.app);
    // A port in Host, as a listening sandbox's clients send: the controls check it (browser-guard.ts).
    return { server, url: `http://127.0.0.1:${DEFAULT_SANDBOX_PORT}`, send, fetch: fetchThrough(send) };
  });
}

/** `http://127.0.0.1/...` requests answered by the app's `inject()`, as an HttpSend. */
function injectSend(app: FastifyInstance): HttpSend {
  return async (request) => {
    request.signal?.throwIfAborted();
    const url = new URL(request.url);
    const response = await app.inject({
      method: request.method as "GET",
      url: url.pathname + url.search,
      headers: { ...request.headers, host: url.host },
      ...(request.body === undefined ? {} : { payload: request.body }),
    });
    return {
      status: response.statusCode,
      headers: new ResponseHeaders(response.headers as IncomingHttpHeaders),
      text: response.body,
    };
  };
}

/** The Fetch API over an HttpSend, for the harness's `control` and `bapi`. */
function fetchThrough(send: HttpSend): Fetch {
  return async (url, init) => {
    const { status, headers, text } = await send({ url, ...init });
    return new Response(text === "" ? null : text, { status, headers: [...headers] });
  };
}

function sandboxOptions(options: UseSandboxOptions) {
  return options.seed ? { seed: options.seed } : {};
}

type OnResponse = NonNullable<AppOptions["onResponse"]>;

/** Starts a sandbox for the file (see `start`), checks its responses, resets it between tests. */
function useHarness<H extends SandboxAccess & { server: SandboxInstance }>(
  options: UseSandboxOptions,
  start: (onResponse: OnResponse) => Promise<Omit<H, keyof SandboxAccess> & { url: string; fetch: Fetch }>,
): H {
  const handle = {} as H;
  beforeAll(async () => {
    const contract = validator();
    const {
      url,
      fetch: send,
      ...started
    } = await start((request, reply, payload) => {
      const body = typeof payload === "string" ? payload : Buffer.isBuffer(payload) ? payload.toString("utf8") : "";
      const type = reply.getHeader("content-type");
      contract.check(
        request.method,
        request.url,
        reply.statusCode,
        type === undefined ? undefined : String(type),
        body,
      );
    });
    Object.assign(handle, started);
    handle.contract = contract;
    handle.url = url;
    handle.apiUrl = `${url}/v1`;
    handle.credentials = started.server.credentials;
    handle.secretKey = started.server.credentials.development.secret_key;
    handle.control = async (path, body, method = "POST") => {
      const response = await send(`${handle.url}/__sandbox/${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!response.ok) throw new Error(`sandbox control ${path} failed: ${response.status} ${await response.text()}`);
      return response.json();
    };
    handle.bapi = (method, path, body, headers = {}) =>
      send(`${handle.apiUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${handle.secretKey}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
  });
  if (options.resetEachTest !== false) {
    beforeEach(async () => {
      await handle.control("reset");
      if (options.seed) await handle.control("seed", { ...options.seed });
    });
  }
  afterAll(async () => {
    await handle.server?.close();
    const contract = validator();
    mkdirSync(CONTRACT_REPORT_DIR, { recursive: true });
    writeFileSync(
      join(CONTRACT_REPORT_DIR, `${randomUUID()}.json`),
      JSON.stringify({
        exercised: Object.fromEntries([...contract.exercised].map(([op, statuses]) => [op, [...statuses]])),
        violations: contract.violations,
        reachedByActions: [...contract.reachedByActions],
      }),
    );
    expect(contract.violations, "sandbox responses that break Clerk's OpenAPI contract").toEqual([]);
  });
  return handle;
}

/** A response's JSON body, once its status is the expected one (the body is the failure's message). */
export async function expectJson<T = Record<string, unknown>>(
  response: Response | Promise<Response>,
  status = 200,
): Promise<T> {
  const received = await response;
  expect(received.status, await received.clone().text()).toBe(status);
  return (await received.json()) as T;
}
