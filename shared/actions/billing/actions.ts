import { z } from "zod";
import { paginate } from "../../clerk/paginate";
import { listOf } from "../../clerk/schemas";
import { type ActionContext, defineAction } from "../action";
import { ActionError, ActionInputError } from "../errors";
import { withFlagAliases } from "../fields";
import { id, limit, offset, timestamp } from "../inputs";
import { apiPath, day } from "../view";
import { billingCreditActions } from "./credits";
import { billingDiscountActions } from "./discounts";
import {
  type BillingPayer,
  type BillingPlan,
  type BillingPrice,
  billingPlan,
  billingPrice,
  type Money,
  type PaymentAttempt,
  type PriceTransition,
  paymentAttempt,
  priceTransition,
  type Statement,
  type SubscriptionItem,
  statement,
  subscription,
  subscriptionItem,
} from "./schemas";

const PAYER_TYPES = ["user", "org"] as const;
const ITEM_STATUSES = ["active", "ended", "past_due", "upcoming", "free_trial"] as const;

const amount = (m: Money | undefined) => (m ? `${m.currency_symbol}${m.amount_formatted}` : "");

function payerName(payer: BillingPayer | undefined): string {
  if (!payer) return "";
  if (payer.organization_name) return payer.organization_name;
  return payer.email ?? ([payer.first_name, payer.last_name].filter(Boolean).join(" ") || payer.id);
}

const payerType = z.enum(PAYER_TYPES).optional().describe("Only plans for this kind of payer: user or org");

// Plans and prices

const planList = listOf(billingPlan);
const planColumns = [
  { key: "id", header: "ID" },
  { key: "name", header: "NAME" },
  { key: "slug", header: "SLUG" },
  { key: "for", header: "FOR" },
  { key: "monthly", header: "MONTHLY" },
  { key: "annual", header: "ANNUAL (PER MONTH)" },
  { key: "trial", header: "TRIAL" },
  { key: "default", header: "DEFAULT" },
] as const;

function planRow(plan: BillingPlan): Record<string, unknown> {
  return {
    id: plan.id,
    name: plan.name,
    slug: plan.slug,
    for: plan.for_payer_type,
    monthly: amount(plan.fee),
    annual: amount(plan.annual_monthly_fee),
    trial: plan.free_trial_days ? `${plan.free_trial_days} days` : "",
    default: plan.is_default ? "yes" : "",
  };
}

export const billingPlansList = defineAction({
  id: "billing.plans.list",
  summary: "List the instance's billing plans, with their fees and free trials",
  input: z.object({ payer_type: payerType, limit, offset }),
  examples: ["clerk billing plans list", "clerk billing plans list --payer-type org --json"],
  api: "backend",
  mutates: false,
  output: planList,
  async run(ctx, input) {
    return (await ctx.backend.request({ method: "GET", path: "/billing/plans", query: { ...input } }, planList)).body;
  },
  stream: (ctx, input) =>
    paginate(ctx.backend, "/billing/plans", billingPlan, { query: { payer_type: input.payer_type } }),
  table: {
    rows: (output) => output.data.map(planRow),
    item: (item) => planRow(item as BillingPlan),
    columns: planColumns,
    footer: (output) => `${output.data.length} of ${output.total_count} plans`,
  },
});

const priceList = listOf(billingPrice);
const priceColumns = [
  { key: "id", header: "ID" },
  { key: "plan", header: "PLAN" },
  { key: "monthly", header: "MONTHLY" },
  { key: "annual", header: "ANNUAL (PER MONTH)" },
  { key: "default", header: "DEFAULT" },
  { key: "description", header: "DESCRIPTION" },
] as const;

function priceRow(price: BillingPrice): Record<string, unknown> {
  return {
    id: price.id,
    plan: price.plan_id,
    monthly: amount(price.fee),
    annual: amount(price.annual_monthly_fee),
    default: price.is_default ? "yes" : "",
    description: price.description ?? "",
  };
}

export const billingPricesList = defineAction({
  id: "billing.prices.list",
  summary: "List plan prices (the ids `billing items transition-price` moves between)",
  input: z.object({ plan_id: z.string().optional().describe("Only this plan's prices (cplan_…)"), limit, offset }),
  examples: ["clerk billing prices list", "clerk billing prices list --plan-id cplan_2abc --json"],
  api: "backend",
  mutates: false,
  output: priceList,
  async run(ctx, input) {
    return (await ctx.backend.request({ method: "GET", path: "/billing/prices", query: { ...input } }, priceList)).body;
  },
  stream: (ctx, input) => paginate(ctx.backend, "/billing/prices", billingPrice, { query: { plan_id: input.plan_id } }),
  table: {
    rows: (output) => output.data.map(priceRow),
    item: (item) => priceRow(item as BillingPrice),
    columns: priceColumns,
    footer: (output) => `${output.data.length} of ${output.total_count} prices`,
  },
});

