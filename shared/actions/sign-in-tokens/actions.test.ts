import { describe, expect, test } from "vitest";
import { ZodError } from "zod";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";

const { run, sandbox } = useActionSandbox();

describe("sign-in-tokens actions", () => {
  test("create answers the token and its URL once; revoke ends a pending one; a used one is refused", async () => {
    const ada = (await run("users.create", { email_address: ["ada@example.com"] })).id;
    const created = await run("sign-in-tokens.create", { user_id: ada, expires_in: "10m" });
    expect(created).toMatchObject({ object: "sign_in_token", user_id: ada, status: "pending" });
    expect(new URL(created.url as string).searchParams.get("ticket")).toBe(created.token);
    const revoked = await run("sign-in-tokens.revoke", { sign_in_token_id: created.id });
    expect(revoked).toMatchObject({ id: created.id, status: "revoked" });
    expect(revoked.token).toBeUndefined();

    const used = await run("sign-in-tokens.create", { user_id: ada });
    await sandbox.control(`sign_in_tokens/${used.id}/accept`);
    await expect(run("sign-in-tokens.revoke", { sign_in_token_id: used.id })).rejects.toMatchObject({ status: 400 });
    await expect(run("sign-in-tokens.create", { user_id: "user_missing" })).rejects.toMatchObject({ status: 404 });
    await expect(run("sign-in-tokens.create", { user_id: ada, expires_in: "soon" })).rejects.toBeInstanceOf(ZodError);
  });
});
