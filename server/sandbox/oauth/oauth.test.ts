import { createHash, randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { authenticatePlatform } from "../tenancy/platform-auth";
import { useSandbox } from "../testing/harness";
import { CLI_CLIENT_ID } from "./clients";

const sandbox = useSandbox();
// Tests that move the clock must not leak sandbox time into the next one.
afterEach(() => sandbox.control("clock", { reset: true }));

const REDIRECT_URI = "http://127.0.0.1:53682/callback";

interface Pkce {
  verifier: string;
  challenge: string;
}

function pkce(): Pkce {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/** An authorization request URL; `undefined` in `overrides` drops that parameter. */
function authorizeUrl(challenge: string, overrides: Record<string, string | undefined> = {}): string {
  const params: Record<string, string | undefined> = {
    response_type: "code",
    client_id: CLI_CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    code_challenge: challenge,
    code_challenge_method: "S256",
    state: "state-123",
    ...overrides,
  };
  const url = new URL("/oauth/authorize", sandbox.url);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  return url.href;
}

function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { redirect: "manual", headers });
}

function postForm(path: string, body: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${sandbox.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(body).toString(),
  });
}

function transactionIdOf(html: string): string {
  const match = /name="transaction_id" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error(`no transaction id in consent page:\n${html}`);
  return match[1];
}

async function openConsent(challenge: string, overrides: Record<string, string | undefined> = {}): Promise<string> {
  const response = await get(authorizeUrl(challenge, overrides));
  expect(response.status).toBe(200);
  return transactionIdOf(await response.text());
}

/** Posts the consent decision; returns where the browser is sent. */
async function decide(transactionId: string, decision: "approve" | "deny"): Promise<URL> {
  const response = await postForm("/oauth/authorize/decision", { transaction_id: transactionId, decision });
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location") as string);
}

/** Runs authorize → consent → approve and returns the authorization code. */
async function authorize(keys: Pkce, overrides: Record<string, string | undefined> = {}): Promise<string> {
  const location = await decide(await openConsent(keys.challenge, overrides), "approve");
  return location.searchParams.get("code") as string;
}

function exchange(code: string, verifier: string, overrides: Record<string, string> = {}) {
  return postForm("/oauth/token", {
    grant_type: "authorization_code",
    code,
    redirect_uri: REDIRECT_URI,
    client_id: CLI_CLIENT_ID,
    code_verifier: verifier,
    ...overrides,
  });
}

function refresh(refreshToken: string) {
  return postForm("/oauth/token", {
    grant_type: "refresh_token",
    refresh_token: refreshToken,
    client_id: CLI_CLIENT_ID,
  });
}

function revoke(token: string, hint?: string) {
  return postForm("/oauth/token/revoke", { token, ...(hint ? { token_type_hint: hint } : {}) });
}

function userinfo(accessToken: string) {
  return fetch(`${sandbox.url}/oauth/userinfo`, { headers: { authorization: `Bearer ${accessToken}` } });
}

interface Tokens {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token: string;
  scope: string;
}

async function tokensFrom(response: Response): Promise<Tokens> {
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toBe("no-store");
  const body = (await response.json()) as Tokens;
  expect(Object.keys(body).sort()).toEqual(["access_token", "expires_in", "refresh_token", "scope", "token_type"]);
  expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3600 });
  expect(body.access_token).toMatch(/^oat_[A-Za-z0-9_-]{43}$/);
  expect(body.refresh_token).toMatch(/^ort_[A-Za-z0-9_-]{43}$/);
  return body;
}

async function signIn(): Promise<Tokens> {
  const keys = pkce();
  return tokensFrom(await exchange(await authorize(keys), keys.verifier));
}

async function expectOAuthError(response: Response, status: number, error: string): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get("cache-control")).toBe("no-store");
  const body = (await response.json()) as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(["error", "error_description"]);
  expect(body.error).toBe(error);
  expect(typeof body.error_description).toBe("string");
}

