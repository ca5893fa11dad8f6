import type { SandboxContext } from "../../core/context";
import { DEFAULT_IMAGE_URL, primaryIdentifier, type UserRow } from "../users/repo";
import { type OrganizationRow, serializeOrganization } from "./repo";

export interface MembershipRow {
  id: string;
  instance_id: string;
  organization_id: string;
  user_id: string;
  role: string;
  public_metadata: string;
  private_metadata: string;
  created_at: number;
  updated_at: number;
}

/** Permissions of Clerk's two default roles; custom roles carry their own list. */
const DEFAULT_ROLE_PERMISSIONS: Record<string, string[]> = {
  "org:admin": [
    "org:sys_profile:manage",
    "org:sys_profile:delete",
    "org:sys_memberships:read",
    "org:sys_memberships:manage",
    "org:sys_domains:read",
    "org:sys_domains:manage",
  ],
  "org:member": ["org:sys_memberships:read"],
};

function roleInfo(sb: SandboxContext, instanceId: string, key: string): { name: string; permissions: string[] } {
  const custom = sb
    .stmt("SELECT name, permissions FROM organization_roles WHERE instance_id = ? AND key = ?")
    .get(instanceId, key) as { name: string; permissions: string } | undefined;
  if (custom) return { name: custom.name, permissions: JSON.parse(custom.permissions) as string[] };
  const name = key.replace(/^org:/, "");
  return { name: name.charAt(0).toUpperCase() + name.slice(1), permissions: DEFAULT_ROLE_PERMISSIONS[key] ?? [] };
}

export function publicUserData(user: UserRow) {
  return {
    user_id: user.id,
    first_name: user.first_name,
    last_name: user.last_name,
    profile_image_url: user.image_url ?? DEFAULT_IMAGE_URL,
    image_url: user.image_url ?? DEFAULT_IMAGE_URL,
    has_image: user.image_url !== null,
    identifier: primaryIdentifier(user),
    username: user.username,
    banned: Boolean(user.banned),
    deprovisioned: false,
  };
}

export function serializeMembership(sb: SandboxContext, row: MembershipRow) {
  const organization = sb.stmt("SELECT * FROM organizations WHERE id = ?").get(row.organization_id) as OrganizationRow;
  const user = sb.stmt("SELECT * FROM users WHERE id = ?").get(row.user_id) as UserRow;
  const role = roleInfo(sb, row.instance_id, row.role);
  return {
    object: "organization_membership",
    id: row.id,
    role: row.role,
    role_name: role.name,
    permissions: role.permissions,
    public_metadata: JSON.parse(row.public_metadata) as Record<string, unknown>,
    private_metadata: JSON.parse(row.private_metadata) as Record<string, unknown>,
    organization: serializeOrganization(organization),
    public_user_data: publicUserData(user),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** One page of memberships, for a user (`userId`) or an organization (`organizationId`). */
export function serializeMembershipsPage(
  sb: SandboxContext,
  owner: { userId: string } | { organizationId: string },
  limit: number,
  offset: number,
) {
  const [column, value] = "userId" in owner ? ["user_id", owner.userId] : ["organization_id", owner.organizationId];
  const rows = sb.db
    .prepare(
      `SELECT * FROM organization_memberships WHERE ${column} = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
    )
    .all(value, limit, offset) as MembershipRow[];
  const total = sb.db
    .prepare(`SELECT count(*) FROM organization_memberships WHERE ${column} = ?`)
    .pluck()
    .get(value) as number;
  return { data: rows.map((row) => serializeMembership(sb, row)), total_count: total };
}
