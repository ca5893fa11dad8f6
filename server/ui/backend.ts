import type { ActionContext } from "../../shared/actions/action";
import type { LoginStatus, PanelTarget } from "../../shared/panel-info";

/** The browser's return from the OAuth server to the callback (RFC 6749 §4.1.2, RFC 9207 `iss`). */
export interface AuthorizationResponse {
  code: string;
  state: string;
  iss?: string;
}

/** "Log in with Clerk" from the panel, with the callback on the panel's own server. */
export interface PanelLogin {
  status(): Promise<Omit<LoginStatus, "available">>;
  /** Starts an authorization (PKCE, state); the browser is sent to the returned URL. */
  begin(redirectUri: string): Promise<{ authorizeUrl: string }>;
  /** Finishes it: checks state (single use) and issuer, redeems the code, stores the tokens. */
  complete(response: AuthorizationResponse): Promise<void>;
  /** Revokes the tokens at the OAuth server and forgets them. */
  logout(): Promise<{ revoked: boolean; problem?: string }>;
}

/**
 * Everything the panel server needs from the outside world, injected by `clerk ui`: the
 * credentials never leave this object (the server only ever sees contexts built from them).
 */
export interface PanelBackend {
  info(): Promise<PanelTarget>;
  /** A context for the current app/instance, its transports aborted by `signal`. */
  context(signal: AbortSignal): Promise<ActionContext>;
  /** Switches the app/instance the panel works on. */
  setTarget(applicationId: string, instance: string): Promise<void>;
  login?: PanelLogin;
  /** Values that must never appear in a response (tokens, keys), for the last-line guard. */
  secrets(): string[];
}
