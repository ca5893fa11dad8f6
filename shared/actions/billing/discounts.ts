import { z } from "zod";
import { defineAction } from "../action";
import { id } from "../inputs";
import { apiPath, day } from "../view";
import { type DiscountRedemption, discountRedemption } from "./schemas";

/** `clerk billing items apply-discount|remove-discount`: a subscription item's discount (at most one active). */

const discountColumns = [
  { key: "id", header: "ID" },
  { key: "item", header: "SUBSCRIPTION ITEM" },
  { key: "discount", header: "DISCOUNT" },
  { key: "name", header: "NAME" },
  { key: "off", header: "OFF" },
  { key: "cycles", header: "CYCLES LEFT" },
  { key: "status", header: "STATUS" },
  { key: "redeemed", header: "REDEEMED" },
] as const;

function discountRow(r: DiscountRedemption): Record<string, unknown> {
  const off = r.amount ?? r.amount_off;
  return {
    id: r.id,
    item: r.subscription_item_id,
    discount: r.discount_id,
    name: r.name ?? "",
    off: r.percent_off ? `${r.percent_off}%` : off ? `${off.currency_symbol}${off.amount_formatted}` : "",
    cycles: r.cycles_remaining ?? "forever",
    status: r.status ?? "",
    redeemed: day(r.redeemed_at),
  };
}

const discountView = { rows: (r: DiscountRedemption) => [discountRow(r)], columns: discountColumns };
const itemDiscount = {
  subscription_item_id: id("subscription item"),
  discount_id: id("discount").describe("The discount (cdisc_…), made in Clerk's Dashboard"),
};

export const billingItemsApplyDiscount = defineAction({
  id: "billing.items.apply-discount",
  summary: "Apply a discount to a subscription item, replacing its active one",
  input: z.object(itemDiscount),
  positionals: ["subscription_item_id"],
  examples: [
    "clerk billing items apply-discount csubi_2abc --discount-id cdisc_2def",
    "clerk billing items apply-discount csubi_2abc --discount-id cdisc_2def --json",
  ],
  api: "backend",
  mutates: true,
  output: discountRedemption,
  async run(ctx, { subscription_item_id, discount_id }) {
    return (
      await ctx.backend.request(
        {
          method: "POST",
          path: apiPath("billing", "subscription_items", subscription_item_id, "discounts"),
          body: { discount_id },
        },
        discountRedemption,
      )
    ).body;
  },
  table: discountView,
});

export const billingItemsRemoveDiscount = defineAction({
  id: "billing.items.remove-discount",
  summary: "Remove a subscription item's active discount (apply-discount puts it back)",
  input: z.object(itemDiscount),
  positionals: ["subscription_item_id", "discount_id"],
  examples: ["clerk billing items remove-discount csubi_2abc cdisc_2def"],
  api: "backend",
  mutates: true,
  output: discountRedemption,
  async run(ctx, { subscription_item_id, discount_id }) {
    return (
      await ctx.backend.request(
        {
          method: "DELETE",
          path: apiPath("billing", "subscription_items", subscription_item_id, "discounts", discount_id),
          // A repeat is refused (the discount is no longer active): let the user look instead.
          idempotent: false,
        },
        discountRedemption,
      )
    ).body;
  },
  table: discountView,
});

export const billingDiscountActions = [billingItemsApplyDiscount, billingItemsRemoveDiscount];
