import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../core/context";
import { ClerkApiError, errors } from "../core/errors";
import { parseBody, parsePaging, queryOf, queryString } from "../core/http";
import { availableDomainName } from "../resources/domains/names";
import { domainStatus, triggerDnsCheck } from "../resources/domains/status";
import {
  type DomainRow,
  deleteDomain,
  domainInstance,
  ensureAllPrimaryDomains,
  ensurePrimaryDomain,
  findAnyDomain,
  insertSatelliteDomain,
  listInstanceDomains,
  requireDomain,
  updateDomain,
} from "../resources/domains/store";
import { likeContains } from "../resources/users/query";
import { type ApplicationRecord, applicationById, type InstanceRecord } from "../tenancy/instances";
import { serializePlatformDomain } from "./domain-serialize";
import { type AppParams, productionInstance, requireApplication } from "./lookup";

/** Where a provider domain's Frontend API proxy lives: one path segment, `/__clerk` by default. */
export const proxyPath = z
  .string()
  .regex(/^\/[A-Za-z0-9._~-]+$/, "must start with a slash and be a single path segment, such as /__clerk");

const createDomainBody = z.object({
  name: z.string(),
  proxy_path: proxyPath.optional(),
  domain_intent_id: z.string().optional(),
});

const updatePrimaryBody = z.object({ name: z.string(), proxy_path: proxyPath.optional() });

type DomainParams = AppParams & { domainIDOrName: string };

const domainTaken = () =>
  errors.conflict("domain_exists", "domain already exists", "Another instance already uses this domain name.");

/** The workspace-wide listing's filters and cursors, as SQL over `domains d JOIN instances i`. */
function workspaceFilter(sb: SandboxContext, query: Record<string, unknown>) {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const includeDevelopment = queryString(query, "include_development");
  if (includeDevelopment !== undefined && includeDevelopment !== "true") {
    throw errors.paramValueInvalid("include_development", "include_development can only be 'true'.");
  }
  if (!includeDevelopment) conditions.push("i.environment_type = 'production'");
  const name = queryString(query, "name");
  if (name) {
    conditions.push("d.name LIKE ? ESCAPE '\\'");
    params.push(likeContains(name));
  }
  const where = conditions.length ? conditions.join(" AND ") : "1";
  const cursorParam = ["starting_after", "ending_before"].filter((param) => queryString(query, param));
  if (cursorParam.length > 1) {
    throw errors.paramInvalid("ending_before", "starting_after and ending_before cannot be used together.");
  }
  const cursor = cursorParam[0] as "starting_after" | "ending_before" | undefined;
  if (!cursor) return { where, params, cursor: undefined };
  const anchor = sb.stmt("SELECT created_at, rowid FROM domains WHERE id = ?").get(queryString(query, cursor)) as
    | { created_at: number; rowid: number }
    | undefined;
  if (!anchor) throw errors.paramValueInvalid(cursor, `${cursor} must be the id of a domain.`);
  return { where, params, cursor: { param: cursor, anchor } };
}

