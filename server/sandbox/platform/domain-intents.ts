import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../core/context";
import { errors } from "../core/errors";
import { parseBody, queryList, queryOf, queryString } from "../core/http";
import { cnameTargets } from "../resources/domains/hosts";
import { normalizeDomainName, proxyPath } from "../resources/domains/names";
import { cursorPage } from "./cursor-page";

const STATUSES = ["pending", "completed", "expired", "canceled"] as const;

const createIntentBody = z.strictObject({ name: z.string(), proxy_path: proxyPath.optional() });

export interface DomainIntentRow {
  id: string;
  domain_name: string;
  proxy_path: string | null;
  status: "pending" | "completed" | "canceled";
  domain_id: string | null;
  created_at: number;
  updated_at: number;
}

/**
 * The DNS records the domain will need once completed into an application's (provider)
 * domain: its Frontend API CNAME, optional when a proxy path says a proxy will serve it.
 */
function serializeIntent(row: DomainIntentRow) {
  const records = cnameTargets({
    id: row.id,
    name: row.domain_name,
    is_satellite: 1,
    proxy_url: row.proxy_path === null ? null : `https://${row.domain_name}${row.proxy_path}`,
  });
  return {
    object: "domain_intent",
    id: row.id,
    domain_name: row.domain_name,
    status: row.status,
    records: records.map(({ host, value, required }) => ({ host, value, required })),
    ...(row.domain_id ? { domain_id: row.domain_id } : {}),
  };
}

function requireIntent(sb: SandboxContext, id: string): DomainIntentRow {
  const row = sb.stmt("SELECT * FROM platform_domain_intents WHERE id = ?").get(id) as DomainIntentRow | undefined;
  if (!row) throw errors.notFound("Domain intent");
  return row;
}

/**
 * The pending intent `POST /applications/{id}/domains` completes with `domain_intent_id`; the
 * domain must be the one the intent was made for.
 */
export function pendingIntentFor(sb: SandboxContext, id: string, name: string): DomainIntentRow {
  const row = requireIntent(sb, id);
  if (row.status !== "pending") throw errors.notFound("Domain intent");
  if (normalizeDomainName(name, "production") !== row.domain_name) {
    throw errors.paramValueInvalid("domain_intent_id", `This domain intent is for ${row.domain_name}, not ${name}.`);
  }
  return row;
}

export function completeIntent(sb: SandboxContext, intent: DomainIntentRow, domainId: string): void {
  sb.stmt("UPDATE platform_domain_intents SET status = 'completed', domain_id = ?, updated_at = ? WHERE id = ?").run(
    domainId,
    sb.clock.now(),
    intent.id,
  );
}

/** Domain intents: a domain name reserved with its DNS records before an application exists for it. */
export function domainIntentRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.get("/domain_intents", async (request) => {
    const query = queryOf(request);
    const conditions: string[] = [];
    const params: unknown[] = [];
    const name = queryString(query, "name");
    if (name) {
      conditions.push("di.domain_name = ?");
      params.push(name.trim().toLowerCase());
    }
    const statuses = queryList(query, "status");
    if (statuses.some((status) => !(STATUSES as readonly string[]).includes(status))) {
      throw errors.paramValueInvalid("status", `status must be one of ${STATUSES.join(", ")}.`);
    }
    if (statuses.length) {
      conditions.push(`di.status IN (${statuses.map(() => "?").join(",")})`);
      params.push(...statuses);
    }
    const { rows, total_count } = cursorPage<DomainIntentRow>(sb, query, {
      table: "platform_domain_intents",
      alias: "di",
      where: conditions.length ? conditions.join(" AND ") : "1",
      params,
      what: "a domain intent",
    });
    return { data: rows.map(serializeIntent), total_count };
  });

  app.post("/domain_intents", async (request, reply) => {
    const body = parseBody(createIntentBody, request.body);
    const now = sb.clock.now();
    const row: DomainIntentRow = {
      id: sb.newId("dmnint"),
      domain_name: normalizeDomainName(body.name, "production"),
      proxy_path: body.proxy_path ?? null,
      status: "pending",
      domain_id: null,
      created_at: now,
      updated_at: now,
    };
    sb.stmt(
      `INSERT INTO platform_domain_intents (id, domain_name, proxy_path, status, domain_id, created_at, updated_at)
       VALUES (@id, @domain_name, @proxy_path, @status, @domain_id, @created_at, @updated_at)`,
    ).run(row);
    return reply.code(201).send(serializeIntent(row));
  });

  app.get<{ Params: { domainIntentID: string } }>("/domain_intents/:domainIntentID", async (request) =>
    serializeIntent(requireIntent(sb, request.params.domainIntentID)),
  );

  app.delete<{ Params: { domainIntentID: string } }>("/domain_intents/:domainIntentID", async (request) => {
    const row = requireIntent(sb, request.params.domainIntentID);
    if (row.status !== "pending") {
      throw errors.badRequest(
        "domain_intent_not_pending",
        "domain intent not pending",
        `Only a pending domain intent can be canceled; this one is ${row.status}.`,
      );
    }
    sb.stmt("UPDATE platform_domain_intents SET status = 'canceled', updated_at = ? WHERE id = ?").run(
      sb.clock.now(),
      row.id,
    );
    return serializeIntent(requireIntent(sb, row.id));
  });
}
