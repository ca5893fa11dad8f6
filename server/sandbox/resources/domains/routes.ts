import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors, SandboxApiError } from "../../core/errors";
import { parseBody } from "../../core/http";
import { type InstanceRecord, readConfig } from "../../tenancy/instances";
import { availableDomainName, validateProxyUrl } from "./names";
import { serializeDomain } from "./serialize";
import {
  type DomainChanges,
  type DomainRow,
  deleteDomain,
  insertSatelliteDomain,
  listInstanceDomains,
  requireDomain,
  updateDomain,
} from "./store";

const addDomainBody = z.object({
  name: z.string(),
  is_satellite: z.boolean().refine((value) => value, "must be true: only satellite domains can be added"),
  proxy_url: z.string().nullish(),
});

const updateDomainBody = z.object({
  name: z.string().nullish(),
  proxy_url: z.string().nullish(),
  is_secondary: z.boolean().nullish(),
});

type Params = { domain_id: string };

/** A proxy only fronts a production Frontend API. */
function proxyUrlFor(instance: InstanceRecord, raw: string): string {
  if (instance.environment_type !== "production") {
    throw errors.paramInvalid("proxy_url", "proxy_url can only be set for production instances.");
  }
  return validateProxyUrl(raw);
}

/** Backend API `/domains`: the instance's primary domain and its satellites. */
export function domainRoutes(app: FastifyInstance, sb: SandboxContext): void {
  const serialize = (request: { instance: InstanceRecord }) => {
    const config = readConfig(request.instance);
    return (row: DomainRow) => serializeDomain(row, request.instance, config);
  };

  app.get("/domains", async (request) => {
    const rows = listInstanceDomains(sb, request.instance);
    return { data: rows.map(serialize(request)), total_count: rows.length };
  });

  app.post("/domains", async (request) => {
    const body = parseBody(addDomainBody, request.body);
    const instance = request.instance;
    const row = sb.tx(() =>
      insertSatelliteDomain(sb, instance, {
        name: availableDomainName(sb, instance, body.name),
        proxy_url: body.proxy_url ? proxyUrlFor(instance, body.proxy_url) : null,
        is_provider_domain: false,
      }),
    );
    return serialize(request)(row);
  });

  app.patch<{ Params: Params }>("/domains/:domain_id", async (request) => {
    const body = parseBody(updateDomainBody, request.body);
    const instance = request.instance;
    const row = sb.tx(() => {
      const current = requireDomain(sb, instance, request.params.domain_id);
      const changes: DomainChanges = {};
      if (body.name) changes.name = availableDomainName(sb, instance, body.name, { exceptId: current.id });
      // Setting the proxy to null (or empty) switches the domain back to DNS setup.
      if (body.proxy_url === null || body.proxy_url === "") changes.proxy_url = null;
      else if (body.proxy_url !== undefined) changes.proxy_url = proxyUrlFor(instance, body.proxy_url);
      if (body.is_secondary !== undefined && body.is_secondary !== null) changes.is_secondary = body.is_secondary;
      return updateDomain(sb, current, changes);
    });
    return serialize(request)(row);
  });

  app.delete<{ Params: Params }>("/domains/:domain_id", async (request) => {
    const row = requireDomain(sb, request.instance, request.params.domain_id);
    if (!row.is_satellite) {
      throw SandboxApiError.one(
        403,
        "primary_domain_deletion_forbidden",
        "primary domain cannot be deleted",
        "The instance's primary domain cannot be deleted; only satellite domains can.",
      );
    }
    sb.tx(() => deleteDomain(sb, row));
    return { object: "domain", id: row.id, deleted: true };
  });
}
