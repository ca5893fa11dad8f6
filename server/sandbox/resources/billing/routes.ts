import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors, SandboxApiError } from "../../core/errors";
import { parseBody, parsePaging, queryBoolean, queryOf, queryString } from "../../core/http";
import { findOrganization } from "../organizations/repo";
import { requireUser } from "../users/repo";
import { CURRENCY, type PlanRow, type PriceRow, serializePlan, serializePrice } from "./catalog";
import { cancelItem, extendTrial, transitionPrice } from "./changes";
import {
  ITEM_STATUS_SQL,
  requireItem,
  type SubscriptionItemRow,
  type SubscriptionRow,
  serializeItem,
  serializeItemDetail,
  serializeSubscription,
} from "./items";
import {
  attemptsOf,
  requireStatement,
  type StatementRow,
  serializePaymentAttempt,
  serializeStatement,
} from "./statements";

type ItemParams = { subscription_item_id: string };
type StatementParams = { statementID: string };

const PAYER_TYPES = ["user", "org"] as const;
const ITEM_STATUSES = ["active", "ended", "past_due", "upcoming", "free_trial"] as const;

const extendBody = z.object({
  extend_to: z.string().refine((value) => !Number.isNaN(Date.parse(value)), "must be an RFC3339 date-time"),
});
const transitionBody = z.object({ from_price_id: z.string().min(1), to_price_id: z.string().min(1) });

/** Clerk's rule for amounts in cents: `0` (complimentary) or at least $1. */
const priceAmount = z
  .number()
  .int()
  .refine((cents) => cents === 0 || cents >= 100, "must be 0 or at least 100 cents ($1)")
  .nullish();
const createPriceBody = z.strictObject({
  plan_id: z.string().min(1),
  currency: z.string().optional(),
  amount: priceAmount,
  annual_monthly_amount: priceAmount,
  description: z.string().optional(),
  supported_billing_periods: z.enum(["month", "annual", "both"]).optional(),
});

function enumQuery<T extends string>(
  query: Record<string, unknown>,
  name: string,
  values: readonly T[],
): T | undefined {
  const value = queryString(query, name);
  if (value === undefined || value === "") return undefined;
  if (!(values as readonly string[]).includes(value)) {
    throw errors.paramValueInvalid(name, `${name} must be one of ${values.join(", ")}.`);
  }
  return value as T;
}

/** Everything lists as `{data, total_count}`; `paginated` changes nothing here. */
const page = <T>(data: T[], total: number) => ({ data, total_count: total });

