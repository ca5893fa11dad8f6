import { randomUUID } from "node:crypto";
import { z } from "zod";
import { defineAction } from "../action";
import { ActionInputError } from "../errors";
import { id } from "../inputs";
import { apiPath } from "../view";
import { type CreditLedgerEntry, creditBalance, creditLedgerEntry } from "./schemas";

/**
 * `clerk billing credits …`: a payer's credit balance, which Clerk applies to its charges. A payer
 * is a user or an organization, named by its id.
 */

const payerId = id("payer").describe("The payer: a user id (user_…) or an organization id (org_…)");

/** `/users/<id>/billing/credits` or `/organizations/<id>/billing/credits`, by the id's prefix. */
function creditsPath(payer: string): string {
  if (payer.startsWith("user_")) return apiPath("users", payer, "billing", "credits");
  if (payer.startsWith("org_")) return apiPath("organizations", payer, "billing", "credits");
  throw new ActionInputError(
    `${payer} names neither a user nor an organization.`,
    "Give a user id (user_…) or an organization id (org_…); see `clerk users list` or `clerk orgs list`.",
    "usage_error",
  );
}

export const billingCreditsGet = defineAction({
  id: "billing.credits.get",
  summary: "Show a user's or an organization's credit balance",
  input: z.object({ payer_id: payerId }),
  positionals: ["payer_id"],
  examples: ["clerk billing credits get user_2abc", "clerk billing credits get org_2abc --json"],
  api: "backend",
  mutates: false,
  output: creditBalance,
  async run(ctx, input) {
    return (await ctx.backend.request({ method: "GET", path: creditsPath(input.payer_id) }, creditBalance)).body;
  },
  table: {
    rows: (b) => [{ balance: b.balance ? `${b.balance.currency_symbol}${b.balance.amount_formatted}` : "none" }],
    columns: [{ key: "balance", header: "BALANCE" }],
  },
});

export const billingCreditsAdjust = defineAction({
  id: "billing.credits.adjust",
  summary: "Add credits to a user's or an organization's balance, or take some away",
  description:
    "Each adjustment is a ledger entry. The same --idempotency-key applies it only once, so a retried command " +
    "cannot grant twice; without one, a fresh key is made for this run.",
  input: z.object({
    payer_id: payerId,
    amount: z.coerce.number().int().positive().describe("The amount in cents, e.g. 2500 for $25.00"),
    action: z.enum(["increase", "decrease"]).default("increase").describe("Add to the balance or take from it"),
    note: z.string().optional().describe("Why, kept on the ledger entry"),
    currency: z.string().optional().describe("Currency code (default USD)"),
    idempotency_key: z.string().min(1).optional().describe("A key of yours: repeating it never adjusts twice"),
  }),
  positionals: ["payer_id"],
  examples: [
    'clerk billing credits adjust org_2abc --amount 2500 --note "Outage credit"',
    "clerk billing credits adjust user_2abc --amount 500 --action decrease --idempotency-key refund-42 --json",
  ],
  api: "backend",
  mutates: true,
  output: creditLedgerEntry,
  async run(ctx, { payer_id, idempotency_key, ...body }) {
    return (
      await ctx.backend.request(
        {
          method: "POST",
          path: creditsPath(payer_id),
          body: { ...body, idempotency_key: idempotency_key ?? randomUUID() },
          // The key makes a repeat return the first entry.
          idempotent: true,
        },
        creditLedgerEntry,
      )
    ).body;
  },
  table: {
    rows: (e: CreditLedgerEntry) => [
      {
        id: e.id,
        amount: `${e.amount.currency_symbol}${e.amount.amount_formatted}`,
        note: e.note ?? "",
        created: e.created_at.slice(0, 10),
      },
    ],
    columns: [
      { key: "id", header: "ID" },
      { key: "amount", header: "AMOUNT" },
      { key: "note", header: "NOTE" },
      { key: "created", header: "CREATED" },
    ],
  },
});

export const billingCreditActions = [billingCreditsGet, billingCreditsAdjust];
