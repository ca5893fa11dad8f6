import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";

export interface OrganizationRow {
  id: string;
  instance_id: string;
  name: string;
  slug: string;
  image_url: string | null;
  max_allowed_memberships: number;
  admin_delete_enabled: number;
  public_metadata: string;
  private_metadata: string;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

/** Organizations are addressed by id or by slug, as in Clerk. */
export function findOrganization(
  sb: SandboxContext,
  instanceId: string,
  idOrSlug: string,
): OrganizationRow | undefined {
  return sb
    .stmt("SELECT * FROM organizations WHERE instance_id = ? AND (id = ? OR slug = ?)")
    .get(instanceId, idOrSlug, idOrSlug) as OrganizationRow | undefined;
}

export function requireOrganization(sb: SandboxContext, instanceId: string, idOrSlug: string): OrganizationRow {
  const row = findOrganization(sb, instanceId, idOrSlug);
  if (!row) throw errors.notFound("Organization");
  return row;
}

export interface OrganizationCounts {
  members_count?: number;
  pending_invitations_count?: number;
}

export function serializeOrganization(row: OrganizationRow, counts: OrganizationCounts = {}) {
  return {
    object: "organization",
    id: row.id,
    name: row.name,
    slug: row.slug,
    image_url: row.image_url ?? "",
    has_image: row.image_url !== null,
    ...counts,
    max_allowed_memberships: row.max_allowed_memberships,
    admin_delete_enabled: Boolean(row.admin_delete_enabled),
    public_metadata: JSON.parse(row.public_metadata) as Record<string, unknown>,
    private_metadata: JSON.parse(row.private_metadata) as Record<string, unknown>,
    ...(row.created_by ? { created_by: row.created_by } : {}),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
