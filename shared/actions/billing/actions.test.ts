import { describe, expect, test } from "vitest";
import { ZodError } from "zod";
import { parseSeed } from "../../../server/sandbox/seed";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";
import { ActionInputError } from "../errors";

const { run, sandbox } = useActionSandbox({ seed: parseSeed("demo") });

describe("billing prices, credits and discounts actions", () => {
  test("a custom price is created for a plan and listed with its prices", async () => {
    const plans = await run("billing.plans.list", { payer_type: "user" });
    const pro = plans.data.find((plan) => plan.slug === "pro");
    if (!pro) throw new Error("the demo seed has a pro plan");
    const before = (await run("billing.prices.list", { plan_id: pro.id })).total_count;
    const price = await run("billing.prices.create", {
      plan_id: pro.id,
      amount: 1500,
      annual_monthly_amount: 1200,
      description: "Acme contract",
    });
    expect(price).toMatchObject({
      object: "commerce_price",
      plan_id: pro.id,
      fee: { amount: 1500 },
      annual_monthly_fee: { amount: 1200 },
      description: "Acme contract",
      is_default: false,
    });
    const prices = await run("billing.prices.list", { plan_id: pro.id, limit: 100 });
    expect(prices.total_count).toBe(before + 1);
    expect(prices.data.map((p) => p.id)).toContain(price.id);
    await expect(run("billing.prices.create", { plan_id: pro.id, amount: 50 })).rejects.toMatchObject({
      status: 422,
    });
  });

  test("credits: none until granted, increased and decreased for users and organizations, once per key", async () => {
    const user = await run("users.create", { email_address: ["credit@example.com"] });
    const org = await run("orgs.create", { name: "Credit Co" });
    expect(await run("billing.credits.get", { payer_id: user.id })).toEqual({
      object: "commerce_credit_balance",
      balance: null,
    });

    const granted = await run("billing.credits.adjust", { payer_id: user.id, amount: 2500, note: "Outage" });
    expect(granted).toMatchObject({
      object: "commerce_credit_ledger",
      amount: { amount: 2500, currency: "USD" },
      note: "Outage",
      source_type: "grant",
    });
    await run("billing.credits.adjust", { payer_id: user.id, amount: 500, action: "decrease", idempotency_key: "k1" });
    await run("billing.credits.adjust", { payer_id: user.id, amount: 500, action: "decrease", idempotency_key: "k1" });
    expect((await run("billing.credits.get", { payer_id: user.id })).balance).toMatchObject({ amount: 2000 });

    await run("billing.credits.adjust", { payer_id: org.id, amount: 1000 });
    expect((await run("billing.credits.get", { payer_id: org.id })).balance).toMatchObject({
      amount: 1000,
      amount_formatted: "10.00",
    });
    await expect(
      run("billing.credits.adjust", { payer_id: org.id, amount: 5000, action: "decrease" }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(run("billing.credits.get", { payer_id: "cus_2abc" })).rejects.toBeInstanceOf(ActionInputError);
    await expect(run("billing.credits.adjust", { payer_id: org.id, amount: 0 })).rejects.toBeInstanceOf(ZodError);
  });

  test("discounts: applied to an item, replaced by another, removed", async () => {
    const items = await run("billing.items.list", { status: "active", limit: 50 });
    const item = items.data[0];
    if (!item) throw new Error("the demo seed has active subscription items");
    const instance = (await (await sandbox.bapi("GET", "/instance")).json()) as { id: string };
    const discount = async (name: string, body: Record<string, unknown>) =>
      (await sandbox.control("billing/discounts", { instance_id: instance.id, name, ...body })) as { id: string };
    const launch = await discount("Launch", { percent_off: 20, cycles: 3 });
    const friends = await discount("Friends", { amount_off: 500 });

    const applied = await run("billing.items.apply-discount", {
      subscription_item_id: item.id,
      discount_id: launch.id,
    });
    expect(applied).toMatchObject({
      object: "commerce_discount_redemption",
      subscription_item_id: item.id,
      discount_id: launch.id,
      name: "Launch",
      percent_off: 20,
      cycles_remaining: 3,
      status: "active",
    });
    await expect(
      run("billing.items.apply-discount", { subscription_item_id: item.id, discount_id: launch.id }),
    ).rejects.toMatchObject({ status: 409 });
    const replaced = await run("billing.items.apply-discount", {
      subscription_item_id: item.id,
      discount_id: friends.id,
    });
    expect(replaced).toMatchObject({ discount_id: friends.id, amount_off: { amount: 500 }, cycles_remaining: null });
    const removed = await run("billing.items.remove-discount", {
      subscription_item_id: item.id,
      discount_id: friends.id,
    });
    expect(removed).toMatchObject({ id: replaced.id, status: "removed" });
    await expect(
      run("billing.items.remove-discount", { subscription_item_id: item.id, discount_id: friends.id }),
    ).rejects.toMatchObject({ status: 409 });
  });
});
