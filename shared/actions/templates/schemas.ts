import { z } from "zod";

/** One of Clerk's email or SMS templates (`GET /templates/{template_type}`). */
export const template = z.looseObject({
  object: z.literal("template"),
  id: z.string(),
  template_type: z.enum(["email", "sms"]),
  slug: z.string(),
  name: z.string(),
  resource_type: z.string(),
  subject: z.string().nullable().optional(),
  body: z.string(),
  markup: z.string().nullable().optional(),
  from_email_name: z.string().optional(),
  reply_to_email_name: z.string().optional(),
  delivered_by_clerk: z.boolean(),
  can_revert: z.boolean(),
  required_variables: z.array(z.string()).optional(),
  available_variables: z.array(z.string()).optional(),
  updated_at: z.number(),
});
export type Template = z.infer<typeof template>;

/** `POST /templates/{type}/{slug}/preview`: the template rendered with sample values. */
export const templatePreview = z.looseObject({
  subject: z.string().nullable().optional(),
  body: z.string(),
  from_email_name: z.string().optional(),
  reply_to_email_name: z.string().optional(),
});
