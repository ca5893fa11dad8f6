import { z } from "zod";

/**
 * Zod schemas for Clerk's API keys (`/api_keys`), loose like `schemas.ts`: fields Clerk adds
 * later pass through; the ones the CLI shows are checked.
 */
const epochMs = z.number();

export const apiKey = z.looseObject({
  object: z.literal("api_key"),
  id: z.string(),
  type: z.string(),
  subject: z.string(),
  name: z.string(),
  description: z.string().nullable().optional(),
  claims: z.unknown(),
  scopes: z.array(z.string()),
  /** Only in the answer to a create (and `GET /api_keys/{id}/secret`). */
  secret: z.string().optional(),
  revoked: z.boolean(),
  revocation_reason: z.string().nullable(),
  expired: z.boolean(),
  expiration: epochMs.nullable(),
  created_by: z.string().nullable(),
  last_used_at: epochMs.nullable(),
  created_at: epochMs,
  updated_at: epochMs,
});
export type ApiKey = z.infer<typeof apiKey>;

export const apiKeySecret = z.looseObject({ secret: z.string() });
