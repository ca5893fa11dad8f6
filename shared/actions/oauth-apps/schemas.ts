import { z } from "zod";

/** An OAuth client of the instance's own identity provider (`GET /oauth_applications`). */
export const oauthApp = z.looseObject({
  object: z.literal("oauth_application"),
  id: z.string(),
  instance_id: z.string(),
  name: z.string(),
  client_id: z.string(),
  client_image_url: z.string().nullable().optional(),
  public: z.boolean(),
  pkce_required: z.boolean().optional(),
  consent_screen_enabled: z.boolean().optional(),
  scopes: z.string(),
  redirect_uris: z.array(z.string()).optional(),
  authorize_url: z.string(),
  token_fetch_url: z.string(),
  user_info_url: z.string(),
  discovery_url: z.string(),
  /** Only in the answers that create it (create, rotate-secret); public clients have none. */
  client_secret: z.string().optional(),
  created_at: z.number(),
  updated_at: z.number(),
});
export type OAuthApp = z.infer<typeof oauthApp>;

/** `POST /oauth_applications/access_tokens/verify`: the access token's grant, when it is valid. */
export const oauthAccessToken = z.looseObject({
  object: z.literal("clerk_idp_oauth_access_token"),
  id: z.string(),
  client_id: z.string(),
  subject: z.string(),
  scopes: z.array(z.string()),
  revoked: z.boolean(),
  expired: z.boolean(),
  expiration: z.number().nullable(),
  created_at: z.number(),
});
export type OAuthAccessToken = z.infer<typeof oauthAccessToken>;
