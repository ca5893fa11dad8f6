import type { AuthorizationResponse, PanelBackend, PanelLogin } from "../../server/ui/backend";
import { authorizationUrl, redeemCode } from "../auth/login";
import { discoverServer, type OAuthServer, oauthRequest } from "../auth/oauth-http";
import { createPkce, createState, sameSecret } from "../auth/pkce";
import { loadTokens, matchesServer, revokeTokens, type StoredTokens, TOKENS_KEY } from "../auth/tokens";
import { openCredentialStore } from "../credentials/index";
import { RuntimeError } from "../errors";
import type { Settings } from "../settings/resolve";

/** How long the consent page may stay open before its login is forgotten. */
const PENDING_LOGIN_TTL_MS = 10 * 60_000;
const MAX_PENDING_LOGINS = 8;

interface PendingLogin {
  state: string;
  verifier: string;
  redirectUri: string;
  server: OAuthServer;
  expiresAt: number;
}

export interface AccountBackendOptions {
  settings: Settings;
  /** The backend in use at start: the account's, or the sandbox's when nothing is configured. */
  initial: PanelBackend;
  /** Settings resolved again: a login or a logout changes them. */
  resolveSettings(): Promise<Settings>;
  /** The backend for these settings (the sandbox when they hold no credentials). */
  backendFor(settings: Settings): Promise<PanelBackend>;
}

const restartHint = "Start again with “Log in with Clerk” in the panel.";

/**
 * The panel's backend while its person logs in and out: "Log in with Clerk" runs the OAuth
 * authorization-code flow with PKCE and `state`, the callback landing on the panel's own
 * server; the tokens go to the credential store (as `clerk auth login` keeps them) and the
 * panel moves on to the account's applications. Logging out revokes them and goes back to
 * what is left (a configured secret key, or the sandbox).
 */
export function accountBackend(options: AccountBackendOptions): PanelBackend {
  let settings = options.settings;
  let current = options.initial;
  // Every backend and token ever used stays on the secrets guard's list.
  const used = [current];
  const seenTokens = new Set<string>();
  const pending: PendingLogin[] = [];
  let account: { name?: string; email?: string } | undefined;

  async function storedTokens(): Promise<StoredTokens | undefined> {
    if (!settings.profileExists) return undefined;
    const { store } = await openCredentialStore(settings.env);
    const tokens = await loadTokens(store, settings.profile);
    if (!tokens || !matchesServer(tokens, settings)) return undefined;
    for (const token of [tokens.access_token, tokens.refresh_token]) if (token) seenTokens.add(token);
    return tokens;
  }

  async function moveOn(): Promise<void> {
    settings = await options.resolveSettings();
    current = await options.backendFor(settings);
    used.push(current);
  }

  /** Name and email for the header; a login without them still works. */
  async function whoIs(tokens: StoredTokens): Promise<{ name?: string; email?: string }> {
    if (!tokens.userinfo_endpoint) return {};
    try {
      const response = await oauthRequest(
        tokens.userinfo_endpoint,
        { headers: { authorization: `Bearer ${tokens.access_token}`, accept: "application/json" } },
        tokens.oauth_base_url,
      );
      if (!response.ok) return {};
      const claims = (response.body ?? {}) as Record<string, unknown>;
      return {
        ...(typeof claims.name === "string" ? { name: claims.name } : {}),
        ...(typeof claims.email === "string" ? { email: claims.email } : {}),
      };
    } catch {
      return {};
    }
  }

  /** Removes and returns the pending login this `state` belongs to: each is used once. */
  function takePending(state: string): PendingLogin | undefined {
    const now = Date.now();
    for (let i = pending.length - 1; i >= 0; i--)
      if ((pending[i] as PendingLogin).expiresAt < now) pending.splice(i, 1);
    const index = pending.findIndex((entry) => sameSecret(state, entry.state));
    return index < 0 ? undefined : pending.splice(index, 1)[0];
  }

  const login: PanelLogin = {
    async status() {
      const tokens = await storedTokens();
      if (!tokens) return { logged_in: false };
      account ??= await whoIs(tokens);
      return { logged_in: true, account };
    },

    async begin(redirectUri) {
      const server = await discoverServer(settings.oauthBaseUrl);
      // If the tokens could not be stored, say so before the person approves anything.
      await openCredentialStore(settings.env);
      const state = createState();
      const pkce = createPkce();
      // Only the latest few consent pages can finish (each click on "Log in" opens one).
      if (pending.length >= MAX_PENDING_LOGINS) pending.shift();
      pending.push({
        state,
        verifier: pkce.verifier,
        redirectUri,
        server,
        expiresAt: Date.now() + PENDING_LOGIN_TTL_MS,
      });
      return {
        authorizeUrl: authorizationUrl(server, settings, { redirectUri, state, challenge: pkce.challenge }).href,
      };
    },

    async complete(response: AuthorizationResponse) {
      const entry = takePending(response.state);
      if (!entry) {
        throw new RuntimeError(
          "This login response does not belong to a login started from this panel, or it has expired.",
          restartHint,
          "login_state_mismatch",
        );
      }
      // RFC 9207: an answer from another authorization server (mix-up attack) is not ours.
      if (response.iss !== undefined && response.iss !== entry.server.issuer) {
        throw new RuntimeError(`The login response comes from another OAuth server (${response.iss}).`, restartHint);
      }
      const { store } = await openCredentialStore(settings.env);
      const tokens = await redeemCode(entry.server, settings, store, {
        code: response.code,
        redirectUri: entry.redirectUri,
        verifier: entry.verifier,
      });
      for (const token of [tokens.access_token, tokens.refresh_token]) if (token) seenTokens.add(token);
      account = await whoIs(tokens);
      await moveOn();
    },

    async logout() {
      const tokens = await storedTokens();
      if (!tokens) return { revoked: false, problem: "not logged in" };
      const revocation = await revokeTokens(tokens);
      const { store } = await openCredentialStore(settings.env);
      await store.delete(settings.profile, TOKENS_KEY);
      account = undefined;
      await moveOn();
      return revocation;
    },
  };

  return {
    info: () => current.info(),
    context: (signal) => current.context(signal),
    setTarget: (applicationId, instance) => current.setTarget(applicationId, instance),
    login,
    secrets: () => [...used.flatMap((backend) => backend.secrets()), ...seenTokens],
  };
}
