import { closeSync, openSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { type CredentialStore, openCredentialStore } from "../credentials/index";
import { RuntimeError } from "../errors";
import { ensureConfigDir } from "../settings/paths";
import type { Settings } from "../settings/resolve";
import {
  OAuthEndpointError,
  type OAuthServer,
  oauthRequest,
  postForm,
  readTokenResponse,
  type TokenResponse,
} from "./oauth-http";

/** Refresh when less than this is left, so a token never expires in the middle of a command. */
export const REFRESH_MARGIN_MS = 60_000;

/** The credential store entry (per profile) holding a login. */
export const TOKENS_KEY = "oauth_tokens";

/** A login as kept in the credential store: the tokens and the server they belong to. */
export interface StoredTokens {
  access_token: string;
  refresh_token?: string;
  token_type: string;
  scope?: string;
  /** Epoch ms; absent when the server did not say (then only a 401 triggers a refresh). */
  expires_at?: number;
  obtained_at: number;
  /** The `oauth_base_url` setting at login: tokens are used only while it still points there. */
  oauth_base_url: string;
  client_id: string;
  issuer: string;
  token_endpoint: string;
  revocation_endpoint?: string;
  userinfo_endpoint?: string;
}

export const loginHint = "Run `clerk auth login` to log in again.";

export function loginExpired(profile: string, why: string): RuntimeError {
  return new RuntimeError(
    `Your Clerk login (profile "${profile}") ${why}.`,
    `${loginHint} (Or set CLERK_PLATFORM_API_KEY / CLERK_SECRET_KEY.)`,
    "login_expired",
  );
}

export function tokensFrom(
  response: TokenResponse,
  server: OAuthServer,
  settings: Pick<Settings, "oauthBaseUrl" | "oauthClientId">,
  previous?: StoredTokens,
): StoredTokens {
  const now = Date.now();
  const refreshToken = response.refresh_token ?? previous?.refresh_token;
  const scope = response.scope ?? previous?.scope;
  return {
    access_token: response.access_token,
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
    token_type: response.token_type,
    ...(scope ? { scope } : {}),
    ...(response.expires_in !== undefined ? { expires_at: now + response.expires_in * 1000 } : {}),
    obtained_at: now,
    oauth_base_url: settings.oauthBaseUrl,
    client_id: settings.oauthClientId,
    issuer: server.issuer,
    token_endpoint: server.token_endpoint,
    ...(server.revocation_endpoint ? { revocation_endpoint: server.revocation_endpoint } : {}),
    ...(server.userinfo_endpoint ? { userinfo_endpoint: server.userinfo_endpoint } : {}),
  };
}

function parseTokens(text: string | undefined): StoredTokens | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as StoredTokens;
    return typeof value.access_token === "string" && typeof value.token_endpoint === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

export async function loadTokens(
  store: CredentialStore,
  profile: string,
  fresh = false,
): Promise<StoredTokens | undefined> {
  return parseTokens(await store.get(profile, TOKENS_KEY, fresh));
}

export async function saveTokens(store: CredentialStore, profile: string, tokens: StoredTokens): Promise<void> {
  await store.set(profile, TOKENS_KEY, JSON.stringify(tokens));
}

/** The stored login of the resolved profile, whatever server it is for. */
export async function storedLogin(settings: Settings): Promise<StoredTokens | undefined> {
  if (!settings.profileExists) return undefined;
  const { store } = await openCredentialStore(settings.env);
  return loadTokens(store, settings.profile);
}

/** Whether a login was made against the OAuth server the settings point at now. */
export const matchesServer = (tokens: StoredTokens, settings: Pick<Settings, "oauthBaseUrl">) =>
  tokens.oauth_base_url === settings.oauthBaseUrl;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Serialises refreshes of one profile across processes: with refresh-token rotation, two
 * processes spending the same refresh token would get the whole grant revoked.
 */
async function withRefreshLock<T>(settings: Settings, work: () => Promise<T>): Promise<T> {
  const file = join(ensureConfigDir(settings.env), `oauth-refresh-${settings.profile}.lock`);
  const deadline = Date.now() + 15_000;
  let locked = false;
  while (!locked && Date.now() < deadline) {
    try {
      closeSync(openSync(file, "wx", 0o600));
      locked = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") break;
      try {
        if (Date.now() - statSync(file).mtimeMs > 30_000) rmSync(file, { force: true });
      } catch {
        // Gone meanwhile: try again.
      }
      await sleep(100);
    }
  }
  try {
    return await work();
  } finally {
    if (locked) rmSync(file, { force: true });
  }
}

async function refresh(settings: Settings, store: CredentialStore, tokens: StoredTokens): Promise<StoredTokens> {
  if (!tokens.refresh_token) throw loginExpired(settings.profile, "has expired and cannot be refreshed");
  const { status, body } = await postForm(
    tokens.token_endpoint,
    { grant_type: "refresh_token", refresh_token: tokens.refresh_token, client_id: tokens.client_id },
    settings.oauthBaseUrl,
  );
  let response: TokenResponse;
  try {
    response = readTokenResponse(status, body, loginHint);
  } catch (error) {
    if (error instanceof OAuthEndpointError && (error.error === "invalid_grant" || error.status === 401)) {
      // Dead for good (expired, revoked, or rotated away): forget it.
      await store.delete(settings.profile, TOKENS_KEY);
      throw loginExpired(settings.profile, "has expired or was revoked");
    }
    throw error;
  }
  const server: OAuthServer = {
    issuer: tokens.issuer,
    authorization_endpoint: "",
    token_endpoint: tokens.token_endpoint,
    ...(tokens.revocation_endpoint ? { revocation_endpoint: tokens.revocation_endpoint } : {}),
    ...(tokens.userinfo_endpoint ? { userinfo_endpoint: tokens.userinfo_endpoint } : {}),
  };
  const renewed = tokensFrom(
    response,
    server,
    { oauthBaseUrl: tokens.oauth_base_url, oauthClientId: tokens.client_id },
    tokens,
  );
  await saveTokens(store, settings.profile, renewed);
  return renewed;
}

export interface AccessTokenOptions {
  /** An access token the server just refused (401): refresh unless another process already did. */
  rejected?: string;
  /** Refresh when less than this is left (default one minute). */
  minValidityMs?: number;
}

/**
 * A fresh OAuth access token for the Platform API, or undefined when not logged in (to the
 * OAuth server the settings point at). Refreshes when it is about to expire or was refused,
 * and stores the new tokens; when the refresh fails, the error tells to log in again.
 */
export async function getPlatformAccessToken(
  settings: Settings,
  options: AccessTokenOptions = {},
): Promise<string | undefined> {
  const login = await freshLogin(settings, options);
  return login?.access_token;
}

/** Like getPlatformAccessToken, with the whole stored login. */
export async function freshLogin(
  settings: Settings,
  options: AccessTokenOptions = {},
): Promise<StoredTokens | undefined> {
  if (!settings.profileExists) return undefined;
  const { store } = await openCredentialStore(settings.env);
  const tokens = await loadTokens(store, settings.profile);
  if (!tokens || !matchesServer(tokens, settings)) return undefined;
  const margin = options.minValidityMs ?? REFRESH_MARGIN_MS;
  const stale = (current: StoredTokens) =>
    options.rejected !== undefined
      ? current.access_token === options.rejected
      : current.expires_at !== undefined && current.expires_at - Date.now() < margin;
  if (!stale(tokens)) return tokens;
  return withRefreshLock(settings, async () => {
    // Another process may have refreshed while we waited for the lock.
    const current = (await loadTokens(store, settings.profile, true)) ?? tokens;
    return stale(current) ? refresh(settings, store, current) : current;
  });
}

/** What `clerk auth logout` did at the server. */
export interface Revocation {
  revoked: boolean;
  problem?: string;
}

/** RFC 7009: revokes the refresh token (ending the grant) and the access token. Never throws. */
export async function revokeTokens(tokens: StoredTokens): Promise<Revocation> {
  if (!tokens.revocation_endpoint) return { revoked: false, problem: "the OAuth server has no revocation endpoint" };
  const attempts: [string, string][] = [
    ...(tokens.refresh_token ? ([[tokens.refresh_token, "refresh_token"]] as [string, string][]) : []),
    [tokens.access_token, "access_token"],
  ];
  try {
    for (const [token, hint] of attempts) {
      const { status, body } = await postForm(
        tokens.revocation_endpoint,
        { token, token_type_hint: hint, client_id: tokens.client_id },
        tokens.oauth_base_url,
      );
      if (status !== 200) {
        const error = body && typeof body === "object" ? (body as { error?: string }).error : undefined;
        return { revoked: false, problem: `the revocation endpoint answered ${status}${error ? ` ${error}` : ""}` };
      }
    }
    return { revoked: true };
  } catch (error) {
    return { revoked: false, problem: (error as Error).message };
  }
}

/** OpenID Connect UserInfo with a fresh token; a 401 triggers one refresh and a retry. */
export async function fetchUserInfo(
  settings: Settings,
): Promise<{ login: StoredTokens; claims: Record<string, unknown> }> {
  let login = await freshLogin(settings);
  if (!login) throw notLoggedIn(settings);
  if (!login.userinfo_endpoint) {
    throw new RuntimeError(
      `The OAuth server at ${login.oauth_base_url} has no userinfo endpoint.`,
      "Check CLERK_OAUTH_BASE_URL.",
      "oauth_no_userinfo",
    );
  }
  for (let attempt = 1; ; attempt++) {
    const response = await oauthRequest(
      login.userinfo_endpoint as string,
      { headers: { authorization: `Bearer ${login.access_token}`, accept: "application/json" } },
      login.oauth_base_url,
    );
    if (response.status === 401 && attempt === 1) {
      login = (await freshLogin(settings, { rejected: login.access_token })) ?? login;
      continue;
    }
    if (response.status === 401) throw loginExpired(settings.profile, "was refused by the OAuth server");
    if (!response.ok) {
      throw new RuntimeError(
        `The OAuth server's userinfo endpoint answered ${response.status}.`,
        "Try again later, or check CLERK_OAUTH_BASE_URL.",
        "oauth_userinfo_failed",
      );
    }
    return { login, claims: response.body as Record<string, unknown> };
  }
}

export function notLoggedIn(settings: Settings): RuntimeError {
  return new RuntimeError(
    `Not logged in (profile "${settings.profile}", OAuth server ${settings.oauthBaseUrl}).`,
    "Run `clerk auth login`, or set CLERK_PLATFORM_API_KEY.",
    "not_logged_in",
  );
}