const cents = (what: string) =>
  z.coerce.number().int().min(0).describe(`${what} in cents (0: complimentary; otherwise at least 100, $1.00)`);

export const billingPricesCreate = defineAction({
  id: "billing.prices.create",
  summary: "Create a custom price for a plan, e.g. a negotiated rate to move a subscription to",
  input: z.object({
    plan_id: z.string().min(1).describe("The plan it is a price of (cplan_…; see `clerk billing plans list`)"),
    amount: cents("The monthly fee"),
    annual_monthly_amount: cents("The monthly fee when billed annually").optional(),
    description: z.string().optional().describe("What the price is for, e.g. Acme's 2025 contract"),
    supported_billing_periods: z
      .enum(["month", "annual", "both"])
      .optional()
      .describe("Which billing periods it offers (default: inferred from the amounts)"),
    currency: z.string().optional().describe("Currency code (default USD)"),
  }),
  examples: [
    "clerk billing prices create --plan-id cplan_2abc --amount 1500",
    'clerk billing prices create --plan-id cplan_2abc --amount 2000 --annual-monthly-amount 1600 --description "Acme contract" --json',
  ],
  api: "backend",
  mutates: true,
  output: billingPrice,
  howToCheck: (input) => `clerk billing prices list --plan-id ${input.plan_id}`,
  async run(ctx, body) {
    return (await ctx.backend.request({ method: "POST", path: "/billing/prices", body }, billingPrice)).body;
  },
  table: { rows: (price) => [priceRow(price)], columns: priceColumns },
});

// Subscriptions and their items

const itemColumns = [
  { key: "id", header: "ID" },
  { key: "payer", header: "PAYER" },
  { key: "plan", header: "PLAN" },
  { key: "period", header: "PERIOD" },
  { key: "status", header: "STATUS" },
  { key: "ends", header: "PERIOD END" },
  { key: "next", header: "NEXT PAYMENT" },
] as const;

function itemRow(item: SubscriptionItem): Record<string, unknown> {
  const next = item.next_payment;
  return {
    id: item.id,
    payer: payerName(item.payer),
    plan: item.plan?.name ?? item.plan_id ?? "",
    period: item.plan_period,
    status: item.is_free_trial ? `${item.status} (trial)` : item.status,
    ends: day(item.period_end),
    next: next?.amount ? `${amount(next.amount)} on ${day(next.date)}` : "",
  };
}

const singleItem = { rows: (item: SubscriptionItem) => [itemRow(item)], columns: itemColumns };

const subscriptionView = {
  rows: (s: z.infer<typeof subscription>) => s.subscription_items.map(itemRow),
  columns: itemColumns,
  footer: (s: z.infer<typeof subscription>) =>
    `Subscription ${s.id}: ${s.status}${s.next_payment ? `, next payment ${amount(s.next_payment.amount)} on ${day(s.next_payment.date)}` : ""}`,
};

export const billingSubscriptionGetUser = defineAction({
  id: "billing.subscription.get-user",
  summary: "Show a user's billing subscription and its plans",
  input: z.object({ user_id: id("user") }),
  positionals: ["user_id"],
  examples: ["clerk billing subscription get-user user_2abc", "clerk billing subscription get-user user_2abc --json"],
  api: "backend",
  mutates: false,
  output: subscription,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "GET", path: apiPath("users", input.user_id, "billing", "subscription") },
        subscription,
      )
    ).body;
  },
  table: subscriptionView,
});

export const billingSubscriptionGetOrg = defineAction({
  id: "billing.subscription.get-org",
  summary: "Show an organization's billing subscription and its plans",
  input: z.object({ organization_id: id("organization") }),
  positionals: ["organization_id"],
  examples: ["clerk billing subscription get-org org_2abc", "clerk billing subscription get-org org_2abc --json"],
  api: "backend",
  mutates: false,
  output: subscription,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "GET", path: apiPath("organizations", input.organization_id, "billing", "subscription") },
        subscription,
      )
    ).body;
  },
  table: subscriptionView,
});

