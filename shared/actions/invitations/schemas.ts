import { z } from "zod";
import { epochMs, metadata } from "../../clerk/schemas";

/** An invitation to sign up (Backend API `Invitation`); `url` is sent only while it can be used. */
export const invitation = z.looseObject({
  object: z.literal("invitation"),
  id: z.string(),
  email_address: z.string(),
  public_metadata: metadata,
  revoked: z.boolean().optional(),
  status: z.string(),
  url: z.string().optional(),
  expires_at: epochMs.nullable().optional(),
  created_at: epochMs,
  updated_at: epochMs,
});
export type Invitation = z.infer<typeof invitation>;
