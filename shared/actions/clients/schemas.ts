import { z } from "zod";

/** A client: one browser or device, with its sessions (Backend API `Client`). */
export const client = z.looseObject({
  object: z.literal("client"),
  id: z.string(),
  session_ids: z.array(z.string()),
  last_active_session_id: z.string().nullable(),
  updated_at: z.number().int(),
  created_at: z.number().int(),
});
