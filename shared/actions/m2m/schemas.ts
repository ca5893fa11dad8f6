import { z } from "zod";

/** Zod schemas for Clerk's machines and M2M tokens, loose like `schemas.ts`. */
const epochMs = z.number();

const machineFields = {
  object: z.literal("machine"),
  id: z.string(),
  name: z.string(),
  instance_id: z.string(),
  default_token_ttl: z.number().int().optional(),
  created_at: epochMs,
  updated_at: epochMs,
};

export const machine = z.looseObject({
  ...machineFields,
  scoped_machines: z.array(z.looseObject(machineFields)),
  /** Only in the answer to a create. */
  secret_key: z.string().optional(),
});
export type Machine = z.infer<typeof machine>;

export const machineSecretKey = z.looseObject({ object: z.literal("machine_secret_key"), secret: z.string() });
export type MachineSecretKey = z.infer<typeof machineSecretKey>;

export const machineScope = z.looseObject({
  object: z.literal("machine_scope"),
  from_machine_id: z.string(),
  to_machine_id: z.string(),
  created_at: epochMs.optional(),
  deleted: z.boolean().optional(),
});
export type MachineScope = z.infer<typeof machineScope>;

export const m2mToken = z.looseObject({
  object: z.literal("machine_to_machine_token"),
  id: z.string(),
  subject: z.string(),
  claims: z.unknown().optional(),
  scopes: z.array(z.string()).optional(),
  /** Only in the answer to a create. */
  token: z.string().optional(),
  revoked: z.boolean(),
  revocation_reason: z.string().nullable(),
  expired: z.boolean(),
  expiration: epochMs.nullable(),
  last_used_at: epochMs.nullable(),
  created_at: epochMs,
  updated_at: epochMs,
});
export type M2MToken = z.infer<typeof m2mToken>;

/** `GET /m2m_tokens` lists under `m2m_tokens`, not `data`. */
export const m2mTokenList = z.object({ m2m_tokens: z.array(m2mToken), total_count: z.number().int() });
