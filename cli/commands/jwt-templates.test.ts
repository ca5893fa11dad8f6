import { createPublicKey, generateKeyPairSync, verify } from "node:crypto";
import { describe, expect, test } from "vitest";
import { useCliSandbox } from "../testing/cli-sandbox";

const { clerk, sandbox } = useCliSandbox();

interface TemplateJson {
  id: string;
  name: string;
  claims: Record<string, unknown>;
  lifetime: number;
  allowed_clock_skew: number;
  custom_signing_key: boolean;
  signing_algorithm: string;
}

async function ok<T>(args: string[]): Promise<T> {
  const result = await clerk([...args, "--json"]);
  expect(result.code, result.stderr).toBe(0);
  return result.json<T>();
}

function decode(jwt: string) {
  const [header, payload, signature] = jwt.split(".") as [string, string, string];
  return {
    header: JSON.parse(Buffer.from(header, "base64url").toString()) as Record<string, unknown>,
    claims: JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, number | string>,
    input: Buffer.from(`${header}.${payload}`),
    signature: Buffer.from(signature, "base64url"),
  };
}

/** A signed-in user's session: what template tokens are minted from. */
async function session(): Promise<{ userId: string; sessionId: string }> {
  const user = await ok<{ id: string }>([
    "users",
    "create",
    "--email-address",
    "ada@example.com",
    "--first-name",
    "Ada",
    "--last-name",
    "Lovelace",
  ]);
  const response = await sandbox.bapi("POST", "/sessions", { user_id: user.id });
  return { userId: user.id, sessionId: ((await response.json()) as { id: string }).id };
}

