import type { FastifyInstance } from "fastify";
import type { SandboxContext } from "../core/context";
import { findClient, type OAuthClient } from "./clients";
import { redeemAuthorizationCode } from "./codes";
import { NO_STORE, OAuthError } from "./errors";
import { readParams } from "./params";
import { splitScope } from "./scopes";
import { revokeToken, rotateRefreshToken } from "./tokens";

function required(values: Record<string, string>, name: string): string {
  const value = values[name];
  if (value === undefined) throw new OAuthError("invalid_request", `${name} is required.`);
  return value;
}

/** Public clients authenticate by naming themselves; PKCE and token binding do the rest. */
function requireClient(values: Record<string, string>): OAuthClient {
  const client = findClient(values.client_id);
  if (!client) {
    throw new OAuthError(
      "invalid_client",
      values.client_id ? `Unknown client_id "${values.client_id}".` : "client_id is required.",
    );
  }
  return client;
}

/** `POST /oauth/token` (RFC 6749 §4.1.3, §6) and `POST /oauth/token/revoke` (RFC 7009). */
export function tokenRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.post("/oauth/token", async (request, reply) => {
    const { values, invalid } = readParams(request.body);
    if (invalid.length > 0) {
      throw new OAuthError("invalid_request", `Parameters must appear once, as strings: ${invalid.join(", ")}.`);
    }
    const grantType = required(values, "grant_type");
    if (grantType !== "authorization_code" && grantType !== "refresh_token") {
      throw new OAuthError("unsupported_grant_type", `grant_type "${grantType}" is not supported.`);
    }
    const client = requireClient(values);
    const tokens =
      grantType === "authorization_code"
        ? redeemAuthorizationCode(sb, {
            code: required(values, "code"),
            clientId: client.id,
            redirectUri: required(values, "redirect_uri"),
            codeVerifier: required(values, "code_verifier"),
          })
        : rotateRefreshToken(
            sb,
            required(values, "refresh_token"),
            client.id,
            values.scope === undefined ? undefined : splitScope(values.scope),
          );
    return reply.headers(NO_STORE).send(tokens);
  });

  app.post("/oauth/token/revoke", async (request, reply) => {
    const { values } = readParams(request.body);
    const token = required(values, "token");
    // token_type_hint only orders a lookup; both kinds are found by hash either way (RFC 7009 §2.1).
    const client = values.client_id === undefined ? undefined : requireClient(values);
    revokeToken(sb, token, client?.id);
    return reply.code(200).headers(NO_STORE).send();
  });
}
