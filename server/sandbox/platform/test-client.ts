import { expect } from "vitest";
import type { SandboxHandle } from "../testing/harness";

export interface ClerkErrorBody {
  errors: { code: string; long_message: string; meta?: Record<string, unknown> & { param_name?: string } }[];
}

interface CallOptions {
  /** The status the response must have (200 unless said). */
  status?: number;
  headers?: Record<string, string>;
}

/** Calls the Platform API with the sandbox's `ak_…` key, over real HTTP. */
export function platformClient(sandbox: SandboxHandle) {
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${sandbox.url}/v1/platform${path}`, {
      method,
      headers: {
        authorization: `Bearer ${sandbox.credentials.platform_api_key}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const expectJson = async <T>(method: string, path: string, body: unknown, options: CallOptions) => {
    const res = await call(method, path, body, options.headers);
    expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBe(options.status ?? 200);
    return (await res.json()) as T;
  };
  return {
    call,
    /** The parsed body of a successful call. */
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response shapes
    json: <T = any>(method: string, path: string, body?: unknown, options: CallOptions = {}) =>
      expectJson<T>(method, path, body, options),
    /** The first error of a call that must fail with `status`. */
    error: async (status: number, method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
      (await expectJson<ClerkErrorBody>(method, path, body, { status, ...(headers ? { headers } : {}) })).errors[0],
  };
}
