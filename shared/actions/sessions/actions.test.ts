import { describe, expect, test } from "vitest";
import { ZodError } from "zod";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";

const { run, all, sandbox } = useActionSandbox();

const user = async (email: string) => (await run("users.create", { email_address: [email] })).id;

/** The sandbox (a development instance) creates sessions directly, as Clerk's testing endpoint does. */
async function session(userId: string): Promise<{ id: string; client_id: string }> {
  const response = await sandbox.bapi("POST", "/sessions", { user_id: userId });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as { id: string; client_id: string };
}

describe("sessions actions", () => {
  test("list a user's sessions with paging, by client and by status; get one; the --all stream", async () => {
    const ada = await user("ada@example.com");
    const first = await session(ada);
    const second = await session(ada);
    await session(await user("grace@example.com"));

    const page = await run("sessions.list", { user_id: ada });
    expect(page.total_count).toBe(2);
    expect(page.data.map((s) => s.id).sort()).toEqual([first.id, second.id].sort());
    expect(await run("sessions.list", { user_id: ada, limit: 1, offset: 1 })).toMatchObject({
      total_count: 2,
      data: [{ user_id: ada }],
    });
    expect(await run("sessions.list", { client_id: first.client_id })).toMatchObject({
      total_count: 1,
      data: [{ id: first.id }],
    });
    expect(await run("sessions.list", { user_id: ada, status: "revoked" })).toEqual({ data: [], total_count: 0 });
    expect(await run("sessions.get", { session_id: first.id })).toMatchObject({ id: first.id, status: "active" });
    expect(await all("sessions.list", { user_id: ada, limit: 1 })).toHaveLength(2);
  });

  test("revoke ends a session; an unknown one is Clerk's 404", async () => {
    const ada = await user("ada@example.com");
    const active = await session(ada);
    expect(await run("sessions.revoke", { session_id: active.id })).toMatchObject({ id: active.id, status: "revoked" });
    expect(await run("sessions.list", { user_id: ada, status: "revoked" })).toMatchObject({ total_count: 1 });
    await expect(run("sessions.get", { session_id: "sess_missing" })).rejects.toMatchObject({ status: 404 });
  });

  test("refresh: the expired __session and the __refresh cookie give a new token or Set-Cookie lines", async () => {
    const ada = await user("ada@example.com");
    const active = await session(ada);
    const cookies = (await sandbox.control(`sessions/${active.id}/cookies`)) as {
      __session: string;
      __refresh: string;
    };
    const tokens = {
      session_id: active.id,
      expired_token: cookies.__session,
      refresh_token: cookies.__refresh,
      request_origin: "https://app.example.com",
    };
    const token = await run("sessions.refresh", tokens);
    expect(token).toMatchObject({ object: "token", jwt: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) });
    const claims = JSON.parse(
      Buffer.from((token as { jwt: string }).jwt.split(".")[1] as string, "base64url").toString(),
    );
    expect(claims).toMatchObject({ sid: active.id, sub: ada, azp: "https://app.example.com" });
    expect(await run("sessions.refresh", { ...tokens, format: "cookie" })).toEqual({
      object: "cookies",
      cookies: [expect.stringMatching(/^__session=[\w-]+\.[\w-]+\.[\w-]+; Path=\/; SameSite=Lax; Secure$/)],
    });
    await expect(run("sessions.refresh", { ...tokens, refresh_token: cookies.__session })).rejects.toMatchObject({
      status: 401,
      errors: [{ code: "authentication_invalid" }],
    });
  });

  test("input is validated by the action's schema", async () => {
    await expect(run("sessions.list", { user_id: "user_1", status: "gone" as "active" })).rejects.toBeInstanceOf(
      ZodError,
    );
    await expect(run("sessions.get", { session_id: "" })).rejects.toBeInstanceOf(ZodError);
  });
});
