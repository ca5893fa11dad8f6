import { afterEach, describe, expect, test } from "vitest";
import { ClerkTransport } from "../../../shared/clerk/transport";
import { useInProcessSandbox } from "../testing/harness";
import { CLERK_RATE_LIMITS, RateLimiter } from "./rate-limits";

const development = { id: "ins_dev", environment_type: "development" };
const production = { id: "ins_prod", environment_type: "production" };

describe("RateLimiter", () => {
  test("Clerk's figures: 100 a window on development, 1000 on production, each instance its own window", () => {
    const limiter = new RateLimiter();
    expect(limiter.current()).toEqual(CLERK_RATE_LIMITS);
    for (let i = 0; i < 100; i++) expect(limiter.take(development, "GET", "/v1/users", 0)).toBeUndefined();
    expect(limiter.take(development, "GET", "/v1/users", 2500)).toBe(8);
    for (let i = 0; i < 1000; i++) expect(limiter.take(production, "POST", "/v1/users", 2500)).toBeUndefined();
    expect(limiter.take(production, "POST", "/v1/users", 9999)).toBe(3);
    // The window ends 10 s after it began; then the instance starts afresh.
    expect(limiter.take(development, "GET", "/v1/users", 10_000)).toBeUndefined();
  });

  test("GET /jwks is never limited; a request refused is not counted; off means off", () => {
    const limiter = new RateLimiter({ development: 1 });
    expect(limiter.take(development, "GET", "/v1/users", 0)).toBeUndefined();
    expect(limiter.take(development, "GET", "/v1/users", 0)).toBe(10);
    expect(limiter.take(development, "GET", "/v1/jwks", 0)).toBeUndefined();
    expect(limiter.take(development, "GET", "/v1/users", 9_000)).toBe(1);
    limiter.configure({ enabled: false });
    expect(limiter.take(development, "GET", "/v1/users", 9_000)).toBeUndefined();
  });
});

describe("rate limits over HTTP", () => {
  const sandbox = useInProcessSandbox();
  afterEach(async () => {
    await sandbox.control("rate-limits", { enabled: false });
  });

  test("off in tests until asked for; over the limit is Clerk's 429 with Retry-After, per instance", async () => {
    expect(await sandbox.control("rate-limits", undefined, "GET")).toMatchObject({ enabled: false, development: 100 });
    await sandbox.control("clock", { now: Date.UTC(2025, 5, 1), freeze: true });
    expect(await sandbox.control("rate-limits", { enabled: true, development: 3 })).toEqual({
      enabled: true,
      development: 3,
      production: 1000,
      window_ms: 10_000,
    });
    for (let i = 0; i < 3; i++) expect((await sandbox.bapi("GET", "/users/count")).status).toBe(200);
    const refused = await sandbox.bapi("GET", "/users");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("10");
    expect(await refused.json()).toMatchObject({ errors: [{ code: "too_many_requests" }] });
    expect((await sandbox.bapi("GET", "/jwks")).status).toBe(200);
    // Production is another instance with its own (larger) allowance.
    const prod = await sandbox.bapi("GET", "/users/count", undefined, {
      authorization: `Bearer ${sandbox.credentials.production.secret_key}`,
    });
    expect(prod.status).toBe(200);
    await sandbox.control("clock", { advance_ms: 10_000 });
    expect((await sandbox.bapi("GET", "/users/count")).status).toBe(200);
  });

  test("Clerk's client waits as Retry-After says, then succeeds", async () => {
    await sandbox.control("rate-limits", { enabled: true, development: 2, window_ms: 1000 });
    const statuses: number[] = [];
    const backend = new ClerkTransport({
      send: async (request) => {
        const response = await sandbox.send(request);
        statuses.push(response.status);
        return response;
      },
      baseUrl: sandbox.apiUrl,
      token: () => sandbox.credentials.development.secret_key,
    });
    for (let i = 0; i < 3; i++) await backend.request({ method: "GET", path: "/users/count" });
    expect(statuses).toEqual([200, 200, 429, 200]);
  });
});
