import { z } from "zod";

/** `GET /instance`: the instance the secret key belongs to. */
export const instance = z.looseObject({
  object: z.literal("instance"),
  id: z.string(),
  environment_type: z.string(),
  allowed_origins: z.array(z.string()).nullable(),
  workspace_id: z.string().nullable().optional(),
});
export type Instance = z.infer<typeof instance>;

/** `PATCH /instance/restrictions` answers the whole section. */
export const instanceRestrictions = z.looseObject({
  object: z.literal("instance_restrictions"),
  allowlist: z.boolean(),
  blocklist: z.boolean(),
  allowlist_blocklist_disabled_on_sign_in: z.boolean(),
  block_email_subaddresses: z.boolean(),
  block_disposable_email_domains: z.boolean(),
});
export type InstanceRestrictions = z.infer<typeof instanceRestrictions>;

/** `GET /instance/communication`: where SMS is not sent. */
export const instanceCommunication = z.looseObject({
  object: z.literal("instance_communication"),
  blocked_country_codes: z.array(z.string()),
});

/** `GET /instance/oauth_application_settings`: how the instance acts as an OAuth identity provider. */
export const oauthApplicationSettings = z.looseObject({
  object: z.literal("oauth_application_settings"),
  dynamic_oauth_client_registration: z.boolean(),
  default_scopes: z.array(z.string()).optional(),
  oauth_jwt_access_tokens: z.boolean().optional(),
});

/** `GET /instance/organization_settings`. */
export const organizationSettings = z.looseObject({
  object: z.literal("organization_settings"),
  enabled: z.boolean(),
  max_allowed_memberships: z.number().int(),
  admin_delete_enabled: z.boolean(),
  domains_enabled: z.boolean(),
  domains_enrollment_modes: z.array(z.string()),
  creator_role: z.string().nullable().optional(),
  domains_default_role: z.string().nullable().optional(),
});

/** `PATCH /beta_features/instance_settings` answers the beta settings. */
export const betaInstanceSettings = z.looseObject({
  object: z.literal("instance_settings"),
  id: z.string(),
  restricted_to_allowlist: z.boolean(),
  from_email_address: z.string().nullable().optional(),
  progressive_sign_up: z.boolean().optional(),
});
