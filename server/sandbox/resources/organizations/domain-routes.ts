import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { parseBody, parseOrderBy, parsePaging, queryBoolean, queryList, queryOf, queryString } from "../../core/http";
import { readConfig } from "../../tenancy/instances";
import { likeContains } from "../users/query";
import {
  assertDomainsEnabled,
  assertEnrollmentMode,
  domainName,
  ENROLLMENT_MODES,
  type OrganizationDomainRow,
  requireDomain,
  serializeDomain,
} from "./domains";
import { type OrganizationRow, requireOrganization } from "./repo";
import { and, type Condition, placeholders, selectPage } from "./sql";

const createBody = z.strictObject({
  name: z.string(),
  enrollment_mode: z.string(),
  verified: z.boolean().nullish(),
});

const updateBody = z.object({
  enrollment_mode: z.string().nullish(),
  verified: z.boolean().nullish(),
});

type OrgParams = { organization_id: string };
type DomainParams = OrgParams & { domain_id: string };

const ORDER_COLUMNS: Record<string, string> = { created_at: "d.created_at", name: "d.name" };

/** `verified` and `enrollment_mode` (values to include, `-value` to exclude), shared by both lists. */
function filters(request: FastifyRequest, where: Condition): Condition {
  const query = queryOf(request);
  let next = where;
  const verified = queryBoolean(query, "verified");
  if (verified !== undefined) next = and(next, verified ? "d.verified_at IS NOT NULL" : "d.verified_at IS NULL");
  const modes = queryList(query, "enrollment_mode");
  for (const mode of modes) {
    if (!(ENROLLMENT_MODES as readonly string[]).includes(mode.replace(/^-/, ""))) {
      throw errors.paramValueInvalid("enrollment_mode", `${mode} is not an enrollment mode.`);
    }
  }
  const include = modes.filter((mode) => !mode.startsWith("-"));
  const exclude = modes.filter((mode) => mode.startsWith("-")).map((mode) => mode.slice(1));
  if (include.length) next = and(next, `d.enrollment_mode IN (${placeholders(include)})`, ...include);
  if (exclude.length) next = and(next, `d.enrollment_mode NOT IN (${placeholders(exclude)})`, ...exclude);
  return next;
}

function page(sb: SandboxContext, request: FastifyRequest, where: Condition) {
  const query = queryOf(request);
  const paging = parsePaging(query);
  const order = parseOrderBy(query, Object.keys(ORDER_COLUMNS), "-created_at");
  const orderSql = `${ORDER_COLUMNS[order.field]} ${order.direction}, d.rowid ${order.direction}`;
  return selectPage<OrganizationDomainRow>(sb, "organization_domains d", filters(request, where), orderSql, paging);
}