async function mint(sessionId: string, template: string): Promise<string> {
  const response = await sandbox.bapi("POST", `/sessions/${sessionId}/tokens/${template}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { jwt: string }).jwt;
}

describe("clerk jwt-templates and jwks", () => {
  test("create, list, get, update (keeping what was not given), delete", async () => {
    const created = await ok<TemplateJson>([
      "jwt-templates",
      "create",
      "--name",
      "convex",
      "--claims",
      '{"aud":"convex","name":"{{user.full_name}}"}',
      "--lifetime",
      "300",
      "--allowed-clock-skew",
      "10",
    ]);
    expect(created).toMatchObject({
      object: "jwt_template",
      name: "convex",
      claims: { aud: "convex", name: "{{user.full_name}}" },
      lifetime: 300,
      allowed_clock_skew: 10,
      custom_signing_key: false,
      signing_algorithm: "RS256",
    });
    expect(created.id).toMatch(/^jtmp_/);
    const defaults = await ok<TemplateJson>(["jwt-templates", "create", "--name", "plain"]);
    expect(defaults).toMatchObject({ claims: {}, lifetime: 60, allowed_clock_skew: 5 });

    const list = await ok<{ data: TemplateJson[]; total_count: number }>(["jwt-templates", "list"]);
    expect(list.total_count).toBe(2);
    expect(list.data.map((t) => t.name).sort()).toEqual(["convex", "plain"]);
    expect(await ok<TemplateJson[]>(["jwt-templates", "list", "--all"])).toHaveLength(2);
    const table = await clerk(["jwt-templates", "list"]);
    expect(table.stdout).toMatch(/ID\s+NAME\s+LIFETIME\s+CLOCK SKEW\s+SIGNING\s+CREATED/);
    expect(table.stdout).toMatch(/convex\s+300s\s+10s\s+RS256 \(instance key\)/);
    expect(table.stdout).toContain("2 of 2 JWT templates");

    expect(await ok(["jwt-templates", "get", created.id])).toEqual(created);
    const one = await clerk(["jwt-templates", "get", created.id]);
    expect(one.stdout).toContain('{"aud":"convex","name":"{{user.full_name}}"}');

    // Only --lifetime given: the name, claims and skew survive the update.
    const longer = await ok<TemplateJson>(["jwt-templates", "update", created.id, "--lifetime", "3600"]);
    expect(longer).toMatchObject({ name: "convex", claims: created.claims, lifetime: 3600, allowed_clock_skew: 10 });
    const renamed = await ok<TemplateJson>([
      "jwt-templates",
      "update",
      created.id,
      "--name",
      "convex-v2",
      "--claims",
      '{"aud":"convex"}',
    ]);
    expect(renamed).toMatchObject({ name: "convex-v2", claims: { aud: "convex" }, lifetime: 3600 });

    const unconfirmed = await clerk(["jwt-templates", "delete", created.id]);
    expect(unconfirmed.code).toBe(2);
    expect(await ok(["jwt-templates", "delete", created.id, "--yes"])).toEqual({
      object: "jwt_template",
      id: created.id,
      deleted: true,
    });
    const gone = await clerk(["jwt-templates", "get", created.id]);
    expect(gone.code).toBe(1);
    expect(JSON.parse(gone.stderr).error).toMatchObject({ status: 404, code: "resource_not_found" });
  });

  test("a template's token carries its claims and lifetime and verifies against `clerk jwks get`", async () => {
    const { userId, sessionId } = await session();
    await ok([
      "jwt-templates",
      "create",
      "--name",
      "api",
      "--claims",
      '{"name":"{{user.full_name}}"}',
      "--lifetime",
      "120",
    ]);
    const token = decode(await mint(sessionId, "api"));
    expect(token.claims).toMatchObject({ name: "Ada Lovelace", sub: userId });
    expect((token.claims.exp as number) - (token.claims.iat as number)).toBe(120);

    const keys = await ok<{ keys: { kid: string }[] }>(["jwks", "get"]);
    expect(keys.keys).toHaveLength(1);
    expect(token.header.kid).toBe(keys.keys[0]?.kid);
    const key = createPublicKey({ key: keys.keys[0] as never, format: "jwk" });
    expect(verify("sha256", token.input, key, token.signature)).toBe(true);
    const table = await clerk(["jwks", "get"]);
    expect(table.stdout).toMatch(/KEY ID\s+ALGORITHM\s+TYPE\s+USE/);
    expect(table.stdout).toMatch(/RS256\s+RSA\s+sig/);
  });

  test("custom signing keys: given with their algorithm, never printed back, and revertible", async () => {
    const { sessionId } = await session();
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const pem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    const custom = await clerk([
      "jwt-templates",
      "create",
      "--name",
      "partner",
      "--signing-algorithm",
      "ES256",
      // A PEM begins with dashes: the --flag=value form (as the help says) passes it as the value.
      `--signing-key=${pem}`,
      "--json",
    ]);
    expect(custom.code, custom.stderr).toBe(0);
    expect(custom.stdout).not.toContain("PRIVATE KEY");
    const created = custom.json<TemplateJson>();
    expect(created).toMatchObject({ custom_signing_key: true, signing_algorithm: "ES256" });
    const es = decode(await mint(sessionId, "partner"));
    expect(es.header).toEqual({ alg: "ES256", typ: "JWT" });
    expect(verify("sha256", es.input, { key: publicKey, dsaEncoding: "ieee-p1363" }, es.signature)).toBe(true);

    const kept = await ok<TemplateJson>(["jwt-templates", "update", created.id, "--lifetime", "90"]);
    expect(kept).toMatchObject({ custom_signing_key: true, signing_algorithm: "ES256", lifetime: 90 });
    const reverted = await ok<TemplateJson>(["jwt-templates", "update", created.id, "--no-custom-signing-key"]);
    expect(reverted).toMatchObject({ custom_signing_key: false, signing_algorithm: "RS256" });
    expect(decode(await mint(sessionId, "partner")).header.alg).toBe("RS256");

    const withoutAlgorithm = await clerk(["jwt-templates", "create", "--name", "x", "--signing-key", "secret"]);
    expect(withoutAlgorithm.code).toBe(2);
    expect(JSON.parse(withoutAlgorithm.stderr).error.message).toBe("--signing-algorithm: is needed with --signing-key");
    const badKey = await clerk([
      "jwt-templates",
      "create",
      "--name",
      "x",
      "--signing-algorithm",
      "RS256",
      "--signing-key",
      "not a pem",
    ]);
    expect(badKey.code).toBe(1);
    expect(JSON.parse(badKey.stderr).error).toMatchObject({ status: 422, param_name: "signing_key" });
  });

  test("usage and Clerk errors", async () => {
    const reserved = await clerk(["jwt-templates", "create", "--name", "x", "--claims", '{"sub":"me"}']);
    expect(reserved.code).toBe(1);
    expect(JSON.parse(reserved.stderr).error.code).toBe("jwt_template_reserved_claim");
    const badClaims = await clerk(["jwt-templates", "create", "--name", "x", "--claims", "not json"]);
    expect(badClaims.code).toBe(2);
    expect(JSON.parse(badClaims.stderr).error.message).toContain("--claims");
    const shortLifetime = await clerk(["jwt-templates", "create", "--name", "x", "--lifetime", "5"]);
    expect(shortLifetime.code).toBe(2);
    const noName = await clerk(["jwt-templates", "create"]);
    expect(noName.code).toBe(2);
    expect(JSON.parse(noName.stderr).error.message).toBe("missing option --name");
  });
});
