import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { DEFAULT_IMAGE_URL } from "../users/repo";
import { countMembers, countPendingInvitations } from "./capacity";
import { elevatedRoleKeys, roleDirectory } from "./roles";

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

/** The lower-cased text `?query=` searches: id, name and slug. */
export function organizationSearch(row: { id: string; name: string; slug: string }): string {
  return `${row.id}\n${row.name}\n${row.slug}`.toLowerCase();
}

export function assertSlugFormat(slug: string): void {
  if (!/^[a-z0-9-]+$/.test(slug)) {
    throw errors.paramInvalid("slug", "slug can contain only lowercase alphanumeric characters and the dash '-'.");
  }
}

export function assertSlugAvailable(sb: SandboxContext, instanceId: string, slug: string, exceptId?: string): void {
  const owner = sb
    .stmt("SELECT id FROM organizations WHERE instance_id = ? AND slug = ?")
    .pluck()
    .get(instanceId, slug);
  if (owner && owner !== exceptId) throw errors.identifierExists("slug", "slug");
}

/** A slug derived from the name (`Acme Inc.` → `acme-inc`), numbered when the plain one is taken. */
export function slugFromName(sb: SandboxContext, instanceId: string, name: string): string {
  const base =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "organization";
  const taken = sb.stmt("SELECT 1 FROM organizations WHERE instance_id = ? AND slug = ?");
  let slug = base;
  for (let n = 2; taken.get(instanceId, slug); n++) slug = `${base}-${n}`;
  return slug;
}

/** Clerk's name rules: present, at most 256 characters, no URLs or HTML. */
export function assertOrganizationName(name: string): void {
  if (name.trim() === "") throw errors.paramMissing("name");
  if (name.length > 256) throw errors.paramInvalid("name", "name must be at most 256 characters long.");
  if (/<[^>]*>|[a-z][a-z0-9+.-]*:\/\//i.test(name)) {
    throw errors.paramValueInvalid("name", "name may not contain URLs or HTML.");
  }
}

/** Optional fields the list and get endpoints add on request. */
export interface OrganizationView {
  /** `include_members_count`: members and pending invitations. */
  counts?: boolean;
  /** `include_missing_member_with_elevated_permissions`: no member can manage members. */
  elevated?: boolean;
}

export function serializeOrganization(row: OrganizationRow, extras: Record<string, number | boolean> = {}) {
  return {
    object: "organization",
    id: row.id,
    name: row.name,
    slug: row.slug,
    image_url: row.image_url ?? DEFAULT_IMAGE_URL,
    has_image: row.image_url !== null,
    ...extras,
    max_allowed_memberships: row.max_allowed_memberships,
    admin_delete_enabled: Boolean(row.admin_delete_enabled),
    public_metadata: JSON.parse(row.public_metadata) as Record<string, unknown>,
    private_metadata: JSON.parse(row.private_metadata) as Record<string, unknown>,
    ...(row.created_by ? { created_by: row.created_by } : {}),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export type SerializedOrganization = ReturnType<typeof serializeOrganization>;

/** Whether an organization has a member whose role can manage members. */
function elevatedMemberCheck(sb: SandboxContext, instanceId: string): (organizationId: string) => boolean {
  const roles = elevatedRoleKeys(roleDirectory(sb, instanceId));
  const statement = sb.db
    .prepare(
      `SELECT 1 FROM organization_memberships WHERE organization_id = ?
         AND role IN (${roles.map(() => "?").join(",") || "NULL"}) LIMIT 1`,
    )
    .pluck();
  return (organizationId) => statement.get(organizationId, ...roles) !== undefined;
}

/** Serializes a page of organizations with the extras the request asked for. */
export function serializeOrganizations(
  sb: SandboxContext,
  instanceId: string,
  rows: OrganizationRow[],
  view: OrganizationView = {},
): SerializedOrganization[] {
  const hasElevatedMember = view.elevated ? elevatedMemberCheck(sb, instanceId) : undefined;
  return rows.map((row) => {
    const extras: Record<string, number | boolean> = {};
    if (view.counts) {
      extras.members_count = countMembers(sb, row.id);
      extras.pending_invitations_count = countPendingInvitations(sb, row.id);
    }
    if (hasElevatedMember) extras.missing_member_with_elevated_permissions = !hasElevatedMember(row.id);
    return serializeOrganization(row, extras);
  });
}
