import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { parseBody } from "../../core/http";
import { createActorToken, requireActorToken, revokeActorToken, serializeActorToken } from "./repo";

const createBody = z.object({
  user_id: z.string().min(1),
  // The whole actor object ends up in the session token's `act` claim; `sub` names the actor.
  actor: z.looseObject({ sub: z.string().min(1) }),
  expires_in_seconds: z.number().int().min(1).nullish(),
  session_max_duration_in_seconds: z.number().int().min(1).nullish(),
});

/** Backend API `/actor_tokens`: impersonation tokens, pending until used or revoked. */
export function actorTokenRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.post("/actor_tokens", async (request) => {
    const body = parseBody(createBody, request.body);
    const { row, link } = sb.tx(() => createActorToken(sb, request.instance, body));
    return serializeActorToken(row, link);
  });

  app.post<{ Params: { actor_token_id: string } }>("/actor_tokens/:actor_token_id/revoke", async (request) => {
    const row = requireActorToken(sb, request.instance.id, request.params.actor_token_id);
    return serializeActorToken(sb.tx(() => revokeActorToken(sb, row)));
  });
}
