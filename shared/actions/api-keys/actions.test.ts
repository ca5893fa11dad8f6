import { describe, expect, test } from "vitest";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";

const { run, sandbox } = useActionSandbox();

describe("api-keys actions", () => {
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

  test("update changes the description and scopes, the secret still verifies; delete removes the key", async () => {
    const ada = await run("users.create", { email_address: ["keys@example.com"] });
    const key = await run("api-keys.create", { name: "ci-deploy", subject: ada.id, scope: ["read"] });
    const updated = await run("api-keys.update", {
      api_key_id: key.id,
      description: "nightly",
      scope: ["read", "export"],
    });
    expect(updated).toMatchObject({ id: key.id, description: "nightly", scopes: ["read", "export"] });
    expect(await run("api-keys.verify", { secret: key.secret as string })).toMatchObject({ id: key.id });
    expect(await run("api-keys.delete", { api_key_id: key.id })).toMatchObject({ id: key.id, deleted: true });
    await expect(run("api-keys.get", { api_key_id: key.id })).rejects.toMatchObject({ status: 404 });
  });
});
