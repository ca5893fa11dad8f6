import type { FastifyInstance } from "fastify";
import type { SandboxContext } from "../core/context";
import { errors } from "../core/errors";
import { queryList, queryOf } from "../core/http";
import { cursorPage } from "./cursor-page";
import { type AppParams, requireApplication } from "./lookup";

/** A transfer the recipient has not completed expires after a day. */
const TRANSFER_LIFETIME_MS = 24 * 3_600_000;
const STATUSES = ["pending", "completed", "canceled", "expired"] as const;

interface TransferRow {
  id: string;
  application_id: string;
  code: string;
  status: "pending" | "completed" | "canceled";
  expires_at: number;
  canceled_at: number | null;
  completed_at: number | null;
  created_at: number;
}

type TransferParams = AppParams & { transferID: string };

/** A pending transfer past its expiry reads as `expired`. */
const statusSql = (alias: string) =>
  `CASE WHEN ${alias}.status = 'pending' AND ${alias}.expires_at <= ? THEN 'expired' ELSE ${alias}.status END`;

function statusOf(row: TransferRow, now: number) {
  return row.status === "pending" && row.expires_at <= now ? "expired" : row.status;
}

const iso = (epochMs: number | null) => (epochMs === null ? null : new Date(epochMs).toISOString());

function serializeTransfer(row: TransferRow, now: number) {
  return {
    object: "application_transfer",
    id: row.id,
    code: row.code,
    application_id: row.application_id,
    status: statusOf(row, now),
    expires_at: iso(row.expires_at),
    created_at: iso(row.created_at),
    canceled_at: iso(row.canceled_at),
    completed_at: iso(row.completed_at),
  };
}

/** A UUID (v4) from the sandbox's random source: the code a recipient claims the application with. */
function transferCode(sb: SandboxContext): string {
  const bytes = Buffer.from(sb.random(16));
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Application transfers: one pending transfer per application, expiring after 24 hours unless
 * canceled or completed. The recipient completes a transfer in Clerk's dashboard; in the sandbox
 * a test control does (see `transferControls`).
 */
export function transferRoutes(app: FastifyInstance, sb: SandboxContext): void {
  const requireTransfer = (params: TransferParams): TransferRow => {
    const application = requireApplication(sb, params.applicationID);
    const row = sb
      .stmt("SELECT * FROM platform_application_transfers WHERE id = ? AND application_id = ?")
      .get(params.transferID, application.id) as TransferRow | undefined;
    if (!row) throw errors.notFound("Application transfer");
    return row;
  };

  app.get("/application_transfers", async (request) => {
    const query = queryOf(request);
    const now = sb.clock.now();
    const statuses = queryList(query, "status");
    const unknown = statuses.find((status) => !(STATUSES as readonly string[]).includes(status));
    if (unknown !== undefined) {
      throw errors.paramValueInvalid("status", `status must be one of ${STATUSES.join(", ")}.`);
    }
    const where = statuses.length ? `${statusSql("t")} IN (${statuses.map(() => "?").join(",")})` : "1";
    const { rows, total_count } = cursorPage<TransferRow>(sb, query, {
      table: "platform_application_transfers",
      alias: "t",
      where,
      params: statuses.length ? [now, ...statuses] : [],
      what: "an application transfer",
    });
    return { data: rows.map((row) => serializeTransfer(row, now)), total_count };
  });

  app.post<{ Params: AppParams }>("/applications/:applicationID/transfers", async (request, reply) => {
    const application = requireApplication(sb, request.params.applicationID);
    const now = sb.clock.now();
    const row = sb.tx(() => {
      const pending = sb
        .stmt(
          `SELECT count(*) FROM platform_application_transfers t WHERE t.application_id = ? AND ${statusSql("t")} = 'pending'`,
        )
        .pluck()
        .get(application.id, now);
      if (pending) {
        throw errors.conflict(
          "conflict",
          "conflict",
          "This application already has a pending transfer; cancel it first.",
        );
      }
      const created: TransferRow = {
        id: sb.newId("appxfr"),
        application_id: application.id,
        code: transferCode(sb),
        status: "pending",
        expires_at: now + TRANSFER_LIFETIME_MS,
        canceled_at: null,
        completed_at: null,
        created_at: now,
      };
      sb.stmt(
        `INSERT INTO platform_application_transfers (id, application_id, code, status, expires_at, canceled_at, completed_at, created_at)
         VALUES (@id, @application_id, @code, @status, @expires_at, @canceled_at, @completed_at, @created_at)`,
      ).run(created);
      return created;
    });
    return reply.code(201).send(serializeTransfer(row, now));
  });

  app.get<{ Params: TransferParams }>("/applications/:applicationID/transfers/:transferID", async (request) =>
    serializeTransfer(requireTransfer(request.params), sb.clock.now()),
  );

  app.delete<{ Params: TransferParams }>("/applications/:applicationID/transfers/:transferID", async (request) => {
    const row = requireTransfer(request.params);
    const now = sb.clock.now();
    if (statusOf(row, now) !== "pending") {
      throw errors.conflict(
        "conflict",
        "conflict",
        `Only a pending transfer can be canceled; this one is ${statusOf(row, now)}.`,
      );
    }
    sb.stmt("UPDATE platform_application_transfers SET status = 'canceled', canceled_at = ? WHERE id = ?").run(
      now,
      row.id,
    );
    return serializeTransfer({ ...row, status: "canceled", canceled_at: now }, now);
  });
}

/**
 * `POST /__sandbox/application_transfers/{code}/complete`: the recipient accepts the transfer
 * in Clerk's dashboard. The application leaves the workspace: the Platform API no longer lists
 * or finds it, while the workspace's transfer list keeps the completed transfer.
 */
export function transferControls(app: FastifyInstance, sb: SandboxContext): void {
  app.post<{ Params: { code: string } }>("/__sandbox/application_transfers/:code/complete", async (request) => {
    const row = sb.stmt("SELECT * FROM platform_application_transfers WHERE code = ?").get(request.params.code) as
      | TransferRow
      | undefined;
    if (!row) throw errors.notFound("Application transfer");
    const now = sb.clock.now();
    if (statusOf(row, now) !== "pending") {
      throw errors.conflict(
        "conflict",
        "conflict",
        `Only a pending transfer can be completed; this one is ${statusOf(row, now)}.`,
      );
    }
    sb.stmt("UPDATE platform_application_transfers SET status = 'completed', completed_at = ? WHERE id = ?").run(
      now,
      row.id,
    );
    return serializeTransfer({ ...row, status: "completed", completed_at: now }, now);
  });
}
