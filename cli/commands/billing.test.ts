import { beforeEach, describe, expect, test } from "vitest";
import { DEMO_EPOCH, parseSeed } from "../../server/sandbox/seed";
import { useCliSandbox } from "../testing/cli-sandbox";

const { clerk, sandbox } = useCliSandbox({ seed: parseSeed("demo") });

/** Mid-February 2025, the demo billing data's present. */
const DEMO_NOW = DEMO_EPOCH + 40 * 86_400_000;

beforeEach(async () => {
  await sandbox.control("clock", { now: DEMO_NOW, freeze: true });
});

interface ItemJson {
  id: string;
  status: string;
  price_id: string;
  plan_id: string;
  is_free_trial: boolean;
  period_end: number | null;
  payer: { user_id?: string; organization_id?: string };
  plan: { slug: string };
}

async function run<T>(args: string[]): Promise<T> {
  const result = await clerk([...args, "--json"]);
  expect(result.code, result.stderr).toBe(0);
  return result.json<T>();
}

/** The demo users in seed order: their index decides their plan. */
async function demoUser(index: number): Promise<string> {
  const users = await run<{ data: { id: string }[] }>(["users", "list", "--order-by", "+created_at", "--limit", "30"]);
  return users.data[index]?.id as string;
}

async function itemOf(userId: string): Promise<ItemJson> {
  const subscription = await run<{ subscription_items: ItemJson[] }>(["billing", "subscription", "get-user", userId]);
  return subscription.subscription_items[0] as ItemJson;
}

describe("clerk billing plans, prices and subscriptions", () => {
  test("plans list and prices list, as tables and JSON", async () => {
    const table = await clerk(["billing", "plans", "list"]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/ID\s+NAME\s+SLUG\s+FOR\s+MONTHLY\s+ANNUAL \(PER MONTH\)\s+TRIAL\s+DEFAULT/);
    expect(table.stdout).toMatch(/Pro\s+pro\s+user\s+\$25\.00\s+\$20\.00\s+14 days/);
    expect(table.stdout).toContain("5 of 5 plans");
    const orgPlans = await run<{ data: { slug: string }[] }>(["billing", "plans", "list", "--payer-type", "org"]);
    expect(orgPlans.data.map((p) => p.slug)).toEqual(["business", "free_org"]);

    const pro = (await run<{ data: { id: string; slug: string }[] }>(["billing", "plans", "list"])).data.find(
      (p) => p.slug === "pro",
    );
    const prices = await run<{ data: { plan_id: string }[]; total_count: number }>([
      "billing",
      "prices",
      "list",
      "--plan-id",
      pro?.id as string,
    ]);
    expect(prices.total_count).toBe(2);
    const pricesTable = await clerk(["billing", "prices", "list"]);
    expect(pricesTable.stdout).toMatch(/\$19\.00\s+\$15\.00\s+Launch price/);
    const all = await run<unknown[]>(["billing", "plans", "list", "--all"]);
    expect(all).toHaveLength(5);
  });

  test("subscription get-user and get-org", async () => {
    const proUser = await demoUser(0);
    const subscription = await run<{ status: string; subscription_items: ItemJson[] }>([
      "billing",
      "subscription",
      "get-user",
      proUser,
    ]);
    expect(subscription).toMatchObject({ object: "commerce_subscription", status: "active" });
    expect(subscription.subscription_items.map((i) => i.plan.slug)).toEqual(["pro"]);
    const table = await clerk(["billing", "subscription", "get-user", proUser]);
    expect(table.stdout).toMatch(/ID\s+PAYER\s+PLAN\s+PERIOD\s+STATUS\s+PERIOD END\s+NEXT PAYMENT/);
    expect(table.stdout).toMatch(/Pro\s+month\s+active/);
    expect(table.stdout).toMatch(/Subscription csub_\w+: active, next payment \$25\.00 on 2025-03-0\d/);

    const orgs = await run<{ data: { id: string }[] }>(["orgs", "list", "--order-by", "+created_at"]);
    const org = await run<{ subscription_items: ItemJson[] }>([
      "billing",
      "subscription",
      "get-org",
      orgs.data[0]?.id as string,
    ]);
    expect(org.subscription_items[0]).toMatchObject({ plan: { slug: "business" }, plan_period: "annual" });

    const missing = await clerk(["billing", "subscription", "get-user", "user_missing"]);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stderr).error).toMatchObject({ status: 404, code: "resource_not_found" });
  });
});

