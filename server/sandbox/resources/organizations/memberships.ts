import type { SandboxContext } from "../../core/context";
import { errors, SandboxApiError } from "../../core/errors";
import { type Paging, parseOrderBy, queryList } from "../../core/http";
import { userFilters } from "../users/query";
import { DEFAULT_IMAGE_URL, primaryIdentifier, type UserRow } from "../users/repo";
import { assertMembershipCapacity } from "./capacity";
import { metadataJson } from "./metadata";
import { type OrganizationRow, serializeOrganization } from "./repo";
import { assertRoleKey, roleDirectories, summaryOf } from "./roles";
import { and, type Condition, placeholders, selectPage } from "./sql";

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

/** Serializes memberships, loading each organization, user and role directory once per page. */
export function serializeMemberships(sb: SandboxContext, rows: MembershipRow[]) {
  const organizations = new Map<string, OrganizationRow>();
  const directoryOf = roleDirectories(sb);
  return rows.map((row) => {
    let organization = organizations.get(row.organization_id);
    if (!organization) {
      organization = sb.stmt("SELECT * FROM organizations WHERE id = ?").get(row.organization_id) as OrganizationRow;
      organizations.set(row.organization_id, organization);
    }
    const user = sb.stmt("SELECT * FROM users WHERE id = ?").get(row.user_id) as UserRow;
    const role = summaryOf(directoryOf(row.instance_id), row.role);
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
  });
}

export function serializeMembership(sb: SandboxContext, row: MembershipRow) {
  return serializeMemberships(sb, [row])[0] as ReturnType<typeof serializeMemberships>[number];
}

/** One page of memberships matching `where` (over `organization_memberships m JOIN users u`). */
export function membershipsPage(sb: SandboxContext, where: Condition, order: string, paging: Paging) {
  const from = "organization_memberships m JOIN users u ON u.id = m.user_id";
  const { rows, total } = selectPage<MembershipRow>(sb, from, where, order, paging);
  return { data: serializeMemberships(sb, rows), total_count: total };
}

/** One page of memberships, for a user (`userId`) or an organization (`organizationId`), newest first. */
export function serializeMembershipsPage(
  sb: SandboxContext,
  owner: { userId: string } | { organizationId: string },
  limit: number,
  offset: number,
) {
  const where =
    "userId" in owner
      ? { sql: "m.user_id = ?", params: [owner.userId] }
      : { sql: "m.organization_id = ?", params: [owner.organizationId] };
  return membershipsPage(sb, where, "m.created_at DESC, m.id DESC", { limit, offset });
}

const ORDER_COLUMNS: Record<string, string> = {
  created_at: "m.created_at",
  email_address: "u.primary_email COLLATE NOCASE",
  phone_number: "u.primary_phone",
  first_name: "u.first_name COLLATE NOCASE",
  last_name: "u.last_name COLLATE NOCASE",
  username: "u.username COLLATE NOCASE",
};

export function membershipOrder(query: Record<string, unknown>): string {
  const order = parseOrderBy(query, Object.keys(ORDER_COLUMNS), "-created_at");
  return `${ORDER_COLUMNS[order.field]} ${order.direction}, m.id ${order.direction}`;
}

/** The member filters of `GET /organizations/{id}/memberships`: Clerk's user filters plus `role`. */
export function membershipFilters(instanceId: string, query: Record<string, unknown>): Condition {
  const users = userFilters(instanceId, query);
  const roles = queryList(query, "role");
  if (roles.length > 100) throw errors.paramValueInvalid("role", "role accepts up to 100 values.");
  return roles.length ? and(users, `m.role IN (${placeholders(roles)})`, ...roles) : users;
}

export function findMembership(sb: SandboxContext, organizationId: string, userId: string): MembershipRow | undefined {
  return sb
    .stmt("SELECT * FROM organization_memberships WHERE organization_id = ? AND user_id = ?")
    .get(organizationId, userId) as MembershipRow | undefined;
}

export function requireMembership(sb: SandboxContext, organizationId: string, userId: string): MembershipRow {
  const row = findMembership(sb, organizationId, userId);
  if (!row) throw errors.notFound("Organization membership");
  return row;
}

export function alreadyMember(who: string): SandboxApiError {
  return SandboxApiError.one(
    400,
    "already_a_member_in_organization",
    "already a member",
    `${who} is already a member of the organization.`,
  );
}

export interface NewMembership {
  role: string;
  public_metadata?: Record<string, unknown> | null;
  private_metadata?: Record<string, unknown> | null;
  /** The creator's membership takes the instance's creator role as configured, unchecked. */
  trustedRole?: boolean;
}

/** Adds `userId` to the organization, enforcing role, uniqueness and the membership limit. */
export function addMembership(
  sb: SandboxContext,
  organization: OrganizationRow,
  userId: string,
  membership: NewMembership,
): MembershipRow {
  if (!membership.trustedRole) assertRoleKey(sb, organization.instance_id, membership.role);
  if (findMembership(sb, organization.id, userId)) throw alreadyMember(`User ${userId}`);
  assertMembershipCapacity(sb, organization, 1);
  const now = sb.clock.now();
  const row: MembershipRow = {
    id: sb.newId("orgmem"),
    instance_id: organization.instance_id,
    organization_id: organization.id,
    user_id: userId,
    role: membership.role,
    public_metadata: metadataJson(membership.public_metadata, "public_metadata"),
    private_metadata: metadataJson(membership.private_metadata, "private_metadata"),
    created_at: now,
    updated_at: now,
  };
  sb.stmt(
    `INSERT INTO organization_memberships (id, instance_id, organization_id, user_id, role, public_metadata,
       private_metadata, created_at, updated_at)
     VALUES (@id, @instance_id, @organization_id, @user_id, @role, @public_metadata, @private_metadata, @created_at,
       @updated_at)`,
  ).run(row);
  return row;
}
