import { createHmac, createPublicKey, generateKeyPairSync, verify } from "node:crypto";
import { describe, expect, test } from "vitest";
import { expectJson, useSandbox } from "../../testing/harness";

const sandbox = useSandbox();

type Template = {
  object: string;
  id: string;
  name: string;
  claims: Record<string, unknown>;
  lifetime: number;
  allowed_clock_skew: number;
  custom_signing_key: boolean;
  signing_algorithm: string;
  created_at: number;
  updated_at: number;
};
type Errors = { errors: { code: string; long_message: string; meta?: { param_name?: string } }[] };

const create = async (body: Record<string, unknown>) =>
  expectJson<Template>(await sandbox.bapi("POST", "/jwt_templates", body));
const refused = async (method: string, path: string, body: unknown, status: number) =>
  (await expectJson<Errors>(await sandbox.bapi(method, path, body), status)).errors[0];

function decode(jwt: string) {
  const [header, payload, signature] = jwt.split(".") as [string, string, string];
  return {
    header: JSON.parse(Buffer.from(header, "base64url").toString()) as Record<string, unknown>,
    claims: JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>,
    input: Buffer.from(`${header}.${payload}`),
    signature: Buffer.from(signature, "base64url"),
  };
}

async function signedIn(options: { organization?: boolean } = {}) {
  const user = await expectJson<{ id: string }>(
    await sandbox.bapi("POST", "/users", {
      email_address: ["ada@example.com"],
      first_name: "Ada",
      last_name: "Lovelace",
      public_metadata: { plan: "pro", seats: 3 },
    }),
  );
  let organizationId: string | undefined;
  if (options.organization) {
    const org = await expectJson<{ id: string }>(
      await sandbox.bapi("POST", "/organizations", { name: "Engines", slug: "engines", created_by: user.id }),
    );
    organizationId = org.id;
  }
  const session = await expectJson<{ id: string }>(
    await sandbox.bapi("POST", "/sessions", {
      user_id: user.id,
      ...(organizationId ? { active_organization_id: organizationId } : {}),
    }),
  );
  return { userId: user.id, sessionId: session.id, organizationId };
}