describe("clerk billing items", () => {
  test("list with filters; --all streams every page", async () => {
    const paid = await run<{ data: ItemJson[]; total_count: number }>(["billing", "items", "list"]);
    expect(paid.total_count).toBe(14);
    expect(paid.data).toHaveLength(10);
    const all = await run<ItemJson[]>(["billing", "items", "list", "--include-free", "--all"]);
    expect(all).toHaveLength(28);
    const pastDue = await run<{ data: ItemJson[] }>(["billing", "items", "list", "--status", "past_due"]);
    expect(pastDue.data.map((i) => i.plan.slug)).toEqual(["plus"]);
    const table = await clerk(["billing", "items", "list", "--status", "free_trial"]);
    expect(table.stdout).toMatch(/active \(trial\)/);
    expect(table.stdout).toContain("2 of 2 subscription items");
    const bad = await clerk(["billing", "items", "list", "--status", "asleep"]);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stderr).error.message).toContain("--status");
  });

  test("delete cancels at period end, or now with --end-now, after confirmation", async () => {
    const item = await itemOf(await demoUser(4));
    const refused = await clerk(["billing", "items", "delete", item.id]);
    expect(refused.code).toBe(2);
    const dry = await clerk(["billing", "items", "delete", item.id, "--dry-run", "--json"]);
    expect(dry.json()).toMatchObject({
      method: "DELETE",
      url: `${sandbox.apiUrl}/billing/subscription_items/${item.id}?end_now=false`,
    });
    const canceled = await run<ItemJson>(["billing", "items", "delete", item.id, "--yes"]);
    expect(canceled).toMatchObject({ id: item.id, status: "canceled", canceled_at: DEMO_NOW });
    const ended = await run<ItemJson>(["billing", "items", "delete", item.id, "--end-now", "--yes"]);
    expect(ended).toMatchObject({ status: "ended", ended_at: DEMO_NOW });
    const again = await clerk(["billing", "items", "delete", item.id, "--end-now", "--yes"]);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stderr).error).toMatchObject({ status: 400, code: "invalid_action_for_subscription_item" });
  });

  test("extend-trial takes a date; bad dates are usage errors", async () => {
    const trial = await itemOf(await demoUser(8));
    expect(trial.is_free_trial).toBe(true);
    const extended = await run<ItemJson>(["billing", "items", "extend-trial", trial.id, "--extend-to", "2025-03-15"]);
    expect(extended).toMatchObject({ id: trial.id, is_free_trial: true, period_end: Date.parse("2025-03-15") });
    const table = await clerk(["billing", "items", "extend-trial", trial.id, "--extend-to", "2025-03-15"]);
    expect(table.stdout).toMatch(/2025-03-15/);
    const bad = await clerk(["billing", "items", "extend-trial", trial.id, "--extend-to", "next week"]);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stderr).error.message).toContain("--extend-to");
    const past = await clerk(["billing", "items", "extend-trial", trial.id, "--extend-to", "2025-01-01"]);
    expect(past.code).toBe(1);
    expect(JSON.parse(past.stderr).error).toMatchObject({ status: 422, param_name: "extend_to" });
  });

  test("extend-trial --days extends the trial past its current end (the Go CLI's form)", async () => {
    const trial = await itemOf(await demoUser(8));
    const end = trial.period_end as number;
    const extended = await run<ItemJson>(["billing", "subscription-items", "extend-trial", trial.id, "--days", "14"]);
    expect(extended).toMatchObject({ id: trial.id, is_free_trial: true, period_end: end + 14 * 86_400_000 });

    const both = await clerk([
      "billing",
      "items",
      "extend-trial",
      trial.id,
      "--days",
      "1",
      "--extend-to",
      "2025-04-01",
    ]);
    expect(both.code).toBe(2);
    expect(JSON.parse(both.stderr).error.message).toBe("give exactly one of --extend-to or --days");
    const paid = await itemOf(await demoUser(0));
    const notTrial = await clerk(["billing", "items", "extend-trial", paid.id, "--days", "14"]);
    expect(notTrial.code).toBe(1);
    expect(JSON.parse(notTrial.stderr).error.code).toBe("invalid_action_for_subscription_item");
    const missing = await clerk(["billing", "items", "extend-trial", "csubi_missing", "--days", "14"]);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stderr).error.code).toBe("resource_not_found");
  });

  test("transition-price --price-id reads the current price; --immediate refuses a move Clerk would defer", async () => {
    const item = await itemOf(await demoUser(0));
    const prices = await run<{ data: { id: string; plan_id: string; is_default: boolean }[] }>([
      "billing",
      "prices",
      "list",
    ]);
    const launch = prices.data.find((p) => p.plan_id === item.plan_id && !p.is_default)?.id as string;
    const cheaper = await clerk(["billing", "items", "transition-price", item.id, "--price-id", launch, "--immediate"]);
    expect(cheaper.code).toBe(2);
    expect(JSON.parse(cheaper.stderr).error.message).toContain("Nothing was changed.");
    expect((await itemOf(await demoUser(0))).price_id).toBe(item.price_id);

    const moved = await run<{ subscription_item: ItemJson; transition: { effective_mode: string } }>([
      "billing",
      "subscription-items",
      "transition-price",
      item.id,
      "--price-id",
      launch,
    ]);
    expect(moved.transition.effective_mode).toBe("end_of_period");

    // Plus to Pro costs more, so Clerk makes the move now, as --immediate asks.
    const plus = await itemOf(await demoUser(2));
    expect(plus.plan.slug).toBe("plus");
    const upgraded = await run<{ subscription_item: ItemJson; transition: { effective_mode: string } }>([
      "billing",
      "items",
      "transition-price",
      plus.id,
      "--price-id",
      item.price_id,
      "--immediate",
    ]);
    expect(upgraded.transition.effective_mode).toBe("immediate");
    expect(upgraded.subscription_item).toMatchObject({ price_id: item.price_id, status: "active" });
  });

  test("transition-price moves an item to a cheaper price at period end", async () => {
    const item = await itemOf(await demoUser(0));
    const prices = await run<{ data: { id: string; is_default: boolean }[] }>([
      "billing",
      "prices",
      "list",
      "--plan-id",
      item.plan_id,
    ]);
    const launch = prices.data.find((p) => !p.is_default)?.id as string;
    const moved = await clerk([
      "billing",
      "items",
      "transition-price",
      item.id,
      "--from-price-id",
      item.price_id,
      "--to-price-id",
      launch,
    ]);
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toMatch(/upcoming/);
    expect(moved.stdout).toMatch(/end_of_period/);
    expect(moved.stdout).toContain(`The previous item ${item.id} is canceled.`);
    const stale = await clerk([
      "billing",
      "items",
      "transition-price",
      item.id,
      "--from-price-id",
      item.price_id,
      "--to-price-id",
      launch,
    ]);
    expect(stale.code).toBe(1);
  });
});