const itemList = listOf(subscriptionItem);
const itemFilters = {
  status: z
    .enum(ITEM_STATUSES)
    .optional()
    .describe(`Only items in this status: ${ITEM_STATUSES.join(", ")}`),
  payer_type: z.enum(PAYER_TYPES).optional().describe("Only items paid by users or by organizations (user, org)"),
  plan_id: z.string().optional().describe("Only items on this plan (cplan_…)"),
  include_free: z.boolean().default(false).describe("Also list items on free plans"),
  query: z.string().optional().describe("Search payers' emails and names, plan names and item ids"),
};

export const billingItemsList = defineAction({
  id: "billing.items.list",
  summary: "List subscription items (one per payer and plan), newest first",
  input: z.object({ ...itemFilters, limit, offset }),
  examples: [
    "clerk billing items list",
    "clerk billing items list --status past_due --json",
    "clerk billing items list --payer-type org --include-free --all --json",
  ],
  api: "backend",
  mutates: false,
  output: itemList,
  async run(ctx, input) {
    return (
      await ctx.backend.request({ method: "GET", path: "/billing/subscription_items", query: { ...input } }, itemList)
    ).body;
  },
  stream: (ctx, { limit: _limit, offset: _offset, ...filters }) =>
    paginate(ctx.backend, "/billing/subscription_items", subscriptionItem, { query: filters }),
  table: {
    rows: (output) => output.data.map(itemRow),
    item: (item) => itemRow(item as SubscriptionItem),
    columns: itemColumns,
    footer: (output) => `${output.data.length} of ${output.total_count} subscription items`,
  },
});

const itemId = id("subscription item");

export const billingItemsDelete = defineAction({
  id: "billing.items.delete",
  summary: "Cancel a subscription item at the end of its period (or now, with --end-now)",
  input: z.object({
    subscription_item_id: itemId,
    end_now: z.boolean().default(false).describe("End it now instead of at the end of the paid period"),
  }),
  positionals: ["subscription_item_id"],
  examples: ["clerk billing items delete csubi_2abc", "clerk billing items delete csubi_2abc --end-now --yes --json"],
  api: "backend",
  mutates: true,
  destructive: (input) => input.subscription_item_id,
  output: subscriptionItem,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        {
          method: "DELETE",
          path: apiPath("billing", "subscription_items", input.subscription_item_id),
          query: { end_now: input.end_now },
          // Canceling an item that already ended is refused, so a retry after a lost answer would report a
          // failure for a cancel that worked: let the user look instead.
          idempotent: false,
        },
        subscriptionItem,
      )
    ).body;
  },
  table: singleItem,
});

/** One subscription item, found through the list (Clerk has no endpoint for a single item). */
async function subscriptionItemById(ctx: ActionContext, itemIdValue: string): Promise<SubscriptionItem> {
  const { data } = (
    await ctx.backend.request(
      {
        method: "GET",
        path: "/billing/subscription_items",
        query: { query: itemIdValue, include_free: true, limit: 100 },
      },
      itemList,
    )
  ).body;
  const item = data.find((candidate) => candidate.id === itemIdValue);
  if (!item) {
    throw new ActionError(
      `No subscription item was found with id ${itemIdValue}.`,
      "See `clerk billing items list`.",
      "resource_not_found",
    );
  }
  return item;
}

const DAY_MS = 86_400_000;

export const billingItemsExtendTrial = defineAction({
  id: "billing.items.extend-trial",
  summary: "Extend a subscription item's free trial to a later date, or by a number of days",
  input: z
    .object({
      subscription_item_id: itemId,
      extend_to: timestamp("The new end of the trial: a date (2025-03-01) or date-time, within a year"),
      days: z.coerce
        .number()
        .int()
        .positive()
        .optional()
        .describe("Or: extend the trial by this many days past its current end"),
    })
    .superRefine((input, ctx) => {
      if ((input.extend_to === undefined) === (input.days === undefined)) {
        ctx.addIssue({ code: "custom", message: "give exactly one of --extend-to or --days" });
      }
    }),
  positionals: ["subscription_item_id"],
  examples: [
    "clerk billing items extend-trial csubi_2abc --extend-to 2025-03-01",
    "clerk billing items extend-trial csubi_2abc --days 14",
  ],
  api: "backend",
  mutates: true,
  output: subscriptionItem,
  async run(ctx, input) {
    let extendTo = input.extend_to;
    if (input.days !== undefined) {
      const item = await subscriptionItemById(ctx, input.subscription_item_id);
      if (!item.is_free_trial || !item.period_end) {
        throw new ActionError(
          `The subscription item ${item.id} is not in a free trial, so it has no trial to extend.`,
          "See the trials with `clerk billing items list --status free_trial`.",
          "invalid_action_for_subscription_item",
        );
      }
      extendTo = item.period_end + input.days * DAY_MS;
    }
    return (
      await ctx.backend.request(
        {
          method: "POST",
          path: apiPath("billing", "subscription_items", input.subscription_item_id, "extend_free_trial"),
          body: { extend_to: new Date(extendTo as number).toISOString() },
          // Clerk documents this as idempotent: the same date twice changes nothing.
          idempotent: true,
        },
        subscriptionItem,
      )
    ).body;
  },
  table: singleItem,
});

