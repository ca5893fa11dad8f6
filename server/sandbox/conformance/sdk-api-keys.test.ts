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

describe.each(sdks)("%s against the sandbox: API keys", (_name, createClerkClient) => {
  const clerk = () =>
    createClerkClient({
      secretKey: sandbox.secretKey,
      apiUrl: sandbox.url,
      publishableKey: sandbox.credentials.development.publishable_key,
    });

  async function newUser() {
    return clerk().users.createUser({ emailAddress: [`k${Date.now()}${Math.random()}@example.com`] });
  }

  test("create, get, list, update, getSecret, revoke, delete", async () => {
    const client = clerk();
    const user = await newUser();
    const key = await client.apiKeys.create({
      name: "ci-deploy",
      subject: user.id,
      description: "Deploys from CI",
      scopes: ["deploy"],
      claims: { env: "ci" },
      secondsUntilExpiration: 3600,
    });
    expect(key.id).toMatch(/^ak_[0-9a-f]{32}$/);
    expect(key.secret).toMatch(/^ak_/);
    expect(key).toMatchObject({
      name: "ci-deploy",
      subject: user.id,
      description: "Deploys from CI",
      scopes: ["deploy"],
      claims: { env: "ci" },
      revoked: false,
      expired: false,
    });
    expect(key.expiration).toBeGreaterThan(key.createdAt);

    const got = await client.apiKeys.get(key.id);
    expect(got.name).toBe("ci-deploy");
    expect(got.secret).toBeUndefined();
    expect((await client.apiKeys.getSecret(key.id)).secret).toBe(key.secret);

    const other = await client.apiKeys.create({ name: "second", subject: user.id });
    const list = await client.apiKeys.list({ subject: user.id });
    expect(list.totalCount).toBe(2);
    expect(list.data.map((k) => k.id)).toEqual([other.id, key.id]);

    const updated = await client.apiKeys.update({ apiKeyId: key.id, subject: user.id, scopes: ["deploy", "read"] });
    expect(updated.scopes).toEqual(["deploy", "read"]);

    const revoked = await client.apiKeys.revoke({ apiKeyId: other.id, revocationReason: "rotated" });
    expect(revoked).toMatchObject({ revoked: true, revocationReason: "rotated" });
    expect((await client.apiKeys.list({ subject: user.id })).data.map((k) => k.id)).toEqual([key.id]);
    expect((await client.apiKeys.list({ subject: user.id, includeInvalid: true })).totalCount).toBe(2);

    const deleted = await client.apiKeys.delete(other.id);
    expect(deleted).toMatchObject({ id: other.id, deleted: true });
    await expect(client.apiKeys.get(other.id)).rejects.toMatchObject({ status: 404 });
  });

  test("verify, and authenticateRequest accepting API keys", async () => {
    const client = clerk();
    const user = await newUser();
    const key = await client.apiKeys.create({ name: "verify-me", subject: user.id, scopes: ["read"] });
    const verified = await client.apiKeys.verify(key.secret as string);
    expect(verified).toMatchObject({ id: key.id, subject: user.id, scopes: ["read"] });
    await expect(client.apiKeys.verify("ak_not_a_key")).rejects.toMatchObject({
      status: 404,
      errors: [expect.objectContaining({ code: "resource_not_found" })],
    });

    const sdk = client as unknown as { authenticateRequest: AuthenticateRequest };
    const request = (secret: string) =>
      new Request("http://localhost:3000/api/data", { headers: { authorization: `Bearer ${secret}` } });
    const state = await sdk.authenticateRequest(request(key.secret as string), { acceptsToken: "api_key" });
    expect(state.isAuthenticated).toBe(true);
    expect(state.tokenType).toBe("api_key");
    expect(state.toAuth()).toMatchObject({ userId: user.id, scopes: ["read"] });

    await client.apiKeys.revoke({ apiKeyId: key.id });
    const afterRevoke = await sdk.authenticateRequest(request(key.secret as string), { acceptsToken: "api_key" });
    expect(afterRevoke.isAuthenticated).toBe(false);
  });

  test("errors are the SDK's typed errors", async () => {
    const client = clerk();
    await expect(client.apiKeys.create({ name: "no", subject: "user_x" })).rejects.toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ code: "bad_request" })],
    });
    await expect(
      client.apiKeys.create({ name: "nobody", subject: "user_2aaaaaaaaaaaaaaaaaaaaaaaaaa" }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(client.apiKeys.get("ak_00000000000000000000000000000000")).rejects.toMatchObject({
      status: 404,
      clerkTraceId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
  });
});
