import { describe, expect, test } from "vitest";
import { ZodError } from "zod";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";

const { run, sandbox } = useActionSandbox();

describe("clients actions", () => {
  test("verify answers the client a __client token names; another token is Clerk's 400", async () => {
    const ada = await run("users.create", { email_address: ["ada@example.com"] });
    const session = (await (await sandbox.bapi("POST", "/sessions", { user_id: ada.id })).json()) as {
      id: string;
      client_id: string;
    };
    const cookies = (await sandbox.control(`sessions/${session.id}/cookies`)) as {
      __client: string;
      __session: string;
    };
    expect(await run("clients.verify", { token: cookies.__client })).toMatchObject({
      object: "client",
      id: session.client_id,
      session_ids: [session.id],
      last_active_session_id: session.id,
    });
    await expect(run("clients.verify", { token: cookies.__session })).rejects.toMatchObject({
      status: 400,
      errors: [{ code: "token_invalid" }],
    });
    await expect(run("clients.verify", { token: "" })).rejects.toBeInstanceOf(ZodError);
  });
});
