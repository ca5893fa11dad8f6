import { z } from "zod";

/** One of an instance's domains as the Backend API describes it (`GET /domains`). */
export const instanceDomain = z.looseObject({
  object: z.literal("domain"),
  id: z.string(),
  name: z.string(),
  is_satellite: z.boolean(),
  frontend_api_url: z.string(),
  accounts_portal_url: z.string().nullable().optional(),
  proxy_url: z.string().nullable().optional(),
  development_origin: z.string(),
  cname_targets: z
    .array(z.looseObject({ host: z.string(), value: z.string(), required: z.boolean() }))
    .nullable()
    .optional(),
});
export type InstanceDomain = z.infer<typeof instanceDomain>;

/** `POST /proxy_checks`: whether Clerk reached its Frontend API through the proxy. */
export const proxyCheck = z.looseObject({
  object: z.literal("proxy_check"),
  id: z.string(),
  domain_id: z.string(),
  proxy_url: z.string(),
  successful: z.boolean(),
  last_run_at: z.number().nullable(),
});
