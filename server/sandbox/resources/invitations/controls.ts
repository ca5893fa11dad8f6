import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors, SandboxApiError } from "../../core/errors";
import { parseBody } from "../../core/http";
import { instanceById } from "../../tenancy/instances";
import { acceptInvitation, assertAcceptable, type InvitationRow, serializeInvitation } from "./repo";

const acceptBody = z.object({
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  password: z.string().optional(),
});

/**
 * `POST /__sandbox/invitations/{id}/accept`: what following the invitation link and signing
 * up does in Clerk. The sandbox has no sign-up UI, so this creates the user through the
 * Backend API (verified email, the invitation's public metadata) and marks the invitation accepted.
 */
export function invitationControls(app: FastifyInstance, sb: SandboxContext): void {
  app.post<{ Params: { invitation_id: string } }>("/__sandbox/invitations/:invitation_id/accept", async (request) => {
    const body = parseBody(acceptBody, request.body);
    const row = sb.stmt("SELECT * FROM invitations WHERE id = ?").get(request.params.invitation_id) as
      | InvitationRow
      | undefined;
    if (!row) throw errors.notFound("Invitation");
    assertAcceptable(sb, row);
    const instance = instanceById(sb, row.instance_id);
    if (!instance) throw errors.notFound("Instance");
    const created = await app.inject({
      method: "POST",
      url: "/v1/users",
      headers: { authorization: `Bearer ${instance.secret_key}`, "content-type": "application/json" },
      payload: {
        email_address: [row.email_address],
        public_metadata: JSON.parse(row.public_metadata) as Record<string, unknown>,
        ...body,
      },
    });
    const user = created.json() as Record<string, unknown>;
    if (created.statusCode !== 200) {
      throw new SandboxApiError(created.statusCode, (user as { errors: SandboxApiError["errors"] }).errors);
    }
    const accepted = sb.tx(() => acceptInvitation(sb, row));
    return { invitation: serializeInvitation(accepted, sb.clock.now()), user };
  });
}
