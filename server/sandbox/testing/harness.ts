import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import type { SandboxCredentials } from "../bootstrap";
import type { SeedSpec } from "../seed";
import { type RunningSandbox, startSandbox } from "../server";
import { ContractValidator } from "./contract";

export const CONTRACT_REPORT_DIR = fileURLToPath(new URL("../../../.contract/", import.meta.url));

let sharedValidator: ContractValidator | undefined;
function validator(): ContractValidator {
  sharedValidator ??= new ContractValidator();
  return sharedValidator;
}

/** A sandbox started for the current test file; fields are valid inside tests. */
export interface SandboxHandle {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `http://127.0.0.1:<port>/v1` — what Clerk SDKs take as `apiUrl` + `/v1`. */
  apiUrl: string;
  credentials: SandboxCredentials;
  secretKey: string;
  server: RunningSandbox;
  /** The validator checking this file's responses; `checkWebhook` checks webhook deliveries with it. */
  contract: ContractValidator;
  /** Calls a `/__sandbox/*` control. */
  control(path: string, body?: unknown, method?: string): Promise<unknown>;
  /** Calls the Backend API with the development secret key. */
  bapi(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

export interface UseSandboxOptions {
  seed?: SeedSpec;
  /** Wipe data before every test (default true), so tests do not depend on each other. */
  resetEachTest?: boolean;
}

/**
 * Starts a real sandbox on a free port for this test file, over real HTTP. Every response is
 * checked against Clerk's OpenAPI documents; the file fails if any broke the contract.
 */
export function useSandbox(options: UseSandboxOptions = {}): SandboxHandle {
  const handle = {} as SandboxHandle;
  beforeAll(async () => {
    const contract = validator();
    const server = await startSandbox({
      port: 0,
      controls: true,
      ...(options.seed ? { seed: options.seed } : {}),
      onResponse(request, reply, payload) {
        const body = typeof payload === "string" ? payload : Buffer.isBuffer(payload) ? payload.toString("utf8") : "";
        const type = reply.getHeader("content-type");
        contract.check(
          request.method,
          request.url,
          reply.statusCode,
          type === undefined ? undefined : String(type),
          body,
        );
      },
    });
    handle.server = server;
    handle.contract = contract;
    handle.url = server.urls.url;
    handle.apiUrl = server.urls.backend_api_url;
    handle.credentials = server.credentials;
    handle.secretKey = server.credentials.development.secret_key;
    handle.control = async (path, body, method = "POST") => {
      const response = await fetch(`${handle.url}/__sandbox/${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`sandbox control ${path} failed: ${response.status} ${await response.text()}`);
      return response.json();
    };
    handle.bapi = (method, path, body, headers = {}) =>
      fetch(`${handle.apiUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${handle.secretKey}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
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
