import { describe, expect, test } from "vitest";
import { expectJson, useSandbox } from "../../testing/harness";

const sandbox = useSandbox();

async function createUser(email: string): Promise<string> {
  return (await expectJson<{ id: string }>(await sandbox.bapi("POST", "/users", { email_address: [email] }))).id;
}

type Session = {
  id: string;
  user_id: string;
  client_id: string;
  status: string;
  expire_at: number;
  created_at: number;
};

/** Sessions created in one millisecond would order by id alone; a tick keeps creation order observable. */
async function createSession(userId: string, extra: Record<string, unknown> = {}): Promise<Session> {
  await sandbox.control("clock", { advance_ms: 1 });
  return expectJson<Session>(await sandbox.bapi("POST", "/sessions", { user_id: userId, ...extra }));
}

function claimsOf(jwt: string): Record<string, unknown> {
  const payload = jwt.split(".")[1] as string;
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
}

describe("sessions over HTTP", () => {
  test("create a session on a new client, read it, list it with filters and pagination", async () => {
    const ada = await createUser("ada@example.com");
    const grace = await createUser("grace@example.com");
    const first = await createSession(ada);
    const second = await createSession(ada);
    const other = await createSession(grace);
    expect(first.id).toMatch(/^sess_/);
    expect(first.client_id).toMatch(/^client_/);
    expect(first.client_id).not.toBe(second.client_id);
    expect(first.status).toBe("active");
    expect(first.expire_at - first.created_at).toBe(7 * 24 * 60 * 60 * 1000);

    expect(await expectJson(await sandbox.bapi("GET", `/sessions/${first.id}`))).toEqual(first);

    const byUser = await expectJson<Session[]>(await sandbox.bapi("GET", `/sessions?user_id=${ada}`));
    expect(byUser.map((s) => s.id)).toEqual([second.id, first.id]);
    const byClient = await expectJson<Session[]>(await sandbox.bapi("GET", `/sessions?client_id=${other.client_id}`));
    expect(byClient.map((s) => s.id)).toEqual([other.id]);

    const page = await expectJson<{ data: Session[]; total_count: number }>(
      await sandbox.bapi("GET", "/sessions?paginated=true&limit=2&offset=2"),
    );
    expect(page.total_count).toBe(3);
    expect(page.data.map((s) => s.id)).toEqual([first.id]);

    const user = await expectJson<{ last_sign_in_at: number | null }>(await sandbox.bapi("GET", `/users/${ada}`));
    expect(user.last_sign_in_at).toBe(second.created_at);
  });

  test("revoke, and a revoked session cannot be revoked again or mint tokens", async () => {
    const session = await createSession(await createUser("rev@example.com"));
    const revoked = await expectJson<Session>(await sandbox.bapi("POST", `/sessions/${session.id}/revoke`));
    expect(revoked.status).toBe("revoked");

    const again = await expectJson<{ errors: { code: string }[] }>(
      await sandbox.bapi("POST", `/sessions/${session.id}/revoke`),
      400,
    );
    expect(again.errors[0]?.code).toBe("invalid_action_for_session");
    await expectJson(await sandbox.bapi("POST", `/sessions/${session.id}/tokens`), 404);

    const active = await expectJson<Session[]>(await sandbox.bapi("GET", "/sessions?status=active"));
    expect(active).toEqual([]);
    const byStatus = await expectJson<Session[]>(await sandbox.bapi("GET", "/sessions?status=revoked"));
    expect(byStatus.map((s) => s.id)).toEqual([session.id]);
  });

  test("a session reads as expired once its lifetime passes", async () => {
    const session = await createSession(await createUser("exp@example.com"));
    await sandbox.control("clock", { advance_ms: 7 * 24 * 60 * 60 * 1000 + 1 });
    const read = await expectJson<Session>(await sandbox.bapi("GET", `/sessions/${session.id}`));
    expect(read.status).toBe("expired");
    expect(
      (await expectJson<Session[]>(await sandbox.bapi("GET", "/sessions?status=expired"))).map((s) => s.id),
    ).toEqual([session.id]);
    expect(await expectJson<Session[]>(await sandbox.bapi("GET", "/sessions?status=active"))).toEqual([]);
    await expectJson(await sandbox.bapi("POST", `/sessions/${session.id}/revoke`), 400);
    await expectJson(await sandbox.bapi("POST", `/sessions/${session.id}/tokens`), 404);
  });

  test("banning the user revokes their sessions", async () => {
    const userId = await createUser("ban@example.com");
    const session = await createSession(userId);
    await expectJson(await sandbox.bapi("POST", `/users/${userId}/ban`));
    expect((await expectJson<Session>(await sandbox.bapi("GET", `/sessions/${session.id}`))).status).toBe("revoked");
  });

  test("session tokens carry Clerk's claims and honour expires_in_seconds", async () => {
    const userId = await createUser("tok@example.com");
    const session = await createSession(userId);
    const token = await expectJson<{ object: string; jwt: string }>(
      await sandbox.bapi("POST", `/sessions/${session.id}/tokens`),
    );
    expect(token.object).toBe("token");
    const [header] = token.jwt.split(".");
    const jwks = await expectJson<{ keys: { kid: string }[] }>(await sandbox.bapi("GET", "/jwks"));
    expect(JSON.parse(Buffer.from(header as string, "base64url").toString())).toEqual({
      alg: "RS256",
      kid: jwks.keys[0]?.kid,
      typ: "JWT",
    });
    const claims = claimsOf(token.jwt);
    expect(claims).toMatchObject({ sub: userId, sid: session.id, v: 2, iss: expect.stringMatching(/^https:\/\//) });
    expect((claims.exp as number) - (claims.iat as number)).toBe(60);
    expect(claims.nbf as number).toBeLessThanOrEqual(claims.iat as number);

    const long = await expectJson<{ jwt: string }>(
      await sandbox.bapi("POST", `/sessions/${session.id}/tokens`, { expires_in_seconds: 3600 }),
    );
    const longClaims = claimsOf(long.jwt);
    expect((longClaims.exp as number) - (longClaims.iat as number)).toBe(3600);

    const tooShort = await sandbox.bapi("POST", `/sessions/${session.id}/tokens`, { expires_in_seconds: 5 });
    expect(tooShort.status).toBe(422);
    const template = await expectJson<{ errors: { code: string }[] }>(
      await sandbox.bapi("POST", `/sessions/${session.id}/tokens/supabase`),
      404,
    );
    expect(template.errors[0]?.code).toBe("resource_not_found");
  });

  test("a token minted for a page carries its origin as azp; a server-side call carries none", async () => {
    const userId = await createUser("azp@example.com");
    const session = await createSession(userId);
    const mint = async (headers: Record<string, string>) =>
      claimsOf(
        (await expectJson<{ jwt: string }>(await sandbox.bapi("POST", `/sessions/${session.id}/tokens`, {}, headers)))
          .jwt,
      );
    expect((await mint({ origin: "http://localhost:3000" })).azp).toBe("http://localhost:3000");
    expect((await mint({ origin: "https://app.example.com" })).azp).toBe("https://app.example.com");
    expect(await mint({})).not.toHaveProperty("azp");
    expect(await mint({ origin: "null" })).not.toHaveProperty("azp");
    expect(await mint({ origin: "chrome-extension://abc" })).not.toHaveProperty("azp");
  });

  test("an active organization shows in the token's o claim and must be the user's", async () => {
    await sandbox.control("seed", { users: 2, organizations: 1 });
    const users = await expectJson<{ id: string }[]>(await sandbox.bapi("GET", "/users?order_by=+created_at"));
    const admin = users[0]?.id as string;
    const memberships = await expectJson<{ data: { role: string; organization: { id: string; slug: string } }[] }>(
      await sandbox.bapi("GET", `/users/${admin}/organization_memberships`),
    );
    const org = memberships.data[0]?.organization as { id: string; slug: string };
    expect(memberships.data[0]?.role).toBe("org:admin");

    const session = await createSession(admin, { active_organization_id: org.id });
    expect((session as unknown as { last_active_organization_id: string }).last_active_organization_id).toBe(org.id);
    const token = await expectJson<{ jwt: string }>(await sandbox.bapi("POST", `/sessions/${session.id}/tokens`));
    expect(claimsOf(token.jwt).o).toEqual({ id: org.id, rol: "admin", slg: org.slug });

    const outsider = await createUser("out@example.com");
    const denied = await expectJson<{ errors: { code: string }[] }>(
      await sandbox.bapi("POST", "/sessions", { user_id: outsider, active_organization_id: org.id }),
      403,
    );
    expect(denied.errors[0]?.code).toBe("not_a_member_in_organization");
    await expectJson(
      await sandbox.bapi("POST", "/sessions", { user_id: outsider, active_organization_id: "org_missing" }),
      404,
    );
  });

  test("clients list their sessions, newest client first", async () => {
    const userId = await createUser("cli@example.com");
    const first = await createSession(userId);
    const second = await createSession(userId);
    const clients = await expectJson<{ id: string; session_ids: string[]; last_active_session_id: string | null }[]>(
      await sandbox.bapi("GET", "/clients"),
    );
    expect(clients.map((c) => c.id)).toEqual([second.client_id, first.client_id]);
    const client = await expectJson<{ session_ids: string[]; last_active_session_id: string | null }>(
      await sandbox.bapi("GET", `/clients/${first.client_id}`),
    );
    expect(client.session_ids).toEqual([first.id]);
    expect(client.last_active_session_id).toBe(first.id);
    await sandbox.bapi("POST", `/sessions/${first.id}/revoke`);
    const after = await expectJson<{ last_active_session_id: string | null }>(
      await sandbox.bapi("GET", `/clients/${first.client_id}`),
    );
    expect(after.last_active_session_id).toBeNull();
    const paged = await expectJson<{ data: unknown[]; total_count: number }>(
      await sandbox.bapi("GET", "/clients?paginated=true&limit=1"),
    );
    expect(paged).toMatchObject({ total_count: 2, data: [expect.objectContaining({ id: second.client_id })] });
    await expectJson(await sandbox.bapi("GET", "/clients/client_missing"), 404);
  });

  test("error paths: unknown user, unknown session, bad status filter, production instance", async () => {
    await expectJson(await sandbox.bapi("POST", "/sessions", { user_id: "user_missing" }), 404);
    const missing = await expectJson<{ errors: { code: string; meta: { param_name: string } }[] }>(
      await sandbox.bapi("POST", "/sessions", {}),
      422,
    );
    expect(missing.errors[0]?.meta.param_name).toBe("user_id");
    await expectJson(await sandbox.bapi("GET", "/sessions/sess_missing"), 404);
    await expectJson(await sandbox.bapi("POST", "/sessions/sess_missing/revoke"), 404);
    await expectJson(await sandbox.bapi("GET", "/sessions?status=bogus"), 422);
    await expectJson(await sandbox.bapi("GET", "/sessions?limit=0"), 422);

    const production = await fetch(`${sandbox.apiUrl}/sessions`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${sandbox.credentials.production.secret_key}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ user_id: "user_any" }),
    });
    const body = await expectJson<{ errors: { code: string }[] }>(production, 400);
    expect(body.errors[0]?.code).toBe("request_invalid_for_environment");
  });
});
