import { createClerkClient } from "@clerk/backend";
import { clerkSetup } from "@clerk/testing/playwright";
import { afterEach, describe, expect, test } from "vitest";
import { useSandbox } from "../testing/harness";

const sandbox = useSandbox();

const NAMES = ["CLERK_FAPI", "CLERK_TESTING_TOKEN", "CLERK_API_URL"] as const;
const saved = NAMES.map((name) => [name, process.env[name]] as const);
afterEach(() => {
  for (const [name, value] of saved) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe("@clerk/testing against the sandbox", () => {
  test("clerkSetup fetches a Testing Token and finds the Frontend API from the publishable key", async () => {
    delete process.env.CLERK_TESTING_TOKEN;
    process.env.CLERK_API_URL = sandbox.url; // as `clerk sandbox` prints it
    await clerkSetup({
      publishableKey: sandbox.credentials.development.publishable_key,
      secretKey: sandbox.secretKey,
      dotenv: false,
    });
    expect(process.env.CLERK_TESTING_TOKEN).toMatch(/^\d{10}-[A-Za-z0-9]+$/);
    expect(process.env.CLERK_FAPI).toMatch(/\.accounts\.sandbox\.localhost$/);
  });

  test("testingTokens.createTestingToken: an hour-long token, on production instances too", async () => {
    for (const key of [sandbox.secretKey, sandbox.credentials.production.secret_key]) {
      const token = await createClerkClient({ secretKey: key, apiUrl: sandbox.url }).testingTokens.createTestingToken();
      // The SDK hands back the JSON as sent (its deserializer has no `testing_token` case).
      const sent = token as unknown as { object: string; token: string; expires_at: number };
      expect(sent.object).toBe("testing_token");
      expect(sent.expires_at - Number(sent.token.split("-")[0])).toBe(3600);
    }
  });
});
