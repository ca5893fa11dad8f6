import { describe, expect, test } from "vitest";
import { expectJson, useSandbox } from "../../testing/harness";

const sandbox = useSandbox();

type SignInToken = {
  object: string;
  id: string;
  status: string;
  user_id: string;
  token?: string;
  url?: string;
  created_at: number;
  updated_at: number;
};
type Errors = { errors: { code: string; meta?: { param_name?: string } }[] };
type Accepted = {
  sign_in_token: SignInToken;
  session: { id: string; user_id: string; last_active_organization_id: string | null };
};

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split(".")[1] as string, "base64url").toString()) as Record<string, unknown>;
}

async function newUser(email = "target@example.com"): Promise<string> {
  return (await expectJson<{ id: string }>(await sandbox.bapi("POST", "/users", { email_address: [email] }))).id;
}

const createToken = async (body: Record<string, unknown>) =>
  expectJson<SignInToken>(await sandbox.bapi("POST", "/sign_in_tokens", body));
const accept = (id: string) => fetch(`${sandbox.url}/__sandbox/sign_in_tokens/${id}/accept`, { method: "POST" });

describe("sign-in tokens over HTTP", () => {
  test("create answers a pending token with its ticket URL (30 days by default); revoke once", async () => {
    await sandbox.control("clock", { now: Date.UTC(2025, 5, 1), freeze: true });
    const userId = await newUser();
    const created = await createToken({ user_id: userId });
    expect(created).toEqual({
      object: "sign_in_token",
      id: expect.stringMatching(/^sit_[0-9A-Za-z]{27}$/),
      status: "pending",
      user_id: userId,
      token: expect.any(String),
      url: expect.stringMatching(/^https:\/\/.+\/v1\/tickets\/accept\?ticket=/),
      created_at: Date.UTC(2025, 5, 1),
      updated_at: Date.UTC(2025, 5, 1),
    });
    expect(new URL(created.url as string).searchParams.get("ticket")).toBe(created.token);
    expect(claimsOf(created.token as string)).toMatchObject({ sid: created.id, st: "sign_in_token", eis: 2_592_000 });
    const short = await createToken({ user_id: userId, expires_in_seconds: 60 });
    expect(claimsOf(short.token as string).eis).toBe(60);

    await sandbox.control("clock", { advance_ms: 1000 });
    const revoked = await expectJson<SignInToken>(await sandbox.bapi("POST", `/sign_in_tokens/${created.id}/revoke`));
    expect(revoked).toEqual({
      object: "sign_in_token",
      id: created.id,
      status: "revoked",
      user_id: userId,
      created_at: created.created_at,
      updated_at: created.created_at + 1000,
    });
    const again = await expectJson<Errors>(await sandbox.bapi("POST", `/sign_in_tokens/${created.id}/revoke`), 400);
    expect(again.errors[0]?.code).toBe("sign_in_token_not_pending");
    expect((await accept(created.id)).status).toBe(400);
    await expectJson(await sandbox.bapi("POST", "/sign_in_tokens/sit_missing/revoke"), 404);
  });

  test("create validates the user, the lifetime and the organization", async () => {
    const missing = await expectJson<Errors>(await sandbox.bapi("POST", "/sign_in_tokens", {}), 422);
    expect(missing.errors[0]?.meta?.param_name).toBe("user_id");
    await expectJson(await sandbox.bapi("POST", "/sign_in_tokens", { user_id: "user_missing" }), 404);
    const userId = await newUser();
    const zero = await expectJson<Errors>(
      await sandbox.bapi("POST", "/sign_in_tokens", { user_id: userId, expires_in_seconds: 0 }),
      422,
    );
    expect(zero.errors[0]?.meta?.param_name).toBe("expires_in_seconds");
    const other = await newUser("other@example.com");
    const org = await expectJson<{ id: string }>(
      await sandbox.bapi("POST", "/organizations", { name: "Acme", created_by: other }),
    );
    await expectJson(await sandbox.bapi("POST", "/sign_in_tokens", { user_id: userId, org_id: org.id }), 404);
    await expectJson(await sandbox.bapi("POST", "/sign_in_tokens", { user_id: userId, org_id: "org_missing" }), 404);
  });

  test("accepting (test control) signs the user in once, with the token's organization active", async () => {
    const userId = await newUser();
    const org = await expectJson<{ id: string }>(
      await sandbox.bapi("POST", "/organizations", { name: "Acme", created_by: userId }),
    );
    const created = await createToken({ user_id: userId, org_id: org.id });
    const response = await accept(created.id);
    expect(response.status).toBe(200);
    const accepted = (await response.json()) as Accepted;
    expect(accepted.sign_in_token).toMatchObject({ id: created.id, status: "accepted" });
    expect(accepted.sign_in_token).not.toHaveProperty("token");
    expect(accepted.session).toMatchObject({ user_id: userId, last_active_organization_id: org.id });
    await expectJson(await sandbox.bapi("GET", `/sessions/${accepted.session.id}`));
    expect((await accept(created.id)).status).toBe(400);

    const expiring = await createToken({ user_id: userId, expires_in_seconds: 60 });
    await sandbox.control("clock", { advance_ms: 60_000 });
    const expired = await accept(expiring.id);
    expect(((await expired.json()) as Errors).errors[0]?.code).toBe("sign_in_token_expired");
  });
});
