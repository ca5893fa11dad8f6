import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { parseBody, parseOrderBy, parsePaging, queryOf, queryString } from "../../core/http";
import {
  DEFAULT_TOKEN_TTL_SECONDS,
  findMachine,
  insertScope,
  MAX_SCOPES,
  type MachineRow,
  newMachineSecretKey,
  requireMachine,
  serializeMachine,
} from "./repo";

type Params = { machine_id: string };

const tokenTtl = z.number().int().min(1).max(315_360_000);

const createBody = z.object({
  name: z.string().min(1).max(255),
  scoped_machines: z.array(z.string()).max(MAX_SCOPES).optional(),
  default_token_ttl: tokenTtl.optional(),
});

const updateBody = z.object({
  name: z.string().min(1).max(255).optional(),
  default_token_ttl: tokenTtl.optional(),
});

const rotateBody = z.object({ previous_token_ttl: z.number().int().min(0).max(28_800) });
const scopeBody = z.object({ to_machine_id: z.string().min(1) });

const ORDER_FIELDS = ["name", "created_at"] as const;

/** Machines, their secret keys and the scopes that let one machine call another. */
export function machineRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.get("/machines", async (request) => {
    const query = queryOf(request);
    const { limit, offset } = parsePaging(query);
    const order = parseOrderBy(query, ORDER_FIELDS, "-created_at");
    const search = queryString(query, "query")?.toLowerCase() ?? "";
    const where = "instance_id = @instance_id AND (@search = '' OR instr(lower(id || ' ' || name), @search) > 0)";
    const params = { instance_id: request.instance.id, search };
    const total = sb.stmt(`SELECT count(*) FROM machines WHERE ${where}`).pluck().get(params) as number;
    const rows = sb
      .stmt(
        `SELECT * FROM machines WHERE ${where}
         ORDER BY ${order.field} ${order.direction}, id ${order.direction} LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, limit, offset }) as MachineRow[];
    return { data: rows.map((row) => serializeMachine(sb, row)), total_count: total };
  });

  app.post("/machines", async (request) => {
    const body = parseBody(createBody, request.body);
    const instanceId = request.instance.id;
    const row = sb.tx(() => {
      const now = sb.clock.now();
      const created: MachineRow = {
        id: sb.newId("mch"),
        instance_id: instanceId,
        name: body.name,
        default_token_ttl: body.default_token_ttl ?? DEFAULT_TOKEN_TTL_SECONDS,
        secret_key: newMachineSecretKey(sb),
        previous_secret_key: null,
        previous_secret_expires_at: null,
        created_at: now,
        updated_at: now,
      };
      sb.stmt(
        `INSERT INTO machines (id, instance_id, name, default_token_ttl, secret_key, created_at, updated_at)
         VALUES (@id, @instance_id, @name, @default_token_ttl, @secret_key, @created_at, @updated_at)`,
      ).run(created);
      for (const target of new Set(body.scoped_machines ?? [])) {
        if (!findMachine(sb, instanceId, target)) {
          throw errors.paramValueInvalid("scoped_machines", `No machine was found with id ${target}.`);
        }
        insertScope(sb, instanceId, created.id, target);
      }
      return created;
    });
    return { ...serializeMachine(sb, row), secret_key: row.secret_key };
  });

  app.get<{ Params: Params }>("/machines/:machine_id", async (request) =>
    serializeMachine(sb, requireMachine(sb, request.instance.id, request.params.machine_id)),
  );

  app.patch<{ Params: Params }>("/machines/:machine_id", async (request) => {
    const body = parseBody(updateBody, request.body);
    const row = requireMachine(sb, request.instance.id, request.params.machine_id);
    const updated: MachineRow = {
      ...row,
      name: body.name ?? row.name,
      default_token_ttl: body.default_token_ttl ?? row.default_token_ttl,
      updated_at: sb.clock.now(),
    };
    sb.stmt(
      "UPDATE machines SET name = @name, default_token_ttl = @default_token_ttl, updated_at = @updated_at WHERE id = @id",
    ).run(updated);
    return serializeMachine(sb, updated);
  });

  app.delete<{ Params: Params }>("/machines/:machine_id", async (request) => {
    const row = requireMachine(sb, request.instance.id, request.params.machine_id);
    // Its scopes, both ways, and its tokens go with it (foreign keys cascade).
    sb.stmt("DELETE FROM machines WHERE id = ?").run(row.id);
    return { object: "machine", id: row.id, deleted: true };
  });

  app.get<{ Params: Params }>("/machines/:machine_id/secret_key", async (request) => {
    const row = requireMachine(sb, request.instance.id, request.params.machine_id);
    return { object: "machine_secret_key", secret: row.secret_key };
  });

  app.post<{ Params: Params }>("/machines/:machine_id/secret_key/rotate", async (request) => {
    const body = parseBody(rotateBody, request.body);
    const row = requireMachine(sb, request.instance.id, request.params.machine_id);
    const now = sb.clock.now();
    const secret = newMachineSecretKey(sb);
    // The old key keeps working for `previous_token_ttl` seconds, so callers can roll over.
    sb.stmt(
      `UPDATE machines SET secret_key = ?, previous_secret_key = ?, previous_secret_expires_at = ?, updated_at = ?
       WHERE id = ?`,
    ).run(secret, row.secret_key, now + body.previous_token_ttl * 1000, now, row.id);
    return { object: "machine_secret_key", secret };
  });

  app.post<{ Params: Params }>("/machines/:machine_id/scopes", async (request) => {
    const body = parseBody(scopeBody, request.body);
    const row = requireMachine(sb, request.instance.id, request.params.machine_id);
    const createdAt = sb.tx(() => insertScope(sb, request.instance.id, row.id, body.to_machine_id));
    return {
      object: "machine_scope",
      from_machine_id: row.id,
      to_machine_id: body.to_machine_id,
      created_at: createdAt,
    };
  });

  app.delete<{ Params: Params & { other_machine_id: string } }>(
    "/machines/:machine_id/scopes/:other_machine_id",
    async (request) => {
      const row = requireMachine(sb, request.instance.id, request.params.machine_id);
      const other = request.params.other_machine_id;
      const deleted = sb
        .stmt("DELETE FROM machine_scopes WHERE from_machine_id = ? AND to_machine_id = ?")
        .run(row.id, other);
      if (deleted.changes === 0) throw errors.notFound(`Scope from machine ${row.id} to machine ${other}`);
      return { object: "machine_scope", from_machine_id: row.id, to_machine_id: other, deleted: true };
    },
  );
}
