import type { ActionContext } from "../../shared/actions/action";

/** What the panel's header shows: where requests go and what they act on. */
export interface PanelInfo {
  /** The Backend API host in use, e.g. `api.clerk.com` or `127.0.0.1:2575`. */
  api_host: string;
  sandbox: boolean;
  application: { id: string; name: string } | null;
  instance: { id: string; environment_type: "development" | "production" } | null;
  applications: {
    id: string;
    name: string;
    instances: { id: string; environment_type: "development" | "production" }[];
  }[];
  login: { available: boolean; logged_in: boolean; account?: { name?: string; email?: string } };
}

/**
 * Everything the panel server needs from the outside world, injected by `clerk ui`: the
 * credentials never leave this object (the server only ever sees contexts built from them).
 */
export interface PanelBackend {
  info(): Promise<PanelInfo>;
  /** A context for the current app/instance, its transports aborted by `signal`. */
  context(signal: AbortSignal): Promise<ActionContext>;
  /** Switches the app/instance the panel works on. */
  setTarget(applicationId: string, instance: string): Promise<void>;
  login?: {
    /** Starts an OAuth authorization; the browser is sent to the returned URL. */
    begin(redirectUri: string): Promise<{ authorizeUrl: string; state: string }>;
    /** Finishes it: checks state, exchanges the code (PKCE), stores the tokens. */
    complete(code: string, state: string, redirectUri: string): Promise<void>;
    logout(): Promise<void>;
  };
  /** Values that must never appear in a response (tokens, keys), for the last-line guard. */
  secrets(): string[];
}
