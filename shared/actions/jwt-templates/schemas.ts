import { z } from "zod";
import { epochMs, metadata } from "../../clerk/schemas";

/** A JWT template; its custom signing key is never sent back. */
export const jwtTemplate = z.looseObject({
  object: z.literal("jwt_template"),
  id: z.string(),
  name: z.string(),
  claims: metadata,
  lifetime: z.number().int(),
  allowed_clock_skew: z.number().int(),
  custom_signing_key: z.boolean(),
  signing_algorithm: z.string(),
  created_at: epochMs,
  updated_at: epochMs,
});
export type JwtTemplate = z.infer<typeof jwtTemplate>;

/** The instance's public keys (`GET /jwks`), which verify its session and template tokens. */
export const jwks = z.looseObject({
  keys: z.array(
    z.looseObject({ kid: z.string(), kty: z.string(), alg: z.string().optional(), use: z.string().optional() }),
  ),
});
export type Jwks = z.infer<typeof jwks>;
