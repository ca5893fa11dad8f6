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
