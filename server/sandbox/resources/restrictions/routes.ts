import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { emitSms } from "../identifiers/messages";
import { createInvitations } from "../invitations/repo";
import { restrictionListRoutes } from "./lists";

/**
 * With `notify`, an allowlisted email address is sent an invitation (whose id the entry
 * keeps) and a phone number an SMS; wildcards and wallets cannot be notified.
 */
export function restrictionRoutes(app: FastifyInstance, sb: SandboxContext): void {
  restrictionListRoutes(app, sb, {
    table: "allowlist_identifiers",
    object: "allowlist_identifier",
    eventPrefix: "allowlistIdentifier",
    label: "allowlist",
    idPrefix: "alid",
    listShape: "array",
    body: z.object({ identifier: z.string(), notify: z.boolean().nullish() }),
    afterCreate(sb, request, parsed, body) {
      if (!body.notify || parsed.wildcard) return null;
      if (parsed.type === "email_address") {
        const [invitation] = createInvitations(
          sb,
          request.instance,
          [{ email_address: parsed.identifier, ignore_existing: true }],
          "single",
        );
        return invitation?.id ?? null;
      }
      if (parsed.type === "phone_number") {
        emitSms(sb, request.instance.id, {
          to: parsed.identifier,
          slug: "invitation",
          message: "You have been invited to sign up.",
          phoneNumberId: null,
          userId: null,
          data: {},
        });
      }
      return null;
    },
  });

  restrictionListRoutes(app, sb, {
    table: "blocklist_identifiers",
    object: "blocklist_identifier",
    eventPrefix: "blocklistIdentifier",
    label: "blocklist",
    idPrefix: "blid",
    listShape: "paginated",
    body: z.object({ identifier: z.string() }),
  });
}
