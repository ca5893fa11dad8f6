import { describe, expect, test } from "vitest";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";
import { ClerkTransport } from "../../clerk/transport";
import { findAction } from "../catalog";

const { run, sandbox, context } = useActionSandbox();

describe("testing-tokens actions", () => {
  test("create answers a token that lives an hour, on development and production", async () => {
    await sandbox.control("clock", { now: Date.UTC(2025, 5, 1), freeze: true });
    const issuedAt = Date.UTC(2025, 5, 1) / 1000;
    const token = await run("testing-tokens.create");
    expect(token).toEqual({
      object: "testing_token",
      token: expect.stringMatching(new RegExp(`^${issuedAt}-[A-Za-z0-9]+$`)),
      expires_at: issuedAt + 3600,
    });
    expect((await run("testing-tokens.create", {}, "production")).token).not.toBe(token.token);
  });

  test("a secret key the sandbox does not know is Clerk's 401", async () => {
    const ctx = context();
    const backend = new ClerkTransport({ ...ctx.backend.options, token: () => "sk_test_unknown" });
    const action = findAction("testing-tokens.create");
    await expect(action?.run({ ...ctx, backend }, {})).rejects.toMatchObject({ status: 401 });
  });
});
