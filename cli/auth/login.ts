import { type CredentialStore, openCredentialStore } from "../credentials/index";
import { ensureProfile } from "../settings/profiles";
import type { Settings } from "../settings/resolve";
import { formatDuration } from "./duration";
import { listenForCallback } from "./loopback";
import { discoverServer, type OAuthServer, postForm, readTokenResponse } from "./oauth-http";
import { createPkce, createState } from "./pkce";
import { type StoredTokens, saveTokens, tokensFrom } from "./tokens";

/** What the CLI asks for: who you are, and managing your applications (the Platform API). */
export const LOGIN_SCOPE = "openid profile email applications:manage";

export interface LoginOptions {
  /** Open the browser (the URL is printed either way). */
  browser: boolean;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Where progress goes (stderr): never stdout, which carries the result. */
  log?: (line: string) => void;
}

export interface LoginResult {
  tokens: StoredTokens;
  store: { kind: string; location: string };
}

/** The consent page's address: an authorization request with PKCE (S256) and `state`. */
export function authorizationUrl(
  server: OAuthServer,
  settings: Pick<Settings, "oauthClientId">,
  request: { redirectUri: string; state: string; challenge: string },
): URL {
  const url = new URL(server.authorization_endpoint);
  for (const [name, value] of Object.entries({
    response_type: "code",
    client_id: settings.oauthClientId,
    redirect_uri: request.redirectUri,
    scope: LOGIN_SCOPE,
    state: request.state,
    code_challenge: request.challenge,
    code_challenge_method: "S256",
  })) {
    url.searchParams.set(name, value);
  }
  return url;
}

/** Trades the authorization code (with the PKCE verifier) for tokens and keeps them for the profile. */
export async function redeemCode(
  server: OAuthServer,
  settings: Settings,
  store: CredentialStore,
  grant: { code: string; redirectUri: string; verifier: string; signal?: AbortSignal },
): Promise<StoredTokens> {
  const { status, body } = await postForm(
    server.token_endpoint,
    {
      grant_type: "authorization_code",
      code: grant.code,
      redirect_uri: grant.redirectUri,
      client_id: settings.oauthClientId,
      code_verifier: grant.verifier,
    },
    settings.oauthBaseUrl,
    grant.signal,
  );
  const tokens = tokensFrom(readTokenResponse(status, body, "Run `clerk auth login` again."), server, settings);
  ensureProfile(settings.profile, settings.env);
  await saveTokens(store, settings.profile, tokens);
  return tokens;
}

/**
 * The OAuth authorization-code flow with PKCE (S256) for a native app (RFC 8252): discovers the
 * server, listens on a loopback port, sends the browser to the consent page, waits for the
 * redirect with the right `state`, redeems the code and keeps the tokens in the credential store.
 */
export async function login(settings: Settings, options: LoginOptions): Promise<LoginResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const server = await discoverServer(settings.oauthBaseUrl, options.signal);
  // Open the store first: if it cannot be used, fail before the person approves anything.
  const { store, info } = await openCredentialStore(settings.env);
  const state = createState();
  const pkce = createPkce();
  const listener = await listenForCallback(state, server.issuer);
  try {
    const url = authorizationUrl(server, settings, {
      redirectUri: listener.redirectUri,
      state,
      challenge: pkce.challenge,
    });
    log(`Log in to Clerk (profile "${settings.profile}", OAuth server ${settings.oauthBaseUrl}).`);
    log(options.browser ? "Opening your browser at:" : "Open this URL in your browser:");
    log("");
    log(`  ${url.href}`);
    log("");
    if (options.browser) {
      try {
        const { default: open } = await import("open");
        await open(url.href);
      } catch (error) {
        log(`Could not open a browser (${(error as Error).message.split("\n")[0]}): open the URL above yourself.`);
      }
    }
    log(
      `Waiting for you to approve in the browser (times out in ${formatDuration(options.timeoutMs)}; Ctrl-C cancels)…`,
    );
    const code = await listener.waitForCode(options.timeoutMs, options.signal);
    const tokens = await redeemCode(server, settings, store, {
      code,
      redirectUri: listener.redirectUri,
      verifier: pkce.verifier,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return { tokens, store: { kind: info.kind, location: info.location } };
  } finally {
    listener.close();
  }
}
