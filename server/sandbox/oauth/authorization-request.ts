import { findClient, type OAuthClient } from "./clients";
import { OAuthError } from "./errors";
import type { OAuthParams } from "./params";
import { requireS256Challenge } from "./pkce";
import { requestedScopes } from "./scopes";

/** A validated `GET /oauth/authorize` request, waiting for the account's decision. */
export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  /** Space-delimited. */
  scope: string;
  state: string | undefined;
  codeChallenge: string;
  /** The server's issuer as the client addressed it, echoed as `iss` (RFC 9207). */
  issuer: string;
}

/** Where errors may be sent once the client and its redirect URI are trusted. */
export interface RedirectTarget {
  client: OAuthClient;
  redirectUri: string;
}

/**
 * The checks whose failure must NOT redirect (RFC 6749 §4.1.2.1): an unknown client or an
 * unacceptable redirect URI would turn the sandbox into an open redirector. Returns the
 * problem to show the user instead.
 */
export function resolveRedirectTarget({ values, invalid }: OAuthParams): RedirectTarget | { problem: string } {
  if (invalid.includes("client_id") || invalid.includes("redirect_uri")) {
    return { problem: "The request repeats client_id or redirect_uri." };
  }
  const client = findClient(values.client_id);
  if (!client) {
    return { problem: values.client_id ? `Unknown client_id "${values.client_id}".` : "client_id is missing." };
  }
  const redirectUri = values.redirect_uri;
  if (!redirectUri) return { problem: "redirect_uri is missing." };
  if (!client.acceptsRedirect(redirectUri)) {
    return {
      problem: `${client.name} may not redirect to "${redirectUri}": only http loopback addresses are allowed.`,
    };
  }
  return { client, redirectUri };
}

/** The remaining checks; their failures (OAuthError) go back to the client's redirect URI. */
export function validateAuthorizationRequest(
  { values, invalid }: OAuthParams,
  target: RedirectTarget,
  issuer: string,
): AuthorizationRequest {
  if (invalid.length > 0) {
    throw new OAuthError("invalid_request", `Parameters must appear once, as strings: ${invalid.join(", ")}.`);
  }
  if (values.response_type === undefined) throw new OAuthError("invalid_request", "response_type is missing.");
  if (values.response_type !== "code") {
    throw new OAuthError("unsupported_response_type", "Only response_type=code is supported.");
  }
  return {
    clientId: target.client.id,
    redirectUri: target.redirectUri,
    scope: requestedScopes(values.scope).join(" "),
    state: values.state,
    codeChallenge: requireS256Challenge(values.code_challenge, values.code_challenge_method),
    issuer,
  };
}