describe("clerk billing statements", () => {
  test("list, get and payment-attempts", async () => {
    const list = await run<{
      data: { id: string; status: string; payer: { user_id?: string } }[];
      total_count: number;
    }>(["billing", "statements", "list", "--limit", "100"]);
    expect(list.total_count).toBe(22);
    const pastDueUser = await demoUser(6);
    const statement = list.data.find((s) => s.payer.user_id === pastDueUser && s.status === "open");
    const id = statement?.id as string;

    const table = await clerk(["billing", "statements", "list"]);
    expect(table.stdout).toMatch(/ID\s+PAYER\s+STATUS\s+DATE\s+TOTAL\s+PAYMENTS/);
    expect(table.stdout).toContain("10 of 22 statements");

    const got = await clerk(["billing", "statements", "get", id]);
    expect(got.code, got.stderr).toBe(0);
    expect(got.stdout).toMatch(/failed\s+\$10\.00\s+recurring\s+visa •4242/);
    expect(got.stdout).toMatch(new RegExp(`Statement ${id} for .+: open, total \\$0\\.00`));

    const attempts = await run<{ data: { status: string; payment_id: string }[]; total_count: number }>([
      "billing",
      "statements",
      "payment-attempts",
      id,
    ]);
    expect(attempts.total_count).toBe(2);
    expect(attempts.data.map((a) => a.status)).toEqual(["failed", "failed"]);
    const missing = await clerk(["billing", "statements", "get", "cstmt_missing"]);
    expect(missing.code).toBe(1);
  });
});