/** Platform API domains: an application's production domains, and all domains of the workspace. */
export function domainRoutes(app: FastifyInstance, sb: SandboxContext): void {
  /** The application's production instance, which the application domain routes manage. */
  const production = (applicationId: string) => productionInstance(sb, requireApplication(sb, applicationId));
  const requireProduction = (applicationId: string): InstanceRecord => {
    const instance = production(applicationId);
    if (!instance) {
      throw errors.unprocessable(
        "production_instance_required",
        "no production instance",
        "This application has no production instance; create one first.",
      );
    }
    return instance;
  };
  const requireAppDomain = (params: DomainParams) => {
    const instance = production(params.applicationID);
    if (!instance) throw errors.notFound("Domain");
    return { instance, row: requireDomain(sb, instance, params.domainIDOrName) };
  };

  app.get<{ Params: AppParams }>("/applications/:applicationID/domains", async (request) => {
    const instance = production(request.params.applicationID);
    const rows = instance ? listInstanceDomains(sb, instance) : [];
    return {
      data: rows.map((row) => serializePlatformDomain(row, instance as InstanceRecord)),
      total_count: rows.length,
    };
  });

  app.post<{ Params: AppParams }>("/applications/:applicationID/domains", async (request, reply) => {
    const body = parseBody(createDomainBody, request.body);
    const instance = requireProduction(request.params.applicationID);
    if (body.domain_intent_id) throw errors.notFound("Domain intent");
    const row = sb.tx(() => {
      const name = availableDomainName(sb, instance, body.name, { taken: domainTaken });
      // Provider domains cannot point CNAMEs at Clerk, so their Frontend API runs behind a proxy.
      const proxyUrl = `https://${name}${body.proxy_path ?? "/__clerk"}`;
      return insertSatelliteDomain(sb, instance, { name, proxy_url: proxyUrl, is_provider_domain: true });
    });
    return reply.code(201).send(serializePlatformDomain(row, instance));
  });

  app.patch<{ Params: AppParams }>("/applications/:applicationID/domain", async (request) => {
    const body = parseBody(updatePrimaryBody, request.body);
    const instance = requireProduction(request.params.applicationID);
    const row = sb.tx(() => {
      const primary = ensurePrimaryDomain(sb, instance);
      const name = availableDomainName(sb, instance, body.name, { exceptId: primary.id });
      const proxy = body.proxy_path ? { proxy_url: `https://${name}${body.proxy_path}` } : {};
      return updateDomain(sb, primary, { name, ...proxy });
    });
    return serializePlatformDomain(row, instance);
  });

  app.get<{ Params: DomainParams }>("/applications/:applicationID/domains/:domainIDOrName", async (request) => {
    const { instance, row } = requireAppDomain(request.params);
    return serializePlatformDomain(row, instance);
  });

  app.delete<{ Params: DomainParams }>("/applications/:applicationID/domains/:domainIDOrName", async (request) => {
    const { row } = requireAppDomain(request.params);
    if (!row.is_provider_domain) {
      throw ClerkApiError.one(
        422,
        "domain_not_deletable",
        "domain cannot be deleted",
        row.is_satellite
          ? "Only provider domains can be deleted through the Platform API."
          : "The primary domain cannot be deleted.",
      );
    }
    sb.tx(() => deleteDomain(sb, row));
    return { object: "domain", id: row.id, deleted: true };
  });

  app.get<{ Params: DomainParams }>("/applications/:applicationID/domains/:domainIDOrName/status", async (request) => {
    const { instance, row } = requireAppDomain(request.params);
    return domainStatus(row, instance);
  });

  app.post<{ Params: DomainParams }>(
    "/applications/:applicationID/domains/:domainIDOrName/dns_check",
    async (request) => {
      const { instance, row } = requireAppDomain(request.params);
      const checked = sb.tx(() => triggerDnsCheck(sb, row));
      return { ...domainStatus(checked, instance), domain_id: checked.id, last_run_at: checked.last_dns_check_at };
    },
  );

  const workspaceDomain = (row: DomainRow) => {
    const instance = domainInstance(sb, row);
    const application = applicationById(sb, instance.application_id) as ApplicationRecord;
    return serializePlatformDomain(row, instance, { application });
  };

  app.get("/domains", async (request) => {
    const query = queryOf(request);
    const { limit } = parsePaging(query);
    ensureAllPrimaryDomains(sb);
    const filter = workspaceFilter(sb, query);
    const from = `FROM domains d JOIN instances i ON i.id = d.instance_id WHERE ${filter.where}`;
    const total = sb.db
      .prepare(`SELECT count(*) ${from}`)
      .pluck()
      .get(...filter.params) as number;
    let rows: DomainRow[];
    if (!filter.cursor) {
      rows = sb.db
        .prepare(`SELECT d.* ${from} ORDER BY d.created_at DESC, d.rowid DESC LIMIT ?`)
        .all(...filter.params, limit) as DomainRow[];
    } else {
      // Newest first: the page after a domain is older than it, the page before it newer.
      const after = filter.cursor.param === "starting_after";
      const { created_at, rowid } = filter.cursor.anchor;
      rows = sb.db
        .prepare(
          `SELECT d.* ${from} AND (d.created_at, d.rowid) ${after ? "<" : ">"} (?, ?)
           ORDER BY d.created_at ${after ? "DESC" : "ASC"}, d.rowid ${after ? "DESC" : "ASC"} LIMIT ?`,
        )
        .all(...filter.params, created_at, rowid, limit) as DomainRow[];
      if (!after) rows.reverse();
    }
    return { data: rows.map(workspaceDomain), total_count: total };
  });

  app.get<{ Params: { domainIDOrName: string } }>("/domains/:domainIDOrName", async (request) => {
    const row = findAnyDomain(sb, request.params.domainIDOrName);
    if (!row) throw errors.notFound("Domain");
    return workspaceDomain(row);
  });
}
