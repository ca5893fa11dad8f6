import { describe, expect, test } from "vitest";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";

const { run } = useActionSandbox();

describe("m2m actions: rotating keys, removing scopes, revoking tokens", () => {
  test("rotate a machine's secret key: tokens are minted with the new one", async () => {
    const machine = await run("m2m.machines.create", { name: "worker" });
    const rotated = await run("m2m.machines.rotate-secret", { machine_id: machine.id, previous_key_ttl: 60 });
    expect(rotated.object).toBe("machine_secret_key");
    expect(rotated.secret).not.toBe(machine.secret_key);
    expect(await run("m2m.machines.get-secret", { machine_id: machine.id })).toEqual(rotated);
    expect(await run("m2m.tokens.create", { machine_id: machine.id })).toMatchObject({ subject: machine.id });
  });

  test("remove a scope: the machine no longer lists it; removing it again is Clerk's 404", async () => {
    const api = await run("m2m.machines.create", { name: "api" });
    const worker = await run("m2m.machines.create", { name: "worker" });
    await run("m2m.machines.add-scope", { machine_id: api.id, to_machine_id: worker.id });
    expect((await run("m2m.machines.get", { machine_id: api.id })).scoped_machines).toHaveLength(1);
    expect(await run("m2m.machines.remove-scope", { machine_id: api.id, to_machine_id: worker.id })).toEqual({
      object: "machine_scope",
      from_machine_id: api.id,
      to_machine_id: worker.id,
      deleted: true,
    });
    expect((await run("m2m.machines.get", { machine_id: api.id })).scoped_machines).toEqual([]);
    await expect(
      run("m2m.machines.remove-scope", { machine_id: api.id, to_machine_id: worker.id }),
    ).rejects.toMatchObject({ status: 404 });
  });

  test("revoke a token: it no longer verifies", async () => {
    const machine = await run("m2m.machines.create", { name: "worker" });
    const token = await run("m2m.tokens.create", { machine_id: machine.id });
    const revoked = await run("m2m.tokens.revoke", { token_id: token.id, reason: "leaked" });
    expect(revoked).toMatchObject({ id: token.id, revoked: true, revocation_reason: "leaked" });
    await expect(run("m2m.tokens.verify", { token: token.token as string })).rejects.toMatchObject({ status: 404 });
  });
});
