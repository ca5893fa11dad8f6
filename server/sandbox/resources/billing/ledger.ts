import type { SandboxContext } from "../../core/context";
import type { SubscriptionItemRow, SubscriptionRow } from "./items";
import type { PayerRow, PaymentMethodRow } from "./payers";
import type { PaymentAttemptRow, StatementRow } from "./statements";

/** Inserts a row whose keys are exactly the table's columns. */
function insert(sb: SandboxContext, table: string, row: object): void {
  const columns = Object.keys(row);
  sb.stmt(`INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")})`).run(row);
}

/** The payer record of a user or organization, created on first use with its subscription. */
export function ensurePayer(
  sb: SandboxContext,
  instanceId: string,
  owner: { user_id: string } | { organization_id: string },
): { payer: PayerRow; subscription: SubscriptionRow } {
  const column = "user_id" in owner ? "user_id" : "organization_id";
  const ownerId = "user_id" in owner ? owner.user_id : owner.organization_id;
  let payer = sb.stmt(`SELECT * FROM billing_payers WHERE ${column} = ?`).get(ownerId) as PayerRow | undefined;
  if (!payer) {
    const now = sb.clock.now();
    payer = {
      id: sb.newId("cpayer"),
      instance_id: instanceId,
      user_id: null,
      organization_id: null,
      [column]: ownerId,
      created_at: now,
      updated_at: now,
    };
    insert(sb, "billing_payers", payer);
    insert(sb, "billing_subscriptions", {
      id: sb.newId("csub"),
      instance_id: instanceId,
      payer_id: payer.id,
      active_at: now,
      created_at: now,
      updated_at: now,
    } satisfies SubscriptionRow);
  }
  const subscription = sb
    .stmt("SELECT * FROM billing_subscriptions WHERE payer_id = ?")
    .get(payer.id) as SubscriptionRow;
  return { payer, subscription };
}

/** A test card (Stripe's 4242) on file for the payer. */
export function addCard(sb: SandboxContext, payerId: string): PaymentMethodRow {
  const now = sb.clock.now();
  const card: PaymentMethodRow = {
    id: sb.newId("cpm"),
    payer_id: payerId,
    card_type: "visa",
    last4: "4242",
    expiry_month: 12,
    expiry_year: new Date(now).getUTCFullYear() + 3,
    created_at: now,
    updated_at: now,
  };
  insert(sb, "billing_payment_methods", card);
  return card;
}

export function insertItem(sb: SandboxContext, item: Omit<SubscriptionItemRow, "id">): SubscriptionItemRow {
  const row = { id: sb.newId("csubi"), ...item };
  insert(sb, "billing_subscription_items", row);
  return row;
}

export function updateItem(sb: SandboxContext, row: SubscriptionItemRow): void {
  sb.stmt(
    `UPDATE billing_subscription_items SET status = @status, is_free_trial = @is_free_trial, period_start = @period_start,
       period_end = @period_end, canceled_at = @canceled_at, past_due_at = @past_due_at, ended_at = @ended_at,
       updated_at = @updated_at WHERE id = @id`,
  ).run(row);
}

/** The payer's open statement, or a new one starting now when the last was closed. */
export function openStatement(sb: SandboxContext, instanceId: string, payerId: string): StatementRow {
  const open = sb
    .stmt("SELECT * FROM billing_statements WHERE payer_id = ? AND status = 'open' ORDER BY timestamp DESC LIMIT 1")
    .get(payerId) as StatementRow | undefined;
  if (open) return open;
  const statement: StatementRow = {
    id: sb.newId("cstmt"),
    instance_id: instanceId,
    payer_id: payerId,
    status: "open",
    timestamp: sb.clock.now(),
  };
  insert(sb, "billing_statements", statement);
  return statement;
}

export function closeStatement(sb: SandboxContext, statementId: string): void {
  sb.stmt("UPDATE billing_statements SET status = 'closed' WHERE id = ?").run(statementId);
}

/** One attempt to charge the item's card; retries of a failed charge pass its `payment_id`. */
export function recordAttempt(
  sb: SandboxContext,
  statement: StatementRow,
  item: SubscriptionItemRow,
  charge: { amount: number; chargeType: "checkout" | "recurring"; status: "paid" | "failed"; paymentId?: string },
): PaymentAttemptRow {
  const now = sb.clock.now();
  const id = sb.newId("cpay");
  const attempt: PaymentAttemptRow = {
    id,
    payment_id: charge.paymentId ?? id,
    instance_id: statement.instance_id,
    statement_id: statement.id,
    payer_id: statement.payer_id,
    subscription_item_id: item.id,
    payment_method_id: item.payment_method_id as string,
    charge_type: charge.chargeType,
    amount: charge.amount,
    status: charge.status,
    paid_at: charge.status === "paid" ? now : null,
    failed_at: charge.status === "failed" ? now : null,
    created_at: now,
    updated_at: now,
  };
  insert(sb, "billing_payment_attempts", attempt);
  return attempt;
}

/** The end of a billing period that starts at `start`: a calendar month or year later (UTC). */
export function periodEnd(start: number, period: "month" | "annual"): number {
  const date = new Date(start);
  if (period === "annual") date.setUTCFullYear(date.getUTCFullYear() + 1);
  else date.setUTCMonth(date.getUTCMonth() + 1);
  return date.getTime();
}
