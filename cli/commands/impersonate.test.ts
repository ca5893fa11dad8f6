import { describe, expect, test } from "vitest";
import { useCliSandbox } from "../testing/cli-sandbox";

const { clerk, sandbox } = useCliSandbox();

interface ActorTokenJson {
  id: string;
  status: string;
  user_id: string;
  actor: Record<string, unknown>;
  token?: string;
  url?: string;
}

async function ok<T>(args: string[]): Promise<T> {
  const result = await clerk([...args, "--json"]);
  expect(result.code, result.stderr).toBe(0);
  return result.json<T>();
}

async function createUser(email: string): Promise<string> {
  return (await ok<{ id: string }>(["users", "create", "--email-address", email])).id;
}

function ticketClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1] as string, "base64url").toString()) as Record<string, unknown>;
}

describe("clerk impersonate", () => {
  test("by user id or email: a pending actor token with its URL; the actor defaults to clerk-cli", async () => {
    const userId = await createUser("ada@example.com");
    const token = await ok<ActorTokenJson>(["impersonate", userId]);
    expect(token).toMatchObject({ status: "pending", user_id: userId, actor: { sub: "clerk-cli" } });
    expect(token.id).toMatch(/^act_/);
    expect(token.url).toContain(`ticket=${token.token}`);
    expect(ticketClaims(token.token as string)).toMatchObject({ st: "actor_token", sid: token.id, eis: 3600 });

    const byEmail = await ok<ActorTokenJson>([
      "impersonate",
      "ada@example.com",
      "--actor",
      '{"sub":"user_admin","reason":"ticket 4521"}',
      "--expires-in",
      "10m",
    ]);
    expect(byEmail).toMatchObject({ user_id: userId, actor: { sub: "user_admin", reason: "ticket 4521" } });
    expect(ticketClaims(byEmail.token as string).eis).toBe(600);

    const table = await clerk(["impersonate", userId, "--actor", "user_admin"]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/ID\s+USER\s+ACTOR\s+STATUS\s+URL/);
    expect(table.stdout).toMatch(/user_admin\s+pending\s+https:\/\/\S+\/v1\/tickets\/accept\?ticket=/);
  });

  test("the session it starts records the actor and lasts --session-max-duration", async () => {
    const userId = await createUser("grace@example.com");
    const token = await ok<ActorTokenJson>([
      "impersonate",
      userId,
      "--actor",
      "user_admin",
      "--session-max-duration",
      "15m",
    ]);
    await sandbox.control("clock", { now: Date.UTC(2025, 5, 1), freeze: true });
    const accepted = (await sandbox.control(`actor_tokens/${token.id}/accept`)) as {
      session: { id: string; actor: Record<string, unknown>; expire_at: number };
    };
    await sandbox.control("clock", { reset: true });
    expect(accepted.session.actor).toEqual({ sub: "user_admin" });
    expect(accepted.session.expire_at).toBe(Date.UTC(2025, 5, 1) + 15 * 60_000);
    const sessions = await ok<{ data: { id: string; actor: unknown }[] }>(["sessions", "list", "--user-id", userId]);
    expect(sessions.data).toEqual([expect.objectContaining({ id: accepted.session.id, actor: { sub: "user_admin" } })]);

    // A used token cannot be revoked: Clerk's error says so, and the help points at its session.
    const revoke = await clerk(["impersonate", "revoke", token.id, "--yes"]);
    expect(revoke.code).toBe(1);
    expect(JSON.parse(revoke.stderr).error).toMatchObject({ status: 400, code: "actor_token_not_pending" });
  });

  test("revoke --user: a pending token is revoked; a used one ends the user's impersonation session", async () => {
    const userId = await createUser("lin@example.com");
    const pending = await ok<ActorTokenJson>(["impersonate", userId]);
    expect(await ok(["imp", "revoke", pending.id, "--user", userId, "--yes"])).toMatchObject({
      id: pending.id,
      status: "revoked",
    });

    const used = await ok<ActorTokenJson>(["impersonate", userId]);
    const { session: impersonation } = (await sandbox.control(`actor_tokens/${used.id}/accept`)) as {
      session: { id: string };
    };
    const own = (await (await sandbox.bapi("POST", "/sessions", { user_id: userId })).json()) as { id: string };
    const ended = await ok<{ data: { id: string; status: string }[]; total_count: number }>([
      "imp",
      "revoke",
      used.id,
      "--user",
      userId,
      "--yes",
    ]);
    expect(ended).toEqual({
      data: [expect.objectContaining({ id: impersonation.id, status: "revoked" })],
      total_count: 1,
    });
    const sessions = await ok<{ data: { id: string; status: string }[] }>(["sessions", "list", "--user-id", userId]);
    expect(sessions.data.find((s) => s.id === own.id)?.status).toBe("active");
    // Nothing left to end: Clerk's error about the token stands.
    const again = await clerk(["imp", "revoke", used.id, "--user", userId, "--yes"]);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stderr).error).toMatchObject({ status: 400, code: "actor_token_not_pending" });
  });

  test("--open opens the sign-in URL only on a terminal; otherwise it stays in the output", async () => {
    const userId = await createUser("ola@example.com");
    const opened = await clerk(["imp", "ola@example.com", "--open", "--json"]);
    expect(opened.code, opened.stderr).toBe(0);
    expect(opened.json<ActorTokenJson>()).toMatchObject({ user_id: userId, url: expect.stringMatching(/^https?:/) });
    expect(opened.stderr).toContain("Not opening a browser (no terminal)");
    const help = await clerk(["impersonate", "--help"]);
    expect(help.stdout).toContain("--open");
    const revokeHelp = await clerk(["impersonate", "revoke", "--help"]);
    expect(revokeHelp.stdout).not.toContain("--open");
  });

  test("revoke (unasked off a terminal, as in the official CLI) revokes a pending token once", async () => {
    const userId = await createUser("rev@example.com");
    const token = await ok<ActorTokenJson>(["impersonate", userId]);
    const revoking = await clerk(["impersonate", "revoke", token.id, "--json"]);
    expect(revoking.code, revoking.stderr).toBe(0);
    expect(revoking.stderr).toContain(`${token.id} (not interactive, so not asked`);
    const revoked = revoking.json<ActorTokenJson>();
    expect(revoked).toMatchObject({ id: token.id, status: "revoked", actor: { sub: "clerk-cli" } });
    expect(revoked).not.toHaveProperty("token");
    const again = await clerk(["impersonate", "revoke", token.id, "--yes"]);
    expect(again.code).toBe(1);
    const missing = await clerk(["impersonate", "revoke", "act_missing", "--yes"]);
    expect(JSON.parse(missing.stderr).error).toMatchObject({ status: 404 });
  });

  test("usage and lookup errors", async () => {
    const noUser = await clerk(["impersonate"]);
    expect(noUser.code).toBe(2);
    expect(JSON.parse(noUser.stderr).error.message).toBe("missing argument <user>");
    const badDuration = await clerk(["impersonate", "user_x", "--expires-in", "soon"]);
    expect(badDuration.code).toBe(2);
    expect(JSON.parse(badDuration.stderr).error.message).toContain("--expires-in");
    const badActor = await clerk(["impersonate", "user_x", "--actor", '{"name":"no sub"}']);
    expect(badActor.code).toBe(2);
    expect(JSON.parse(badActor.stderr).error.message).toContain("--actor");
    const unknownEmail = await clerk(["impersonate", "nobody@example.com"]);
    expect(unknownEmail.code).toBe(1);
    expect(JSON.parse(unknownEmail.stderr).error.message).toBe("No user has the email address nobody@example.com.");
    const unknownUser = await clerk(["impersonate", "user_missing"]);
    expect(unknownUser.code).toBe(1);
    expect(JSON.parse(unknownUser.stderr).error).toMatchObject({ status: 404 });
    const dry = await clerk(["impersonate", "user_x", "--dry-run", "--json"]);
    expect(dry.json()).toMatchObject({
      method: "POST",
      body: { user_id: "user_x", actor: { sub: "clerk-cli" } },
    });
  });
});
