import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../core/context";
import { errors, SandboxApiError } from "../core/errors";
import { parseBody, queryOf, queryString } from "../core/http";
import { availableDomainName, proxyPath } from "../resources/domains/names";
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
import { cursorPage } from "./cursor-page";
import { completeIntent, pendingIntentFor } from "./domain-intents";
import { serializePlatformDomain } from "./domain-serialize";
import {
  type AppParams,
  isOutsideWorkspace,
  outsideWorkspaceSql,
  productionInstance,
  requireApplication,
} from "./lookup";

const createDomainBody = z.object({
  name: z.string(),
  proxy_path: proxyPath.optional(),
  domain_intent_id: z.string().optional(),
});

const updatePrimaryBody = z.object({ name: z.string(), proxy_path: proxyPath.optional() });

type DomainParams = AppParams & { domainIDOrName: string };

const domainTaken = () =>
  errors.conflict("domain_exists", "domain already exists", "Another instance already uses this domain name.");

/** The workspace-wide listing's filters, as SQL over `domains d JOIN instances i`. */
function workspaceFilter(query: Record<string, unknown>) {
  const conditions = [`NOT ${outsideWorkspaceSql("i.application_id")}`];
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
  return { where: conditions.join(" AND "), params };
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
    const intent = body.domain_intent_id ? pendingIntentFor(sb, body.domain_intent_id, body.name) : undefined;
    const row = sb.tx(() => {
      const name = availableDomainName(sb, instance, body.name, { taken: domainTaken });
      // Provider domains cannot point CNAMEs at Clerk, so their Frontend API runs behind a proxy.
      const proxyUrl = `https://${name}${body.proxy_path ?? intent?.proxy_path ?? "/__clerk"}`;
      const created = insertSatelliteDomain(sb, instance, { name, proxy_url: proxyUrl, is_provider_domain: true });
      if (intent) completeIntent(sb, intent, created.id);
      return created;
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
      throw SandboxApiError.one(
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
    ensureAllPrimaryDomains(sb);
    const { rows, total_count } = cursorPage<DomainRow>(sb, query, {
      table: "domains",
      alias: "d",
      joins: "JOIN instances i ON i.id = d.instance_id",
      ...workspaceFilter(query),
      what: "a domain",
    });
    return { data: rows.map(workspaceDomain), total_count };
  });

  app.get<{ Params: { domainIDOrName: string } }>("/domains/:domainIDOrName", async (request) => {
    const row = findAnyDomain(sb, request.params.domainIDOrName);
    if (!row || isOutsideWorkspace(sb, domainInstance(sb, row).application_id)) throw errors.notFound("Domain");
    return workspaceDomain(row);
  });
}
