import type { FastifyInstance, FastifyRequest } from "fastify";
import { SUPPORTED_SCOPES } from "./scopes";

/** The issuer is the origin the client used (the app only answers loopback hosts). */
export function issuerOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host}`;
}

/** RFC 8414 authorization server metadata, so clients need only the sandbox's URL. */
export function metadataRoutes(app: FastifyInstance): void {
  app.get("/.well-known/oauth-authorization-server", async (request) => {
    const issuer = issuerOf(request);
    return {
      issuer,
      authorization_endpoint: `${issuer}/oauth/authorize`,
      token_endpoint: `${issuer}/oauth/token`,
      revocation_endpoint: `${issuer}/oauth/token/revoke`,
      userinfo_endpoint: `${issuer}/oauth/userinfo`,
      scopes_supported: Object.keys(SUPPORTED_SCOPES),
      response_types_supported: ["code"],
      response_modes_supported: ["query"],
      grant_types_supported: ["authorization_code", "refresh_token"],
      code_challenge_methods_supported: ["S256"],
      token_endpoint_auth_methods_supported: ["none"],
      revocation_endpoint_auth_methods_supported: ["none"],
      authorization_response_iss_parameter_supported: true,
    };
  });
}
