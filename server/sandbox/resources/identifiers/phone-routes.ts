import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { parseBody } from "../../core/http";
import { insertPhoneNumber, normalizePhone, requireUser } from "../users/repo";
import { identifiersChanged, makePrimary, setVerified } from "./changes";
import { phoneKind, requireIdentifier } from "./kinds";
import { replaceIdentifiers } from "./replace";

const createBody = z.object({
  user_id: z.string().min(1),
  phone_number: z.string().min(1),
  verified: z.boolean().nullish(),
  primary: z.boolean().nullish(),
  reserved_for_second_factor: z.boolean().nullish(),
});

const updateBody = z.object({
  verified: z.boolean().nullish(),
  primary: z.boolean().nullish(),
  reserved_for_second_factor: z.boolean().nullish(),
});

const replaceBody = z.object({
  phone_number: z.string().min(1),
  identification_status: z.enum(["verified", "reserved", "unverified"]).default("verified"),
});

export function phoneRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.post("/phone_numbers", async (request) => {
    const body = parseBody(createBody, request.body);
    const instanceId = request.instance.id;
    const user = requireUser(sb, instanceId, body.user_id);
    if (body.reserved_for_second_factor && !body.verified) {
      throw errors.badRequest(
        "identification_create_second_factor_unverified",
        "Create failed",
        "Unverified identifications cannot be a second factor",
      );
    }
    const row = sb.tx(() => {
      const created = insertPhoneNumber(sb, instanceId, user.id, body.phone_number, {
        verified: Boolean(body.verified),
        reservedForSecondFactor: Boolean(body.reserved_for_second_factor),
      });
      if (body.primary) makePrimary(sb, phoneKind, created);
      identifiersChanged(sb, instanceId, user.id);
      return requireIdentifier(sb, phoneKind, instanceId, created.id);
    });
    return phoneKind.serialize(row);
  });

  app.patch<{ Params: { identifier_id: string } }>("/phone_numbers/:identifier_id", async (request) => {
    const body = parseBody(updateBody, request.body);
    const instanceId = request.instance.id;
    const current = requireIdentifier(sb, phoneKind, instanceId, request.params.identifier_id);
    const verified = body.verified ?? Boolean(current.verified);
    if (body.reserved_for_second_factor != null && !verified) {
      throw errors.badRequest(
        "identification_update_second_factor_unverified",
        "Update failed",
        "Cannot update second factor attributes for unverified identification",
      );
    }
    const row = sb.tx(() => {
      if (verified !== Boolean(current.verified)) setVerified(sb, phoneKind, current, verified, "admin");
      if (body.reserved_for_second_factor != null) {
        sb.stmt(
          "UPDATE phone_numbers SET reserved_for_second_factor = ?, default_second_factor = 0, updated_at = ? WHERE id = ?",
        ).run(body.reserved_for_second_factor ? 1 : 0, sb.clock.now(), current.id);
      }
      if (body.primary) makePrimary(sb, phoneKind, current);
      identifiersChanged(sb, instanceId, current.user_id);
      return requireIdentifier(sb, phoneKind, instanceId, current.id);
    });
    return phoneKind.serialize(row);
  });

  app.put<{ Params: { user_id: string } }>("/users/:user_id/phone_number", async (request) => {
    const body = parseBody(replaceBody, request.body);
    const instanceId = request.instance.id;
    const user = requireUser(sb, instanceId, request.params.user_id);
    const wanted = normalizePhone(body.phone_number);
    const row = sb.tx(() =>
      replaceIdentifiers(sb, phoneKind, instanceId, user.id, {
        matches: (existing) => existing.phone_number === wanted,
        insert: (status) =>
          insertPhoneNumber(sb, instanceId, user.id, wanted, {
            verified: status === "verified",
            reserved: status === "reserved",
          }),
        status: body.identification_status,
        notify: false,
      }),
    );
    return phoneKind.serialize(row);
  });
}
