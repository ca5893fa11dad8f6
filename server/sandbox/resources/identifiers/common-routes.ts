import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { parseBody } from "../../core/http";
import type { EmailAddressRow, PhoneNumberRow } from "../users/repo";
import { identifiersChanged } from "./changes";
import { type IdentifierKind, requireIdentifier } from "./kinds";
import { attemptVerification, prepareVerification, serializeVerification } from "./verifications";

type Params = { identifier_id: string };

const attemptBody = z.object({ verification_id: z.string().min(1), code: z.string() });

/** Read, delete and code verification: the same for email addresses and phone numbers. */
export function commonIdentifierRoutes<Row extends EmailAddressRow | PhoneNumberRow>(
  app: FastifyInstance,
  sb: SandboxContext,
  kind: IdentifierKind<Row>,
): void {
  // The routes are named like the tables: `/email_addresses`, `/phone_numbers`.
  const base = `/${kind.table}`;
  const load = (instanceId: string, id: string) => requireIdentifier(sb, kind, instanceId, id);

  app.get<{ Params: Params }>(`${base}/:identifier_id`, async (request) =>
    kind.serialize(load(request.instance.id, request.params.identifier_id)),
  );

  app.delete<{ Params: Params }>(`${base}/:identifier_id`, async (request) => {
    const row = load(request.instance.id, request.params.identifier_id);
    sb.tx(() => {
      // Pending code verifications go with it (ON DELETE CASCADE).
      sb.stmt(`DELETE FROM ${kind.table} WHERE id = ?`).run(row.id);
      identifiersChanged(sb, row.instance_id, row.user_id);
    });
    return { object: kind.object, id: row.id, deleted: true };
  });

  app.post<{ Params: Params }>(`${base}/:identifier_id/prepare_verification`, async (request) => {
    const row = load(request.instance.id, request.params.identifier_id);
    const verification = sb.tx(() => prepareVerification(sb, kind, row));
    return serializeVerification(verification, sb.clock.now());
  });

  app.post<{ Params: Params }>(`${base}/:identifier_id/attempt_verification`, async (request) => {
    const body = parseBody(attemptBody, request.body);
    const row = load(request.instance.id, request.params.identifier_id);
    const verification = sb.tx(() => attemptVerification(sb, kind, row, body.verification_id, body.code));
    return serializeVerification(verification, sb.clock.now());
  });
}
