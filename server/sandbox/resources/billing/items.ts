import type { SandboxContext } from "../../core/context";
import { SandboxApiError } from "../../core/errors";
import {
  defaultPrice,
  money,
  type PriceRow,
  periodAmount,
  planById,
  serializePlan,
  serializePlanDetail,
} from "./catalog";
import {
  payerById,
  paymentMethodById,
  serializePayer,
  serializePayerDetail,
  serializePaymentMethod,
  serializePaymentSource,
} from "./payers";

export interface SubscriptionItemRow {
  id: string;
  instance_id: string;
  subscription_id: string;
  payer_id: string;
  plan_id: string;
  price_id: string;
  plan_period: "month" | "annual";
  /** As last written; see `ITEM_STATUS_SQL` for what it is now. */
  status: string;
  is_free_trial: number;
  payment_method_id: string | null;
  period_start: number;
  period_end: number | null;
  canceled_at: number | null;
  past_due_at: number | null;
  ended_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface SubscriptionRow {
  id: string;
  instance_id: string;
  payer_id: string;
  active_at: number | null;
  created_at: number;
  updated_at: number;
}

/**
 * An item's status as of `@now`: an upcoming item starts when its period does, and one
 * canceled at the end of its period ends then. Lists filter on this.
 */
export const ITEM_STATUS_SQL = `CASE
  WHEN i.status = 'upcoming' AND i.period_start <= @now THEN 'active'
  WHEN i.status = 'canceled' AND i.period_end IS NOT NULL AND i.period_end <= @now THEN 'ended'
  ELSE i.status END`;

export function itemStatus(row: SubscriptionItemRow, now: number): string {
  if (row.status === "upcoming" && row.period_start <= now) return "active";
  if (row.status === "canceled" && row.period_end !== null && row.period_end <= now) return "ended";
  return row.status;
}

/** Statuses in which an item still bills and can be changed. */
export const LIVE_STATUSES = ["active", "past_due"];

export function requireItem(sb: SandboxContext, instanceId: string, itemId: string): SubscriptionItemRow {
  const row = sb
    .stmt("SELECT * FROM billing_subscription_items WHERE id = ? AND instance_id = ?")
    .get(itemId, instanceId) as SubscriptionItemRow | undefined;
  if (!row) {
    throw SandboxApiError.one(
      404,
      "resource_not_found",
      "not found",
      `No subscription item was found with id ${itemId}`,
    );
  }
  return row;
}

export function priceOf(sb: SandboxContext, row: SubscriptionItemRow): PriceRow {
  return (
    (sb.stmt("SELECT * FROM billing_prices WHERE id = ?").get(row.price_id) as PriceRow | undefined) ??
    defaultPrice(sb, row.plan_id)
  );
}

/** What the payer has paid on this item so far. */
function lifetimePaid(sb: SandboxContext, itemId: string): number {
  return sb
    .stmt(
      "SELECT coalesce(sum(amount), 0) FROM billing_payment_attempts WHERE subscription_item_id = ? AND status = 'paid'",
    )
    .pluck()
    .get(itemId) as number;
}

/** The next charge: at the end of the period, for items that renew and cost something. */
export function nextPayment(sb: SandboxContext, row: SubscriptionItemRow, now: number) {
  const amount = periodAmount(priceOf(sb, row), row.plan_period);
  const status = itemStatus(row, now);
  const renews = ["active", "past_due", "upcoming"].includes(status) && row.period_end !== null;
  return renews && amount > 0 ? { amount: money(amount), date: row.period_end as number } : undefined;
}

function common(sb: SandboxContext, row: SubscriptionItemRow, now: number) {
  const next = nextPayment(sb, row, now);
  return {
    object: "commerce_subscription_item",
    id: row.id,
    instance_id: row.instance_id,
    status: itemStatus(row, now),
    plan_id: row.plan_id,
    price_id: row.price_id,
    plan_period: row.plan_period,
    lifetime_paid: money(lifetimePaid(sb, row.id)),
    ...(next ? { next_payment: next } : {}),
    payer_id: row.payer_id,
    is_free_trial: row.is_free_trial === 1,
    period_start: row.period_start,
    period_end: row.period_end,
    canceled_at: row.canceled_at,
    past_due_at: row.past_due_at,
    ended_at: row.ended_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** `CommerceSubscriptionItem`, as lists, cancellation and subscriptions show it. */
export function serializeItem(sb: SandboxContext, row: SubscriptionItemRow, now: number) {
  return {
    ...common(sb, row, now),
    plan: serializePlan(sb, planById(sb, row.plan_id)),
    ...(row.payment_method_id
      ? { payment_method: serializePaymentMethod(paymentMethodById(sb, row.payment_method_id)) }
      : {}),
    payer: serializePayer(sb, payerById(sb, row.payer_id)),
  };
}

/**
 * `CommerceSubscriptionItem-2`, the shape the trial-extension and price-transition endpoints
 * answer with: the fuller plan, the card as a payment source and the period's amount.
 */
export function serializeItemDetail(sb: SandboxContext, row: SubscriptionItemRow, now: number) {
  return {
    ...common(sb, row, now),
    plan: serializePlanDetail(sb, planById(sb, row.plan_id)),
    payment_source_id: row.payment_method_id ?? "",
    ...(row.payment_method_id
      ? { payment_source: serializePaymentSource(paymentMethodById(sb, row.payment_method_id)) }
      : {}),
    amount: money(periodAmount(priceOf(sb, row), row.plan_period)),
    payer: serializePayerDetail(sb, payerById(sb, row.payer_id)),
    proration_date: new Date(row.period_start).toISOString().slice(0, 10),
  };
}

/** A payer's subscription: its items that have not ended (all of them once everything has). */
export function serializeSubscription(sb: SandboxContext, subscription: SubscriptionRow, now: number) {
  const items = sb
    .stmt("SELECT * FROM billing_subscription_items WHERE subscription_id = ? ORDER BY period_start, created_at, id")
    .all(subscription.id) as SubscriptionItemRow[];
  const withStatus = items.map((item) => ({ item, status: itemStatus(item, now) }));
  const current = withStatus
    .filter(({ status }) => status !== "ended" && status !== "abandoned")
    .map(({ item }) => item);
  const pastDue = withStatus.find(({ status }) => status === "past_due")?.item;
  const status = pastDue ? "past_due" : current.length > 0 ? "active" : "ended";
  const upcoming = current
    .map((item) => nextPayment(sb, item, now))
    .filter((next) => next !== undefined)
    .sort((a, b) => a.date - b.date)[0];
  return {
    object: "commerce_subscription",
    id: subscription.id,
    instance_id: subscription.instance_id,
    status,
    payer_id: subscription.payer_id,
    created_at: subscription.created_at,
    updated_at: subscription.updated_at,
    active_at: subscription.active_at,
    past_due_at: pastDue?.past_due_at ?? null,
    subscription_items: (current.length > 0 ? current : items).map((item) => serializeItem(sb, item, now)),
    ...(upcoming ? { next_payment: upcoming } : {}),
  };
}
