import { describe, expect, test } from "vitest";
import { expectJson, useSandbox } from "../../testing/harness";

const sandbox = useSandbox();

type ActorToken = {
  object: string;
  id: string;
  status: string;
  user_id: string;
  actor: Record<string, unknown>;
  token?: string;
  url?: string;
  created_at: number;
  updated_at: number;
};
type Errors = { errors: { code: string; long_message: string; meta?: { param_name?: string } }[] };

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split(".")[1] as string, "base64url").toString()) as Record<string, unknown>;
}

async function newUser(email = "target@example.com"): Promise<string> {
  return (await expectJson<{ id: string }>(await sandbox.bapi("POST", "/users", { email_address: [email] }))).id;
}

const createToken = async (body: Record<string, unknown>) =>
  expectJson<ActorToken>(await sandbox.bapi("POST", "/actor_tokens", body));

describe("actor tokens over HTTP", () => {
  test("create answers a pending token with its ticket URL; revoke moves it to revoked, once", async () => {
    await sandbox.control("clock", { now: Date.UTC(2025, 5, 1), freeze: true });
    const userId = await newUser();
    const created = await createToken({ user_id: userId, actor: { sub: "user_admin", reason: "support #42" } });
    expect(created).toEqual({
      object: "actor_token",
      id: expect.stringMatching(/^act_[0-9A-Za-z]{27}$/),
      status: "pending",
      user_id: userId,
      actor: { sub: "user_admin", reason: "support #42" },
      token: expect.any(String),
      url: expect.stringMatching(/^https:\/\/.+\/v1\/tickets\/accept\?ticket=/),
      created_at: Date.UTC(2025, 5, 1),
      updated_at: Date.UTC(2025, 5, 1),
    });
    expect(new URL(created.url as string).searchParams.get("ticket")).toBe(created.token);
    expect(claimsOf(created.token as string)).toMatchObject({
      sid: created.id,
      st: "actor_token",
      eis: 3600,
      exp: Date.UTC(2025, 5, 1) / 1000 + 3600,
    });
    const short = await createToken({ user_id: userId, actor: { sub: "user_admin" }, expires_in_seconds: 60 });
    expect(claimsOf(short.token as string).eis).toBe(60);

    await sandbox.control("clock", { advance_ms: 1000 });
    const revoked = await expectJson<ActorToken>(await sandbox.bapi("POST", `/actor_tokens/${created.id}/revoke`));
    expect(revoked).toEqual({
      object: "actor_token",
      id: created.id,
      status: "revoked",
      user_id: userId,
      actor: created.actor,
      created_at: created.created_at,
      updated_at: created.created_at + 1000,
    });
    const again = await expectJson<Errors>(await sandbox.bapi("POST", `/actor_tokens/${created.id}/revoke`), 400);
    expect(again.errors[0]?.code).toBe("actor_token_not_pending");
    await expectJson(await sandbox.bapi("POST", "/actor_tokens/act_missing/revoke"), 404);
  });

  test("create validates the user and the actor", async () => {
    const userId = await newUser();
    const noSub = await expectJson<Errors>(
      await sandbox.bapi("POST", "/actor_tokens", { user_id: userId, actor: {} }),
      422,
    );
    expect(noSub.errors[0]).toMatchObject({
      code: "form_param_missing",
      long_message: "actor.sub must be included",
      meta: { param_name: "actor.sub" },
    });
    const noActor = await expectJson<Errors>(await sandbox.bapi("POST", "/actor_tokens", { user_id: userId }), 422);
    expect(noActor.errors[0]?.meta?.param_name).toBe("actor");
    await expectJson(
      await sandbox.bapi("POST", "/actor_tokens", { user_id: "user_missing", actor: { sub: "x" } }),
      404,
    );
  });

  test("accepting (test control) starts a capped impersonation session whose tokens carry act", async () => {
    await sandbox.control("clock", { now: Date.UTC(2025, 5, 1), freeze: true });
    const userId = await newUser();
    const created = await createToken({
      user_id: userId,
      actor: { sub: "user_admin" },
      session_max_duration_in_seconds: 600,
    });
    const accepted = (await sandbox.control(`actor_tokens/${created.id}/accept`)) as {
      actor_token: ActorToken;
      session: { id: string; user_id: string; actor: Record<string, unknown>; expire_at: number; status: string };
    };
    expect(accepted.actor_token).toMatchObject({ id: created.id, status: "accepted" });
    expect(accepted.actor_token).not.toHaveProperty("token");
    expect(accepted.session).toMatchObject({
      user_id: userId,
      actor: { sub: "user_admin" },
      status: "active",
      expire_at: Date.UTC(2025, 5, 1) + 600_000,
    });
    const session = await expectJson<{ actor: Record<string, unknown> }>(
      await sandbox.bapi("GET", `/sessions/${accepted.session.id}`),
    );
    expect(session.actor).toEqual({ sub: "user_admin" });
    const { jwt } = await expectJson<{ jwt: string }>(
      await sandbox.bapi("POST", `/sessions/${accepted.session.id}/tokens`),
    );
    expect(claimsOf(jwt)).toMatchObject({ sub: userId, act: { sub: "user_admin" } });

    // Used tokens can be neither revoked nor used again; end the session instead.
    const revoke = await expectJson<Errors>(await sandbox.bapi("POST", `/actor_tokens/${created.id}/revoke`), 400);
    expect(revoke.errors[0]?.code).toBe("actor_token_not_pending");
    const reuse = await fetch(`${sandbox.url}/__sandbox/actor_tokens/${created.id}/accept`, { method: "POST" });
    expect(reuse.status).toBe(400);
  });

  test("an expired or revoked token cannot be used", async () => {
    const userId = await newUser();
    const expiring = await createToken({ user_id: userId, actor: { sub: "user_admin" }, expires_in_seconds: 60 });
    await sandbox.control("clock", { advance_ms: 60_000 });
    const expired = await fetch(`${sandbox.url}/__sandbox/actor_tokens/${expiring.id}/accept`, { method: "POST" });
    expect(expired.status).toBe(400);
    expect(((await expired.json()) as Errors).errors[0]?.code).toBe("actor_token_expired");

    const revoked = await createToken({ user_id: userId, actor: { sub: "user_admin" } });
    await expectJson(await sandbox.bapi("POST", `/actor_tokens/${revoked.id}/revoke`));
    const refused = await fetch(`${sandbox.url}/__sandbox/actor_tokens/${revoked.id}/accept`, { method: "POST" });
    expect(refused.status).toBe(400);
  });
});
