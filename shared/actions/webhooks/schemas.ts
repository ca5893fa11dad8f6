import { z } from "zod";

/** A one-time login URL to the Svix dashboard of the instance's webhooks. */
export const svixUrl = z.looseObject({ svix_url: z.string() });
export type SvixUrl = z.infer<typeof svixUrl>;
