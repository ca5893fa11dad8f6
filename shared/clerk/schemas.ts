import { z } from "zod";

/**
 * Zod schemas for the Clerk objects this tool reads, following Clerk's published OpenAPI
 * documents (shared/clerk-openapi). Objects are "loose": fields Clerk adds later pass through
 * untouched, so a newer API never breaks the CLI; the fields we rely on are checked.
 * `schemas.test.ts` checks every field named here against the documents.
 */
export const metadata = z.record(z.string(), z.unknown());
export const epochMs = z.number().int();

export const verification = z.looseObject({ status: z.string(), strategy: z.string() }).nullable();

export const emailAddress = z.looseObject({
  id: z.string(),
  object: z.literal("email_address"),
  email_address: z.string(),
  verification,
  reserved: z.boolean(),
  created_at: epochMs,
  updated_at: epochMs,
});

export const phoneNumber = z.looseObject({
  id: z.string(),
  object: z.literal("phone_number"),
  phone_number: z.string(),
  verification,
  reserved: z.boolean(),
  created_at: epochMs,
  updated_at: epochMs,
});

export const user = z.looseObject({
  id: z.string(),
  object: z.literal("user"),
  external_id: z.string().nullable(),
  username: z.string().nullable(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  image_url: z.string().optional(),
  has_image: z.boolean(),
  primary_email_address_id: z.string().nullable(),
  primary_phone_number_id: z.string().nullable(),
  email_addresses: z.array(emailAddress),
  phone_numbers: z.array(phoneNumber),
  public_metadata: metadata,
  private_metadata: metadata.nullable().optional(),
  unsafe_metadata: metadata.optional(),
  password_enabled: z.boolean(),
  two_factor_enabled: z.boolean(),
  banned: z.boolean(),
  locked: z.boolean(),
  last_sign_in_at: epochMs.nullable(),
  last_active_at: epochMs.nullable(),
  created_at: epochMs,
  updated_at: epochMs,
});
export type User = z.infer<typeof user>;

export const totalCount = z.looseObject({ object: z.literal("total_count"), total_count: z.number().int() });

export const deletedObject = z.looseObject({
  object: z.string(),
  id: z.string().optional(),
  slug: z.string().optional(),
  deleted: z.boolean(),
});
export type DeletedObject = z.infer<typeof deletedObject>;

export const organization = z.looseObject({
  object: z.literal("organization"),
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  has_image: z.boolean(),
  members_count: z.number().int().optional(),
  pending_invitations_count: z.number().int().optional(),
  max_allowed_memberships: z.number().int(),
  admin_delete_enabled: z.boolean(),
  public_metadata: metadata,
  private_metadata: metadata.optional(),
  created_by: z.string().optional(),
  created_at: epochMs,
  updated_at: epochMs,
});
export type Organization = z.infer<typeof organization>;

export const publicUserData = z.looseObject({
  user_id: z.string(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  identifier: z.string().nullable().optional(),
  username: z.string().nullable().optional(),
});

export const organizationMembership = z.looseObject({
  object: z.literal("organization_membership"),
  id: z.string(),
  role: z.string(),
  role_name: z.string().optional(),
  permissions: z.array(z.string()),
  public_metadata: metadata,
  organization: organization,
  public_user_data: publicUserData.optional(),
  created_at: epochMs,
  updated_at: epochMs,
});
export type OrganizationMembership = z.infer<typeof organizationMembership>;

export const organizationInvitation = z.looseObject({
  object: z.literal("organization_invitation"),
  id: z.string(),
  email_address: z.string(),
  role: z.string(),
  organization_id: z.string().optional(),
  status: z.string().optional(),
  public_metadata: metadata,
  expires_at: epochMs.nullable(),
  created_at: epochMs,
  updated_at: epochMs,
});
export type OrganizationInvitation = z.infer<typeof organizationInvitation>;

export const session = z.looseObject({
  object: z.literal("session"),
  id: z.string(),
  user_id: z.string(),
  client_id: z.string(),
  status: z.string(),
  last_active_at: epochMs,
  expire_at: epochMs,
  created_at: epochMs,
  updated_at: epochMs,
});
export type Session = z.infer<typeof session>;

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), total_count: z.number().int() });
}

export const platformInstance = z.looseObject({
  instance_id: z.string(),
  environment_type: z.enum(["development", "production"]),
  secret_key: z.string().optional(),
  publishable_key: z.string().optional(),
});

export const platformApplication = z.looseObject({
  application_id: z.string(),
  name: z.string(),
  instances: z.array(platformInstance),
});
export type PlatformApplication = z.infer<typeof platformApplication>;

/** An instance's config: sections keyed by name, plus `config_version` for If-Match. */
export const instanceConfig = z.looseObject({ config_version: z.string().optional() });
export type InstanceConfig = z.infer<typeof instanceConfig>;

export const configPatchResult = z.looseObject({
  config_version: z.string().optional(),
  dry_run: z.boolean().optional(),
  before: z.record(z.string(), z.unknown()).optional(),
  after: z.record(z.string(), z.unknown()).optional(),
});
export type ConfigPatchResult = z.infer<typeof configPatchResult>;

export const platformDomain = z.looseObject({
  object: z.literal("domain"),
  id: z.string(),
  name: z.string(),
  is_satellite: z.boolean().optional(),
  frontend_api_url: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type PlatformDomain = z.infer<typeof platformDomain>;

const checkStatus = z.looseObject({ status: z.string(), required: z.boolean().optional() });
export const domainStatus = z.looseObject({
  status: z.enum(["complete", "incomplete"]),
  dns: z.looseObject({ status: z.string().optional() }).optional(),
  ssl: checkStatus.partial().optional(),
  mail: checkStatus.optional(),
  proxy: checkStatus.optional(),
});
export type DomainStatus = z.infer<typeof domainStatus>;
