import type { SandboxContext } from "../../core/context";
import { errors, SandboxApiError } from "../../core/errors";
import { type Paging, parseOrderBy } from "../../core/http";
import { emitEmail } from "../identifiers/messages";
import { assertEmailFormat, DEFAULT_IMAGE_URL, primaryIdentifier, requireUser, type UserRow } from "../users/repo";
import { assertMembershipCapacity } from "./capacity";
import { effectiveStatus } from "./invitation-status";
import { alreadyMember, findMembership } from "./memberships";
import { metadataJson } from "./metadata";
import type { OrganizationRow } from "./repo";
import { assertRoleKey, MANAGE_MEMBERS_PERMISSION, roleDirectories, roleDirectory, summaryOf } from "./roles";
import { type Condition, selectPage } from "./sql";

export interface InvitationRow {
  id: string;
  instance_id: string;
  organization_id: string;
  email_address: string;
  role: string;
  status: string;
  inviter_id: string | null;
  redirect_url: string | null;
  public_metadata: string;
  private_metadata: string;
  expires_at: number | null;
  created_at: number;
  updated_at: number;
}

const DAY_MS = 86_400_000;
const DEFAULT_EXPIRY_DAYS = 30;

function publicInviterData(user: UserRow | undefined) {
  if (!user) return null;
  return {
    user_id: user.id,
    first_name: user.first_name,
    last_name: user.last_name,
    image_url: user.image_url ?? DEFAULT_IMAGE_URL,
    has_image: user.image_url !== null,
    identifier: primaryIdentifier(user) ?? "",
  };
}

export function publicOrganizationData(organization: OrganizationRow) {
  return {
    id: organization.id,
    name: organization.name,
    slug: organization.slug,
    image_url: organization.image_url ?? DEFAULT_IMAGE_URL,
    has_image: organization.image_url !== null,
  };
}

/**
 * Serializes invitations as Clerk's OrganizationInvitation. Lists across organizations (the
 * instance's and a user's) also carry `public_organization_data`.
 */
export function serializeInvitations(sb: SandboxContext, rows: InvitationRow[], withOrganization = false) {
  const now = sb.clock.now();
  const directoryOf = roleDirectories(sb);
  return rows.map((row) => {
    const inviter = row.inviter_id
      ? (sb.stmt("SELECT * FROM users WHERE id = ?").get(row.inviter_id) as UserRow | undefined)
      : undefined;
    const organization = withOrganization
      ? (sb.stmt("SELECT * FROM organizations WHERE id = ?").get(row.organization_id) as OrganizationRow)
      : undefined;
    return {
      object: "organization_invitation",
      id: row.id,
      email_address: row.email_address,
      role: row.role,
      role_name: summaryOf(directoryOf(row.instance_id), row.role).name,
      organization_id: row.organization_id,
      inviter_id: row.inviter_id,
      public_inviter_data: publicInviterData(inviter),
      status: effectiveStatus(row, now),
      public_metadata: JSON.parse(row.public_metadata) as Record<string, unknown>,
      private_metadata: JSON.parse(row.private_metadata) as Record<string, unknown>,
      url: null,
      expires_at: row.expires_at,
      created_at: row.created_at,
      updated_at: row.updated_at,
      ...(organization ? { public_organization_data: publicOrganizationData(organization) } : {}),
    };
  });
}

export function serializeInvitation(sb: SandboxContext, row: InvitationRow) {
  return serializeInvitations(sb, [row])[0] as ReturnType<typeof serializeInvitations>[number];
}

/** One page of invitations matching `where` (over `organization_invitations i`). */
export function invitationsPage(
  sb: SandboxContext,
  where: Condition,
  order: string,
  paging: Paging,
  withOrganization = false,
) {
  const { rows, total } = selectPage<InvitationRow>(sb, "organization_invitations i", where, order, paging);
  return { data: serializeInvitations(sb, rows, withOrganization), total_count: total };
}

const ORDER_COLUMNS: Record<string, string> = {
  created_at: "i.created_at",
  email_address: "lower(i.email_address)",
};

export function invitationOrder(query: Record<string, unknown>): string {
  const order = parseOrderBy(query, Object.keys(ORDER_COLUMNS), "-created_at");
  return `${ORDER_COLUMNS[order.field]} ${order.direction}, i.id ${order.direction}`;
}

export function requireInvitation(sb: SandboxContext, organizationId: string, invitationId: string): InvitationRow {
  const row = sb
    .stmt("SELECT * FROM organization_invitations WHERE organization_id = ? AND id = ?")
    .get(organizationId, invitationId) as InvitationRow | undefined;
  if (!row) throw errors.notFound("Organization invitation");
  return row;
}

