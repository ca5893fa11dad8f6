import type { SandboxContext } from "../../core/context";
import type { PlanRow, PriceRow } from "./catalog";
import { addCard, closeStatement, ensurePayer, insertItem, openStatement, periodEnd, recordAttempt } from "./ledger";

const DAY = 86_400_000;

interface DemoPlan {
  name: string;
  slug: string;
  description: string;
  payerType: "user" | "org";
  /** Cents per month, and per month when paid yearly. */
  monthly: number;
  annualMonthly: number;
  trialDays: number | null;
  features: string[];
  /** Other prices besides the default, for trying price transitions. */
  extraPrices?: { description: string; monthly: number; annualMonthly: number }[];
}

const PLANS: DemoPlan[] = [
  {
    name: "Free",
    slug: "free_user",
    description: "Everything to get started.",
    payerType: "user",
    monthly: 0,
    annualMonthly: 0,
    trialDays: null,
    features: ["Projects"],
  },
  {
    name: "Plus",
    slug: "plus",
    description: "More room for side projects.",
    payerType: "user",
    monthly: 1000,
    annualMonthly: 800,
    trialDays: null,
    features: ["Projects", "Exports"],
  },
  {
    name: "Pro",
    slug: "pro",
    description: "For professionals shipping every day.",
    payerType: "user",
    monthly: 2500,
    annualMonthly: 2000,
    trialDays: 14,
    features: ["Projects", "Exports", "Priority support"],
    extraPrices: [{ description: "Launch price", monthly: 1900, annualMonthly: 1500 }],
  },
  {
    name: "Free team",
    slug: "free_org",
    description: "Collaborate with a small team.",
    payerType: "org",
    monthly: 0,
    annualMonthly: 0,
    trialDays: null,
    features: ["Projects", "Shared workspace"],
  },
  {
    name: "Business",
    slug: "business",
    description: "Single sign-on, audit logs and more seats.",
    payerType: "org",
    monthly: 9900,
    annualMonthly: 7900,
    trialDays: 30,
    features: ["Projects", "Shared workspace", "SSO", "Audit logs"],
  },
];

/**
 * Who subscribes to what in the demo: a plan slug, the period, how the subscription is going
 * and how many days after signing up it started. The demo's present is mid-February 2025:
 * monthly payers are in their second month and the trials, started later, are still running.
 */
type Story = {
  plan: string;
  period: "month" | "annual";
  kind: "paying" | "trial" | "past_due" | "free";
  startDay?: number;
};

function userStory(index: number): Story {
  // Users whose public metadata says `plan: pro` (every 4th) are on Pro.
  if (index === 8) return { plan: "pro", period: "month", kind: "trial", startDay: 35 };
  if (index === 20) return { plan: "pro", period: "annual", kind: "paying" };
  if (index % 4 === 0) return { plan: "pro", period: "month", kind: "paying" };
  if (index === 6) return { plan: "plus", period: "month", kind: "past_due" };
  if (index % 4 === 2) return { plan: "plus", period: "month", kind: "paying" };
  return { plan: "free_user", period: "month", kind: "free" };
}

const ORG_STORIES: Story[] = [
  { plan: "business", period: "annual", kind: "paying" },
  { plan: "business", period: "month", kind: "trial", startDay: 30 },
];

function createPlans(sb: SandboxContext, instanceId: string, at: number) {
  const features = new Map<string, { id: string; name: string; slug: string; description: string | null }>();
  const plans = new Map<string, { plan: PlanRow; price: PriceRow }>();
  for (const [index, demo] of PLANS.entries()) {
    sb.clock.set(at + index * 60_000, true);
    const now = sb.clock.now();
    const planFeatures = demo.features.map((name) => {
      let feature = features.get(name);
      if (!feature) {
        feature = { id: sb.newId("feat"), name, slug: name.toLowerCase().replace(/\W+/g, "_"), description: null };
        features.set(name, feature);
      }
      return feature;
    });
    const plan: PlanRow = {
      id: sb.newId("cplan"),
      instance_id: instanceId,
      name: demo.name,
      slug: demo.slug,
      description: demo.description,
      product_id: sb.newId("cprod"),
      payer_type: demo.payerType,
      is_default: demo.monthly === 0 ? 1 : 0,
      publicly_visible: 1,
      free_trial_days: demo.trialDays,
      features: JSON.stringify(planFeatures),
      created_at: now,
      updated_at: now,
    };
    sb.stmt(
      `INSERT INTO billing_plans (id, instance_id, name, slug, description, product_id, payer_type, is_default,
         publicly_visible, free_trial_days, features, created_at, updated_at)
       VALUES (@id, @instance_id, @name, @slug, @description, @product_id, @payer_type, @is_default,
         @publicly_visible, @free_trial_days, @features, @created_at, @updated_at)`,
    ).run(plan);
    const prices = [
      { description: null, monthly: demo.monthly, annualMonthly: demo.annualMonthly },
      ...(demo.extraPrices ?? []),
    ];
    let defaultPrice: PriceRow | undefined;
    for (const [priceIndex, entry] of prices.entries()) {
      const price: PriceRow = {
        id: sb.newId("cprice"),
        instance_id: instanceId,
        plan_id: plan.id,
        amount: entry.monthly,
        annual_monthly_amount: entry.annualMonthly,
        description: entry.description,
        is_default: priceIndex === 0 ? 1 : 0,
        created_at: now,
      };
      sb.stmt(
        `INSERT INTO billing_prices (id, instance_id, plan_id, amount, annual_monthly_amount, description, is_default,
           created_at) VALUES (@id, @instance_id, @plan_id, @amount, @annual_monthly_amount, @description,
           @is_default, @created_at)`,
      ).run(price);
      defaultPrice ??= price;
    }
    plans.set(demo.slug, { plan, price: defaultPrice as PriceRow });
  }
  return plans;
}

