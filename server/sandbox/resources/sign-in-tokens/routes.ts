import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { parseBody } from "../../core/http";
import { createSignInToken, requireSignInToken, revokeSignInToken, serializeSignInToken } from "./repo";

const createBody = z.object({
  user_id: z.string().min(1),
  org_id: z.string().min(1).nullish(),
  expires_in_seconds: z.number().int().min(1).nullish(),
});

/** Backend API `/sign_in_tokens`: one-time sign-in tickets, pending until used or revoked. */
export function signInTokenRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.post("/sign_in_tokens", async (request) => {
    const body = parseBody(createBody, request.body);
    const { row, link } = sb.tx(() => createSignInToken(sb, request.instance, body));
    return serializeSignInToken(row, link);
  });

  app.post<{ Params: { sign_in_token_id: string } }>("/sign_in_tokens/:sign_in_token_id/revoke", async (request) => {
    const row = requireSignInToken(sb, request.instance.id, request.params.sign_in_token_id);
    return serializeSignInToken(sb.tx(() => revokeSignInToken(sb, row)));
  });
}