async function expectInvalidToken(accessToken: string): Promise<void> {
  const response = await userinfo(accessToken);
  expect(response.status).toBe(401);
  expect(response.headers.get("www-authenticate")).toMatch(/^Bearer .*error="invalid_token"/);
}

/** Asserts an authorization error went back to the client, with the state. */
async function expectRedirectedError(response: Response, error: string): Promise<void> {
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get("location") as string);
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
  expect(location.searchParams.get("error")).toBe(error);
  expect(location.searchParams.get("error_description")).toBeTruthy();
  expect(location.searchParams.get("state")).toBe("state-123");
  expect(location.searchParams.has("code")).toBe(false);
}

/** Asserts the request was refused on a page, without sending the browser anywhere. */
async function expectErrorPage(response: Response, text: RegExp): Promise<void> {
  expect(response.status).toBe(400);
  expect(response.headers.get("location")).toBeNull();
  expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
  expect(await response.text()).toMatch(text);
}

describe("OAuth authorization server metadata", () => {
  it("describes the endpoints at the issuer the client used (RFC 8414)", async () => {
    const response = await fetch(`${sandbox.url}/.well-known/oauth-authorization-server`);
    expect(response.status).toBe(200);
    const metadata = (await response.json()) as Record<string, unknown>;
    const { oauth } = sandbox.server.urls;
    expect(metadata).toMatchObject({
      issuer: sandbox.url,
      authorization_endpoint: oauth.authorize_url,
      token_endpoint: oauth.token_url,
      revocation_endpoint: oauth.revoke_url,
      userinfo_endpoint: oauth.userinfo_url,
      response_types_supported: ["code"],
      grant_types_supported: ["authorization_code", "refresh_token"],
      code_challenge_methods_supported: ["S256"],
      token_endpoint_auth_methods_supported: ["none"],
    });
    expect(metadata.scopes_supported).toEqual(["openid", "profile", "email", "applications:manage"]);
  });
});

