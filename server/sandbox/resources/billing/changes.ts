import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { money, periodAmount, planById, requirePrice, serializePlanDetail, serializePrice } from "./catalog";
import { itemStatus, LIVE_STATUSES, priceOf, type SubscriptionItemRow, serializeItemDetail } from "./items";
import { insertItem, openStatement, periodEnd, recordAttempt, updateItem } from "./ledger";

const DAY = 86_400_000;
/** How far past the current trial end (or now) a trial may be extended. */
const MAX_TRIAL_EXTENSION_MS = 365 * DAY;

const invalidAction = (longMessage: string) =>
  errors.badRequest("invalid_action_for_subscription_item", "invalid action for subscription item", longMessage);

/**
 * Cancels an item: at the end of its period (it stays usable until then), or now. An item
 * that has not started yet is abandoned instead. Canceling again at period end changes nothing.
 */
export function cancelItem(sb: SandboxContext, row: SubscriptionItemRow, endNow: boolean): SubscriptionItemRow {
  const now = sb.clock.now();
  const status = itemStatus(row, now);
  if (status === "ended" || status === "abandoned") {
    throw invalidAction(`The subscription item ${row.id} has already ended.`);
  }
  if (periodAmount(priceOf(sb, row), row.plan_period) === 0 && planById(sb, row.plan_id).is_default) {
    throw invalidAction("The default free plan cannot be canceled; subscribe the payer to another plan instead.");
  }
  const updated: SubscriptionItemRow = { ...row, canceled_at: row.canceled_at ?? now, updated_at: now };
  if (status === "upcoming") Object.assign(updated, { status: "abandoned", ended_at: now });
  else if (endNow) Object.assign(updated, { status: "ended", ended_at: now });
  else if (status === "canceled") return row;
  else updated.status = "canceled";
  updateItem(sb, updated);
  return updated;
}

/** Moves the end of a free trial later; the same date again is a no-op (Clerk's idempotency). */
export function extendTrial(sb: SandboxContext, row: SubscriptionItemRow, extendTo: number): SubscriptionItemRow {
  const now = sb.clock.now();
  if (!row.is_free_trial || !LIVE_STATUSES.includes(itemStatus(row, now))) {
    throw invalidAction(`The subscription item ${row.id} is not in a free trial.`);
  }
  if (planById(sb, row.plan_id).free_trial_days === null) {
    throw invalidAction("The subscription item's plan does not offer free trials.");
  }
  const trialEnd = row.period_end ?? now;
  if (extendTo === trialEnd) return row;
  if (extendTo <= now) throw errors.paramValueInvalid("extend_to", "extend_to must be in the future.");
  if (extendTo < trialEnd) {
    throw errors.paramValueInvalid("extend_to", "extend_to must be later than the current end of the free trial.");
  }
  if (extendTo > Math.max(trialEnd, now) + MAX_TRIAL_EXTENSION_MS) {
    throw errors.paramValueInvalid(
      "extend_to",
      "extend_to must be at most 365 days after the current end of the free trial.",
    );
  }
  const updated = { ...row, period_end: extendTo, updated_at: now };
  updateItem(sb, updated);
  return updated;
}

/**
 * Moves an item to another price. A move to a price costing at least as much takes effect
 * now (the old item ends, the difference is charged); a cheaper one waits for the end of the
 * period (the old item is canceled, the new one is upcoming).
 */
export function transitionPrice(sb: SandboxContext, row: SubscriptionItemRow, fromPriceId: string, toPriceId: string) {
  const now = sb.clock.now();
  if (!LIVE_STATUSES.includes(itemStatus(row, now))) {
    throw invalidAction(`The subscription item ${row.id} is not active, so its price cannot change.`);
  }
  const from = priceOf(sb, row);
  if (fromPriceId !== from.id) {
    throw errors.conflict(
      "price_transition_conflict",
      "the subscription item is not on that price",
      `The subscription item ${row.id} is on price ${from.id}, not ${fromPriceId}.`,
    );
  }
  const to = requirePrice(sb, row.instance_id, toPriceId);
  if (to.id === from.id) throw errors.paramValueInvalid("to_price_id", "to_price_id must differ from from_price_id.");
  const previousPlan = planById(sb, row.plan_id);
  const nextPlan = planById(sb, to.plan_id);
  if (nextPlan.payer_type !== previousPlan.payer_type) {
    throw errors.paramValueInvalid(
      "to_price_id",
      `Price ${to.id} belongs to a plan for ${nextPlan.payer_type} payers.`,
    );
  }
  const difference = periodAmount(to, row.plan_period) - periodAmount(from, row.plan_period);
  const immediate = difference >= 0;
  const previous: SubscriptionItemRow = {
    ...row,
    status: immediate ? "ended" : "canceled",
    canceled_at: now,
    ended_at: immediate ? now : row.ended_at,
    updated_at: now,
  };
  updateItem(sb, previous);
  const start = immediate ? now : (row.period_end ?? now);
  const next = insertItem(sb, {
    instance_id: row.instance_id,
    subscription_id: row.subscription_id,
    payer_id: row.payer_id,
    plan_id: nextPlan.id,
    price_id: to.id,
    plan_period: row.plan_period,
    status: immediate ? "active" : "upcoming",
    is_free_trial: 0,
    payment_method_id: row.payment_method_id,
    period_start: start,
    period_end: periodEnd(start, row.plan_period),
    canceled_at: null,
    past_due_at: null,
    ended_at: null,
    created_at: now,
    updated_at: now,
  });
  const charged = immediate && difference > 0 && next.payment_method_id !== null;
  if (charged) {
    recordAttempt(sb, openStatement(sb, row.instance_id, row.payer_id), next, {
      amount: difference,
      chargeType: "checkout",
      status: "paid",
    });
  }
  return {
    object: "commerce_price_transition",
    subscription_item: serializeItemDetail(sb, next, now),
    transition: {
      previous_plan: serializePlanDetail(sb, previousPlan),
      previous_price: serializePrice(from),
      effective_at: start,
      effective_mode: immediate ? "immediate" : "end_of_period",
      next_billing_date: next.period_end,
      charged_immediately: charged,
      ...(charged ? { immediate_charge: money(difference) } : {}),
      previous_subscription_item_status: previous.status,
      previous_subscription_item_id: previous.id,
    },
  };
}
