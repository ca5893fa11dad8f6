import { z } from "zod";
import { epochMs } from "../../clerk/schemas";

/** A sign-in token (Backend API `SignInToken`); `token` and `url` come only with the create call's answer. */
export const signInToken = z.looseObject({
  object: z.literal("sign_in_token"),
  id: z.string(),
  user_id: z.string(),
  status: z.string(),
  token: z.string().optional(),
  url: z.string().nullable().optional(),
  created_at: epochMs,
  updated_at: epochMs,
});
export type SignInToken = z.infer<typeof signInToken>;
