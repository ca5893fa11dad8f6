import { z } from "zod";
import { epochMs, metadata, organizationInvitation } from "../../clerk/schemas";

/** A native app's device the user trusts (Backend API `TrustedDevice`). */
export const trustedDevice = z.looseObject({
  object: z.literal("trusted_device"),
  id: z.string(),
  platform: z.string(),
  app_identifier: z.string(),
  name: z.string().nullable().optional(),
  status: z.string(),
  last_used_at: epochMs.nullable().optional(),
  revoked_at: epochMs.nullable().optional(),
  created_at: epochMs,
  updated_at: epochMs,
});
export type TrustedDevice = z.infer<typeof trustedDevice>;

/** A provider's OAuth access token for a user's connected account (`GET /users/{id}/oauth_access_tokens/{provider}`). */
export const oauthAccessToken = z.looseObject({
  object: z.literal("oauth_access_token"),
  external_account_id: z.string(),
  provider_user_id: z.string().optional(),
  token: z.string(),
  provider: z.string(),
  expires_at: z.number().int().nullable().optional(),
  scopes: z.array(z.string()).optional(),
  public_metadata: metadata.optional(),
});
export type OauthAccessToken = z.infer<typeof oauthAccessToken>;

/** An organization invitation addressed to the user, with the organization's public data. */
export const userOrganizationInvitation = organizationInvitation.extend({
  public_organization_data: z
    .looseObject({ id: z.string(), name: z.string(), slug: z.string().nullable().optional() })
    .nullable()
    .optional(),
});
export type UserOrganizationInvitation = z.infer<typeof userOrganizationInvitation>;
