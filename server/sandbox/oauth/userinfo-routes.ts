import type { FastifyInstance, FastifyRequest } from "fastify";
import type { SandboxContext } from "../core/context";
import { findAccount, userInfoClaims } from "./account";
import { NO_STORE, OAuthError } from "./errors";
import { lookupAccessToken } from "./tokens";

const REALM = 'Bearer realm="Clerk sandbox"';

/** RFC 6750 §3: a request without credentials gets a bare challenge, a bad token `invalid_token`. */
function bearerToken(request: FastifyRequest): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? "");
  if (!match?.[1]) {
    throw new OAuthError("invalid_request", "Send the access token as `Authorization: Bearer <token>`.", 401, {
      "www-authenticate": REALM,
    });
  }
  return match[1];
}

/** OpenID Connect UserInfo: who the access token's account is, as far as its scopes allow. */
export function userInfoRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.route({
    method: ["GET", "POST"],
    url: "/oauth/userinfo",
    async handler(request, reply) {
      const grant = lookupAccessToken(sb, bearerToken(request));
      const account = grant && findAccount(grant.accountId);
      if (!grant || !account) {
        const description = "The access token is invalid, expired or revoked.";
        throw new OAuthError("invalid_token", description, 401, {
          "www-authenticate": `${REALM}, error="invalid_token", error_description="${description}"`,
        });
      }
      return reply.headers(NO_STORE).send(userInfoClaims(account, grant.scope.split(" ")));
    },
  });
}
