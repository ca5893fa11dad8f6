import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { parseBody } from "../../core/http";
import { requireUser } from "../users/repo";
import {
  assertPending,
  type InvitationRow,
  publicOrganizationData,
  serializeInvitation,
  setInvitationStatus,
} from "./invitations";
import { addMembership, serializeMembership } from "./memberships";
import { requireOrganization } from "./repo";

const acceptBody = z.object({ user_id: z.string().optional() });

/** The user an invitation was sent to: the one asked for, or the owner of the invited address. */
function inviteeOf(sb: SandboxContext, invitation: InvitationRow, userId: string | undefined): string {
  if (userId) return requireUser(sb, invitation.instance_id, userId).id;
  const owner = sb
    .stmt("SELECT user_id FROM email_addresses WHERE instance_id = ? AND email_lower = ?")
    .pluck()
    .get(invitation.instance_id, invitation.email_address.toLowerCase()) as string | undefined;
  if (!owner) {
    throw errors.paramValueInvalid("user_id", "No user has the invited email address; create one or pass user_id.");
  }
  return owner;
}

/**
 * `/__sandbox/organization_invitations/{id}/accept`: what the invitee does in Clerk's hosted
 * pages (which the sandbox does not serve): the invitation turns accepted and becomes a membership.
 */
export function organizationControls(app: FastifyInstance, sb: SandboxContext): void {
  app.post<{ Params: { invitation_id: string } }>(
    "/__sandbox/organization_invitations/:invitation_id/accept",
    async (request) => {
      const body = parseBody(acceptBody, request.body);
      const invitation = sb
        .stmt("SELECT * FROM organization_invitations WHERE id = ?")
        .get(request.params.invitation_id) as InvitationRow | undefined;
      if (!invitation) throw errors.notFound("Organization invitation");
      assertPending(sb, invitation);
      const userId = inviteeOf(sb, invitation, body.user_id);
      const organization = requireOrganization(sb, invitation.instance_id, invitation.organization_id);
      return sb.tx(() => {
        const accepted = serializeInvitation(sb, setInvitationStatus(sb, invitation, "accepted"));
        const membership = serializeMembership(
          sb,
          addMembership(sb, organization, userId, {
            role: invitation.role,
            public_metadata: JSON.parse(invitation.public_metadata) as Record<string, unknown>,
            private_metadata: JSON.parse(invitation.private_metadata) as Record<string, unknown>,
          }),
        );
        // Clerk's webhook adds who accepted and the organization (OrganizationInvitationAcceptedPayload).
        sb.emit({
          instanceId: invitation.instance_id,
          type: "organizationInvitation.accepted",
          data: {
            ...accepted,
            user_id: userId,
            data: { public_organization_data: publicOrganizationData(organization) },
          },
        });
        sb.emit({ instanceId: invitation.instance_id, type: "organizationMembership.created", data: membership });
        return { invitation: accepted, membership };
      });
    },
  );
}
