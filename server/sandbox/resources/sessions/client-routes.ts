import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { SandboxApiError } from "../../core/errors";
import { listBody, parseBody, parsePaging, queryOf } from "../../core/http";
import { clientIdOf } from "./frontend-cookies";
import { type ClientRow, requireClient, serializeClients } from "./repo";

export function clientRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.get("/clients", async (request) => {
    const { limit, offset } = parsePaging(queryOf(request));
    const total = sb
      .stmt("SELECT count(*) FROM clients WHERE instance_id = ?")
      .pluck()
      .get(request.instance.id) as number;
    const rows = sb
      .stmt("SELECT * FROM clients WHERE instance_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
      .all(request.instance.id, limit, offset) as ClientRow[];
    return listBody(request, "array", serializeClients(sb, rows), total);
  });

  app.get<{ Params: { client_id: string } }>("/clients/:client_id", async (request) => {
    const row = requireClient(sb, request.instance.id, request.params.client_id);
    return serializeClients(sb, [row])[0];
  });

  // The token is the `__client` cookie's JWT, which Clerk's Frontend API sets (a test control here).
  app.post("/clients/verify", async (request) => {
    const { token } = parseBody(z.strictObject({ token: z.string().min(1) }), request.body);
    const clientId = clientIdOf(request.instance, token);
    if (!clientId) {
      throw SandboxApiError.one(
        400,
        "token_invalid",
        "Invalid token",
        "The token is not a client token of this instance.",
      );
    }
    return serializeClients(sb, [requireClient(sb, request.instance.id, clientId)])[0];
  });
}