/**
 * `--immediate`: Clerk moves an item to a price costing at least as much per period now and to a
 * cheaper one at the end of the period; the API takes no say in it, so a move that would wait is
 * refused before it is made.
 */
async function assertImmediate(ctx: ActionContext, item: SubscriptionItem, fromId: string, toId: string) {
  const prices = new Map<string, BillingPrice>();
  for await (const price of paginate(ctx.backend, "/billing/prices", billingPrice)) prices.set(price.id, price);
  const perPeriod = (priceId: string) => {
    const price = prices.get(priceId);
    if (!price) return undefined;
    return item.plan_period === "annual" ? price.annual_monthly_fee.amount * 12 : price.fee.amount;
  };
  const from = perPeriod(fromId);
  const to = perPeriod(toId);
  if (from !== undefined && to !== undefined && to < from) {
    throw new ActionInputError(
      `${toId} costs less per ${item.plan_period === "annual" ? "year" : "month"} than ${fromId}, so Clerk would ` +
        `move ${item.id} to it at the end of its period, not now. Nothing was changed.`,
      "Drop --immediate to schedule the move for the period end.",
      "usage_error",
    );
  }
}

export const billingItemsTransitionPrice = defineAction({
  id: "billing.items.transition-price",
  summary: "Move a subscription item to another price: now if it costs more, at period end if less",
  input: z.object({
    subscription_item_id: itemId,
    from_price_id: z
      .string()
      .min(1)
      .optional()
      .describe("The item's current price (cprice_…; default: read from the item); a stale one is refused"),
    to_price_id: withFlagAliases(
      ["price-id"],
      z.string().min(1).describe("The price to move to (cprice_…; see `clerk billing prices list`)"),
    ),
    immediate: z
      .boolean()
      .optional()
      .describe(
        "Require the move to take effect now: Clerk moves to a cheaper price only at the period end, " +
          "so such a move is refused before anything is sent",
      ),
  }),
  positionals: ["subscription_item_id"],
  examples: [
    "clerk billing items transition-price csubi_2abc --from-price-id cprice_2old --to-price-id cprice_2new",
    "clerk billing items transition-price csubi_2abc --price-id cprice_2new --immediate",
  ],
  api: "backend",
  mutates: true,
  output: priceTransition,
  async run(ctx, { subscription_item_id, to_price_id, immediate, ...input }) {
    const item = input.from_price_id && !immediate ? undefined : await subscriptionItemById(ctx, subscription_item_id);
    const from_price_id = input.from_price_id ?? item?.price_id;
    if (!from_price_id) {
      throw new ActionInputError(
        `Clerk did not say which price ${subscription_item_id} is on.`,
        "Give it with --from-price-id (see `clerk billing items list --json`).",
        "usage_error",
      );
    }
    if (immediate && item) await assertImmediate(ctx, item, from_price_id, to_price_id);
    return (
      await ctx.backend.request(
        {
          method: "POST",
          path: apiPath("billing", "subscription_items", subscription_item_id, "price_transition"),
          body: { from_price_id, to_price_id },
        },
        priceTransition,
      )
    ).body;
  },
  table: {
    rows: (t: PriceTransition) => [
      {
        ...itemRow(t.subscription_item),
        mode: t.transition.effective_mode,
        effective: day(t.transition.effective_at),
        charged: t.transition.immediate_charge ? amount(t.transition.immediate_charge) : "",
      },
    ],
    columns: [
      ...itemColumns,
      { key: "mode", header: "TAKES EFFECT" },
      { key: "effective", header: "ON" },
      { key: "charged", header: "CHARGED NOW" },
    ],
    footer: (t: PriceTransition) =>
      `The previous item ${t.transition.previous_subscription_item_id} is ${t.transition.previous_subscription_item_status}.`,
  },
});

// Statements and payment attempts

