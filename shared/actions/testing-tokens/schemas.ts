import { z } from "zod";

/** A Testing Token (Backend API `TestingToken`); `expires_at` is in seconds. */
export const testingToken = z.looseObject({
  object: z.literal("testing_token"),
  token: z.string(),
  expires_at: z.number().int(),
});
