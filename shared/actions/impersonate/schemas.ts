import { z } from "zod";
import { epochMs, metadata } from "../../clerk/schemas";

/** An actor (impersonation) token; `token` and `url` come only with the create call's answer. */
export const actorToken = z.looseObject({
  object: z.literal("actor_token"),
  id: z.string(),
  status: z.string(),
  user_id: z.string(),
  actor: metadata,
  token: z.string().optional(),
  url: z.string().optional(),
  created_at: epochMs,
  updated_at: epochMs,
});
export type ActorToken = z.infer<typeof actorToken>;
