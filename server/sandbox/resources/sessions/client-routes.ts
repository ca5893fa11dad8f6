import type { FastifyInstance } from "fastify";
import type { SandboxContext } from "../../core/context";
import { listBody, parsePaging, queryOf } from "../../core/http";
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
}