export function billingRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.get("/billing/plans", async (request) => {
    const query = queryOf(request);
    const { limit, offset } = parsePaging(query);
    const params = { instance_id: request.instance.id, payer_type: enumQuery(query, "payer_type", PAYER_TYPES) ?? "" };
    const where = "instance_id = @instance_id AND (@payer_type = '' OR payer_type = @payer_type)";
    const total = sb.stmt(`SELECT count(*) FROM billing_plans WHERE ${where}`).pluck().get(params) as number;
    const rows = sb
      .stmt(`SELECT * FROM billing_plans WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit, offset }) as PlanRow[];
    return page(
      rows.map((row) => serializePlan(sb, row)),
      total,
    );
  });

  app.get("/billing/prices", async (request) => {
    const query = queryOf(request);
    const { limit, offset } = parsePaging(query);
    const planId = queryString(query, "plan_id") ?? "";
    if (
      planId &&
      !sb.stmt("SELECT 1 FROM billing_plans WHERE id = ? AND instance_id = ?").get(planId, request.instance.id)
    ) {
      throw SandboxApiError.one(404, "resource_not_found", "not found", `No plan was found with id ${planId}`);
    }
    const params = { instance_id: request.instance.id, plan_id: planId };
    const where = "instance_id = @instance_id AND (@plan_id = '' OR plan_id = @plan_id)";
    const total = sb.stmt(`SELECT count(*) FROM billing_prices WHERE ${where}`).pluck().get(params) as number;
    const rows = sb
      .stmt(`SELECT * FROM billing_prices WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit, offset }) as PriceRow[];
    return page(rows.map(serializePrice), total);
  });

  // A custom price for a plan (a deal for particular customers); the plan's default price stays.
  app.post("/billing/prices", async (request) => {
    const body = parseBody(createPriceBody, request.body);
    if (body.currency !== undefined && body.currency.toUpperCase() !== CURRENCY) {
      throw errors.paramValueInvalid("currency", `The sandbox bills in ${CURRENCY} only.`);
    }
    if (body.amount === undefined || body.amount === null) throw errors.paramMissing("amount");
    const annual = body.annual_monthly_amount ?? 0;
    // The sandbox stores which periods a price supports as its amounts imply (annual when it has one).
    const implied = annual > 0 ? "both" : "month";
    if (body.supported_billing_periods && body.supported_billing_periods !== implied) {
      throw errors.paramValueInvalid(
        "supported_billing_periods",
        body.supported_billing_periods === "month"
          ? "A monthly-only price cannot have an annual_monthly_amount."
          : "Annual billing needs a positive annual_monthly_amount (and the sandbox always offers the monthly amount too).",
      );
    }
    const plan = sb
      .stmt("SELECT id FROM billing_plans WHERE id = ? AND instance_id = ?")
      .get(body.plan_id, request.instance.id);
    if (!plan)
      throw SandboxApiError.one(404, "resource_not_found", "not found", `No plan was found with id ${body.plan_id}`);
    const row: PriceRow = {
      id: sb.newId("cprice"),
      instance_id: request.instance.id,
      plan_id: body.plan_id,
      amount: body.amount,
      annual_monthly_amount: annual,
      description: body.description ?? null,
      is_default: 0,
      created_at: sb.clock.now(),
    };
    sb.stmt(
      `INSERT INTO billing_prices (id, instance_id, plan_id, amount, annual_monthly_amount, description, is_default,
         created_at)
       VALUES (@id, @instance_id, @plan_id, @amount, @annual_monthly_amount, @description, @is_default, @created_at)`,
    ).run(row);
    return serializePrice(row);
  });

  app.get("/billing/subscription_items", async (request) => {
    const query = queryOf(request);
    const { limit, offset } = parsePaging(query);
    const status = enumQuery(query, "status", ITEM_STATUSES) ?? "";
    const now = sb.clock.now();
    const params = {
      instance_id: request.instance.id,
      now,
      status,
      payer_type: enumQuery(query, "payer_type", PAYER_TYPES) ?? "",
      plan_id: queryString(query, "plan_id") ?? "",
      include_free: queryBoolean(query, "include_free") ? 1 : 0,
      search: queryString(query, "query")?.toLowerCase() ?? "",
    };
    const from = `billing_subscription_items i
      JOIN billing_prices pr ON pr.id = i.price_id
      JOIN billing_plans pl ON pl.id = i.plan_id
      JOIN billing_payers p ON p.id = i.payer_id
      LEFT JOIN users u ON u.id = p.user_id
      LEFT JOIN organizations o ON o.id = p.organization_id`;
    const where = `i.instance_id = @instance_id
      AND (@status = '' OR (@status = 'free_trial' AND i.is_free_trial = 1 AND ${ITEM_STATUS_SQL} = 'active')
        OR ${ITEM_STATUS_SQL} = @status)
      AND (@payer_type = '' OR pl.payer_type = @payer_type)
      AND (@plan_id = '' OR i.plan_id = @plan_id)
      AND (@include_free = 1 OR pr.amount > 0)
      AND (@search = '' OR instr(lower(i.id || ' ' || pl.name || ' ' || coalesce(u.search, o.search, '')), @search) > 0)`;
    const total = sb.stmt(`SELECT count(*) FROM ${from} WHERE ${where}`).pluck().get(params) as number;
    const rows = sb
      .stmt(`SELECT i.* FROM ${from} WHERE ${where} ORDER BY i.created_at DESC, i.id DESC LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit, offset }) as SubscriptionItemRow[];
    return page(
      rows.map((row) => serializeItem(sb, row, now)),
      total,
    );
  });

  app.delete<{ Params: ItemParams }>("/billing/subscription_items/:subscription_item_id", async (request) => {
    const endNow = queryBoolean(queryOf(request), "end_now") ?? false;
    const row = requireItem(sb, request.instance.id, request.params.subscription_item_id);
    const canceled = sb.tx(() => cancelItem(sb, row, endNow));
    return serializeItem(sb, canceled, sb.clock.now());
  });

  app.post<{ Params: ItemParams }>(
    "/billing/subscription_items/:subscription_item_id/extend_free_trial",
    async (request) => {
      const body = parseBody(extendBody, request.body);
      const row = requireItem(sb, request.instance.id, request.params.subscription_item_id);
      const extended = sb.tx(() => extendTrial(sb, row, Date.parse(body.extend_to)));
      return serializeItemDetail(sb, extended, sb.clock.now());
    },
  );

  app.post<{ Params: ItemParams }>(
    "/billing/subscription_items/:subscription_item_id/price_transition",
    async (request) => {
      const body = parseBody(transitionBody, request.body);
      const row = requireItem(sb, request.instance.id, request.params.subscription_item_id);
      return sb.tx(() => transitionPrice(sb, row, body.from_price_id, body.to_price_id));
    },
  );

  app.get("/billing/statements", async (request) => {
    const { limit, offset } = parsePaging(queryOf(request));
    const instanceId = request.instance.id;
    const total = sb
      .stmt("SELECT count(*) FROM billing_statements WHERE instance_id = ?")
      .pluck()
      .get(instanceId) as number;
    const rows = sb
      .stmt("SELECT * FROM billing_statements WHERE instance_id = ? ORDER BY timestamp DESC, id DESC LIMIT ? OFFSET ?")
      .all(instanceId, limit, offset) as StatementRow[];
    return page(
      rows.map((row) => serializeStatement(sb, row)),
      total,
    );
  });

  app.get<{ Params: StatementParams }>("/billing/statements/:statementID", async (request) =>
    serializeStatement(sb, requireStatement(sb, request.instance.id, request.params.statementID)),
  );

  app.get<{ Params: StatementParams }>("/billing/statements/:statementID/payment_attempts", async (request) => {
    const { limit, offset } = parsePaging(queryOf(request));
    const statement = requireStatement(sb, request.instance.id, request.params.statementID);
    const attempts = attemptsOf(sb, statement.id);
    return page(
      attempts.slice(offset, offset + limit).map((attempt) => serializePaymentAttempt(sb, attempt)),
      attempts.length,
    );
  });

  const subscriptionOf = (instanceId: string, column: "user_id" | "organization_id", ownerId: string) => {
    const row = sb
      .stmt(
        `SELECT s.* FROM billing_subscriptions s JOIN billing_payers p ON p.id = s.payer_id
         WHERE p.instance_id = ? AND p.${column} = ?`,
      )
      .get(instanceId, ownerId) as SubscriptionRow | undefined;
    if (!row) {
      throw SandboxApiError.one(
        404,
        "resource_not_found",
        "not found",
        `No billing subscription was found for ${ownerId}`,
      );
    }
    return serializeSubscription(sb, row, sb.clock.now());
  };

  app.get<{ Params: { user_id: string } }>("/users/:user_id/billing/subscription", async (request) => {
    const user = requireUser(sb, request.instance.id, request.params.user_id);
    return subscriptionOf(request.instance.id, "user_id", user.id);
  });

  app.get<{ Params: { organization_id: string } }>(
    "/organizations/:organization_id/billing/subscription",
    async (request) => {
      const organization = findOrganization(sb, request.instance.id, request.params.organization_id);
      if (!organization) throw errors.notFound("Organization");
      return subscriptionOf(request.instance.id, "organization_id", organization.id);
    },
  );
}
