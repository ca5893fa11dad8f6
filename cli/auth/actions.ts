import { backendBaseUrl } from "../../shared/clerk/target";
import { openCredentialStore } from "../credentials/index";
import { RuntimeError, UsageError } from "../errors";
import type { GlobalOptions } from "../globals";
import { printResult } from "../output";
import { resolveSettings, type Settings } from "../settings";
import { abortSignal } from "../shutdown";
import { parseDuration } from "./duration";
import { oauthRequest } from "./oauth-http";
import {
  fetchUserInfo,
  loadTokens,
  matchesServer,
  notLoggedIn,
  revokeTokens,
  type StoredTokens,
  TOKENS_KEY,
} from "./tokens";

const DEFAULT_LOGIN_TIMEOUT_MS = 5 * 60_000;

function describeLogin(
  profile: string,
  tokens: StoredTokens,
  claims: Record<string, unknown>,
  store: { kind: string; location: string },
) {
  return {
    profile,
    oauth_server: tokens.oauth_base_url,
    sub: typeof claims.sub === "string" ? claims.sub : null,
    name: typeof claims.name === "string" ? claims.name : null,
    email: typeof claims.email === "string" ? claims.email : null,
    scope: tokens.scope ?? null,
    expires_at: tokens.expires_at ? new Date(tokens.expires_at).toISOString() : null,
    credential_store: store.kind,
  };
}

function who(claims: Record<string, unknown>): string {
  const name = typeof claims.name === "string" ? claims.name : undefined;
  const email = typeof claims.email === "string" ? claims.email : undefined;
  const sub = typeof claims.sub === "string" ? claims.sub : "an unnamed account";
  if (name && email) return `${name} <${email}>`;
  return name ?? email ?? sub;
}

export async function authLogin(input: { browser: boolean; timeout?: string | undefined }, globals: GlobalOptions) {
  if (globals.dryRun) throw new UsageError("clerk auth login has no dry run.", "Run it without --dry-run.");
  const timeoutMs = input.timeout === undefined ? DEFAULT_LOGIN_TIMEOUT_MS : parseDuration(input.timeout, "--timeout");
  const settings = await resolveSettings(globals);
  if (await alreadyLoggedIn(settings, globals)) return;
  const { login } = await import("./login");
  const result = await login(settings, { browser: input.browser, timeoutMs, signal: abortSignal() });
  let claims: Record<string, unknown> = {};
  if (result.tokens.userinfo_endpoint) {
    const response = await oauthRequest(
      result.tokens.userinfo_endpoint,
      { headers: { authorization: `Bearer ${result.tokens.access_token}`, accept: "application/json" } },
      settings.oauthBaseUrl,
    ).catch(() => undefined);
    if (response?.ok) claims = response.body as Record<string, unknown>;
  }
  if (settings.platformApiKey) {
    process.stderr.write(
      `note: platform_api_key is set (${settings.origins.platform_api_key?.detail}); it takes precedence over this login for the Platform API.\n`,
    );
  }
  const output = describeLogin(settings.profile, result.tokens, claims, result.store);
  if (globals.output === "table") {
    process.stdout.write(
      `Logged in as ${who(claims)} (profile "${settings.profile}", ${settings.oauthBaseUrl}).\n` +
        `The tokens are in ${result.store.kind === "keychain" ? "the OS keychain" : result.store.location}.\n`,
    );
    return;
  }
  await printResult(output, globals.output);
}

/**
 * `whoami` with no login but a secret key: what the key tells, the instance behind it (the
 * official CLI's `whoami` shows the linked app; the Go CLI's, the profile and its key).
 */
async function describeSecretKey(settings: Settings, globals: GlobalOptions): Promise<void> {
  const { ClerkTransport } = await import("../../shared/clerk/transport");
  const { commonTransportOptions } = await import("../context");
  const { maskSecret } = await import("../settings/keys");
  const backend = new ClerkTransport({
    ...commonTransportOptions(globals, abortSignal()),
    baseUrl: backendBaseUrl(settings.apiUrl),
    token: () => settings.secretKey as string,
  });
  const instance = (await backend.request({ method: "GET", path: "/instance" })).body as {
    id?: string;
    environment_type?: string;
  };
  const output = {
    profile: settings.profile,
    logged_in: false,
    secret_key: maskSecret(settings.secretKey as string),
    secret_key_from: settings.origins.secret_key?.detail ?? null,
    api_url: settings.apiUrl,
    instance_id: instance.id ?? null,
    environment_type: instance.environment_type ?? null,
  };
  if (globals.output !== "table") {
    await printResult(output, globals.output);
    return;
  }
  process.stdout.write(
    `Not logged in (profile "${settings.profile}"), but a secret key is set (${output.secret_key}, from ${output.secret_key_from}).\n` +
      `It is the key of instance ${output.instance_id} (${output.environment_type}) at ${settings.apiUrl}.\n` +
      "Run `clerk login` for the Platform API (applications, deploys).\n",
  );
}

