import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors, SandboxApiError } from "../../core/errors";
import { parseBody, parsePaging, queryBoolean, queryOf } from "../../core/http";
import { readConfig } from "../../tenancy/instances";
import { readImage, uploadedImageUrl } from "../user-security/profile-image";
import { requireUser } from "../users/repo";
import { addMembership, serializeMembership } from "./memberships";
import { metadataJson, metadataSchema, nextMetadata } from "./metadata";
import { organizationFilters, organizationOrder } from "./query";
import {
  assertOrganizationName,
  assertSlugAvailable,
  assertSlugFormat,
  type OrganizationRow,
  type OrganizationView,
  organizationSearch,
  requireOrganization,
  serializeOrganization,
  serializeOrganizations,
  slugFromName,
} from "./repo";
import { selectPage } from "./sql";

const rfc3339 = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), "must be an RFC3339 date-time")
  .nullish();

const createBody = z.object({
  name: z.string(),
  created_by: z.string().nullish(),
  public_metadata: metadataSchema.nullish(),
  private_metadata: metadataSchema.nullish(),
  slug: z.string().nullish(),
  max_allowed_memberships: z.number().int().min(0).nullish(),
  created_at: rfc3339,
  role_set_key: z.string().nullish(),
});

const updateBody = z.object({
  name: z.string().nullish(),
  slug: z.string().nullish(),
  public_metadata: metadataSchema.nullish(),
  private_metadata: metadataSchema.nullish(),
  max_allowed_memberships: z.number().int().min(0).nullish(),
  admin_delete_enabled: z.boolean().nullish(),
  created_at: rfc3339,
  role_set_key: z.string().nullish(),
});

const metadataBody = z.object({
  public_metadata: metadataSchema.nullish(),
  private_metadata: metadataSchema.nullish(),
});

type Params = { organization_id: string };

function viewOf(request: FastifyRequest): OrganizationView {
  const query = queryOf(request);
  return {
    counts: queryBoolean(query, "include_members_count") === true,
    elevated: queryBoolean(query, "include_missing_member_with_elevated_permissions") === true,
  };
}

function emitOrganization(sb: SandboxContext, type: string, row: OrganizationRow) {
  sb.emit({ instanceId: row.instance_id, type, data: serializeOrganization(row) });
}

/** Writes the changed columns (and `updated_at`, `search`) of one organization. */
function updateOrganization(sb: SandboxContext, row: OrganizationRow, set: Record<string, unknown>): OrganizationRow {
  const next = { ...row, ...set } as OrganizationRow;
  const columns = { ...set, search: organizationSearch(next), updated_at: sb.clock.now() };
  sb.db
    .prepare(
      `UPDATE organizations SET ${Object.keys(columns)
        .map((c) => `${c} = @${c}`)
        .join(", ")} WHERE id = @id`,
    )
    .run({ ...columns, id: row.id });
  return requireOrganization(sb, row.instance_id, row.id);
}

