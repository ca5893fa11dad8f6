import type { FastifyInstance } from "fastify";
import type { SandboxContext } from "../../core/context";
import { listBody, parsePaging, queryOf } from "../../core/http";
import {
  createRedirectUrl,
  deleteRedirectUrl,
  redirectUrlPage,
  requireRedirectUrl,
  serializeRedirectUrl,
} from "./repo";

/** Backend API `/redirect_urls`: the instance's allowed redirect URLs, listed as a bare array. */
export function redirectUrlRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.get("/redirect_urls", async (request) => {
    const { limit, offset } = parsePaging(queryOf(request));
    const { data, total } = redirectUrlPage(sb, request.instance.id, limit, offset);
    return listBody(request, "array", data, total);
  });

  app.post("/redirect_urls", async (request) => createRedirectUrl(sb, request.instance, request.body));

  app.get<{ Params: { id: string } }>("/redirect_urls/:id", async (request) =>
    serializeRedirectUrl(requireRedirectUrl(sb, request.instance.id, request.params.id)),
  );

  app.delete<{ Params: { id: string } }>("/redirect_urls/:id", async (request) =>
    deleteRedirectUrl(sb, requireRedirectUrl(sb, request.instance.id, request.params.id)),
  );
}
