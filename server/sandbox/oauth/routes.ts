import type { FastifyError, FastifyInstance } from "fastify";
import type { SandboxContext } from "../core/context";
import { authorizeRoutes } from "./authorize-routes";
import { OAuthError, sendOAuthError } from "./errors";
import { metadataRoutes } from "./metadata";
import { tokenRoutes } from "./token-routes";
import { userInfoRoutes } from "./userinfo-routes";

/**
 * The OAuth server's routes, in their own scope so failures answer in OAuth's error shape.
 * A rejected body (bad JSON, unsupported content type) is an `invalid_request`; anything
 * else falls through to the app's handler.
 */
export function oauthRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.register(async (scope) => {
    scope.setErrorHandler((error: FastifyError | OAuthError | Error, _request, reply) => {
      if (error instanceof OAuthError) return sendOAuthError(reply, error);
      const status = "status" in error ? Number(error.status) : ((error as FastifyError).statusCode ?? 500);
      if (status >= 400 && status < 500) return sendOAuthError(reply, new OAuthError("invalid_request", error.message));
      throw error;
    });
    metadataRoutes(scope);
    authorizeRoutes(scope, sb);
    tokenRoutes(scope, sb);
    userInfoRoutes(scope, sb);
  });
}
