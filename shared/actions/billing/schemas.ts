import { z } from "zod";

/** Zod schemas for Clerk Billing objects, loose like `schemas.ts`. */
const epochMs = z.number();

export const money = z.looseObject({
  amount: z.number().int(),
  amount_formatted: z.string(),
  currency: z.string(),
  currency_symbol: z.string(),
});
export type Money = z.infer<typeof money>;

export const billingPlan = z.looseObject({
  object: z.literal("commerce_plan"),
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  fee: money,
  annual_monthly_fee: money,
  for_payer_type: z.string(),
  is_default: z.boolean(),
  free_trial_days: z.number().int().nullable().optional(),
});
export type BillingPlan = z.infer<typeof billingPlan>;

export const billingPrice = z.looseObject({
  object: z.literal("commerce_price"),
  id: z.string(),
  plan_id: z.string(),
  fee: money,
  annual_monthly_fee: money,
  description: z.string().nullable().optional(),
  is_default: z.boolean(),
});
export type BillingPrice = z.infer<typeof billingPrice>;

export const billingPayer = z.looseObject({
  object: z.literal("commerce_payer"),
  id: z.string(),
  user_id: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  first_name: z.string().nullable().optional(),
  last_name: z.string().nullable().optional(),
  organization_id: z.string().nullable().optional(),
  organization_name: z.string().nullable().optional(),
});
export type BillingPayer = z.infer<typeof billingPayer>;

const nextPayment = z.looseObject({ amount: money.optional(), date: epochMs.nullable().optional() });

/** Both shapes Clerk answers with (the trial and price-transition endpoints embed a fuller plan). */
export const subscriptionItem = z.looseObject({
  object: z.literal("commerce_subscription_item"),
  id: z.string(),
  status: z.string(),
  plan_id: z.string().nullable(),
  price_id: z.string().optional(),
  plan: z.looseObject({ name: z.string(), slug: z.string() }).optional(),
  plan_period: z.string(),
  payer_id: z.string(),
  payer: billingPayer.optional(),
  is_free_trial: z.boolean(),
  period_start: epochMs.nullable().optional(),
  period_end: epochMs.nullable().optional(),
  canceled_at: epochMs.nullable().optional(),
  next_payment: nextPayment.optional(),
});
export type SubscriptionItem = z.infer<typeof subscriptionItem>;

export const subscription = z.looseObject({
  object: z.literal("commerce_subscription"),
  id: z.string(),
  status: z.string(),
  payer_id: z.string(),
  subscription_items: z.array(subscriptionItem),
  next_payment: z.looseObject({ amount: money, date: epochMs }).optional(),
});
export type Subscription = z.infer<typeof subscription>;

export const paymentAttempt = z.looseObject({
  object: z.literal("commerce_payment"),
  id: z.string(),
  payment_id: z.string(),
  charge_type: z.string(),
  subscription_item_id: z.string().optional(),
  amount: money,
  payment_method: z.looseObject({ card_type: z.string().nullable(), last4: z.string().nullable() }).optional(),
  statement_id: z.string(),
  status: z.string(),
  paid_at: epochMs.nullable(),
  failed_at: epochMs.nullable(),
  created_at: epochMs,
});
export type PaymentAttempt = z.infer<typeof paymentAttempt>;

export const statement = z.looseObject({
  object: z.literal("commerce_statement"),
  id: z.string(),
  timestamp: epochMs,
  payer: billingPayer,
  status: z.string(),
  totals: z.looseObject({ grand_total: money }),
  groups: z.array(z.looseObject({ timestamp: epochMs, items: z.array(paymentAttempt) })),
});
export type Statement = z.infer<typeof statement>;

export const priceTransition = z.looseObject({
  object: z.literal("commerce_price_transition"),
  subscription_item: subscriptionItem,
  transition: z.looseObject({
    effective_at: epochMs,
    effective_mode: z.string(),
    charged_immediately: z.boolean(),
    immediate_charge: money.optional(),
    previous_subscription_item_id: z.string(),
    previous_subscription_item_status: z.string(),
  }),
});
export type PriceTransition = z.infer<typeof priceTransition>;

export const creditBalance = z.looseObject({
  object: z.literal("commerce_credit_balance"),
  /** Null when the payer never had credits. */
  balance: money.nullable(),
});
export type CreditBalance = z.infer<typeof creditBalance>;

export const creditLedgerEntry = z.looseObject({
  object: z.literal("commerce_credit_ledger"),
  id: z.string(),
  payer_id: z.string(),
  amount: money,
  source_type: z.string(),
  source_id: z.string(),
  note: z.string().nullable().optional(),
  created_at: z.string(),
});
export type CreditLedgerEntry = z.infer<typeof creditLedgerEntry>;

export const discountRedemption = z.looseObject({
  object: z.literal("commerce_discount_redemption"),
  id: z.string(),
  subscription_item_id: z.string(),
  discount_id: z.string(),
  name: z.string().optional(),
  effect: z.string().optional(),
  percent_off: z.number().nullable().optional(),
  amount_off: money.nullable().optional(),
  amount: money.nullable().optional(),
  cycles_applied: z.number().int(),
  cycles_remaining: z.number().int().nullable(),
  status: z.string().optional(),
  redeemed_at: epochMs,
});
export type DiscountRedemption = z.infer<typeof discountRedemption>;
