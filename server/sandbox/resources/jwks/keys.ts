import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from "node:crypto";
import type { InstanceRecord } from "../../tenancy/instances";

/** Parsed signing keys, by key id: parsing a PEM on every token would dominate token minting. */
const privateKeys = new Map<string, KeyObject>();

function privateKeyOf(instance: InstanceRecord): KeyObject {
  let key = privateKeys.get(instance.signing_key_id);
  if (!key) {
    key = createPrivateKey(instance.signing_key_pem);
    privateKeys.set(instance.signing_key_id, key);
  }
  return key;
}

/** The instance's public signing key as Clerk publishes it in `GET /jwks`. */
export function instancePublicJwk(instance: InstanceRecord) {
  const { n, e } = createPublicKey(privateKeyOf(instance)).export({ format: "jwk" });
  return { use: "sig", kty: "RSA", kid: instance.signing_key_id, alg: "RS256", n: String(n), e: String(e) };
}

export function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString("base64url");
}

/**
 * Signs `claims` as an RS256 JWT with the instance's key. Session tokens carry the key id
 * (`kid`) so verifiers can pick the key from the JWKS; invitation tickets do not, as in Clerk.
 */
export function signJwt(
  instance: InstanceRecord,
  claims: Record<string, unknown>,
  options: { kid: boolean } = { kid: true },
): string {
  const header = { alg: "RS256", ...(options.kid ? { kid: instance.signing_key_id } : {}), typ: "JWT" };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = sign("sha256", Buffer.from(input), privateKeyOf(instance));
  return `${input}.${base64url(signature)}`;
}

/**
 * The claims of an RS256 JWT signed with the instance's key, or undefined when the token is
 * malformed or signed otherwise. Expiry is the caller's concern (a refresh takes expired tokens).
 */
export function verifiedClaims(instance: InstanceRecord, token: string): Record<string, unknown> | undefined {
  const [header, payload, signature] = token.split(".");
  if (!header || !payload || !signature) return undefined;
  const signed = verify(
    "sha256",
    Buffer.from(`${header}.${payload}`),
    createPublicKey(privateKeyOf(instance)),
    Buffer.from(signature, "base64url"),
  );
  if (!signed) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as unknown;
    return claims && typeof claims === "object" ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
