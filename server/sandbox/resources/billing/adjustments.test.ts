import { describe, expect, test } from "vitest";
import { parseSeed } from "../../seed";
import { useSandbox } from "../../testing/harness";

const sandbox = useSandbox({ seed: parseSeed("demo") });

type Json = Record<string, unknown> & { id: string };
type Page = { data: Json[]; total_count: number };
type ErrorBody = { errors: { code: string; meta?: { param_name?: string } }[] };

async function call<T = Json>(method: string, path: string, body?: unknown, status = 200): Promise<T> {
  const response = await sandbox.bapi(method, path, body);
  expect(response.status, `${method} ${path}: ${await response.clone().text()}`).toBe(status);
  return (await response.json()) as T;
}

async function fails(method: string, path: string, body: unknown, status: number, code: string, param?: string) {
  const error = await call<ErrorBody>(method, path, body, status);
  expect(error.errors[0]?.code).toBe(code);
  if (param) expect(error.errors[0]?.meta?.param_name).toBe(param);
}

describe("billing credits, custom prices and discounts over HTTP", () => {
  test("credit balances: none until granted, increases and decreases, idempotent, never negative", async () => {
    const user = await call("POST", "/users", { email_address: ["credit@example.com"] });
    const path = `/users/${user.id}/billing/credits`;
    expect(await call("GET", path)).toEqual({ object: "commerce_credit_balance", balance: null });

    const granted = await call("POST", path, {
      amount: 2500,
      action: "increase",
      idempotency_key: "k1",
      note: "apology",
    });
    expect(granted).toMatchObject({
      object: "commerce_credit_ledger",
      payer_id: expect.stringMatching(/^cpayer_/),
      amount: { amount: 2500, amount_formatted: "25.00", currency: "USD", currency_symbol: "$" },
      source_type: "grant",
      note: "apology",
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(await call("POST", path, { amount: 2500, action: "increase", idempotency_key: "k1" })).toEqual(granted);
    await fails(
      "POST",
      path,
      { amount: 100, action: "decrease", idempotency_key: "k1" },
      409,
      "idempotency_key_reused",
    );
    const spent = await call("POST", path, { amount: 1000, action: "decrease", idempotency_key: "k2" });
    expect(spent.amount).toMatchObject({ amount: -1000 });
    expect((await call<{ balance: { amount: number } }>("GET", path)).balance.amount).toBe(1500);
    await fails(
      "POST",
      path,
      { amount: 1501, action: "decrease", idempotency_key: "k3" },
      400,
      "insufficient_credit_balance",
      "amount",
    );
    await fails(
      "POST",
      path,
      { amount: 0, action: "increase", idempotency_key: "k4" },
      422,
      "form_param_format_invalid",
      "amount",
    );
    await fails(
      "POST",
      path,
      { amount: 10, action: "increase", idempotency_key: "k5", currency: "EUR" },
      422,
      "form_param_value_invalid",
      "currency",
    );
    await call("GET", "/users/user_missing/billing/credits", undefined, 404);

    const org = await call("POST", "/organizations", { name: "Credits Co" });
    const orgPath = `/organizations/${org.id}/billing/credits`;
    await call("POST", orgPath, { amount: 500, action: "increase", idempotency_key: "k1" });
    expect((await call<{ balance: { amount: number } }>("GET", orgPath)).balance.amount).toBe(500);
    await call("GET", "/organizations/org_missing/billing/credits", undefined, 404);
  });

  test("custom prices join the plan's prices without replacing the default", async () => {
    const plans = await call<Page>("GET", "/billing/plans?limit=50");
    const plan = plans.data.find((p) => p.slug === "pro") as Json;
    const custom = await call("POST", "/billing/prices", {
      plan_id: plan.id,
      amount: 1500,
      annual_monthly_amount: 1200,
      description: "Nonprofit",
    });
    expect(custom).toMatchObject({
      object: "commerce_price",
      plan_id: plan.id,
      amount: 1500,
      annual_monthly_amount: 1200,
      description: "Nonprofit",
      is_default: false,
      supported_billing_periods: "both",
    });
    const comp = await call("POST", "/billing/prices", {
      plan_id: plan.id,
      amount: 0,
      supported_billing_periods: "month",
    });
    expect(comp).toMatchObject({ amount: 0, supported_billing_periods: "month" });
    const prices = await call<Page>("GET", `/billing/prices?plan_id=${plan.id}&limit=50`);
    expect(prices.data.map((p) => p.id)).toEqual(expect.arrayContaining([custom.id, comp.id]));
    expect(prices.data.filter((p) => p.is_default)).toHaveLength(1);

    await fails(
      "POST",
      "/billing/prices",
      { plan_id: plan.id, amount: 50 },
      422,
      "form_param_format_invalid",
      "amount",
    );
    await fails("POST", "/billing/prices", { plan_id: plan.id }, 422, "form_param_missing", "amount");
    await fails(
      "POST",
      "/billing/prices",
      { plan_id: plan.id, amount: 100, supported_billing_periods: "annual" },
      422,
      "form_param_value_invalid",
    );
    await fails("POST", "/billing/prices", { plan_id: "cplan_missing", amount: 100 }, 404, "resource_not_found");
  });

  test("discounts: one active per item, replaced by another, removed by id", async () => {
    const instance = await call("GET", "/instance");
    const items = await call<Page>("GET", "/billing/subscription_items?status=active&limit=50");
    const item = items.data[0];
    if (!item) throw new Error("the demo seed has active subscription items");
    const discount = (name: string, body: Record<string, unknown>) =>
      sandbox.control("billing/discounts", { instance_id: instance.id, name, ...body }) as Promise<Json>;
    const launch = await discount("Launch", { percent_off: 20, cycles: 3 });
    const friends = await discount("Friends", { amount_off: 500 });
    const path = `/billing/subscription_items/${item.id}/discounts`;

    const applied = await call("POST", path, { discount_id: launch.id });
    expect(applied).toMatchObject({
      object: "commerce_discount_redemption",
      id: expect.stringMatching(/^cdr_/),
      subscription_item_id: item.id,
      discount_id: launch.id,
      name: "Launch",
      source: "manual",
      effect: "percentage",
      percent_off: 20,
      amount_off: null,
      amount: { currency: "USD" },
      cycles_applied: 0,
      cycles_remaining: 3,
      status: "active",
      redeemed_by: null,
    });
    await fails("POST", path, { discount_id: launch.id }, 409, "discount_already_applied");
    const replaced = await call("POST", path, { discount_id: friends.id });
    expect(replaced).toMatchObject({ effect: "fixed_amount", amount_off: { amount: 500 }, cycles_remaining: null });
    await fails("DELETE", `${path}/${launch.id}`, undefined, 409, "discount_not_active");
    expect(await call("DELETE", `${path}/${friends.id}`)).toMatchObject({ id: replaced.id, status: "removed" });
    await fails("POST", path, { discount_id: "cdisc_missing" }, 404, "resource_not_found");
    await fails(
      "POST",
      "/billing/subscription_items/csubi_missing/discounts",
      { discount_id: launch.id },
      404,
      "resource_not_found",
    );
  });
});
