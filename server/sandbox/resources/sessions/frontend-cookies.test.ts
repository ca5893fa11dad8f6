import { createClerkClient } from "@clerk/backend";
import { describe, expect, test } from "vitest";
import { expectJson, useSandbox } from "../../testing/harness";

const sandbox = useSandbox();

type Cookies = { __client: string; __refresh: string; __session: string; __client_uat: string };
type Errors = { errors: { code: string }[] };

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split(".")[1] as string, "base64url").toString()) as Record<string, unknown>;
}

async function signedIn() {
  const user = await expectJson<{ id: string }>(
    await sandbox.bapi("POST", "/users", { email_address: ["cookie@example.com"] }),
  );
  const session = await expectJson<{ id: string; client_id: string }>(
    await sandbox.bapi("POST", "/sessions", { user_id: user.id }),
  );
  const cookies = (await sandbox.control(`sessions/${session.id}/cookies`)) as Cookies;
  return { user, session, cookies };
}

describe("what the Frontend API's cookies let a backend do", () => {
  test("refresh: an expired __session and the __refresh cookie give a new token (or Set-Cookie lines)", async () => {
    await sandbox.control("clock", { now: Date.UTC(2025, 5, 1), freeze: true });
    const { user, session, cookies } = await signedIn();
    await sandbox.control("clock", { advance_ms: 5 * 60_000 });
    const body = {
      expired_token: cookies.__session,
      refresh_token: cookies.__refresh,
      request_origin: "https://app.example.com",
    };
    const token = await expectJson<{ object: string; jwt: string }>(
      await sandbox.bapi("POST", `/sessions/${session.id}/refresh`, body),
    );
    expect(token.object).toBe("token");
    expect(claimsOf(token.jwt)).toMatchObject({
      sid: session.id,
      sub: user.id,
      azp: "https://app.example.com",
      iat: Date.UTC(2025, 5, 1) / 1000 + 300,
    });
    const asCookies = await expectJson<{ object: string; cookies: string[] }>(
      await sandbox.bapi("POST", `/sessions/${session.id}/refresh`, { ...body, format: "cookie" }),
    );
    expect(asCookies.object).toBe("cookies");
    expect(asCookies.cookies).toEqual([
      expect.stringMatching(/^__session=[\w-]+\.[\w-]+\.[\w-]+; Path=\/; SameSite=Lax; Secure$/),
    ]);
  });

  test("refresh refuses with 401 (the SDKs' cue for a handshake) what does not add up", async () => {
    const { session, cookies } = await signedIn();
    const base = {
      expired_token: cookies.__session,
      refresh_token: cookies.__refresh,
      request_origin: "http://localhost:3000",
    };
    for (const body of [
      { ...base, refresh_token: cookies.__session },
      { ...base, expired_token: `${cookies.__session}x` },
      { ...base, refresh_token: "opaque" },
    ]) {
      const refused = await expectJson<Errors>(
        await sandbox.bapi("POST", `/sessions/${session.id}/refresh`, body),
        401,
      );
      expect(refused.errors[0]?.code).toBe("authentication_invalid");
    }
    await expectJson(await sandbox.bapi("POST", "/sessions/sess_missing/refresh", base), 401);
    await expectJson(await sandbox.bapi("POST", `/sessions/${session.id}/refresh`, { expired_token: "x" }), 422);
    await expectJson(await sandbox.bapi("POST", `/sessions/${session.id}/revoke`));
    await expectJson(await sandbox.bapi("POST", `/sessions/${session.id}/refresh`, base), 401);
  });

  test("clients/verify: the __client JWT names the client", async () => {
    const { session, cookies } = await signedIn();
    const client = await expectJson<{ object: string; id: string; session_ids: string[] }>(
      await sandbox.bapi("POST", "/clients/verify", { token: cookies.__client }),
    );
    expect(client).toMatchObject({ object: "client", id: session.client_id, session_ids: [session.id] });
    const invalid = await expectJson<Errors>(await sandbox.bapi("POST", "/clients/verify", { token: "nope" }), 400);
    expect(invalid.errors[0]?.code).toBe("token_invalid");
    // A token of another instance is not this instance's.
    const production = await fetch(`${sandbox.apiUrl}/clients/verify`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${sandbox.credentials.production.secret_key}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ token: cookies.__client }),
    });
    expect(production.status).toBe(400);
  });

  test("@clerk/backend: sessions.refreshSession and clients.verifyClient", async () => {
    const { session, cookies } = await signedIn();
    const clerk = createClerkClient({ secretKey: sandbox.secretKey, apiUrl: sandbox.url });
    const refreshed = await clerk.sessions.refreshSession(session.id, {
      expired_token: cookies.__session,
      refresh_token: cookies.__refresh,
      request_origin: "http://localhost:3000",
    });
    expect(claimsOf(refreshed.jwt).sid).toBe(session.id);
    const client = await clerk.clients.verifyClient(cookies.__client);
    expect(client.id).toBe(session.client_id);
  });
});
