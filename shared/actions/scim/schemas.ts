import { z } from "zod";

/** A SCIM directory: the endpoint an identity provider provisions an enterprise connection's users through. */
export const scimDirectory = z.looseObject({
  object: z.literal("scim_directory"),
  id: z.string(),
  name: z.string(),
  enterprise_connection_id: z.string(),
  endpoint_url: z.string(),
  provider: z.string(),
  enabled: z.boolean(),
  group_role_mapping_enabled: z.boolean().optional(),
  attribute_mapping: z.record(z.string(), z.string()).optional(),
  /** The bearer token the IdP's SCIM calls use; only in the answer to a create. */
  api_key: z.string().optional(),
  created_at: z.number(),
  updated_at: z.number(),
});
export type ScimDirectory = z.infer<typeof scimDirectory>;
