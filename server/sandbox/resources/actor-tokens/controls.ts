import type { FastifyInstance } from "fastify";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { instanceById } from "../../tenancy/instances";
import { serializeSession } from "../sessions/repo";
import { type ActorTokenRow, acceptActorToken, serializeActorToken } from "./repo";

/**
 * `POST /__sandbox/actor_tokens/{id}/accept`: what opening the token's URL does in Clerk. The
 * sandbox has no Frontend API, so this starts the impersonation session directly.
 */
export function actorTokenControls(app: FastifyInstance, sb: SandboxContext): void {
  app.post<{ Params: { actor_token_id: string } }>(
    "/__sandbox/actor_tokens/:actor_token_id/accept",
    async (request) => {
      const row = sb.stmt("SELECT * FROM actor_tokens WHERE id = ?").get(request.params.actor_token_id) as
        | ActorTokenRow
        | undefined;
      if (!row) throw errors.notFound("Actor token");
      const instance = instanceById(sb, row.instance_id);
      if (!instance) throw errors.notFound("Instance");
      const { token, session } = sb.tx(() => acceptActorToken(sb, instance, row));
      return { actor_token: serializeActorToken(token), session: serializeSession(session, sb.clock.now()) };
    },
  );
}