export function organizationRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.get("/organizations", async (request) => {
    const query = queryOf(request);
    const paging = parsePaging(query);
    const where = organizationFilters(request.instance.id, query);
    const order = organizationOrder(query);
    const view = viewOf(request);
    const { rows, total } = selectPage<OrganizationRow>(sb, "organizations o", where, order, paging);
    return { data: serializeOrganizations(sb, request.instance.id, rows, view), total_count: total };
  });

  app.post("/organizations", async (request) => {
    const body = parseBody(createBody, request.body);
    const instanceId = request.instance.id;
    const settings = readConfig(request.instance).organization_settings;
    assertOrganizationName(body.name);
    if (body.slug) assertSlugFormat(body.slug);
    const row = sb.tx(() => {
      if (body.created_by) requireUser(sb, instanceId, body.created_by);
      if (body.slug) assertSlugAvailable(sb, instanceId, body.slug);
      const slug = body.slug || slugFromName(sb, instanceId, body.name);
      const id = sb.newId("org");
      const createdAt = body.created_at ? Date.parse(body.created_at) : sb.clock.now();
      sb.stmt(
        `INSERT INTO organizations (id, instance_id, name, slug, max_allowed_memberships, admin_delete_enabled,
           public_metadata, private_metadata, created_by, search, created_at, updated_at)
         VALUES (@id, @instance_id, @name, @slug, @max_allowed_memberships, @admin_delete_enabled, @public_metadata,
           @private_metadata, @created_by, @search, @created_at, @updated_at)`,
      ).run({
        id,
        instance_id: instanceId,
        name: body.name,
        slug,
        max_allowed_memberships: body.max_allowed_memberships ?? settings.max_allowed_memberships,
        admin_delete_enabled: settings.admin_delete_enabled ? 1 : 0,
        public_metadata: metadataJson(body.public_metadata, "public_metadata"),
        private_metadata: metadataJson(body.private_metadata, "private_metadata"),
        created_by: body.created_by ?? null,
        search: organizationSearch({ id, name: body.name, slug }),
        created_at: createdAt,
        updated_at: createdAt,
      });
      const created = requireOrganization(sb, instanceId, id);
      emitOrganization(sb, "organization.created", created);
      if (body.created_by) {
        // The creator joins with the instance's creator role, whatever its current limit.
        const membership = addMembership(sb, created, body.created_by, {
          role: settings.creator_role,
          trustedRole: true,
        });
        sb.emit({ instanceId, type: "organizationMembership.created", data: serializeMembership(sb, membership) });
      }
      return created;
    });
    return serializeOrganization(row);
  });

  app.get<{ Params: Params }>("/organizations/:organization_id", async (request) => {
    const row = requireOrganization(sb, request.instance.id, request.params.organization_id);
    return serializeOrganizations(sb, request.instance.id, [row], viewOf(request))[0];
  });

  app.patch<{ Params: Params }>("/organizations/:organization_id", async (request) => {
    const body = parseBody(updateBody, request.body);
    if (request.headers["clerk-api-version"] === "2026-05-12") {
      for (const param of ["public_metadata", "private_metadata"] as const) {
        if (body[param] !== undefined) {
          throw errors.paramValueInvalid(
            param,
            `${param} can no longer be set with PATCH /organizations/{organization_id} as of API version 2026-05-12; use PATCH or PUT /organizations/{organization_id}/metadata.`,
          );
        }
      }
    }
    if (body.name !== undefined && body.name !== null) assertOrganizationName(body.name);
    if (body.slug) assertSlugFormat(body.slug);
    const current = requireOrganization(sb, request.instance.id, request.params.organization_id);
    const row = sb.tx(() => {
      const set: Record<string, unknown> = {};
      if (body.name) set.name = body.name;
      if (body.slug) {
        assertSlugAvailable(sb, current.instance_id, body.slug, current.id);
        set.slug = body.slug;
      }
      if (body.max_allowed_memberships !== undefined && body.max_allowed_memberships !== null) {
        set.max_allowed_memberships = body.max_allowed_memberships;
      }
      if (body.admin_delete_enabled !== undefined && body.admin_delete_enabled !== null) {
        set.admin_delete_enabled = body.admin_delete_enabled ? 1 : 0;
      }
      for (const param of ["public_metadata", "private_metadata"] as const) {
        if (body[param] !== undefined) set[param] = nextMetadata(current[param], body[param], "replace", param);
      }
      if (body.created_at) set.created_at = Date.parse(body.created_at);
      const updated = updateOrganization(sb, current, set);
      emitOrganization(sb, "organization.updated", updated);
      return updated;
    });
    return serializeOrganization(row);
  });

  // The logo is an uploaded image (multipart `file`); the organization's image_url points at it.
  app.put<{ Params: Params }>("/organizations/:organization_id/logo", async (request) => {
    const current = requireOrganization(sb, request.instance.id, request.params.organization_id);
    const uploader = request.body instanceof FormData ? request.body.get("uploader_user_id") : null;
    if (typeof uploader === "string" && uploader !== "") requireUser(sb, current.instance_id, uploader);
    const image = await readImage(request.body);
    const row = sb.tx(() => {
      const updated = updateOrganization(sb, current, { image_url: uploadedImageUrl(image) });
      emitOrganization(sb, "organization.updated", updated);
      return updated;
    });
    const organization = serializeOrganization(row);
    return { ...organization, logo_url: organization.image_url };
  });

  app.delete<{ Params: Params }>("/organizations/:organization_id/logo", async (request) => {
    const current = requireOrganization(sb, request.instance.id, request.params.organization_id);
    if (current.image_url === null) {
      throw SandboxApiError.one(404, "image_not_found", "not found", "This organization has no logo.");
    }
    const row = sb.tx(() => {
      const updated = updateOrganization(sb, current, { image_url: null });
      emitOrganization(sb, "organization.updated", updated);
      return updated;
    });
    return serializeOrganization(row);
  });

  app.delete<{ Params: Params }>("/organizations/:organization_id", async (request) => {
    const row = requireOrganization(sb, request.instance.id, request.params.organization_id);
    const deleted = { object: "organization", id: row.id, slug: row.slug, deleted: true };
    sb.tx(() => {
      // Memberships and invitations go with it (ON DELETE CASCADE); sessions forget it as active.
      sb.stmt("DELETE FROM organizations WHERE id = ?").run(row.id);
      sb.stmt(
        "UPDATE sessions SET last_active_organization_id = NULL, updated_at = ? WHERE last_active_organization_id = ?",
      ).run(sb.clock.now(), row.id);
      sb.emit({ instanceId: row.instance_id, type: "organization.deleted", data: deleted });
    });
    return deleted;
  });

  const metadataRoute = (method: "PATCH" | "PUT") =>
    app.route<{ Params: Params }>({
      method,
      url: "/organizations/:organization_id/metadata",
      handler: async (request) => {
        const body = parseBody(metadataBody, request.body);
        const current = requireOrganization(sb, request.instance.id, request.params.organization_id);
        const mode = method === "PUT" ? "replace" : "merge";
        const row = sb.tx(() => {
          const updated = updateOrganization(sb, current, {
            public_metadata: nextMetadata(current.public_metadata, body.public_metadata, mode, "public_metadata"),
            private_metadata: nextMetadata(current.private_metadata, body.private_metadata, mode, "private_metadata"),
          });
          emitOrganization(sb, "organization.updated", updated);
          return updated;
        });
        return serializeOrganization(row);
      },
    });
  metadataRoute("PATCH");
  metadataRoute("PUT");
}
