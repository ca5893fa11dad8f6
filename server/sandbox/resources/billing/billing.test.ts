import { beforeEach, describe, expect, test } from "vitest";
import { DEMO_EPOCH, parseSeed } from "../../seed";
import { expectJson, useSandbox } from "../../testing/harness";

const sandbox = useSandbox({ seed: parseSeed("demo") });

const DAY = 86_400_000;
/** Mid-February 2025: the demo's paying users are in their second month. */
const DEMO_NOW = DEMO_EPOCH + 40 * DAY;

beforeEach(async () => {
  await sandbox.control("clock", { now: DEMO_NOW, freeze: true });
});

type Page<T> = { data: T[]; total_count: number };
type Money = { amount: number; amount_formatted: string; currency: string };
type Plan = {
  id: string;
  slug: string;
  for_payer_type: string;
  is_default: boolean;
  fee: Money;
  free_trial_days: number | null;
};
type Price = { id: string; plan_id: string; amount: number; is_default: boolean };
type Item = {
  id: string;
  status: string;
  plan_id: string;
  price_id: string;
  plan_period: string;
  is_free_trial: boolean;
  period_start: number;
  period_end: number | null;
  canceled_at: number | null;
  ended_at: number | null;
  payer: { user_id?: string; organization_id?: string; email?: string };
  plan: { slug: string };
  next_payment?: { amount: Money; date: number };
};
type Errors = { errors: { code: string; long_message: string; meta?: { param_name?: string } }[] };

/** Demo users in the order the seed created them (their index picks their billing story). */
async function demoUsers(): Promise<{ id: string }[]> {
  return expectJson<{ id: string }[]>(await sandbox.bapi("GET", "/users?order_by=%2Bcreated_at&limit=100"));
}

async function itemOf(userId: string): Promise<Item> {
  const subscription = await expectJson<{ subscription_items: Item[] }>(
    await sandbox.bapi("GET", `/users/${userId}/billing/subscription`),
  );
  return subscription.subscription_items[0] as Item;
}

describe("billing plans and prices", () => {
  test("plans list newest first as {data, total_count}, filtered by payer type", async () => {
    const all = await expectJson<Page<Plan>>(await sandbox.bapi("GET", "/billing/plans?limit=50"));
    expect(all.total_count).toBe(5);
    expect(all.data.map((p) => p.slug)).toEqual(["business", "free_org", "pro", "plus", "free_user"]);
    const pro = all.data.find((p) => p.slug === "pro") as Plan;
    expect(pro).toMatchObject({
      object: "commerce_plan",
      for_payer_type: "user",
      free_trial_days: 14,
      is_default: false,
    });
    expect(pro.fee).toEqual({ amount: 2500, amount_formatted: "25.00", currency: "USD", currency_symbol: "$" });
    expect(pro.id).toMatch(/^cplan_\w{27}$/);

    const orgPlans = await expectJson<Page<Plan>>(await sandbox.bapi("GET", "/billing/plans?payer_type=org"));
    expect(orgPlans.data.map((p) => p.slug)).toEqual(["business", "free_org"]);
    const second = await expectJson<Page<Plan>>(await sandbox.bapi("GET", "/billing/plans?limit=1&offset=1"));
    expect(second).toMatchObject({ total_count: 5, data: [{ slug: "free_org" }] });
    const bad = await expectJson<Errors>(await sandbox.bapi("GET", "/billing/plans?payer_type=robot"), 422);
    expect(bad.errors[0]?.meta?.param_name).toBe("payer_type");
  });

  test("prices, per plan; Pro has a second price to move to", async () => {
    const plans = await expectJson<Page<Plan>>(await sandbox.bapi("GET", "/billing/plans?limit=50"));
    const pro = plans.data.find((p) => p.slug === "pro") as Plan;
    const prices = await expectJson<Page<Price>>(await sandbox.bapi("GET", `/billing/prices?plan_id=${pro.id}`));
    expect(prices.total_count).toBe(2);
    expect(prices.data.map((p) => [p.amount, p.is_default]).sort()).toEqual([
      [1900, false],
      [2500, true],
    ]);
    expect((await expectJson<Page<Price>>(await sandbox.bapi("GET", "/billing/prices?limit=50"))).total_count).toBe(6);
    await expectJson(await sandbox.bapi("GET", "/billing/prices?plan_id=cplan_missing"), 404);
  });
});

