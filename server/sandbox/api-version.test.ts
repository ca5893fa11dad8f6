import { describe, expect, test } from "vitest";
import { SUPPORTED_API_VERSIONS } from "./app";
import { parseSeed } from "./seed";
import { useSandbox } from "./testing/harness";

const sandbox = useSandbox({ seed: parseSeed("demo") });

describe("Clerk-API-Version", () => {
  test("every version Clerk documents is accepted, the oldest included", async () => {
    expect(SUPPORTED_API_VERSIONS).toEqual(["2021-02-05", "2024-10-01", "2025-04-10", "2025-11-10", "2026-05-12"]);
    for (const version of SUPPORTED_API_VERSIONS) {
      const response = await sandbox.bapi("GET", "/users?limit=1", undefined, { "clerk-api-version": version });
      expect(response.status, version).toBe(200);
    }
  });

  test("an unknown version is a 400 naming the ones served", async () => {
    const response = await sandbox.bapi("GET", "/users", undefined, { "clerk-api-version": "2023-01-01" });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { code: string; long_message: string }[] };
    expect(body.errors[0]?.code).toBe("api_version_invalid");
    expect(body.errors[0]?.long_message).toContain("2021-02-05");
  });

  test("billing's pre-2025-11-10 paths (/commerce) answer as /billing", async () => {
    const legacy = await sandbox.bapi("GET", "/commerce/plans", undefined, { "clerk-api-version": "2025-04-10" });
    expect(legacy.status).toBe(200);
    const current = await sandbox.bapi("GET", "/billing/plans");
    expect(await legacy.json()).toEqual(await current.json());
  });
});