/**
 * Subscribes one payer as its story says, starting at `at`: paying monthly subscribers have
 * a closed statement for their checkout and an open one for the first renewal (which failed
 * twice for the past-due one); yearly ones a single closed statement; trials and free plans
 * have no charges yet.
 */
function subscribe(
  sb: SandboxContext,
  instanceId: string,
  owner: { user_id: string } | { organization_id: string },
  story: Story,
  plan: { plan: PlanRow; price: PriceRow },
  at: number,
): void {
  sb.clock.set(at, true);
  const { payer, subscription } = ensurePayer(sb, instanceId, owner);
  const card = story.kind === "free" ? null : addCard(sb, payer.id);
  const trialEnd = at + (plan.plan.free_trial_days ?? 0) * DAY;
  const firstEnd = story.kind === "free" ? null : story.kind === "trial" ? trialEnd : periodEnd(at, story.period);
  const renews = story.period === "month" && (story.kind === "paying" || story.kind === "past_due");
  const item = insertItem(sb, {
    instance_id: instanceId,
    subscription_id: subscription.id,
    payer_id: payer.id,
    plan_id: plan.plan.id,
    price_id: plan.price.id,
    plan_period: story.period,
    status: story.kind === "past_due" ? "past_due" : "active",
    is_free_trial: story.kind === "trial" ? 1 : 0,
    payment_method_id: card?.id ?? null,
    period_start: renews ? (firstEnd as number) : at,
    period_end: renews ? periodEnd(firstEnd as number, "month") : firstEnd,
    canceled_at: null,
    past_due_at: story.kind === "past_due" ? firstEnd : null,
    ended_at: null,
    created_at: at,
    updated_at: at,
  });
  if (story.kind === "free" || story.kind === "trial") return;
  const amount = story.period === "annual" ? plan.price.annual_monthly_amount * 12 : plan.price.amount;
  const checkout = openStatement(sb, instanceId, payer.id);
  recordAttempt(sb, checkout, item, { amount, chargeType: "checkout", status: "paid" });
  closeStatement(sb, checkout.id);
  if (!renews) return;
  sb.clock.set(firstEnd as number, true);
  const renewal = openStatement(sb, instanceId, payer.id);
  if (story.kind === "paying") {
    recordAttempt(sb, renewal, item, { amount, chargeType: "recurring", status: "paid" });
    return;
  }
  const failed = recordAttempt(sb, renewal, item, { amount, chargeType: "recurring", status: "failed" });
  sb.clock.set((firstEnd as number) + 3 * DAY, true);
  recordAttempt(sb, renewal, item, { amount, chargeType: "recurring", status: "failed", paymentId: failed.payment_id });
}

/**
 * The demo data set's billing: five plans (three for users, two for organizations, one
 * price of Pro besides its default), every user and organization subscribed, and statements
 * with paid and failed payment attempts. Runs inside the demo seed, after users and
 * organizations, with its deterministic clock and random source; the n-th user (by creation)
 * gets the n-th story.
 */
export function seedDemoBilling(sb: SandboxContext, instanceId: string, plansCreatedAt: number): void {
  const plans = createPlans(sb, instanceId, plansCreatedAt);
  const planOf = (slug: string) => plans.get(slug) as { plan: PlanRow; price: PriceRow };
  const owners = (table: string) =>
    sb.stmt(`SELECT id, created_at FROM ${table} WHERE instance_id = ? ORDER BY created_at, id`).all(instanceId) as {
      id: string;
      created_at: number;
    }[];
  // The checkout: five minutes after signing up, or the story's days later.
  const startOf = (createdAt: number, story: Story) => createdAt + (story.startDay ?? 0) * DAY + 5 * 60_000;
  for (const [index, user] of owners("users").entries()) {
    const story = userStory(index);
    subscribe(sb, instanceId, { user_id: user.id }, story, planOf(story.plan), startOf(user.created_at, story));
  }
  for (const [index, organization] of owners("organizations").entries()) {
    const story = ORG_STORIES[index] ?? { plan: "free_org", period: "month", kind: "free" };
    const at = startOf(organization.created_at, story);
    subscribe(sb, instanceId, { organization_id: organization.id }, story, planOf(story.plan), at);
  }
}