const statementList = listOf(statement);
const statementColumns = [
  { key: "id", header: "ID" },
  { key: "payer", header: "PAYER" },
  { key: "status", header: "STATUS" },
  { key: "date", header: "DATE" },
  { key: "total", header: "TOTAL" },
  { key: "payments", header: "PAYMENTS" },
] as const;

function statementRow(s: Statement): Record<string, unknown> {
  return {
    id: s.id,
    payer: payerName(s.payer),
    status: s.status,
    date: day(s.timestamp),
    total: amount(s.totals.grand_total),
    payments: s.groups.reduce((count, group) => count + group.items.length, 0),
  };
}

const attemptColumns = [
  { key: "id", header: "ID" },
  { key: "date", header: "DATE" },
  { key: "status", header: "STATUS" },
  { key: "amount", header: "AMOUNT" },
  { key: "charge", header: "CHARGE" },
  { key: "card", header: "CARD" },
  { key: "item", header: "SUBSCRIPTION ITEM" },
] as const;

function attemptRow(a: PaymentAttempt): Record<string, unknown> {
  const card = a.payment_method;
  return {
    id: a.id,
    date: day(a.created_at),
    status: a.status,
    amount: amount(a.amount),
    charge: a.charge_type,
    card: card?.last4 ? `${card.card_type ?? "card"} •${card.last4}` : "",
    item: a.subscription_item_id ?? "",
  };
}

export const billingStatementsList = defineAction({
  id: "billing.statements.list",
  summary: "List billing statements (what each payer was charged per period), newest first",
  input: z.object({ limit, offset }),
  examples: ["clerk billing statements list", "clerk billing statements list --all --json"],
  api: "backend",
  mutates: false,
  output: statementList,
  async run(ctx, input) {
    return (
      await ctx.backend.request({ method: "GET", path: "/billing/statements", query: { ...input } }, statementList)
    ).body;
  },
  stream: (ctx) => paginate(ctx.backend, "/billing/statements", statement),
  table: {
    rows: (output) => output.data.map(statementRow),
    item: (item) => statementRow(item as Statement),
    columns: statementColumns,
    footer: (output) => `${output.data.length} of ${output.total_count} statements`,
  },
});

const statementId = id("statement");

export const billingStatementsGet = defineAction({
  id: "billing.statements.get",
  summary: "Show one billing statement with its payment attempts",
  input: z.object({ statement_id: statementId }),
  positionals: ["statement_id"],
  examples: ["clerk billing statements get cstmt_2abc", "clerk billing statements get cstmt_2abc --json"],
  api: "backend",
  mutates: false,
  output: statement,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "GET", path: apiPath("billing", "statements", input.statement_id) },
        statement,
      )
    ).body;
  },
  table: {
    rows: (s) => s.groups.flatMap((group) => group.items.map(attemptRow)),
    columns: attemptColumns,
    footer: (s) => `Statement ${s.id} for ${payerName(s.payer)}: ${s.status}, total ${amount(s.totals.grand_total)}`,
  },
});

const attemptList = listOf(paymentAttempt);

export const billingStatementsPaymentAttempts = defineAction({
  id: "billing.statements.payment-attempts",
  summary: "List a statement's payment attempts (paid, pending and failed), newest first",
  input: z.object({ statement_id: statementId, limit, offset }),
  positionals: ["statement_id"],
  examples: [
    "clerk billing statements payment-attempts cstmt_2abc",
    "clerk billing statements payment-attempts cstmt_2abc --json",
  ],
  api: "backend",
  mutates: false,
  output: attemptList,
  async run(ctx, { statement_id, ...query }) {
    return (
      await ctx.backend.request(
        { method: "GET", path: apiPath("billing", "statements", statement_id, "payment_attempts"), query },
        attemptList,
      )
    ).body;
  },
  stream: (ctx, input) =>
    paginate(ctx.backend, apiPath("billing", "statements", input.statement_id, "payment_attempts"), paymentAttempt),
  table: {
    rows: (output) => output.data.map(attemptRow),
    item: (item) => attemptRow(item as PaymentAttempt),
    columns: attemptColumns,
    footer: (output) => `${output.data.length} of ${output.total_count} payment attempts`,
  },
});

export const billingActions = [
  billingPlansList,
  billingPricesList,
  billingPricesCreate,
  billingSubscriptionGetUser,
  billingSubscriptionGetOrg,
  billingItemsList,
  billingItemsDelete,
  billingItemsExtendTrial,
  billingItemsTransitionPrice,
  ...billingDiscountActions,
  ...billingCreditActions,
  billingStatementsList,
  billingStatementsGet,
  billingStatementsPaymentAttempts,
];
