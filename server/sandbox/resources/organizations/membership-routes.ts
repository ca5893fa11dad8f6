import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { parseBody, parsePaging, queryOf } from "../../core/http";
import { requireUser } from "../users/repo";
import {
  addMembership,
  type MembershipRow,
  membershipFilters,
  membershipOrder,
  membershipsPage,
  requireMembership,
  serializeMembership,
} from "./memberships";
import { metadataSchema, nextMetadata } from "./metadata";
import { requireOrganization } from "./repo";
import { assertRoleKey } from "./roles";

const createBody = z.object({
  user_id: z.string(),
  role: z.string(),
  public_metadata: metadataSchema.nullish(),
  private_metadata: metadataSchema.nullish(),
});

const updateBody = z.object({ role: z.string() });

const metadataBody = z.object({
  public_metadata: metadataSchema.nullish(),
  private_metadata: metadataSchema.nullish(),
});

type OrganizationParams = { organization_id: string };
type MemberParams = OrganizationParams & { user_id: string };

function emitMembership(sb: SandboxContext, type: string, row: MembershipRow) {
  const membership = serializeMembership(sb, row);
  sb.emit({ instanceId: row.instance_id, type, data: membership });
  return membership;
}

function reload(sb: SandboxContext, row: MembershipRow): MembershipRow {
  return requireMembership(sb, row.organization_id, row.user_id);
}

export function membershipRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.get<{ Params: OrganizationParams }>("/organizations/:organization_id/memberships", async (request) => {
    const query = queryOf(request);
    const paging = parsePaging(query);
    const organization = requireOrganization(sb, request.instance.id, request.params.organization_id);
    const filters = membershipFilters(request.instance.id, query);
    const where = { sql: `m.organization_id = ? AND ${filters.sql}`, params: [organization.id, ...filters.params] };
    return membershipsPage(sb, where, membershipOrder(query), paging);
  });

  app.get("/organization_memberships", async (request) => {
    const query = queryOf(request);
    const paging = parsePaging(query);
    const where = { sql: "m.instance_id = ?", params: [request.instance.id] };
    return membershipsPage(sb, where, membershipOrder(query), paging);
  });

  app.post<{ Params: OrganizationParams }>("/organizations/:organization_id/memberships", async (request) => {
    const body = parseBody(createBody, request.body);
    const organization = requireOrganization(sb, request.instance.id, request.params.organization_id);
    return sb.tx(() => {
      requireUser(sb, organization.instance_id, body.user_id);
      const row = addMembership(sb, organization, body.user_id, body);
      return emitMembership(sb, "organizationMembership.created", row);
    });
  });

  app.patch<{ Params: MemberParams }>("/organizations/:organization_id/memberships/:user_id", async (request) => {
    const { role } = parseBody(updateBody, request.body);
    const organization = requireOrganization(sb, request.instance.id, request.params.organization_id);
    const current = requireMembership(sb, organization.id, request.params.user_id);
    assertRoleKey(sb, organization.instance_id, role);
    return sb.tx(() => {
      sb.stmt("UPDATE organization_memberships SET role = ?, updated_at = ? WHERE id = ?").run(
        role,
        sb.clock.now(),
        current.id,
      );
      return emitMembership(sb, "organizationMembership.updated", reload(sb, current));
    });
  });

  app.delete<{ Params: MemberParams }>("/organizations/:organization_id/memberships/:user_id", async (request) => {
    const organization = requireOrganization(sb, request.instance.id, request.params.organization_id);
    const current = requireMembership(sb, organization.id, request.params.user_id);
    return sb.tx(() => {
      const membership = emitMembership(sb, "organizationMembership.deleted", current);
      sb.stmt("DELETE FROM organization_memberships WHERE id = ?").run(current.id);
      return membership;
    });
  });

  app.patch<{ Params: MemberParams }>(
    "/organizations/:organization_id/memberships/:user_id/metadata",
    async (request) => {
      const body = parseBody(metadataBody, request.body);
      const organization = requireOrganization(sb, request.instance.id, request.params.organization_id);
      const current = requireMembership(sb, organization.id, request.params.user_id);
      return sb.tx(() => {
        sb.stmt(
          "UPDATE organization_memberships SET public_metadata = ?, private_metadata = ?, updated_at = ? WHERE id = ?",
        ).run(
          nextMetadata(current.public_metadata, body.public_metadata, "merge", "public_metadata"),
          nextMetadata(current.private_metadata, body.private_metadata, "merge", "private_metadata"),
          sb.clock.now(),
          current.id,
        );
        return emitMembership(sb, "organizationMembership.updated", reload(sb, current));
      });
    },
  );
}
