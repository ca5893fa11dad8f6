import { z } from "zod";

/** A link token for the admin portal, where an organization's IT admin sets up its SSO and SCIM. */
export const adminPortalLinkToken = z.looseObject({
  object: z.literal("admin_portal_link_token"),
  id: z.string(),
  admin_portal_link_id: z.string(),
  organization_id: z.string().nullable(),
  it_contact_id: z.string().nullable().optional(),
  scopes: z.array(z.string()).nullable().optional(),
  /** The token itself; only in the answer to a create. */
  token: z.string().optional(),
  revoked: z.boolean(),
  revocation_reason: z.string().nullable().optional(),
  expired: z.boolean(),
  expiration: z.number(),
  created_at: z.number(),
});
export type AdminPortalLinkToken = z.infer<typeof adminPortalLinkToken>;
