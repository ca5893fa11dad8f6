import { createClerkClient as createClerkClientV3 } from "@clerk/backend";
import { createClerkClient as createClerkClientV2 } from "@clerk/backend-v2";
import { describe, expect, test } from "vitest";
import { useSandbox } from "../testing/harness";

const sandbox = useSandbox();

/** The part of `authenticateRequest` both SDK versions share (their full overloads do not unify). */
type AuthenticateRequest = (
  request: Request,
  options: { acceptsToken: string },
) => Promise<{ isAuthenticated: boolean; tokenType: string; toAuth(): unknown }>;

const sdks = [
  ["@clerk/backend 3.x", createClerkClientV3],
  ["@clerk/backend 2.x", createClerkClientV2],
] as const;

describe.each(sdks)("%s against the sandbox: machines and M2M tokens", (_name, createClerkClient) => {
  const clerk = (machineSecretKey?: string) =>
    createClerkClient({
      secretKey: sandbox.secretKey,
      apiUrl: sandbox.url,
      publishableKey: sandbox.credentials.development.publishable_key,
      ...(machineSecretKey ? { machineSecretKey } : {}),
    });

  test("machines: create, get, list, update, scopes, secret keys, delete", async () => {
    const client = clerk();
    const worker = await client.machines.create({ name: "worker", defaultTokenTtl: 600 });
    expect(worker.id).toMatch(/^mch_/);
    expect(worker.secretKey).toMatch(/^ak_/);
    expect(worker.defaultTokenTtl).toBe(600);
    const api = await client.machines.create({ name: "api", scopedMachines: [worker.id] });
    expect(api.scopedMachines.map((m) => m.id)).toEqual([worker.id]);

    expect((await client.machines.get(worker.id)).name).toBe("worker");
    const list = await client.machines.list({ orderBy: "+name" });
    expect(list.totalCount).toBe(2);
    expect(list.data.map((m) => m.name)).toEqual(["api", "worker"]);
    expect((await client.machines.update({ machineId: worker.id, name: "worker-eu" })).name).toBe("worker-eu");

    const scope = await client.machines.createScope(worker.id, api.id);
    expect(scope).toMatchObject({ fromMachineId: worker.id, toMachineId: api.id });
    await expect(client.machines.createScope(worker.id, api.id)).rejects.toMatchObject({ status: 409 });
    // The SDK reads any `{object, deleted}` answer as a DeletedObject.
    expect(await client.machines.deleteScope(worker.id, api.id)).toMatchObject({
      object: "machine_scope",
      deleted: true,
    });
    expect((await client.machines.get(worker.id)).scopedMachines).toEqual([]);

    expect((await client.machines.getSecretKey(worker.id)).secret).toBe(worker.secretKey);
    const rotated = await client.machines.rotateSecretKey({ machineId: worker.id, previousTokenTtl: 0 });
    expect(rotated.secret).not.toBe(worker.secretKey);
    await expect(clerk(worker.secretKey).m2m.createToken()).rejects.toMatchObject({ status: 401 });

    const deleted = await client.machines.delete(worker.id);
    expect(deleted).toMatchObject({ id: worker.id, deleted: true });
    await expect(client.machines.get(worker.id)).rejects.toMatchObject({ status: 404 });
  });

  test("M2M tokens: a machine creates, lists and revokes; the scoped machine verifies", async () => {
    const admin = clerk();
    const worker = await admin.machines.create({ name: "worker" });
    const api = await admin.machines.create({ name: "api", scopedMachines: [worker.id] });
    const asApi = clerk(api.secretKey);
    const asWorker = clerk(worker.secretKey);

    const token = await asApi.m2m.createToken({ secondsUntilExpiration: 300, claims: { job: "sync" } });
    expect(token.token).toMatch(/^mt_/);
    expect(token).toMatchObject({ subject: api.id, scopes: [worker.id], claims: { job: "sync" }, revoked: false });
    expect(token.expiration).toBe(token.createdAt + 300_000);

    const verified = await asWorker.m2m.verify({ token: token.token as string });
    expect(verified).toMatchObject({ id: token.id, subject: api.id, scopes: [worker.id] });
    await expect(asApi.m2m.verify({ token: token.token as string })).rejects.toMatchObject({ status: 404 });
    // The instance's secret key may verify any token of the instance.
    expect((await admin.m2m.verify({ token: token.token as string, machineSecretKey: sandbox.secretKey })).id).toBe(
      token.id,
    );

    const listed = await admin.m2m.list({ subject: api.id, machineSecretKey: api.secretKey });
    expect(listed.totalCount).toBe(1);
    expect(listed.data[0]?.id).toBe(token.id);

    const revoked = await asApi.m2m.revokeToken({ m2mTokenId: token.id, revocationReason: "rotated" });
    expect(revoked).toMatchObject({ revoked: true, revocationReason: "rotated" });
    await expect(asWorker.m2m.verify({ token: token.token as string })).rejects.toMatchObject({
      status: 404,
      errors: [expect.objectContaining({ code: "resource_not_found" })],
    });
  });

  test("authenticateRequest accepts a valid M2M token for the scoped machine, not a revoked one", async () => {
    const admin = clerk();
    const worker = await admin.machines.create({ name: "worker" });
    const api = await admin.machines.create({ name: "api", scopedMachines: [worker.id] });
    const token = await clerk(api.secretKey).m2m.createToken();
    const receiver = clerk(worker.secretKey) as unknown as { authenticateRequest: AuthenticateRequest };
    const request = () =>
      new Request("http://localhost:3000/internal/sync", { headers: { authorization: `Bearer ${token.token}` } });

    const state = await receiver.authenticateRequest(request(), { acceptsToken: "m2m_token" });
    expect(state.isAuthenticated).toBe(true);
    expect(state.tokenType).toBe("m2m_token");
    expect(state.toAuth()).toMatchObject({ subject: api.id, scopes: [worker.id] });

    await admin.m2m.revokeToken({ m2mTokenId: token.id, machineSecretKey: sandbox.secretKey });
    const after = await receiver.authenticateRequest(request(), { acceptsToken: "m2m_token" });
    expect(after.isAuthenticated).toBe(false);
  });

  test("JWT-format tokens are signed with the instance key, so the SDK verifies them locally", async () => {
    const admin = clerk();
    const worker = await admin.machines.create({ name: "worker" });
    const api = await admin.machines.create({ name: "api", scopedMachines: [worker.id] });
    const client = clerk(api.secretKey);
    const token = await client.m2m.createToken({ tokenFormat: "jwt", secondsUntilExpiration: 120 });
    expect(token.token?.split(".")).toHaveLength(3);
    const verified = await client.m2m.verify({ token: token.token as string });
    expect(verified).toMatchObject({ id: token.id, subject: api.id, scopes: [worker.id], expired: false });
  });
});
