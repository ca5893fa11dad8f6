import { z } from "zod";
import { epochMs } from "../../clerk/schemas";

/** One address on the waitlist (Backend API `WaitlistEntry`); `invitation` once it was invited. */
export const waitlistEntry = z.looseObject({
  object: z.literal("waitlist_entry"),
  id: z.string(),
  email_address: z.string(),
  status: z.string(),
  is_locked: z.boolean().optional(),
  invitation: z.looseObject({ id: z.string(), status: z.string() }).nullable().optional(),
  created_at: epochMs,
  updated_at: epochMs,
});
export type WaitlistEntry = z.infer<typeof waitlistEntry>;
