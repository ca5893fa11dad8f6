import { describe, expect, test } from "vitest";
import { expectJson, useSandbox } from "../../testing/harness";

const sandbox = useSandbox();

describe("session controls (what Clerk's frontend does)", () => {
  test("end and remove a session; a session that already ended cannot end again", async () => {
    const user = await expectJson<{ id: string }>(
      await sandbox.bapi("POST", "/users", { email_address: ["a@example.com"] }),
    );
    for (const [action, status] of [
      ["end", "ended"],
      ["remove", "removed"],
    ] as const) {
      const session = await expectJson<{ id: string }>(await sandbox.bapi("POST", "/sessions", { user_id: user.id }));
      expect(await sandbox.control(`sessions/${session.id}/${action}`)).toMatchObject({ id: session.id, status });
      expect(await expectJson(await sandbox.bapi("GET", `/sessions/${session.id}`))).toMatchObject({ status });
      const again = await fetch(`${sandbox.url}/__sandbox/sessions/${session.id}/${action}`, { method: "POST" });
      expect(again.status).toBe(400);
      const revoke = await expectJson<{ errors: { code: string }[] }>(
        await sandbox.bapi("POST", `/sessions/${session.id}/revoke`),
        400,
      );
      expect(revoke.errors[0]?.code).toBe("invalid_action_for_session");
    }
    const missing = await fetch(`${sandbox.url}/__sandbox/sessions/sess_missing/end`, { method: "POST" });
    expect(missing.status).toBe(404);
  });
});
