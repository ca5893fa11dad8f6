import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors, SandboxApiError } from "../../core/errors";
import { parseBody } from "../../core/http";
import { instanceById } from "../../tenancy/instances";
import { money, periodAmount } from "./catalog";
import { priceOf, requireItem, type SubscriptionItemRow } from "./items";

/**
 * Discounts (made in Clerk's Dashboard; here by a test control) and their redemptions on
 * subscription items: at most one active per item.
 */
export const discountTables = [
  `CREATE TABLE IF NOT EXISTS billing_discounts (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    effect TEXT NOT NULL CHECK (effect IN ('percentage', 'fixed_amount')),
    percent_off REAL,
    amount_off INTEGER,
    cycles INTEGER,
    created_at INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS billing_discount_redemptions (
    id TEXT PRIMARY KEY,
    subscription_item_id TEXT NOT NULL REFERENCES billing_subscription_items(id) ON DELETE CASCADE,
    discount_id TEXT NOT NULL REFERENCES billing_discounts(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('active', 'removed')),
    cycles_applied INTEGER NOT NULL,
    redeemed_at INTEGER NOT NULL
  )`,
];

interface DiscountRow {
  id: string;
  instance_id: string;
  name: string;
  effect: "percentage" | "fixed_amount";
  percent_off: number | null;
  amount_off: number | null;
  cycles: number | null;
  created_at: number;
}

interface RedemptionRow {
  id: string;
  subscription_item_id: string;
  discount_id: string;
  status: "active" | "removed";
  cycles_applied: number;
  redeemed_at: number;
}

const applyBody = z.strictObject({ discount_id: z.string().min(1) });
const discountBody = z
  .strictObject({
    instance_id: z.string().min(1),
    name: z.string().min(1),
    percent_off: z.number().gt(0).max(100).optional(),
    amount_off: z.number().int().positive().optional(),
    cycles: z.number().int().positive().nullish(),
  })
  .refine((body) => (body.percent_off === undefined) !== (body.amount_off === undefined), {
    message: "exactly one of percent_off and amount_off",
    path: ["percent_off"],
  });

function requireDiscount(sb: SandboxContext, instanceId: string, id: string): DiscountRow {
  const row = sb.stmt("SELECT * FROM billing_discounts WHERE id = ? AND instance_id = ?").get(id, instanceId) as
    | DiscountRow
    | undefined;
  if (!row) throw SandboxApiError.one(404, "resource_not_found", "not found", `No discount was found with id ${id}`);
  return row;
}

function activeRedemption(sb: SandboxContext, itemId: string): RedemptionRow | undefined {
  return sb
    .stmt("SELECT * FROM billing_discount_redemptions WHERE subscription_item_id = ? AND status = 'active'")
    .get(itemId) as RedemptionRow | undefined;
}

function serializeRedemption(sb: SandboxContext, row: RedemptionRow, item: SubscriptionItemRow) {
  const discount = sb.stmt("SELECT * FROM billing_discounts WHERE id = ?").get(row.discount_id) as DiscountRow;
  const charge = periodAmount(priceOf(sb, item), item.plan_period);
  const off =
    discount.effect === "percentage"
      ? Math.round((charge * (discount.percent_off ?? 0)) / 100)
      : Math.min(discount.amount_off ?? 0, charge);
  return {
    object: "commerce_discount_redemption",
    id: row.id,
    subscription_item_id: row.subscription_item_id,
    discount_id: discount.id,
    name: discount.name,
    source: "manual",
    effect: discount.effect,
    percent_off: discount.percent_off,
    amount_off: discount.amount_off === null ? null : money(discount.amount_off),
    amount: money(off),
    cycles_remaining: discount.cycles === null ? null : Math.max(discount.cycles - row.cycles_applied, 0),
    cycles_applied: row.cycles_applied,
    status: row.status,
    redeemed_at: row.redeemed_at,
    redeemed_by: null,
  };
}

export function discountRoutes(app: FastifyInstance, sb: SandboxContext): void {
  type ItemParams = { subscription_item_id: string };

  // A manual override: distribution rules do not apply, and a different discount replaces the active one.
  app.post<{ Params: ItemParams }>("/billing/subscription_items/:subscription_item_id/discounts", async (request) => {
    const body = parseBody(applyBody, request.body);
    const item = requireItem(sb, request.instance.id, request.params.subscription_item_id);
    const discount = requireDiscount(sb, request.instance.id, body.discount_id);
    return sb.tx(() => {
      const current = activeRedemption(sb, item.id);
      if (current?.discount_id === discount.id) {
        throw SandboxApiError.one(
          409,
          "discount_already_applied",
          "discount already applied",
          "This discount is already the subscription item's active discount.",
        );
      }
      if (current) sb.stmt("UPDATE billing_discount_redemptions SET status = 'removed' WHERE id = ?").run(current.id);
      const row: RedemptionRow = {
        id: sb.newId("cdr"),
        subscription_item_id: item.id,
        discount_id: discount.id,
        status: "active",
        cycles_applied: 0,
        redeemed_at: sb.clock.now(),
      };
      sb.stmt(
        `INSERT INTO billing_discount_redemptions (id, subscription_item_id, discount_id, status, cycles_applied, redeemed_at)
         VALUES (@id, @subscription_item_id, @discount_id, @status, @cycles_applied, @redeemed_at)`,
      ).run(row);
      return serializeRedemption(sb, row, item);
    });
  });

  app.delete<{ Params: ItemParams & { discount_id: string } }>(
    "/billing/subscription_items/:subscription_item_id/discounts/:discount_id",
    async (request) => {
      const item = requireItem(sb, request.instance.id, request.params.subscription_item_id);
      const discount = requireDiscount(sb, request.instance.id, request.params.discount_id);
      const current = activeRedemption(sb, item.id);
      if (current?.discount_id !== discount.id) {
        throw SandboxApiError.one(
          409,
          "discount_not_active",
          "discount not active",
          "The discount must be the subscription item's active discount to be removed.",
        );
      }
      sb.stmt("UPDATE billing_discount_redemptions SET status = 'removed' WHERE id = ?").run(current.id);
      return serializeRedemption(sb, { ...current, status: "removed" }, item);
    },
  );
}

/** `POST /__sandbox/billing/discounts`: what creating a discount in Clerk's Dashboard does. */
export function discountControls(app: FastifyInstance, sb: SandboxContext): void {
  app.post("/__sandbox/billing/discounts", async (request) => {
    const body = parseBody(discountBody, request.body);
    if (!instanceById(sb, body.instance_id)) throw errors.notFound("Instance");
    const row: DiscountRow = {
      id: sb.newId("cdisc"),
      instance_id: body.instance_id,
      name: body.name,
      effect: body.percent_off === undefined ? "fixed_amount" : "percentage",
      percent_off: body.percent_off ?? null,
      amount_off: body.amount_off ?? null,
      cycles: body.cycles ?? null,
      created_at: sb.clock.now(),
    };
    sb.stmt(
      `INSERT INTO billing_discounts (id, instance_id, name, effect, percent_off, amount_off, cycles, created_at)
       VALUES (@id, @instance_id, @name, @effect, @percent_off, @amount_off, @cycles, @created_at)`,
    ).run(row);
    return row;
  });
}
