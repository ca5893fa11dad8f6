import { z } from "zod";

/** A sign-up attempt (Backend API `SignUp`), as far as the commands show it. */
export const signUp = z.looseObject({
  object: z.literal("sign_up_attempt"),
  id: z.string(),
  status: z.string(),
  email_address: z.string().nullable(),
  phone_number: z.string().nullable(),
  username: z.string().nullable(),
  missing_fields: z.array(z.string()),
  unverified_fields: z.array(z.string()),
  external_id: z.string().nullable(),
  custom_action: z.boolean(),
  created_user_id: z.string().nullable(),
  abandon_at: z.number().int(),
});
export type SignUp = z.infer<typeof signUp>;
