import { describe, expect, test } from "vitest";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";

const { run, sandbox } = useActionSandbox();

describe("api-keys actions: verify", () => {
  test("a key's secret verifies to the key, until it is revoked", async () => {
    const user = (await (await sandbox.bapi("POST", "/users", { email_address: ["ada@example.com"] })).json()) as {
      id: string;
    };
    const key = await run("api-keys.create", { name: "ci-deploy", subject: user.id, scope: ["read"] });
    const verified = await run("api-keys.verify", { secret: key.secret as string });
    expect(verified).toMatchObject({ id: key.id, subject: user.id, scopes: ["read"], revoked: false });
    expect(verified.secret).toBeUndefined();
    expect(verified.last_used_at).toEqual(expect.any(Number));
    await run("api-keys.revoke", { api_key_id: key.id });
    await expect(run("api-keys.verify", { secret: key.secret as string })).rejects.toMatchObject({ status: 404 });
  });
});
