import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { parseBody } from "../../core/http";
import { insertEmailAddress, requireUser } from "../users/repo";
import { identifiersChanged, makePrimary, setVerified } from "./changes";
import { emailKind, requireIdentifier } from "./kinds";
import { replaceIdentifiers } from "./replace";

const createBody = z.object({
  user_id: z.string().min(1),
  email_address: z.string().min(1),
  verified: z.boolean().nullish(),
  primary: z.boolean().nullish(),
  notify_primary_email_address_changed: z.boolean().nullish(),
});

const updateBody = z.object({
  verified: z.boolean().nullish(),
  primary: z.boolean().nullish(),
  notify_primary_email_address_changed: z.boolean().nullish(),
});

const replaceBody = z.object({
  email_address: z.string().min(1),
  identification_status: z.enum(["verified", "reserved", "unverified"]).default("verified"),
  notify_primary_email_address_changed: z.boolean().nullish(),
});

export function emailRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.post("/email_addresses", async (request) => {
    const body = parseBody(createBody, request.body);
    const instanceId = request.instance.id;
    const user = requireUser(sb, instanceId, body.user_id);
    const row = sb.tx(() => {
      const created = insertEmailAddress(sb, instanceId, user.id, body.email_address, {
        verified: Boolean(body.verified),
      });
      if (body.primary) makePrimary(sb, emailKind, created, Boolean(body.notify_primary_email_address_changed));
      identifiersChanged(sb, instanceId, user.id);
      return requireIdentifier(sb, emailKind, instanceId, created.id);
    });
    return emailKind.serialize(row);
  });

  app.patch<{ Params: { identifier_id: string } }>("/email_addresses/:identifier_id", async (request) => {
    const body = parseBody(updateBody, request.body);
    const instanceId = request.instance.id;
    const current = requireIdentifier(sb, emailKind, instanceId, request.params.identifier_id);
    const row = sb.tx(() => {
      if (body.verified != null && body.verified !== Boolean(current.verified)) {
        setVerified(sb, emailKind, current, body.verified, "admin");
      }
      if (body.primary) makePrimary(sb, emailKind, current, Boolean(body.notify_primary_email_address_changed));
      identifiersChanged(sb, instanceId, current.user_id);
      return requireIdentifier(sb, emailKind, instanceId, current.id);
    });
    return emailKind.serialize(row);
  });

  app.put<{ Params: { user_id: string } }>("/users/:user_id/email_address", async (request) => {
    const body = parseBody(replaceBody, request.body);
    const instanceId = request.instance.id;
    const user = requireUser(sb, instanceId, request.params.user_id);
    const wanted = body.email_address.toLowerCase();
    const row = sb.tx(() =>
      replaceIdentifiers(sb, emailKind, instanceId, user.id, {
        matches: (existing) => existing.email_address.toLowerCase() === wanted,
        insert: (status) =>
          insertEmailAddress(sb, instanceId, user.id, body.email_address, {
            verified: status === "verified",
            reserved: status === "reserved",
          }),
        status: body.identification_status,
        notify: Boolean(body.notify_primary_email_address_changed),
      }),
    );
    return emailKind.serialize(row);
  });
}
