import type { FastifyInstance } from "fastify";
import type { SandboxContext } from "../core/context";
import { parsePaging, queryOf } from "../core/http";
import {
  createRedirectUrl,
  deleteRedirectUrl,
  redirectUrlPage,
  requireRedirectUrl,
  serializeRedirectUrl,
} from "../resources/redirect-urls/repo";
import { type InstanceParams, requireApplication, requireInstance } from "./lookup";

type RedirectUrlParams = InstanceParams & { redirectURLID: string };

/**
 * An instance's redirect URLs through the Platform API: the Backend API's table and functions;
 * the list is the Platform's `{data, total_count}` page.
 */
export function instanceRedirectUrlRoutes(app: FastifyInstance, sb: SandboxContext): void {
  const instanceOf = (params: InstanceParams) =>
    requireInstance(sb, requireApplication(sb, params.applicationID), params.envOrInsID);
  const redirectUrlOf = (params: RedirectUrlParams) =>
    requireRedirectUrl(sb, instanceOf(params).id, params.redirectURLID);
  const urls = "/applications/:applicationID/instances/:envOrInsID/redirect_urls";

  app.get<{ Params: InstanceParams }>(urls, async (request) => {
    const { limit, offset } = parsePaging(queryOf(request));
    const { data, total } = redirectUrlPage(sb, instanceOf(request.params).id, limit, offset);
    return { data, total_count: total };
  });

  app.post<{ Params: InstanceParams }>(urls, async (request) =>
    createRedirectUrl(sb, instanceOf(request.params), request.body),
  );

  app.get<{ Params: RedirectUrlParams }>(`${urls}/:redirectURLID`, async (request) =>
    serializeRedirectUrl(redirectUrlOf(request.params)),
  );

  app.delete<{ Params: RedirectUrlParams }>(`${urls}/:redirectURLID`, async (request) =>
    deleteRedirectUrl(sb, redirectUrlOf(request.params)),
  );
}
