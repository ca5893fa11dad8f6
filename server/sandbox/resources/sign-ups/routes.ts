import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { parseBody } from "../../core/http";
import { requireSignUp, serializeSignUp, updateSignUp } from "./repo";

type Params = { id: string };

const updateBody = z.object({ external_id: z.string().nullish(), custom_action: z.boolean().nullish() });

/** Backend API `/sign_ups/{id}`: read a sign-up, and set its external id or custom action. */
export function signUpRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.get<{ Params: Params }>("/sign_ups/:id", async (request) =>
    serializeSignUp(request.instance, requireSignUp(sb, request.instance.id, request.params.id), sb.clock.now()),
  );

  app.patch<{ Params: Params }>("/sign_ups/:id", async (request) => {
    const body = parseBody(updateBody, request.body);
    const row = requireSignUp(sb, request.instance.id, request.params.id);
    return serializeSignUp(
      request.instance,
      sb.tx(() => updateSignUp(sb, row, body)),
      sb.clock.now(),
    );
  });
}
