import { createPublicKey, verify } from "node:crypto";
import { describe, expect, test } from "vitest";
import { useSandbox } from "../../testing/harness";

const sandbox = useSandbox();

type Jwk = { kty: string; use: string; alg: string; kid: string; n: string; e: string };

describe("GET /jwks", () => {
  test("publishes the RSA key that verifies the instance's session tokens", async () => {
    const response = await sandbox.bapi("GET", "/jwks");
    expect(response.status).toBe(200);
    const { keys } = (await response.json()) as { keys: Jwk[] };
    expect(keys).toHaveLength(1);
    const jwk = keys[0] as Jwk;
    expect(jwk).toMatchObject({ kty: "RSA", use: "sig", alg: "RS256", e: "AQAB" });
    expect(jwk.kid).toMatch(/^ins_/);

    const user = (await (await sandbox.bapi("POST", "/users", { email_address: ["jwks@example.com"] })).json()) as {
      id: string;
    };
    const session = (await (await sandbox.bapi("POST", "/sessions", { user_id: user.id })).json()) as { id: string };
    const { jwt } = (await (await sandbox.bapi("POST", `/sessions/${session.id}/tokens`)).json()) as { jwt: string };
    const [header, payload, signature] = jwt.split(".") as [string, string, string];
    expect(JSON.parse(Buffer.from(header, "base64url").toString()).kid).toBe(jwk.kid);
    const key = createPublicKey({ key: jwk, format: "jwk" });
    expect(verify("sha256", Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, "base64url"))).toBe(true);
  });

  test("each instance has its own key", async () => {
    const dev = (await (await sandbox.bapi("GET", "/jwks")).json()) as { keys: Jwk[] };
    const prod = (await (
      await fetch(`${sandbox.apiUrl}/jwks`, {
        headers: { authorization: `Bearer ${sandbox.credentials.production.secret_key}` },
      })
    ).json()) as { keys: Jwk[] };
    expect(prod.keys[0]?.kid).not.toBe(dev.keys[0]?.kid);
    expect(prod.keys[0]?.n).not.toBe(dev.keys[0]?.n);
  });

  test("needs the secret key", async () => {
    const response = await fetch(`${sandbox.apiUrl}/jwks`);
    expect(response.status).toBe(401);
  });
});
