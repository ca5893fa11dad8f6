import { describe, expect, test } from "vitest";
import { ZodError } from "zod";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";

const { run } = useActionSandbox();

describe("billing credits actions", () => {
  test("a user's balance: none at first, then what grants and decreases leave; a key applies once", async () => {
    const ada = (await run("users.create", { email_address: ["ada@example.com"] })).id;
    expect(await run("billing.credits.get-user", { user_id: ada })).toEqual({
      object: "commerce_credit_balance",
      balance: null,
    });
    const granted = await run("billing.credits.adjust-user", { user_id: ada, amount: 500, note: "Support refund" });
    expect(granted).toMatchObject({
      object: "commerce_credit_ledger",
      amount: { amount: 500, currency: "USD" },
      note: "Support refund",
    });
    const taken = { user_id: ada, amount: 200, action: "decrease" as const, idempotency_key: "refund-4521" };
    const first = await run("billing.credits.adjust-user", taken);
    expect(await run("billing.credits.adjust-user", taken)).toEqual(first);
    expect(await run("billing.credits.get-user", { user_id: ada })).toMatchObject({
      balance: { amount: 300, currency: "USD" },
    });
  });

  test("Clerk's refusals: more than the balance, an unknown user; the action's input checks", async () => {
    const ada = (await run("users.create", { email_address: ["ada@example.com"] })).id;
    await expect(
      run("billing.credits.adjust-user", { user_id: ada, amount: 100, action: "decrease" }),
    ).rejects.toMatchObject({ status: 400, errors: [{ code: "insufficient_credit_balance" }] });
    await expect(run("billing.credits.get-user", { user_id: "user_missing" })).rejects.toMatchObject({ status: 404 });
    await expect(run("billing.credits.adjust-user", { user_id: ada, amount: 0 })).rejects.toBeInstanceOf(ZodError);
  });
});
