import { z } from "zod";

/** SAML and OIDC single sign-on for a set of email domains (`GET /enterprise_connections`). */
export const enterpriseConnection = z.looseObject({
  object: z.literal("enterprise_connection"),
  id: z.string(),
  name: z.string(),
  provider: z.string(),
  active: z.boolean(),
  domains: z.array(z.string()),
  organization_id: z.string().nullable(),
  saml_connection: z
    .looseObject({ id: z.string(), acs_url: z.string().optional(), sp_entity_id: z.string().optional() })
    .nullable()
    .optional(),
  oauth_config: z.looseObject({ id: z.string() }).nullable().optional(),
  created_at: z.number().optional(),
  updated_at: z.number().optional(),
});
export type EnterpriseConnection = z.infer<typeof enterpriseConnection>;

export const testRun = z.looseObject({
  id: z.string(),
  status: z.string(),
  connection_type: z.string(),
  created_at: z.number(),
});
export type TestRun = z.infer<typeof testRun>;

/** A SAML connection as the (deprecated) `/saml_connections` API describes it. */
export const samlConnection = z.looseObject({
  object: z.literal("saml_connection"),
  id: z.string(),
  name: z.string(),
  provider: z.string(),
  domains: z.array(z.string()),
  active: z.boolean(),
  idp_entity_id: z.string().nullable(),
  idp_sso_url: z.string().nullable(),
  idp_metadata_url: z.string().nullable(),
  acs_url: z.string(),
  sp_entity_id: z.string(),
  sp_metadata_url: z.string().optional(),
  organization_id: z.string().nullable(),
  enterprise_connection_id: z.string().optional(),
  created_at: z.number(),
  updated_at: z.number(),
});
export type SamlConnection = z.infer<typeof samlConnection>;
