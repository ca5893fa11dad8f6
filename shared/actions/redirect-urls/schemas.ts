import { z } from "zod";

/** One of the instance's allowed redirect URLs (`GET /redirect_urls`), for native and OAuth callbacks. */
export const redirectUrl = z.looseObject({
  object: z.literal("redirect_url"),
  id: z.string(),
  url: z.string(),
  created_at: z.number(),
  updated_at: z.number(),
});
export type RedirectUrl = z.infer<typeof redirectUrl>;