describe("JWT templates over HTTP", () => {
  test("create with Clerk's defaults, get, list (bare array or paginated), update, delete", async () => {
    await sandbox.control("clock", { now: Date.UTC(2025, 5, 1), freeze: true });
    const created = await create({ name: "convex", claims: { aud: "convex" } });
    expect(created).toEqual({
      object: "jwt_template",
      id: expect.stringMatching(/^jtmp_[0-9A-Za-z]{27}$/),
      name: "convex",
      claims: { aud: "convex" },
      lifetime: 60,
      allowed_clock_skew: 5,
      custom_signing_key: false,
      signing_algorithm: "RS256",
      created_at: Date.UTC(2025, 5, 1),
      updated_at: Date.UTC(2025, 5, 1),
    });
    await sandbox.control("clock", { advance_ms: 1000 });
    const second = await create({ name: "hasura", claims: {}, lifetime: 3600, allowed_clock_skew: 30 });
    expect(second).toMatchObject({ lifetime: 3600, allowed_clock_skew: 30 });

    expect(await expectJson(await sandbox.bapi("GET", `/jwt_templates/${created.id}`))).toEqual(created);
    const list = await expectJson<Template[]>(await sandbox.bapi("GET", "/jwt_templates"));
    expect(list.map((t) => t.id)).toEqual([second.id, created.id]);
    const page = await expectJson<{ data: Template[]; total_count: number }>(
      await sandbox.bapi("GET", "/jwt_templates?paginated=true&limit=1&offset=1"),
    );
    expect(page).toEqual({ data: [created], total_count: 2 });

    await sandbox.control("clock", { advance_ms: 1000 });
    const updated = await expectJson<Template>(
      await sandbox.bapi("PATCH", `/jwt_templates/${created.id}`, {
        name: "convex-prod",
        claims: { aud: "convex", env: "prod" },
        lifetime: 120,
      }),
    );
    expect(updated).toMatchObject({
      name: "convex-prod",
      lifetime: 120,
      allowed_clock_skew: 5,
      claims: { env: "prod" },
    });
    expect(updated.updated_at).toBe(created.created_at + 2000);
    // Name and claims are required on update too.
    const missing = await refused("PATCH", `/jwt_templates/${created.id}`, { name: "x" }, 422);
    expect(missing).toMatchObject({ code: "form_param_missing", meta: { param_name: "claims" } });

    expect(await expectJson(await sandbox.bapi("DELETE", `/jwt_templates/${created.id}`))).toEqual({
      object: "jwt_template",
      id: created.id,
      deleted: true,
    });
    await expectJson(await sandbox.bapi("GET", `/jwt_templates/${created.id}`), 404);
    await expectJson(await sandbox.bapi("DELETE", `/jwt_templates/${created.id}`), 404);
  });

  test("refuses reserved claims, taken names, out-of-range lifetimes and unusable signing keys", async () => {
    const reserved = await refused("POST", "/jwt_templates", { name: "a", claims: { sub: "{{user.id}}" } }, 400);
    expect(reserved).toMatchObject({ code: "jwt_template_reserved_claim", meta: { param_name: "claims" } });
    expect(reserved?.long_message).toContain("sub");

    await create({ name: "taken", claims: {} });
    const taken = await refused("POST", "/jwt_templates", { name: " taken ", claims: {} }, 422);
    expect(taken).toMatchObject({ code: "form_identifier_exists", meta: { param_name: "name" } });

    const short = await refused("POST", "/jwt_templates", { name: "b", claims: {}, lifetime: 10 }, 422);
    expect(short?.meta?.param_name).toBe("lifetime");
    const skew = await refused("POST", "/jwt_templates", { name: "b", claims: {}, allowed_clock_skew: 301 }, 422);
    expect(skew?.meta?.param_name).toBe("allowed_clock_skew");

    const noAlgorithm = await refused(
      "POST",
      "/jwt_templates",
      { name: "c", claims: {}, custom_signing_key: true },
      422,
    );
    expect(noAlgorithm).toMatchObject({ code: "form_param_missing", meta: { param_name: "signing_algorithm" } });
    const badAlgorithm = await refused(
      "POST",
      "/jwt_templates",
      { name: "c", claims: {}, custom_signing_key: true, signing_algorithm: "none", signing_key: "x" },
      422,
    );
    expect(badAlgorithm?.meta?.param_name).toBe("signing_algorithm");
    const noKey = await refused(
      "POST",
      "/jwt_templates",
      { name: "c", claims: {}, custom_signing_key: true, signing_algorithm: "RS256" },
      422,
    );
    expect(noKey?.meta?.param_name).toBe("signing_key");
    const notPem = await refused(
      "POST",
      "/jwt_templates",
      { name: "c", claims: {}, custom_signing_key: true, signing_algorithm: "RS256", signing_key: "secret" },
      422,
    );
    expect(notPem?.meta?.param_name).toBe("signing_key");
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-384" });
    const wrongCurve = await refused(
      "POST",
      "/jwt_templates",
      {
        name: "c",
        claims: {},
        custom_signing_key: true,
        signing_algorithm: "ES256",
        signing_key: privateKey.export({ format: "pem", type: "pkcs8" }),
      },
      422,
    );
    expect(wrongCurve?.meta?.param_name).toBe("signing_key");
  });

  test("tokens from a template: rendered shortcodes, its lifetime and skew, signed with the instance key", async () => {
    const { userId, sessionId, organizationId } = await signedIn({ organization: true });
    await create({
      name: "api",
      lifetime: 300,
      allowed_clock_skew: 10,
      claims: {
        aud: "https://api.example.com",
        name: "{{user.full_name}}",
        email: "{{user.primary_email_address}}",
        verified: "{{user.email_verified}}",
        plan: "{{user.public_metadata.plan}}",
        seats: "{{user.public_metadata.seats}}",
        tier: "{{user.public_metadata.tier || 'basic'}}",
        nothing: "{{user.public_metadata.nope}}",
        greeting: "Hi {{user.first_name}} from {{org.name}}!",
        org: { id: "{{org.id}}", slug: "{{org.slug}}", role: "{{org.role}}" },
        secret: "{{user.private_metadata}}",
        static: [1, true, null],
      },
    });
    const { jwt } = await expectJson<{ object: string; jwt: string }>(
      await sandbox.bapi("POST", `/sessions/${sessionId}/tokens/api`),
    );
    const token = decode(jwt);
    const jwks = await expectJson<{ keys: Record<string, string>[] }>(await sandbox.bapi("GET", "/jwks"));
    expect(token.header).toEqual({ alg: "RS256", kid: jwks.keys[0]?.kid, typ: "JWT" });
    const key = createPublicKey({ key: jwks.keys[0] as never, format: "jwk" });
    expect(verify("sha256", token.input, key, token.signature)).toBe(true);
    const { iat, exp, nbf, iss, jti, sub, ...custom } = token.claims as { [claim: string]: unknown } & {
      iat: number;
      exp: number;
      nbf: number;
    };
    expect(exp - iat).toBe(300);
    expect(iat - nbf).toBe(10);
    expect(sub).toBe(userId);
    expect(iss).toMatch(/^https:\/\//);
    expect(jti).toMatch(/^[0-9a-f]{20}$/);
    expect(custom).toEqual({
      aud: "https://api.example.com",
      name: "Ada Lovelace",
      email: "ada@example.com",
      verified: true,
      plan: "pro",
      seats: 3,
      tier: "basic",
      nothing: null,
      greeting: "Hi Ada from Engines!",
      org: { id: organizationId, slug: "engines", role: "org:admin" },
      secret: null,
      static: [1, true, null],
    });

    const longer = await expectJson<{ jwt: string }>(
      await sandbox.bapi("POST", `/sessions/${sessionId}/tokens/api`, { expires_in_seconds: 3600 }),
    );
    const claims = decode(longer.jwt).claims as { iat: number; exp: number };
    expect(claims.exp - claims.iat).toBe(3600);

    const unknown = await expectJson<Errors>(await sandbox.bapi("POST", `/sessions/${sessionId}/tokens/nope`), 404);
    expect(unknown.errors[0]?.code).toBe("resource_not_found");
  });

  test("custom signing keys sign template tokens and are never sent back", async () => {
    const { sessionId } = await signedIn();
    const hmac = await create({
      name: "hmac",
      claims: { role: "authenticated" },
      custom_signing_key: true,
      signing_algorithm: "HS256",
      signing_key: "super-secret-jwt-secret",
    });
    expect(hmac).toMatchObject({ custom_signing_key: true, signing_algorithm: "HS256" });
    expect(JSON.stringify(hmac)).not.toContain("super-secret");
    const hs = decode(
      (await expectJson<{ jwt: string }>(await sandbox.bapi("POST", `/sessions/${sessionId}/tokens/hmac`))).jwt,
    );
    expect(hs.header).toEqual({ alg: "HS256", typ: "JWT" });
    expect(createHmac("sha256", "super-secret-jwt-secret").update(hs.input).digest().equals(hs.signature)).toBe(true);

    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const ec = await create({
      name: "ec",
      claims: {},
      custom_signing_key: true,
      signing_algorithm: "ES256",
      signing_key: privateKey.export({ format: "pem", type: "pkcs8" }),
    });
    const es = decode(
      (await expectJson<{ jwt: string }>(await sandbox.bapi("POST", `/sessions/${sessionId}/tokens/ec`))).jwt,
    );
    expect(es.header.alg).toBe("ES256");
    expect(verify("sha256", es.input, { key: publicKey, dsaEncoding: "ieee-p1363" }, es.signature)).toBe(true);

    // An update may keep the stored key, or go back to the instance's key.
    const kept = await expectJson<Template>(
      await sandbox.bapi("PATCH", `/jwt_templates/${ec.id}`, { name: "ec", claims: { v: 2 } }),
    );
    expect(kept).toMatchObject({ custom_signing_key: true, signing_algorithm: "ES256" });
    const instanceKey = await expectJson<Template>(
      await sandbox.bapi("PATCH", `/jwt_templates/${ec.id}`, { name: "ec", claims: {}, custom_signing_key: false }),
    );
    expect(instanceKey).toMatchObject({ custom_signing_key: false, signing_algorithm: "RS256" });
    const rs = decode(
      (await expectJson<{ jwt: string }>(await sandbox.bapi("POST", `/sessions/${sessionId}/tokens/ec`))).jwt,
    );
    expect(rs.header).toMatchObject({ alg: "RS256", kid: expect.stringMatching(/^ins_/) });
  });

  test("templates are per instance", async () => {
    await create({ name: "dev-only", claims: {} });
    const production = { authorization: `Bearer ${sandbox.credentials.production.secret_key}` };
    expect(await expectJson(await sandbox.bapi("GET", "/jwt_templates", undefined, production))).toEqual([]);
  });
});
