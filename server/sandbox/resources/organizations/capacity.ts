import type { SandboxContext } from "../../core/context";
import { SandboxApiError } from "../../core/errors";
import { statusSql } from "./invitation-status";

export function countMembers(sb: SandboxContext, organizationId: string): number {
  return sb
    .stmt("SELECT count(*) FROM organization_memberships WHERE organization_id = ?")
    .pluck()
    .get(organizationId) as number;
}

export function countPendingInvitations(sb: SandboxContext, organizationId: string): number {
  const status = statusSql(sb.clock.now());
  return sb
    .stmt(`SELECT count(*) FROM organization_invitations i WHERE i.organization_id = ? AND ${status.sql} = 'pending'`)
    .pluck()
    .get(organizationId, ...status.params) as number;
}

/**
 * Clerk counts members and outstanding invitations against `max_allowed_memberships`
 * (0 means no limit) and refuses with 403 `organization_membership_quota_exceeded`.
 */
export function assertMembershipCapacity(
  sb: SandboxContext,
  organization: { id: string; max_allowed_memberships: number },
  adding: number,
): void {
  const limit = organization.max_allowed_memberships;
  if (limit <= 0) return;
  const held = countMembers(sb, organization.id) + countPendingInvitations(sb, organization.id);
  if (held + adding > limit) {
    throw SandboxApiError.one(
      403,
      "organization_membership_quota_exceeded",
      "Membership quota exceeded",
      `You have reached your limit of ${limit} organization memberships, including outstanding invitations.`,
    );
  }
}
