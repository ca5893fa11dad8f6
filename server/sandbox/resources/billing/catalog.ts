import type { SandboxContext } from "../../core/context";
import { SandboxApiError } from "../../core/errors";

/** The sandbox bills in US dollars; amounts are integer cents, as in Clerk. */
export const CURRENCY = "USD";
const CURRENCY_SYMBOL = "$";

export function money(cents: number) {
  return {
    amount: cents,
    amount_formatted: (cents / 100).toFixed(2),
    currency: CURRENCY,
    currency_symbol: CURRENCY_SYMBOL,
  };
}

export interface PlanRow {
  id: string;
  instance_id: string;
  name: string;
  slug: string;
  description: string | null;
  product_id: string;
  payer_type: "user" | "org";
  is_default: number;
  publicly_visible: number;
  free_trial_days: number | null;
  /** JSON: `[{id, name, slug, description}]`. */
  features: string;
  created_at: number;
  updated_at: number;
}

export interface PriceRow {
  id: string;
  instance_id: string;
  plan_id: string;
  amount: number;
  annual_monthly_amount: number;
  description: string | null;
  is_default: number;
  created_at: number;
}

interface Feature {
  id: string;
  name: string;
  slug: string;
  description: string | null;
}

/** Plans referenced by subscription items always exist (prices and items keep them). */
export function planById(sb: SandboxContext, planId: string): PlanRow {
  return sb.stmt("SELECT * FROM billing_plans WHERE id = ?").get(planId) as PlanRow;
}

export function findPrice(sb: SandboxContext, instanceId: string, priceId: string): PriceRow | undefined {
  return sb.stmt("SELECT * FROM billing_prices WHERE id = ? AND instance_id = ?").get(priceId, instanceId) as
    | PriceRow
    | undefined;
}

export function requirePrice(sb: SandboxContext, instanceId: string, priceId: string): PriceRow {
  const price = findPrice(sb, instanceId, priceId);
  if (!price)
    throw SandboxApiError.one(404, "resource_not_found", "not found", `No price was found with id ${priceId}`);
  return price;
}

/** A plan's fee is its default price. */
export function defaultPrice(sb: SandboxContext, planId: string): PriceRow {
  return sb
    .stmt("SELECT * FROM billing_prices WHERE plan_id = ? ORDER BY is_default DESC, created_at LIMIT 1")
    .get(planId) as PriceRow;
}

/** What one billing period on `price` costs: a month, or a year at the annual rate. */
export function periodAmount(price: PriceRow, period: "month" | "annual"): number {
  return period === "annual" ? price.annual_monthly_amount * 12 : price.amount;
}

function fees(price: PriceRow) {
  return {
    fee: money(price.amount),
    annual_monthly_fee: money(price.annual_monthly_amount),
    annual_fee: money(price.annual_monthly_amount * 12),
  };
}

const featuresOf = (plan: PlanRow) => JSON.parse(plan.features) as Feature[];

/** `CommercePlan`, as plan lists and subscription items show it. */
export function serializePlan(sb: SandboxContext, plan: PlanRow) {
  const price = defaultPrice(sb, plan.id);
  return {
    object: "commerce_plan",
    id: plan.id,
    name: plan.name,
    ...fees(price),
    description: plan.description,
    product_id: plan.product_id,
    is_default: plan.is_default === 1,
    is_recurring: true,
    publicly_visible: plan.publicly_visible === 1,
    has_base_fee: price.amount > 0,
    for_payer_type: plan.payer_type,
    slug: plan.slug,
    avatar_url: null,
    features: featuresOf(plan).map((feature) => ({ object: "feature", ...feature, avatar_url: null })),
    free_trial_enabled: plan.free_trial_days !== null,
    free_trial_days: plan.free_trial_days,
  };
}

/**
 * The fuller plan shape Clerk embeds in the answers of the trial and price-transition
 * endpoints (`CommercePlan-2`): amounts spelled out, and strings where the other has nulls.
 */
export function serializePlanDetail(sb: SandboxContext, plan: PlanRow) {
  const price = defaultPrice(sb, plan.id);
  const annual = price.annual_monthly_amount * 12;
  return {
    object: "commerce_plan",
    id: plan.id,
    name: plan.name,
    ...fees(price),
    amount: price.amount,
    amount_formatted: money(price.amount).amount_formatted,
    annual_monthly_amount: price.annual_monthly_amount,
    annual_monthly_amount_formatted: money(price.annual_monthly_amount).amount_formatted,
    annual_amount: annual,
    annual_amount_formatted: money(annual).amount_formatted,
    currency_symbol: CURRENCY_SYMBOL,
    currency: CURRENCY,
    description: plan.description ?? "",
    product_id: plan.product_id,
    is_default: plan.is_default === 1,
    is_recurring: true,
    publicly_visible: plan.publicly_visible === 1,
    has_base_fee: price.amount > 0,
    payer_type: [plan.payer_type],
    for_payer_type: plan.payer_type,
    slug: plan.slug,
    avatar_url: "",
    features: featuresOf(plan).map((feature) => ({
      object: "feature",
      ...feature,
      description: feature.description ?? "",
      avatar_url: "",
    })),
    free_trial_enabled: plan.free_trial_days !== null,
    free_trial_days: plan.free_trial_days,
  };
}

export function serializePrice(price: PriceRow) {
  return {
    object: "commerce_price",
    id: price.id,
    plan_id: price.plan_id,
    instance_id: price.instance_id,
    currency: CURRENCY,
    currency_symbol: CURRENCY_SYMBOL,
    amount: price.amount,
    annual_monthly_amount: price.annual_monthly_amount,
    fee: money(price.amount),
    annual_monthly_fee: money(price.annual_monthly_amount),
    description: price.description,
    is_default: price.is_default === 1,
    created_at: price.created_at,
    supported_billing_periods: price.annual_monthly_amount > 0 ? "both" : "month",
  };
}
