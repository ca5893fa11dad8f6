import type { SandboxContext } from "../../core/context";
import { SandboxApiError } from "../../core/errors";
import { instanceById } from "../../tenancy/instances";
import { money } from "./catalog";
import { payeeOf, payerById, paymentMethodById, serializePayer, serializePaymentMethod } from "./payers";

export interface StatementRow {
  id: string;
  instance_id: string;
  payer_id: string;
  status: "open" | "closed";
  timestamp: number;
}

export interface PaymentAttemptRow {
  id: string;
  payment_id: string;
  instance_id: string;
  statement_id: string;
  payer_id: string;
  subscription_item_id: string | null;
  payment_method_id: string;
  charge_type: string;
  amount: number;
  status: "pending" | "paid" | "failed";
  paid_at: number | null;
  failed_at: number | null;
  created_at: number;
  updated_at: number;
}

export function requireStatement(sb: SandboxContext, instanceId: string, statementId: string): StatementRow {
  const row = sb
    .stmt("SELECT * FROM billing_statements WHERE id = ? AND instance_id = ?")
    .get(statementId, instanceId) as StatementRow | undefined;
  if (!row) {
    throw SandboxApiError.one(404, "resource_not_found", "not found", `No statement was found with id ${statementId}`);
  }
  return row;
}

/** Newest first, as Clerk lists them. */
export function attemptsOf(sb: SandboxContext, statementId: string): PaymentAttemptRow[] {
  return sb
    .stmt("SELECT * FROM billing_payment_attempts WHERE statement_id = ? ORDER BY created_at DESC, id DESC")
    .all(statementId) as PaymentAttemptRow[];
}

export function serializePaymentAttempt(sb: SandboxContext, row: PaymentAttemptRow) {
  const instance = instanceById(sb, row.instance_id) ?? { id: row.instance_id };
  const payee = payeeOf(instance);
  return {
    object: "commerce_payment",
    id: row.id,
    payment_id: row.payment_id,
    instance_id: row.instance_id,
    charge_type: row.charge_type,
    payee_id: payee.id,
    payee,
    payer_id: row.payer_id,
    payer: serializePayer(sb, payerById(sb, row.payer_id)),
    ...(row.subscription_item_id ? { subscription_item_id: row.subscription_item_id } : {}),
    amount: money(row.amount),
    payment_method_id: row.payment_method_id,
    payment_method: serializePaymentMethod(paymentMethodById(sb, row.payment_method_id)),
    statement_id: row.statement_id,
    gateway_external_id: `pi_${row.id.slice(-24)}`,
    gateway_external_url: null,
    status: row.status,
    paid_at: row.paid_at,
    failed_at: row.failed_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

const DAY = 86_400_000;

/**
 * A statement: what was charged to one payer in one billing period. Totals count what was
 * paid or is pending (failed attempts charged nothing); payments are grouped by day.
 */
export function serializeStatement(sb: SandboxContext, row: StatementRow) {
  const attempts = attemptsOf(sb, row.id);
  const charged = attempts.filter((attempt) => attempt.status !== "failed").reduce((sum, a) => sum + a.amount, 0);
  const days = new Map<number, PaymentAttemptRow[]>();
  for (const attempt of attempts) {
    const day = Math.floor(attempt.created_at / DAY) * DAY;
    days.set(day, [...(days.get(day) ?? []), attempt]);
  }
  return {
    object: "commerce_statement",
    id: row.id,
    instance_id: row.instance_id,
    timestamp: row.timestamp,
    payer: serializePayer(sb, payerById(sb, row.payer_id)),
    status: row.status,
    totals: {
      grand_total: money(charged),
      subtotal: money(charged),
      base_fee: money(charged),
      tax_total: money(0),
    },
    groups: [...days].map(([timestamp, items]) => ({
      object: "commerce_statement_group",
      timestamp,
      items: items.map((attempt) => serializePaymentAttempt(sb, attempt)),
    })),
  };
}