/** Backend API organization domains: per organization, and `/organization_domains` across the instance. */
export function domainRoutes(app: FastifyInstance, sb: SandboxContext): void {
  const emit = (type: string, row: OrganizationDomainRow) => {
    const domain = serializeDomain(sb, row);
    sb.emit({ instanceId: row.instance_id, type, data: domain });
    return domain;
  };
  const reload = (row: OrganizationDomainRow) => requireDomain(sb, row.organization_id, row.id);

  app.get<{ Params: OrgParams }>("/organizations/:organization_id/domains", async (request) => {
    const organization = requireOrganization(sb, request.instance.id, request.params.organization_id);
    const { rows, total } = page(sb, request, { sql: "d.organization_id = ?", params: [organization.id] });
    return { data: rows.map((row) => serializeDomain(sb, row)), total_count: total };
  });

  app.post<{ Params: OrgParams }>("/organizations/:organization_id/domains", async (request) => {
    const body = parseBody(createBody, request.body);
    const instanceId = request.instance.id;
    const organization = requireOrganization(sb, instanceId, request.params.organization_id);
    const config = readConfig(request.instance);
    assertDomainsEnabled(config);
    const name = domainName(body.name);
    const mode = assertEnrollmentMode(sb, instanceId, config, body.enrollment_mode, name);
    return sb.tx(() => {
      if (sb.stmt("SELECT 1 FROM organization_domains WHERE instance_id = ? AND name = ?").get(instanceId, name)) {
        throw errors.identifierExists("name", "domain");
      }
      const now = sb.clock.now();
      const row: OrganizationDomainRow = {
        id: sb.newId("orgdmn"),
        instance_id: instanceId,
        organization_id: organization.id,
        name,
        enrollment_mode: mode,
        // Clerk verifies domains added through the Backend API unless told otherwise.
        verified_at: body.verified === false ? null : now,
        ownership_verified_at: null,
        created_at: now,
        updated_at: now,
      };
      sb.stmt(
        `INSERT INTO organization_domains (id, instance_id, organization_id, name, enrollment_mode, verified_at,
           ownership_verified_at, created_at, updated_at)
         VALUES (@id, @instance_id, @organization_id, @name, @enrollment_mode, @verified_at, @ownership_verified_at,
           @created_at, @updated_at)`,
      ).run(row);
      return emit("organizationDomain.created", row);
    });
  });

  app.patch<{ Params: DomainParams }>("/organizations/:organization_id/domains/:domain_id", async (request) => {
    const body = parseBody(updateBody, request.body);
    const organization = requireOrganization(sb, request.instance.id, request.params.organization_id);
    const current = requireDomain(sb, organization.id, request.params.domain_id);
    const config = readConfig(request.instance);
    assertDomainsEnabled(config);
    const mode = body.enrollment_mode
      ? assertEnrollmentMode(sb, request.instance.id, config, body.enrollment_mode, current.name)
      : current.enrollment_mode;
    const now = sb.clock.now();
    const verifiedAt =
      body.verified === undefined || body.verified === null
        ? current.verified_at
        : body.verified
          ? (current.verified_at ?? now)
          : null;
    return sb.tx(() => {
      sb.stmt("UPDATE organization_domains SET enrollment_mode = ?, verified_at = ?, updated_at = ? WHERE id = ?").run(
        mode,
        verifiedAt,
        now,
        current.id,
      );
      return emit("organizationDomain.updated", reload(current));
    });
  });

  app.delete<{ Params: DomainParams }>("/organizations/:organization_id/domains/:domain_id", async (request) => {
    const organization = requireOrganization(sb, request.instance.id, request.params.organization_id);
    const domain = requireDomain(sb, organization.id, request.params.domain_id);
    const deleted = { object: "organization_domain", id: domain.id, deleted: true };
    sb.tx(() => {
      sb.stmt("DELETE FROM organization_domains WHERE id = ?").run(domain.id);
      sb.emit({ instanceId: domain.instance_id, type: "organizationDomain.deleted", data: deleted });
    });
    return deleted;
  });

  // The Backend API's manual override of the DNS ownership challenge; calling it again changes nothing.
  app.post<{ Params: DomainParams }>(
    "/organizations/:organization_id/domains/:domain_id/verify_ownership",
    async (request) => {
      const organization = requireOrganization(sb, request.instance.id, request.params.organization_id);
      const domain = requireDomain(sb, organization.id, request.params.domain_id);
      if (domain.ownership_verified_at !== null) return serializeDomain(sb, domain);
      const now = sb.clock.now();
      return sb.tx(() => {
        sb.stmt("UPDATE organization_domains SET ownership_verified_at = ?, updated_at = ? WHERE id = ?").run(
          now,
          now,
          domain.id,
        );
        return emit("organizationDomain.updated", reload(domain));
      });
    },
  );

  app.get("/organization_domains", async (request) => {
    const query = queryOf(request);
    let where: Condition = { sql: "d.instance_id = ?", params: [request.instance.id] };
    const organizationId = queryString(query, "organization_id");
    if (organizationId) where = and(where, "d.organization_id = ?", organizationId);
    const search = queryString(query, "query");
    if (search !== undefined) {
      const term = search.trim();
      if (term === "") throw errors.paramValueInvalid("query", "query cannot be empty.");
      where = term.startsWith("org_")
        ? and(where, "d.organization_id = ?", term)
        : and(where, "d.name LIKE ? ESCAPE '\\'", likeContains(term));
    }
    const names = queryList(query, "domains").map((name) => name.toLowerCase());
    if (names.length) where = and(where, `d.name IN (${placeholders(names)})`, ...names);
    const { rows, total } = page(sb, request, where);
    const organizations = new Map<string, OrganizationRow>();
    const organizationOf = (id: string) => {
      let organization = organizations.get(id);
      if (!organization) {
        organization = requireOrganization(sb, request.instance.id, id);
        organizations.set(id, organization);
      }
      return organization;
    };
    return {
      data: rows.map((row) => serializeDomain(sb, row, organizationOf(row.organization_id))),
      total_count: total,
    };
  });
}
