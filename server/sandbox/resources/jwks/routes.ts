import type { FastifyInstance } from "fastify";
import { instancePublicJwk } from "./keys";

export function jwksRoutes(app: FastifyInstance): void {
  app.get("/jwks", async (request) => ({ keys: [instancePublicJwk(request.instance)] }));
}