/** Inviting and revoking on someone's behalf needs a member whose role manages members. */
export function assertCanManageMembers(sb: SandboxContext, organization: OrganizationRow, userId: string): void {
  requireUser(sb, organization.instance_id, userId);
  const membership = findMembership(sb, organization.id, userId);
  const role = membership ? summaryOf(roleDirectory(sb, organization.instance_id), membership.role) : undefined;
  if (!role?.permissions.includes(MANAGE_MEMBERS_PERMISSION)) {
    throw SandboxApiError.one(
      403,
      "not_an_admin_in_organization",
      "not an administrator",
      "Current user is not an administrator in the organization. Only administrators can perform this action.",
    );
  }
}

export interface NewInvitation {
  email_address: string;
  role: string;
  inviter_user_id?: string | null;
  public_metadata?: Record<string, unknown> | null;
  private_metadata?: Record<string, unknown> | null;
  redirect_url?: string | null;
  expires_in_days?: number | null;
}

/** Checks one invitation and stores it as pending; capacity is checked for the whole batch. */
function insertInvitation(sb: SandboxContext, organization: OrganizationRow, input: NewInvitation): InvitationRow {
  assertEmailFormat(input.email_address);
  assertRoleKey(sb, organization.instance_id, input.role);
  if (input.inviter_user_id) assertCanManageMembers(sb, organization, input.inviter_user_id);
  const member = sb
    .stmt(
      `SELECT 1 FROM organization_memberships m JOIN email_addresses e ON e.user_id = m.user_id
       WHERE m.organization_id = ? AND e.email_lower = ?`,
    )
    .get(organization.id, input.email_address.toLowerCase());
  if (member) throw alreadyMember(input.email_address);
  const now = sb.clock.now();
  const row: InvitationRow = {
    id: sb.newId("orginv"),
    instance_id: organization.instance_id,
    organization_id: organization.id,
    email_address: input.email_address,
    role: input.role,
    status: "pending",
    inviter_id: input.inviter_user_id ?? null,
    redirect_url: input.redirect_url ?? null,
    public_metadata: metadataJson(input.public_metadata, "public_metadata"),
    private_metadata: metadataJson(input.private_metadata, "private_metadata"),
    expires_at: now + (input.expires_in_days ?? DEFAULT_EXPIRY_DAYS) * DAY_MS,
    created_at: now,
    updated_at: now,
  };
  sb.stmt(
    `INSERT INTO organization_invitations (id, instance_id, organization_id, email_address, role, status, inviter_id,
       redirect_url, public_metadata, private_metadata, expires_at, created_at, updated_at)
     VALUES (@id, @instance_id, @organization_id, @email_address, @role, @status, @inviter_id, @redirect_url,
       @public_metadata, @private_metadata, @expires_at, @created_at, @updated_at)`,
  ).run(row);
  return row;
}

/** The email Clerk sends for every organization invitation (template `organization_invitation`). */
export function emailInvitation(sb: SandboxContext, organization: OrganizationRow, row: InvitationRow): void {
  emitEmail(sb, organization.instance_id, {
    to: row.email_address,
    slug: "organization_invitation",
    subject: `You're invited to join ${organization.name}`,
    body: `You have been invited to join ${organization.name} as ${row.role}.`,
    emailAddressId: null,
    userId: null,
    data: {
      org_name: organization.name,
      role: row.role,
      ...(row.redirect_url ? { action_url: row.redirect_url } : {}),
    },
  });
}

/**
 * Creates pending invitations as long as the organization has room for them once they count
 * as outstanding. Call inside a transaction: a refusal must take the whole batch back.
 */
export function createInvitations(
  sb: SandboxContext,
  organization: OrganizationRow,
  inputs: NewInvitation[],
): InvitationRow[] {
  const rows = inputs.map((input) => insertInvitation(sb, organization, input));
  assertMembershipCapacity(sb, organization, 0);
  return rows;
}

export function setInvitationStatus(sb: SandboxContext, row: InvitationRow, status: string): InvitationRow {
  const now = sb.clock.now();
  sb.stmt("UPDATE organization_invitations SET status = ?, updated_at = ? WHERE id = ?").run(status, now, row.id);
  return { ...row, status, updated_at: now };
}

/** Only pending invitations can be revoked or accepted. */
export function assertPending(sb: SandboxContext, row: InvitationRow): void {
  if (effectiveStatus(row, sb.clock.now()) !== "pending") {
    throw errors.badRequest(
      "organization_invitation_not_pending",
      "not pending",
      "The organization invitation is not in the 'pending' status.",
    );
  }
}
