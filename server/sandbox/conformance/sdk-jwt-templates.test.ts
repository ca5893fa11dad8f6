import { createClerkClient as createClerkClientV3, verifyToken as verifyTokenV3 } from "@clerk/backend";
import { createClerkClient as createClerkClientV2, verifyToken as verifyTokenV2 } from "@clerk/backend-v2";
import { describe, expect, test } from "vitest";
import { useSandbox } from "../testing/harness";

const sandbox = useSandbox();

const sdks = [
  ["@clerk/backend 3.x", createClerkClientV3, verifyTokenV3],
  ["@clerk/backend 2.x", createClerkClientV2, verifyTokenV2],
] as const;

describe.each(sdks)("%s against the sandbox: JWT templates, actor tokens", (_name, createClerkClient, verifyToken) => {
  const clerk = () => createClerkClient({ secretKey: sandbox.secretKey, apiUrl: sandbox.url });

  test("JWT templates: create, get, list, update, delete", async () => {
    const client = clerk();
    const created = await client.jwtTemplates.create({
      name: "convex",
      claims: { aud: "convex", email: "{{user.primary_email_address}}" },
      lifetime: 300,
      allowedClockSkew: 10,
    });
    expect(created).toMatchObject({
      name: "convex",
      claims: { aud: "convex" },
      lifetime: 300,
      allowedClockSkew: 10,
      customSigningKey: false,
      signingAlgorithm: "RS256",
    });
    expect(created.id).toMatch(/^jtmp_/);
    expect((await client.jwtTemplates.get(created.id)).name).toBe("convex");

    await client.jwtTemplates.create({ name: "other", claims: {} });
    const list = await client.jwtTemplates.list({ limit: 1 });
    expect(list.totalCount).toBe(2);
    expect(list.data).toHaveLength(1);

    const updated = await client.jwtTemplates.update({
      templateId: created.id,
      name: "convex",
      claims: { aud: "convex" },
      lifetime: 600,
    });
    expect(updated).toMatchObject({ lifetime: 600, allowedClockSkew: 10, claims: { aud: "convex" } });

    const deleted = await client.jwtTemplates.delete(created.id);
    expect(deleted).toMatchObject({ object: "jwt_template", id: created.id, deleted: true });
    await expect(client.jwtTemplates.get(created.id)).rejects.toMatchObject({ status: 404 });
    await expect(client.jwtTemplates.create({ name: "bad", claims: { iss: "me" } })).rejects.toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ code: "jwt_template_reserved_claim" })],
    });
  });

  test("getToken with a template: the SDK verifies it via the instance's JWKS", async () => {
    const client = clerk();
    const user = await client.users.createUser({
      emailAddress: ["ada@example.com"],
      firstName: "Ada",
      publicMetadata: { role: "admin" },
    });
    const session = await client.sessions.createSession({ userId: user.id });
    await client.jwtTemplates.create({
      name: "api",
      claims: { aud: "https://api.example.com", role: "{{user.public_metadata.role}}", name: "{{user.first_name}}" },
      lifetime: 120,
    });
    const { jwt } = await client.sessions.getToken(session.id, "api");
    const claims = await verifyToken(jwt, {
      secretKey: sandbox.secretKey,
      apiUrl: sandbox.url,
      audience: "https://api.example.com",
    });
    expect(claims).toMatchObject({ sub: user.id, role: "admin", name: "Ada", aud: "https://api.example.com" });
    expect(claims.exp - claims.iat).toBe(120);
    const longer = await client.sessions.getToken(session.id, "api", 900);
    const longClaims = await verifyToken(longer.jwt, { secretKey: sandbox.secretKey, apiUrl: sandbox.url });
    expect(longClaims.exp - longClaims.iat).toBe(900);
    const jwks = await client.jwks.getJwks();
    expect(jwks.keys?.[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
  });

  test("actor tokens: create (pending, with URL) and revoke", async () => {
    const client = clerk();
    const user = await client.users.createUser({ emailAddress: ["target@example.com"] });
    const token = await client.actorTokens.create({
      userId: user.id,
      actor: { sub: "user_admin" },
      expiresInSeconds: 600,
      sessionMaxDurationInSeconds: 900,
    });
    expect(token).toMatchObject({ status: "pending", userId: user.id, actor: { sub: "user_admin" } });
    expect(token.id).toMatch(/^act_/);
    expect(token.url).toContain(`ticket=${token.token}`);

    const revoked = await client.actorTokens.revoke(token.id);
    expect(revoked).toMatchObject({ id: token.id, status: "revoked" });
    await expect(client.actorTokens.revoke(token.id)).rejects.toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ code: "actor_token_not_pending" })],
    });
    await expect(client.actorTokens.create({ userId: user.id, actor: {} as { sub: string } })).rejects.toMatchObject({
      status: 422,
      errors: [expect.objectContaining({ code: "form_param_missing" })],
    });
  });
});
