import { z } from "zod";

/** Zod schemas for the organization objects only the orgs area uses, loose like `clerk/schemas.ts`. */
const epochMs = z.number();

export const orgPermission = z.looseObject({
  object: z.literal("permission"),
  id: z.string(),
  name: z.string(),
  key: z.string(),
  description: z.string(),
  type: z.string(),
  created_at: epochMs,
  updated_at: epochMs,
});
export type OrgPermission = z.infer<typeof orgPermission>;

export const orgRole = z.looseObject({
  object: z.literal("role"),
  id: z.string(),
  name: z.string(),
  key: z.string(),
  description: z.string().nullable(),
  is_creator_eligible: z.boolean(),
  permissions: z.array(orgPermission),
  created_at: epochMs,
  updated_at: epochMs,
});
export type OrgRole = z.infer<typeof orgRole>;

const roleSetItem = z.looseObject({
  object: z.literal("role_set_item"),
  id: z.string(),
  name: z.string(),
  key: z.string(),
  members_count: z.number().int().nullable().optional(),
});

export const roleSet = z.looseObject({
  object: z.literal("role_set"),
  id: z.string(),
  name: z.string(),
  key: z.string(),
  description: z.string().nullable(),
  roles: z.array(roleSetItem),
  default_role: roleSetItem.nullable().optional(),
  creator_role: roleSetItem.nullable().optional(),
  type: z.string(),
  created_at: epochMs,
  updated_at: epochMs,
});
export type RoleSet = z.infer<typeof roleSet>;

const domainVerification = z.looseObject({ status: z.string(), strategy: z.string().optional() }).nullable();

export const orgDomain = z.looseObject({
  object: z.literal("organization_domain"),
  id: z.string(),
  organization_id: z.string(),
  name: z.string(),
  enrollment_mode: z.string(),
  affiliation_email_address: z.string().nullable(),
  affiliation_verification: domainVerification,
  ownership_verification: domainVerification,
  total_pending_invitations: z.number().int(),
  total_pending_suggestions: z.number().int(),
  created_at: epochMs,
  updated_at: epochMs,
});
export type OrgDomain = z.infer<typeof orgDomain>;
