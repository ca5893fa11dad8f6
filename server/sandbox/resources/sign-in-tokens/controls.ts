import type { FastifyInstance } from "fastify";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { instanceById } from "../../tenancy/instances";
import { serializeSession } from "../sessions/repo";
import { acceptSignInToken, type SignInTokenRow, serializeSignInToken } from "./repo";

/**
 * `POST /__sandbox/sign_in_tokens/{id}/accept`: what opening the token's URL does in Clerk. The
 * sandbox has no Frontend API, so this starts the session directly.
 */
export function signInTokenControls(app: FastifyInstance, sb: SandboxContext): void {
  app.post<{ Params: { sign_in_token_id: string } }>(
    "/__sandbox/sign_in_tokens/:sign_in_token_id/accept",
    async (request) => {
      const row = sb.stmt("SELECT * FROM sign_in_tokens WHERE id = ?").get(request.params.sign_in_token_id) as
        | SignInTokenRow
        | undefined;
      if (!row) throw errors.notFound("Sign in token");
      const instance = instanceById(sb, row.instance_id);
      if (!instance) throw errors.notFound("Instance");
      const { token, session } = sb.tx(() => acceptSignInToken(sb, instance, row));
      return { sign_in_token: serializeSignInToken(token), session: serializeSession(session, sb.clock.now()) };
    },
  );
}
