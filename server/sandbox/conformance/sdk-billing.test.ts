import { createClerkClient as createClerkClientV3 } from "@clerk/backend";
import { createClerkClient as createClerkClientV2 } from "@clerk/backend-v2";
import { beforeEach, describe, expect, test } from "vitest";
import { DEMO_EPOCH, parseSeed } from "../seed";
import { useSandbox } from "../testing/harness";

const sandbox = useSandbox({ seed: parseSeed("demo") });

/** Mid-February 2025, the demo billing data's present. */
const DEMO_NOW = DEMO_EPOCH + 40 * 86_400_000;

beforeEach(async () => {
  await sandbox.control("clock", { now: DEMO_NOW, freeze: true });
});

/** 2.x's BillingPlan does not read `free_trial_days` / `free_trial_enabled` yet. */
const sdks = [
  ["@clerk/backend 3.x", createClerkClientV3, { readsFreeTrials: true }],
  ["@clerk/backend 2.x", createClerkClientV2, { readsFreeTrials: false }],
] as const;

describe.each(sdks)("%s against the sandbox: billing", (_name, createClerkClient, { readsFreeTrials }) => {
  const clerk = () => createClerkClient({ secretKey: sandbox.secretKey, apiUrl: sandbox.url });

  /** Demo users in seed order (their index picks their plan). */
  async function demoUsers() {
    return (await clerk().users.getUserList({ orderBy: "+created_at", limit: 100 })).data;
  }

  test("plans, with fees, features and free trials", async () => {
    const plans = await clerk().billing.getPlanList();
    expect(plans.totalCount).toBe(5);
    const pro = plans.data.find((plan) => plan.slug === "pro");
    expect(pro).toMatchObject({
      name: "Pro",
      forPayerType: "user",
      isDefault: false,
      hasBaseFee: true,
      ...(readsFreeTrials ? { freeTrialEnabled: true, freeTrialDays: 14 } : {}),
      fee: { amount: 2500, amountFormatted: "25.00", currency: "USD", currencySymbol: "$" },
      annualMonthlyFee: { amount: 2000 },
    });
    expect(pro?.features.map((feature) => feature.name)).toEqual(["Projects", "Exports", "Priority support"]);
    const orgPlans = await clerk().billing.getPlanList({ payerType: "org" });
    expect(orgPlans.data.map((plan) => plan.slug)).toEqual(["business", "free_org"]);
  });

  test("user and organization subscriptions", async () => {
    const users = await demoUsers();
    const subscription = await clerk().billing.getUserBillingSubscription(users[0]?.id as string);
    expect(subscription.status).toBe("active");
    expect(subscription.subscriptionItems).toHaveLength(1);
    expect(subscription.subscriptionItems[0]).toMatchObject({
      status: "active",
      planPeriod: "month",
      isFreeTrial: false,
      plan: { slug: "pro" },
      nextPayment: { amount: { amount: 2500 } },
      lifetimePaid: { amount: 5000 },
    });
    expect(subscription.nextPayment?.amount.amount).toBe(2500);
    const pastDue = await clerk().billing.getUserBillingSubscription(users[6]?.id as string);
    expect(pastDue.status).toBe("past_due");

    const orgs = await clerk().organizations.getOrganizationList({ orderBy: "+created_at" });
    const org = await clerk().billing.getOrganizationBillingSubscription(orgs.data[0]?.id as string);
    expect(org.subscriptionItems[0]).toMatchObject({ planPeriod: "annual", plan: { slug: "business" } });
    await expect(clerk().billing.getUserBillingSubscription("user_missing")).rejects.toMatchObject({ status: 404 });
  });

  test("cancel a subscription item; extend a free trial", async () => {
    const users = await demoUsers();
    const client = clerk();
    const plus = (await client.billing.getUserBillingSubscription(users[2]?.id as string)).subscriptionItems[0];
    const canceled = await client.billing.cancelSubscriptionItem(plus?.id as string);
    expect(canceled).toMatchObject({ id: plus?.id, status: "canceled", canceledAt: DEMO_NOW });
    const ended = await client.billing.cancelSubscriptionItem(plus?.id as string, { endNow: true });
    expect(ended).toMatchObject({ status: "ended", endedAt: DEMO_NOW });
    await expect(client.billing.cancelSubscriptionItem(plus?.id as string, { endNow: true })).rejects.toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ code: "invalid_action_for_subscription_item" })],
    });

    const trial = (await client.billing.getUserBillingSubscription(users[8]?.id as string)).subscriptionItems[0];
    expect(trial?.isFreeTrial).toBe(true);
    const extendTo = new Date((trial?.periodEnd as number) + 7 * 86_400_000);
    const extended = await client.billing.extendSubscriptionItemFreeTrial(trial?.id as string, { extendTo });
    expect(extended).toMatchObject({ id: trial?.id, isFreeTrial: true, periodEnd: extendTo.getTime() });
    expect(extended.plan).toMatchObject({ slug: "pro", fee: { amount: 2500 } });
    await expect(
      client.billing.extendSubscriptionItemFreeTrial(trial?.id as string, { extendTo: new Date(DEMO_NOW - 1000) }),
    ).rejects.toMatchObject({ status: 422 });
  });
});
