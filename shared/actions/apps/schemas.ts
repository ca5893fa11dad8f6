import { z } from "zod";
import { platformDomain } from "../../clerk/schemas";

/** The DNS record Clerk asks for (a CNAME), and whether it must exist. */
const cnameTarget = z.looseObject({ host: z.string(), value: z.string(), required: z.boolean() });

/** A domain of an application's instance, as the Platform API shows it. */
export const appDomain = platformDomain.extend({
  is_provider_domain: z.boolean().optional(),
  proxy_url: z.string().nullish(),
  cname_targets: z.array(cnameTarget).optional(),
});
export type AppDomain = z.infer<typeof appDomain>;

/** A domain from the workspace-wide listing, which names its application and instance. */
export const workspaceDomain = appDomain.extend({
  application: z.looseObject({ object: z.string(), id: z.string() }),
  instance: z.looseObject({ object: z.string(), id: z.string(), environment_type: z.string() }),
});
export type WorkspaceDomain = z.infer<typeof workspaceDomain>;

/** A domain name reserved before its application exists: its DNS records, completed into a domain later. */
export const domainIntent = z.looseObject({
  object: z.literal("domain_intent"),
  id: z.string(),
  status: z.enum(["pending", "completed", "canceled", "expired"]),
  domain_name: z.string().optional(),
  domain_id: z.string().optional(),
  records: z.array(cnameTarget),
});
export type DomainIntent = z.infer<typeof domainIntent>;

/** A request to hand an application to another workspace; `code` is what the recipient claims it with. */
export const applicationTransfer = z.looseObject({
  object: z.literal("application_transfer"),
  id: z.string(),
  code: z.string(),
  application_id: z.string(),
  status: z.enum(["pending", "completed", "canceled", "expired"]),
  expires_at: z.string(),
  created_at: z.string(),
  canceled_at: z.string().nullable(),
  completed_at: z.string().nullable(),
});
export type ApplicationTransfer = z.infer<typeof applicationTransfer>;

/** The new secret keys after a rotation, one per instance rotated. */
export const rotatedKeys = z.looseObject({
  application_id: z.string(),
  name: z.string(),
  instances: z.array(z.looseObject({ instance_id: z.string(), environment_type: z.string(), secret_key: z.string() })),
});
export type RotatedKeys = z.infer<typeof rotatedKeys>;

const meter = z.looseObject({ total_usage: z.number().int() });
const billableMeter = meter.extend({ total_billable_usage: z.number().int() });

/** An instance's usage totals over a period (the billing cycle unless a range is given). */
export const instanceUsage = z.looseObject({
  application_id: z.string(),
  instance_id: z.string(),
  period_start: z.string(),
  period_end: z.string(),
  mau: billableMeter,
  mao: billableMeter,
  custom_domains: meter,
  sms_messages: meter,
  enterprise_connections: meter,
});
export type InstanceUsage = z.infer<typeof instanceUsage>;
