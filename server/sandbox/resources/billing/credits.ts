import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors, SandboxApiError } from "../../core/errors";
import { parseBody } from "../../core/http";
import { findOrganization } from "../organizations/repo";
import { requireUser } from "../users/repo";
import { CURRENCY, money } from "./catalog";
import { ensurePayer } from "./ledger";

/** Credit adjustments per payer; the balance is their sum. Keys make retries safe. */
export const creditTables = [
  `CREATE TABLE IF NOT EXISTS billing_credit_ledger (
    id TEXT PRIMARY KEY,
    payer_id TEXT NOT NULL REFERENCES billing_payers(id) ON DELETE CASCADE,
    amount INTEGER NOT NULL,
    source_type TEXT NOT NULL,
    source_id TEXT NOT NULL,
    note TEXT,
    idempotency_key TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (payer_id, idempotency_key)
  )`,
];

interface LedgerRow {
  id: string;
  payer_id: string;
  amount: number;
  source_type: string;
  source_id: string;
  note: string | null;
  idempotency_key: string;
  created_at: number;
}

const adjustBody = z.strictObject({
  amount: z.number().int().positive(),
  action: z.enum(["increase", "decrease"]),
  currency: z.string().optional(),
  idempotency_key: z.string().min(1),
  note: z.string().optional(),
});

function serializeEntry(row: LedgerRow) {
  return {
    object: "commerce_credit_ledger",
    id: row.id,
    payer_id: row.payer_id,
    amount: money(row.amount),
    source_type: row.source_type,
    source_id: row.source_id,
    note: row.note,
    created_at: new Date(row.created_at).toISOString(),
  };
}

type Owner = { user_id: string } | { organization_id: string };

/** The payer a path names: a user or an organization of the instance. */
function ownerOf(sb: SandboxContext, request: FastifyRequest<{ Params: Record<string, string> }>): Owner {
  const instanceId = request.instance.id;
  const { user_id: userId, organization_id: organizationId } = request.params;
  if (userId) return { user_id: requireUser(sb, instanceId, userId).id };
  const organization = findOrganization(sb, instanceId, organizationId as string);
  if (!organization) throw errors.notFound("Organization");
  return { organization_id: organization.id };
}

/** `GET/POST /users/{id}/billing/credits` and the same for organizations. */
export function creditRoutes(app: FastifyInstance, sb: SandboxContext): void {
  for (const path of ["/users/:user_id/billing/credits", "/organizations/:organization_id/billing/credits"]) {
    app.get<{ Params: Record<string, string> }>(path, async (request) => {
      const owner = ownerOf(sb, request);
      const { payer } = sb.tx(() => ensurePayer(sb, request.instance.id, owner));
      const { entries, balance } = sb
        .stmt(
          "SELECT count(*) AS entries, coalesce(sum(amount), 0) AS balance FROM billing_credit_ledger WHERE payer_id = ?",
        )
        .get(payer.id) as { entries: number; balance: number };
      // A payer that never had credits has no balance at all, not a zero one.
      return { object: "commerce_credit_balance", balance: entries ? money(balance) : null };
    });

    app.post<{ Params: Record<string, string> }>(path, async (request) => {
      const body = parseBody(adjustBody, request.body);
      if (body.currency !== undefined && body.currency.toUpperCase() !== CURRENCY) {
        throw errors.paramValueInvalid("currency", `The sandbox bills in ${CURRENCY} only.`);
      }
      const owner = ownerOf(sb, request);
      const signed = body.action === "increase" ? body.amount : -body.amount;
      return sb.tx(() => {
        const { payer } = ensurePayer(sb, request.instance.id, owner);
        const previous = sb
          .stmt("SELECT * FROM billing_credit_ledger WHERE payer_id = ? AND idempotency_key = ?")
          .get(payer.id, body.idempotency_key) as LedgerRow | undefined;
        if (previous) {
          if (previous.amount !== signed) {
            throw SandboxApiError.one(
              409,
              "idempotency_key_reused",
              "idempotency key reused",
              "This idempotency key was already used for a different adjustment.",
            );
          }
          return serializeEntry(previous);
        }
        const balance = sb
          .stmt("SELECT coalesce(sum(amount), 0) FROM billing_credit_ledger WHERE payer_id = ?")
          .pluck()
          .get(payer.id) as number;
        if (balance + signed < 0) {
          throw errors.badRequest(
            "insufficient_credit_balance",
            "insufficient credit balance",
            `The credit balance (${money(balance).amount_formatted}) is lower than the decrease.`,
            { param_name: "amount" },
          );
        }
        const id = sb.newId("ccl");
        const row: LedgerRow = {
          id,
          payer_id: payer.id,
          amount: signed,
          source_type: "grant",
          source_id: id,
          note: body.note ?? null,
          idempotency_key: body.idempotency_key,
          created_at: sb.clock.now(),
        };
        sb.stmt(
          `INSERT INTO billing_credit_ledger (id, payer_id, amount, source_type, source_id, note, idempotency_key, created_at)
           VALUES (@id, @payer_id, @amount, @source_type, @source_id, @note, @idempotency_key, @created_at)`,
        ).run(row);
        return serializeEntry(row);
      });
    });
  }
}