describe("authorization code flow with PKCE", () => {
  it("runs authorize → consent → code → tokens → userinfo → refresh → revoke", async () => {
    const keys = pkce();
    const page = await get(authorizeUrl(keys.challenge));
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const csp = page.headers.get("content-security-policy") as string;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self' http://127.0.0.1:53682");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.headers.get("cache-control")).toBe("no-store");
    const html = await page.text();
    expect(html).toContain("Clerk CLI");
    expect(html).toContain("Sandbox Admin");
    expect(html).toContain("admin@sandbox.localhost");
    for (const scope of ["openid", "profile", "email", "applications:manage"]) expect(html).toContain(scope);
    expect(html).toContain('<form method="post" action="/oauth/authorize/decision">');
    expect(html).toContain('name="decision" value="approve"');
    expect(html).toContain('name="decision" value="deny"');
    expect(html).not.toMatch(/<script|src=|href=/i);

    const location = await decide(transactionIdOf(html), "approve");
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get("state")).toBe("state-123");
    expect(location.searchParams.get("iss")).toBe(sandbox.url);
    const code = location.searchParams.get("code") as string;
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const tokens = await tokensFrom(await exchange(code, keys.verifier));
    expect(tokens.scope).toBe("openid profile email applications:manage");

    const me = await userinfo(tokens.access_token);
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({
      sub: "acct_sandbox",
      name: "Sandbox Admin",
      given_name: "Sandbox",
      family_name: "Admin",
      email: "admin@sandbox.localhost",
      email_verified: true,
    });

    const rotated = await tokensFrom(await refresh(tokens.refresh_token));
    expect(rotated.access_token).not.toBe(tokens.access_token);
    expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
    expect(rotated.scope).toBe(tokens.scope);
    expect((await userinfo(rotated.access_token)).status).toBe(200);

    const revoked = await revoke(rotated.refresh_token, "refresh_token");
    expect(revoked.status).toBe(200);
    expect(await revoked.text()).toBe("");
    await expectInvalidToken(rotated.access_token);
    await expectInvalidToken(tokens.access_token);
    await expectOAuthError(await refresh(rotated.refresh_token), 400, "invalid_grant");
    expect((await revoke(rotated.refresh_token)).status).toBe(200);
  });

  it("issues access tokens that authenticate the Platform API as the sandbox account", async () => {
    const tokens = await signIn();
    expect(authenticatePlatform(sandbox.server.context, tokens.access_token)).toEqual({
      kind: "oauth",
      accountId: "acct_sandbox",
      clientId: CLI_CLIENT_ID,
      scopes: ["openid", "profile", "email", "applications:manage"],
    });
    const listApplications = () =>
      fetch(`${sandbox.url}/v1/platform/applications`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    const applications = await listApplications();
    expect(applications.status).toBe(200);
    expect(await applications.json()).toEqual([
      expect.objectContaining({ application_id: sandbox.credentials.application_id, name: "Sandbox" }),
    ]);

    await revoke(tokens.access_token, "access_token");
    expect(authenticatePlatform(sandbox.server.context, tokens.access_token)).toBeUndefined();
    expect((await listApplications()).status).toBe(401);
  });

  it("grants only the scopes asked for, and shows only their claims", async () => {
    const keys = pkce();
    const tokens = await tokensFrom(await exchange(await authorize(keys, { scope: "openid email" }), keys.verifier));
    expect(tokens.scope).toBe("openid email");
    expect(await (await userinfo(tokens.access_token)).json()).toEqual({
      sub: "acct_sandbox",
      email: "admin@sandbox.localhost",
      email_verified: true,
    });
  });

  it("accepts any loopback redirect: 127.0.0.1, [::1] and localhost on any port", async () => {
    for (const redirectUri of ["http://[::1]:8123/cb", "http://localhost:1/oauth/done?x=1", "http://127.0.0.1/"]) {
      const keys = pkce();
      const page = await get(authorizeUrl(keys.challenge, { redirect_uri: redirectUri }));
      expect(page.status).toBe(200);
      const location = await decide(transactionIdOf(await page.text()), "approve");
      expect(location.searchParams.get("code")).toBeTruthy();
      const tokens = await exchange(location.searchParams.get("code") as string, keys.verifier, {
        redirect_uri: redirectUri,
      });
      await tokensFrom(tokens);
    }
  });

  it("accepts a JSON token request", async () => {
    const keys = pkce();
    const code = await authorize(keys);
    const response = await fetch(`${sandbox.url}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        grant_type: "authorization_code",
        code,
        redirect_uri: REDIRECT_URI,
        client_id: CLI_CLIENT_ID,
        code_verifier: keys.verifier,
      }),
    });
    await tokensFrom(response);
  });

  it("expires access tokens after an hour of sandbox time", async () => {
    const tokens = await signIn();
    await sandbox.control("clock", { advance_ms: 3599_000 });
    expect((await userinfo(tokens.access_token)).status).toBe(200);
    await sandbox.control("clock", { advance_ms: 2_000 });
    await expectInvalidToken(tokens.access_token);
    await tokensFrom(await refresh(tokens.refresh_token));
  });

  it("revoking an access token leaves its refresh token working", async () => {
    const tokens = await signIn();
    expect((await revoke(tokens.access_token)).status).toBe(200);
    await expectInvalidToken(tokens.access_token);
    await tokensFrom(await refresh(tokens.refresh_token));
  });
});

describe("authorization request failures", () => {
  it("refuses a non-loopback redirect URI on a page, without redirecting", async () => {
    const challenge = pkce().challenge;
    for (const redirectUri of [
      "https://evil.example/callback",
      "http://127.0.0.1.evil.example/callback",
      "http://evil.example@127.0.0.1:8080/callback",
      "https://127.0.0.1:8080/callback",
      "http://127.0.0.1:8080/callback#fragment",
      "not a url",
    ]) {
      await expectErrorPage(await get(authorizeUrl(challenge, { redirect_uri: redirectUri })), /only http loopback/);
    }
    await expectErrorPage(await get(authorizeUrl(challenge, { redirect_uri: undefined })), /redirect_uri is missing/);
  });

  it("refuses a malformed or missing client on a page", async () => {
    const challenge = pkce().challenge;
    await expectErrorPage(await get(authorizeUrl(challenge, { client_id: "some one<else>" })), /Unknown client_id/);
    await expectErrorPage(await get(authorizeUrl(challenge, { client_id: undefined })), /client_id is missing/);
    const repeated = `${authorizeUrl(challenge)}&redirect_uri=${encodeURIComponent("http://127.0.0.1:1/x")}`;
    await expectErrorPage(await get(repeated), /repeats client_id or redirect_uri/);
  });

  it("accepts another public client (the official CLI's, say) under the same rules, and binds its code to it", async () => {
    const keys = pkce();
    const consent = await get(authorizeUrl(keys.challenge, { client_id: "official-cli.public" }));
    expect(consent.status).toBe(200);
    const page = await consent.text();
    expect(page).toContain("official-cli.public");
    const code = (await decide(transactionIdOf(page), "approve")).searchParams.get("code") as string;
    await expectOAuthError(await exchange(code, keys.verifier), 400, "invalid_grant");
    const other = pkce();
    const otherCode = await authorize(other, { client_id: "official-cli.public" });
    await tokensFrom(await exchange(otherCode, other.verifier, { client_id: "official-cli.public" }));
    await expectErrorPage(
      await get(
        authorizeUrl(pkce().challenge, { client_id: "official-cli.public", redirect_uri: "https://evil.example/cb" }),
      ),
      /only http loopback addresses/,
    );
    await expectRedirectedError(
      await get(authorizeUrl(pkce().challenge, { client_id: "official-cli.public", code_challenge: undefined })),
      "invalid_request",
    );
  });

  it("requires PKCE with S256", async () => {
    const challenge = pkce().challenge;
    await expectRedirectedError(await get(authorizeUrl(challenge, { code_challenge: undefined })), "invalid_request");
    await expectRedirectedError(
      await get(authorizeUrl(challenge, { code_challenge_method: "plain" })),
      "invalid_request",
    );
    await expectRedirectedError(
      await get(authorizeUrl(challenge, { code_challenge_method: undefined })),
      "invalid_request",
    );
    await expectRedirectedError(await get(authorizeUrl("too-short")), "invalid_request");
  });

  it("refuses other response types, unknown scopes and repeated parameters", async () => {
    const challenge = pkce().challenge;
    await expectRedirectedError(
      await get(authorizeUrl(challenge, { response_type: "token" })),
      "unsupported_response_type",
    );
    await expectRedirectedError(await get(authorizeUrl(challenge, { scope: "openid admin:all" })), "invalid_scope");
    await expectRedirectedError(await get(`${authorizeUrl(challenge)}&scope=a&scope=b`), "invalid_request");
  });

  it("sends access_denied when the account denies, and the consent cannot be answered twice", async () => {
    const transactionId = await openConsent(pkce().challenge);
    const location = await decide(transactionId, "deny");
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get("error")).toBe("access_denied");
    expect(location.searchParams.get("state")).toBe("state-123");
    expect(location.searchParams.has("code")).toBe(false);

    const again = await postForm("/oauth/authorize/decision", { transaction_id: transactionId, decision: "approve" });
    await expectErrorPage(again, /expired or was already answered/);
  });

  it("refuses decisions without a live transaction, a valid choice or from another site", async () => {
    await expectErrorPage(
      await postForm("/oauth/authorize/decision", { transaction_id: "guessed", decision: "approve" }),
      /expired or was already answered/,
    );
    const transactionId = await openConsent(pkce().challenge);
    await expectErrorPage(
      await postForm("/oauth/authorize/decision", { transaction_id: transactionId, decision: "maybe" }),
      /Choose Approve or Deny/,
    );
    const crossSite = await postForm(
      "/oauth/authorize/decision",
      { transaction_id: transactionId, decision: "approve" },
      { origin: "https://evil.example" },
    );
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get("location")).toBeNull();
    // Neither refusal spent the transaction.
    const sameSite = await postForm(
      "/oauth/authorize/decision",
      { transaction_id: transactionId, decision: "approve" },
      { origin: sandbox.url },
    );
    expect(sameSite.status).toBe(302);
  });

  it("refuses a cross-site decision without an Origin (Fetch-Metadata), without spending the transaction", async () => {
    const transactionId = await openConsent(pkce().challenge);
    for (const site of ["cross-site", "same-site"]) {
      const refused = await postForm(
        "/oauth/authorize/decision",
        { transaction_id: transactionId, decision: "approve" },
        { "sec-fetch-site": site, "sec-fetch-mode": "navigate" },
      );
      expect(refused.status, site).toBe(403);
      expect(refused.headers.get("location"), site).toBeNull();
      expect(await refused.text()).toContain("Request refused");
    }
    const own = await postForm(
      "/oauth/authorize/decision",
      { transaction_id: transactionId, decision: "approve" },
      { origin: sandbox.url, "sec-fetch-site": "same-origin" },
    );
    expect(own.status).toBe(302);
    expect(new URL(own.headers.get("location") ?? "").searchParams.get("code")).toBeTruthy();
  });

  it("opens the consent page from another site's navigation, but not from its scripts or another Host", async () => {
    // inject: fetch always sends its own Sec-Fetch-Mode (cors), so it cannot stand for a navigation.
    const target = new URL(authorizeUrl(pkce().challenge));
    const open = (headers: Record<string, string>) =>
      sandbox.server.app.inject({
        method: "GET",
        url: target.pathname + target.search,
        headers: { host: target.host, ...headers },
      });
    const navigation = await open({ "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate" });
    expect(navigation.statusCode).toBe(200);
    const script = await open({ "sec-fetch-site": "cross-site", "sec-fetch-mode": "cors", origin: "https://evil.com" });
    expect(script.statusCode).toBe(403);
    const otherPort = await open({ host: `localhost:${sandbox.server.port + 1}` });
    expect(otherPort.statusCode).toBe(421);
  });

  it("expires an unanswered consent after ten minutes", async () => {
    const transactionId = await openConsent(pkce().challenge);
    await sandbox.control("clock", { advance_ms: 10 * 60_000 });
    await expectErrorPage(
      await postForm("/oauth/authorize/decision", { transaction_id: transactionId, decision: "approve" }),
      /expired or was already answered/,
    );
  });
});

describe("token request failures", () => {
  it("rejects a wrong code_verifier without spending the code", async () => {
    const keys = pkce();
    const code = await authorize(keys);
    await expectOAuthError(await exchange(code, pkce().verifier), 400, "invalid_grant");
    await expectOAuthError(await exchange(code, "short"), 400, "invalid_grant");
    await tokensFrom(await exchange(code, keys.verifier));
  });

  it("rejects a reused code and revokes the tokens it produced", async () => {
    const keys = pkce();
    const code = await authorize(keys);
    const tokens = await tokensFrom(await exchange(code, keys.verifier));
    await expectOAuthError(await exchange(code, keys.verifier), 400, "invalid_grant");
    await expectInvalidToken(tokens.access_token);
    await expectOAuthError(await refresh(tokens.refresh_token), 400, "invalid_grant");
  });

  it("rejects a redirect_uri other than the authorization request's", async () => {
    const keys = pkce();
    const code = await authorize(keys);
    await expectOAuthError(
      await exchange(code, keys.verifier, { redirect_uri: "http://127.0.0.1:9999/callback" }),
      400,
      "invalid_grant",
    );
    const { redirect_uri: _omitted, ...withoutRedirect } = {
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT_URI,
      client_id: CLI_CLIENT_ID,
      code_verifier: keys.verifier,
    };
    await expectOAuthError(await postForm("/oauth/token", withoutRedirect), 400, "invalid_request");
  });

  it("rejects a code after 60 seconds of sandbox time", async () => {
    const keys = pkce();
    const code = await authorize(keys);
    await sandbox.control("clock", { advance_ms: 60_000 });
    await expectOAuthError(await exchange(code, keys.verifier), 400, "invalid_grant");
  });

  it("rejects malformed or missing clients with invalid_client", async () => {
    const keys = pkce();
    const code = await authorize(keys);
    await expectOAuthError(await exchange(code, keys.verifier, { client_id: "some one<else>" }), 400, "invalid_client");
    const { client_id: _omitted, ...withoutClient } = {
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT_URI,
      client_id: CLI_CLIENT_ID,
      code_verifier: keys.verifier,
    };
    await expectOAuthError(await postForm("/oauth/token", withoutClient), 400, "invalid_client");
    await expectOAuthError(
      await postForm("/oauth/token/revoke", { token: "x", client_id: "some one<else>" }),
      400,
      "invalid_client",
    );
  });

  it("rejects missing or unsupported grant types and malformed bodies", async () => {
    await expectOAuthError(await postForm("/oauth/token", { client_id: CLI_CLIENT_ID }), 400, "invalid_request");
    await expectOAuthError(
      await postForm("/oauth/token", { grant_type: "password", client_id: CLI_CLIENT_ID }),
      400,
      "unsupported_grant_type",
    );
    const badJson = await fetch(`${sandbox.url}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    await expectOAuthError(badJson, 400, "invalid_request");
    await expectOAuthError(await postForm("/oauth/token/revoke", {}), 400, "invalid_request");
  });

  it("rejects a rotated refresh token and revokes the grant it belongs to", async () => {
    const tokens = await signIn();
    const rotated = await tokensFrom(await refresh(tokens.refresh_token));
    await expectOAuthError(await refresh(tokens.refresh_token), 400, "invalid_grant");
    await expectOAuthError(await refresh(rotated.refresh_token), 400, "invalid_grant");
    await expectInvalidToken(rotated.access_token);
  });

  it("narrows the scope on refresh but never widens it", async () => {
    const keys = pkce();
    const tokens = await tokensFrom(await exchange(await authorize(keys, { scope: "openid email" }), keys.verifier));
    const widened = await postForm("/oauth/token", {
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token,
      client_id: CLI_CLIENT_ID,
      scope: "openid profile",
    });
    await expectOAuthError(widened, 400, "invalid_scope");
    const narrowed = await tokensFrom(
      await postForm("/oauth/token", {
        grant_type: "refresh_token",
        refresh_token: tokens.refresh_token,
        client_id: CLI_CLIENT_ID,
        scope: "openid",
      }),
    );
    expect(narrowed.scope).toBe("openid");
    expect(await (await userinfo(narrowed.access_token)).json()).toEqual({ sub: "acct_sandbox" });
    // The new refresh token still carries the whole grant.
    expect((await tokensFrom(await refresh(narrowed.refresh_token))).scope).toBe("openid email");
  });

  it("answers userinfo without a token with a bare Bearer challenge", async () => {
    const response = await fetch(`${sandbox.url}/oauth/userinfo`);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Bearer realm="Clerk sandbox"');
    await expectInvalidToken("oat_not-a-token");
  });

  it("always answers 200 when revoking unknown tokens", async () => {
    const response = await revoke("unknown", "refresh_token");
    expect(response.status).toBe(200);
  });
});