describe("billing subscriptions", () => {
  test("a user's and an organization's subscription; missing ones are 404", async () => {
    const users = await demoUsers();
    const pro = await expectJson<{ object: string; status: string; payer_id: string; subscription_items: Item[] }>(
      await sandbox.bapi("GET", `/users/${users[0]?.id}/billing/subscription`),
    );
    expect(pro).toMatchObject({ object: "commerce_subscription", status: "active" });
    expect(pro.subscription_items).toHaveLength(1);
    expect(pro.subscription_items[0]).toMatchObject({
      status: "active",
      plan_period: "month",
      plan: { slug: "pro" },
      payer: { user_id: users[0]?.id },
      next_payment: { amount: { amount: 2500 } },
    });
    expect((await itemOf(users[1]?.id as string)).plan.slug).toBe("free_user");
    expect(
      (await expectJson<{ status: string }>(await sandbox.bapi("GET", `/users/${users[6]?.id}/billing/subscription`)))
        .status,
    ).toBe("past_due");

    const orgs = await expectJson<Page<{ id: string }>>(
      await sandbox.bapi("GET", "/organizations?order_by=%2Bcreated_at"),
    );
    const orgSubscription = await expectJson<{ subscription_items: Item[] }>(
      await sandbox.bapi("GET", `/organizations/${orgs.data[0]?.id}/billing/subscription`),
    );
    expect(orgSubscription.subscription_items[0]).toMatchObject({ plan: { slug: "business" }, plan_period: "annual" });

    await expectJson(await sandbox.bapi("GET", "/users/user_missing/billing/subscription"), 404);
    await expectJson(await sandbox.bapi("GET", "/organizations/org_missing/billing/subscription"), 404);
    const fresh = await expectJson<{ id: string }>(
      await sandbox.bapi("POST", "/users", { email_address: ["unbilled@example.com"] }),
    );
    const none = await expectJson<Errors>(await sandbox.bapi("GET", `/users/${fresh.id}/billing/subscription`), 404);
    expect(none.errors[0]?.code).toBe("resource_not_found");
  });

  test("subscription items: free ones hidden by default; status, payer type and search filters", async () => {
    const paid = await expectJson<Page<Item>>(await sandbox.bapi("GET", "/billing/subscription_items?limit=100"));
    // 12 paying users (6 Pro, 6 Plus) and 2 organizations on Business.
    expect(paid.total_count).toBe(14);
    expect(paid.data.every((item) => item.plan.slug !== "free_user" && item.plan.slug !== "free_org")).toBe(true);
    const withFree = await expectJson<Page<Item>>(
      await sandbox.bapi("GET", "/billing/subscription_items?include_free=true&limit=1"),
    );
    expect(withFree.total_count).toBe(28);

    const pastDue = await expectJson<Page<Item>>(
      await sandbox.bapi("GET", "/billing/subscription_items?status=past_due"),
    );
    expect(pastDue.data.map((item) => item.plan.slug)).toEqual(["plus"]);
    const trials = await expectJson<Page<Item>>(
      await sandbox.bapi("GET", "/billing/subscription_items?status=free_trial"),
    );
    expect(trials.data.map((item) => item.plan.slug).sort()).toEqual(["business", "pro"]);
    expect(trials.data.every((item) => item.is_free_trial)).toBe(true);
    const orgItems = await expectJson<Page<Item>>(
      await sandbox.bapi("GET", "/billing/subscription_items?payer_type=org"),
    );
    expect(orgItems.total_count).toBe(2);
    const users = await demoUsers();
    const email = (
      await expectJson<{ email_addresses: { email_address: string }[] }>(
        await sandbox.bapi("GET", `/users/${users[2]?.id}`),
      )
    ).email_addresses[0]?.email_address as string;
    const found = await expectJson<Page<Item>>(
      await sandbox.bapi("GET", `/billing/subscription_items?query=${encodeURIComponent(email)}`),
    );
    expect(found.data.map((item) => item.payer.user_id)).toEqual([users[2]?.id]);
    await expectJson(await sandbox.bapi("GET", "/billing/subscription_items?status=asleep"), 422);
  });

  test("cancel at the end of the period, then now; ended and free items refuse", async () => {
    const users = await demoUsers();
    const item = await itemOf(users[4]?.id as string);
    const atPeriodEnd = await expectJson<Item>(await sandbox.bapi("DELETE", `/billing/subscription_items/${item.id}`));
    expect(atPeriodEnd).toMatchObject({ status: "canceled", canceled_at: DEMO_NOW, ended_at: null });
    expect(atPeriodEnd).not.toHaveProperty("next_payment");
    expect(await expectJson(await sandbox.bapi("DELETE", `/billing/subscription_items/${item.id}`))).toMatchObject({
      status: "canceled",
      canceled_at: DEMO_NOW,
    });
    // When the period is over, the canceled item has ended.
    await sandbox.control("clock", { now: (item.period_end as number) + 1, freeze: true });
    expect((await itemOf(users[4]?.id as string)).status).toBe("ended");
    await sandbox.control("clock", { now: DEMO_NOW, freeze: true });

    const other = await itemOf(users[12]?.id as string);
    const now = await expectJson<Item>(
      await sandbox.bapi("DELETE", `/billing/subscription_items/${other.id}?end_now=true`),
    );
    expect(now).toMatchObject({ status: "ended", ended_at: DEMO_NOW });
    const again = await expectJson<Errors>(
      await sandbox.bapi("DELETE", `/billing/subscription_items/${other.id}?end_now=true`),
      400,
    );
    expect(again.errors[0]?.code).toBe("invalid_action_for_subscription_item");
    const free = await itemOf(users[1]?.id as string);
    await expectJson(await sandbox.bapi("DELETE", `/billing/subscription_items/${free.id}`), 400);
    await expectJson(await sandbox.bapi("DELETE", "/billing/subscription_items/csubi_missing"), 404);
  });

  test("extend a free trial: later only, within a year, idempotent; not for paid items", async () => {
    const users = await demoUsers();
    const trial = await itemOf(users[8]?.id as string);
    expect(trial).toMatchObject({ is_free_trial: true, plan: { slug: "pro" } });
    const extendTo = new Date((trial.period_end as number) + 10 * DAY).toISOString();
    const extended = await expectJson<Item & { plan: { amount: number }; proration_date: string }>(
      await sandbox.bapi("POST", `/billing/subscription_items/${trial.id}/extend_free_trial`, { extend_to: extendTo }),
    );
    expect(extended).toMatchObject({ id: trial.id, is_free_trial: true, period_end: Date.parse(extendTo) });
    expect(extended.plan.amount).toBe(2500);
    expect(extended.proration_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const same = await expectJson<Item>(
      await sandbox.bapi("POST", `/billing/subscription_items/${trial.id}/extend_free_trial`, { extend_to: extendTo }),
    );
    expect(same.period_end).toBe(Date.parse(extendTo));

    const extend = (id: string, date: number) =>
      sandbox.bapi("POST", `/billing/subscription_items/${id}/extend_free_trial`, {
        extend_to: new Date(date).toISOString(),
      });
    const past = await expectJson<Errors>(await extend(trial.id, DEMO_NOW - DAY), 422);
    expect(past.errors[0]?.meta?.param_name).toBe("extend_to");
    await expectJson(await extend(trial.id, Date.parse(extendTo) + 400 * DAY), 422);
    await expectJson(await extend(trial.id, Date.parse(extendTo) - DAY), 422);
    const paid = await itemOf(users[0]?.id as string);
    const notTrial = await expectJson<Errors>(await extend(paid.id, DEMO_NOW + DAY), 400);
    expect(notTrial.errors[0]?.code).toBe("invalid_action_for_subscription_item");
    await expectJson(
      await sandbox.bapi("POST", `/billing/subscription_items/${trial.id}/extend_free_trial`, { extend_to: "soon" }),
      422,
    );
  });

  test("price transitions: cheaper waits for the period end, dearer is immediate and charged", async () => {
    const users = await demoUsers();
    const plans = await expectJson<Page<Plan>>(await sandbox.bapi("GET", "/billing/plans?limit=50"));
    const planId = (slug: string) => (plans.data.find((p) => p.slug === slug) as Plan).id;
    const prices = await expectJson<Page<Price>>(await sandbox.bapi("GET", "/billing/prices?limit=50"));
    const launch = prices.data.find((p) => p.plan_id === planId("pro") && !p.is_default) as Price;
    const proDefault = prices.data.find((p) => p.plan_id === planId("pro") && p.is_default) as Price;
    const business = prices.data.find((p) => p.plan_id === planId("business")) as Price;

    const pro = await itemOf(users[0]?.id as string);
    const transition = (id: string, body: Record<string, string>) =>
      sandbox.bapi("POST", `/billing/subscription_items/${id}/price_transition`, body);
    const down = await expectJson<{
      object: string;
      subscription_item: Item;
      transition: Record<string, unknown>;
    }>(await transition(pro.id, { from_price_id: pro.price_id, to_price_id: launch.id }));
    expect(down.object).toBe("commerce_price_transition");
    expect(down.subscription_item).toMatchObject({
      status: "upcoming",
      price_id: launch.id,
      period_start: pro.period_end,
    });
    expect(down.transition).toMatchObject({
      effective_mode: "end_of_period",
      effective_at: pro.period_end,
      charged_immediately: false,
      previous_subscription_item_status: "canceled",
      previous_subscription_item_id: pro.id,
      previous_price: { id: proDefault.id },
    });
    const subscription = await expectJson<{ subscription_items: Item[] }>(
      await sandbox.bapi("GET", `/users/${users[0]?.id}/billing/subscription`),
    );
    expect(subscription.subscription_items.map((i) => i.status)).toEqual(["canceled", "upcoming"]);

    const plus = await itemOf(users[2]?.id as string);
    const up = await expectJson<{ subscription_item: Item; transition: Record<string, unknown> }>(
      await transition(plus.id, { from_price_id: plus.price_id, to_price_id: proDefault.id }),
    );
    expect(up.subscription_item).toMatchObject({ status: "active", plan_id: planId("pro"), period_start: DEMO_NOW });
    expect(up.transition).toMatchObject({
      effective_mode: "immediate",
      charged_immediately: true,
      immediate_charge: { amount: 1500 },
      previous_subscription_item_status: "ended",
    });

    const stale = await expectJson<Errors>(
      await transition(plus.id, { from_price_id: plus.price_id, to_price_id: launch.id }),
      400,
    );
    expect(stale.errors[0]?.code).toBe("invalid_action_for_subscription_item");
    const other = await itemOf(users[10]?.id as string);
    const conflict = await expectJson<Errors>(
      await transition(other.id, { from_price_id: launch.id, to_price_id: proDefault.id }),
      409,
    );
    expect(conflict.errors[0]?.code).toBe("price_transition_conflict");
    await expectJson(await transition(other.id, { from_price_id: other.price_id, to_price_id: "cprice_missing" }), 404);
    const crossed = await expectJson<Errors>(
      await transition(other.id, { from_price_id: other.price_id, to_price_id: business.id }),
      422,
    );
    expect(crossed.errors[0]?.meta?.param_name).toBe("to_price_id");
  });
});

describe("billing statements", () => {
  type Attempt = { id: string; payment_id: string; status: string; amount: Money; statement_id: string };
  type Statement = {
    id: string;
    status: string;
    timestamp: number;
    totals: { grand_total: Money };
    groups: { items: Attempt[] }[];
    payer: { user_id?: string };
  };

  test("statements list newest first; one statement; its payment attempts", async () => {
    const list = await expectJson<Page<Statement>>(await sandbox.bapi("GET", "/billing/statements?limit=100"));
    // Monthly payers: a checkout and a renewal statement each (4 Pro + 6 Plus); yearly: one (a user, an org).
    expect(list.total_count).toBe(22);
    const times = list.data.map((s) => s.timestamp);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set(list.data.map((s) => s.status))).toEqual(new Set(["open", "closed"]));

    const users = await demoUsers();
    const pastDue = list.data.find((s) => s.payer.user_id === users[6]?.id && s.status === "open") as Statement;
    expect(pastDue.totals.grand_total.amount).toBe(0);
    const one = await expectJson<Statement>(await sandbox.bapi("GET", `/billing/statements/${pastDue.id}`));
    expect(one).toEqual(pastDue);
    const attempts = await expectJson<Page<Attempt>>(
      await sandbox.bapi("GET", `/billing/statements/${pastDue.id}/payment_attempts`),
    );
    expect(attempts.total_count).toBe(2);
    expect(attempts.data.map((a) => a.status)).toEqual(["failed", "failed"]);
    expect(attempts.data[0]?.payment_id).toBe(attempts.data[1]?.payment_id);
    const paged = await expectJson<Page<Attempt>>(
      await sandbox.bapi("GET", `/billing/statements/${pastDue.id}/payment_attempts?limit=1&offset=1`),
    );
    expect(paged).toMatchObject({ total_count: 2, data: [{ id: attempts.data[1]?.id }] });

    const paid = list.data.find((s) => s.payer.user_id === users[0]?.id && s.status === "closed") as Statement;
    expect(paid.totals.grand_total.amount).toBe(2500);
    expect(paid.groups[0]?.items[0]).toMatchObject({ status: "paid", statement_id: paid.id });
    await expectJson(await sandbox.bapi("GET", "/billing/statements/cstmt_missing"), 404);
    await expectJson(await sandbox.bapi("GET", "/billing/statements/cstmt_missing/payment_attempts"), 404);
  });

  test("the demo billing data is the same on every seed", async () => {
    const first = await expectJson<Page<{ id: string }>>(await sandbox.bapi("GET", "/billing/statements?limit=100"));
    await sandbox.control("reset");
    await sandbox.control("seed", { ...parseSeed("demo") });
    const second = await expectJson<Page<{ id: string }>>(await sandbox.bapi("GET", "/billing/statements?limit=100"));
    expect(second.data.map((s) => s.id)).toEqual(first.data.map((s) => s.id));
  });
});
