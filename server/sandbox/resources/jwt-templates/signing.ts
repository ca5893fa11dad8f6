import { constants, createHmac, createPrivateKey, createSecretKey, type KeyObject, sign } from "node:crypto";
import { errors } from "../../core/errors";
import { base64url } from "../jwks/keys";

/** The algorithms a template's custom signing key may use, with how each signs. */
const ALGORITHMS = {
  HS256: { family: "hmac", hash: "sha256" },
  HS384: { family: "hmac", hash: "sha384" },
  HS512: { family: "hmac", hash: "sha512" },
  RS256: { family: "rsa", hash: "sha256" },
  RS384: { family: "rsa", hash: "sha384" },
  RS512: { family: "rsa", hash: "sha512" },
  PS256: { family: "rsa-pss", hash: "sha256" },
  PS384: { family: "rsa-pss", hash: "sha384" },
  PS512: { family: "rsa-pss", hash: "sha512" },
  ES256: { family: "ec", hash: "sha256", curve: "prime256v1" },
  ES384: { family: "ec", hash: "sha384", curve: "secp384r1" },
  ES512: { family: "ec", hash: "sha512", curve: "secp521r1" },
} as const;

export type SigningAlgorithm = keyof typeof ALGORITHMS;
export const SIGNING_ALGORITHMS = Object.keys(ALGORITHMS) as SigningAlgorithm[];

/** Templates without a custom key are signed with the instance's RSA key. */
export const INSTANCE_SIGNING_ALGORITHM: SigningAlgorithm = "RS256";

export function isSigningAlgorithm(value: string): value is SigningAlgorithm {
  return Object.hasOwn(ALGORITHMS, value);
}

/** Parsed keys by their text: minting parses nothing twice. */
const parsed = new Map<string, KeyObject>();

function keyObject(algorithm: SigningAlgorithm, text: string): KeyObject {
  const cacheKey = `${algorithm}\n${text}`;
  let key = parsed.get(cacheKey);
  if (!key) {
    key = ALGORITHMS[algorithm].family === "hmac" ? createSecretKey(Buffer.from(text)) : createPrivateKey(text);
    parsed.set(cacheKey, key);
  }
  return key;
}

/**
 * Checks that `text` can sign with `algorithm`: any non-empty secret for HMAC, a PEM private
 * key of the right type (and curve, for ECDSA) otherwise. Clerk's 422 names `signing_key`.
 */
export function assertSigningKey(algorithm: SigningAlgorithm, text: string): void {
  const spec = ALGORITHMS[algorithm];
  const invalid = (why: string) => errors.paramInvalid("signing_key", `signing_key ${why}`);
  if (spec.family === "hmac") {
    if (text.length === 0) throw invalid("must not be empty.");
    return;
  }
  let key: KeyObject;
  try {
    key = keyObject(algorithm, text);
  } catch {
    throw invalid(`must be a PEM-encoded private key for ${algorithm}.`);
  }
  const type = key.asymmetricKeyType;
  const matches =
    spec.family === "ec"
      ? type === "ec" && key.asymmetricKeyDetails?.namedCurve === spec.curve
      : type === "rsa" || type === "rsa-pss";
  if (!matches) throw invalid(`is not a ${algorithm} key.`);
}

/** Signs a JWT's header and payload with a custom key (the key was checked when it was stored). */
export function signWithKey(algorithm: SigningAlgorithm, keyText: string, claims: Record<string, unknown>): string {
  const spec = ALGORITHMS[algorithm];
  const input = `${base64url(JSON.stringify({ alg: algorithm, typ: "JWT" }))}.${base64url(JSON.stringify(claims))}`;
  const key = keyObject(algorithm, keyText);
  const data = Buffer.from(input);
  let signature: Buffer;
  if (spec.family === "hmac") {
    signature = createHmac(spec.hash, key).update(data).digest();
  } else if (spec.family === "rsa-pss") {
    signature = sign(spec.hash, data, {
      key,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
    });
  } else if (spec.family === "ec") {
    // JWS wants ECDSA signatures as the raw r||s pair, not DER.
    signature = sign(spec.hash, data, { key, dsaEncoding: "ieee-p1363" });
  } else {
    signature = sign(spec.hash, data, key);
  }
  return `${input}.${base64url(signature)}`;
}