/**
 * `login` with a login to this server already stored (official CLI): in agent mode it does
 * nothing; on a terminal it asks before logging in again, unless --yes; elsewhere it logs in again.
 */
async function alreadyLoggedIn(settings: Settings, globals: GlobalOptions): Promise<boolean> {
  const [{ agentMode }, { interactive }] = await Promise.all([import("../mode"), import("../confirm")]);
  if (globals.yes || !(agentMode() || interactive())) return false;
  const { storedLogin } = await import("./tokens");
  const stored = await storedLogin(settings);
  if (!stored || !matchesServer(stored, settings)) return false;
  if (!agentMode()) {
    const { default: confirm } = await import("@inquirer/confirm");
    const question = `Already logged in to ${stored.oauth_base_url} (profile "${settings.profile}"). Log in again?`;
    if (await confirm({ message: question, default: false }, { output: process.stderr })) return false;
  }
  const output = { profile: settings.profile, oauth_server: stored.oauth_base_url, logged_in: true, changed: false };
  if (globals.output === "table") {
    process.stdout.write(
      `Already logged in to ${stored.oauth_base_url} (profile "${settings.profile}"): nothing to do.\n`,
    );
  } else {
    await printResult(output, globals.output);
  }
  return true;
}

export async function authWhoami(globals: GlobalOptions) {
  const settings = await resolveSettings(globals);
  const { store, info } = await openCredentialStore(settings.env);
  const stored = settings.profileExists ? await loadTokens(store, settings.profile) : undefined;
  if (!stored && settings.secretKey) return describeSecretKey(settings, globals);
  if (!stored) throw notLoggedIn(settings);
  if (!matchesServer(stored, settings)) {
    throw new RuntimeError(
      `Profile "${settings.profile}" is logged in to ${stored.oauth_base_url}, but the OAuth server is now ${settings.oauthBaseUrl}.`,
      "Run `clerk auth login` for this server, or point CLERK_OAUTH_BASE_URL back.",
      "not_logged_in",
    );
  }
  const { login, claims } = await fetchUserInfo(settings);
  const output = describeLogin(settings.profile, login, claims, info);
  if (globals.output === "table") {
    await printResult(output, "table");
    return;
  }
  await printResult(output, globals.output);
}

export async function authLogout(globals: GlobalOptions) {
  const settings = await resolveSettings(globals);
  const { store } = await openCredentialStore(settings.env);
  const tokens = settings.profileExists ? await loadTokens(store, settings.profile) : undefined;
  if (!tokens) {
    if (globals.output === "table") {
      process.stdout.write(`Not logged in (profile "${settings.profile}"): nothing to do.\n`);
      return;
    }
    await printResult({ profile: settings.profile, logged_out: false, revoked: false }, globals.output);
    return;
  }
  if (globals.dryRun) {
    process.stderr.write(
      `Dry run: would revoke and delete the login to ${tokens.oauth_base_url}. Nothing was changed.\n`,
    );
    return;
  }
  const revocation = await revokeTokens(tokens);
  await store.delete(settings.profile, TOKENS_KEY);
  if (!revocation.revoked) {
    process.stderr.write(
      `warning: could not revoke the tokens at ${tokens.oauth_base_url} (${revocation.problem}); ` +
        "they were deleted here but stay valid until they expire.\n",
    );
  }
  if (globals.output === "table") {
    process.stdout.write(
      `Logged out of ${tokens.oauth_base_url} (profile "${settings.profile}")${revocation.revoked ? "; the tokens were revoked" : ""}.\n`,
    );
    return;
  }
  await printResult(
    {
      profile: settings.profile,
      oauth_server: tokens.oauth_base_url,
      logged_out: true,
      revoked: revocation.revoked,
      ...(revocation.problem ? { problem: revocation.problem } : {}),
    },
    globals.output,
  );
}
