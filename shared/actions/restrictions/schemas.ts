import { z } from "zod";
import { epochMs } from "../../clerk/schemas";

const identifierFields = {
  id: z.string(),
  identifier: z.string(),
  identifier_type: z.string(),
  instance_id: z.string().optional(),
  created_at: epochMs,
  updated_at: epochMs,
};

/** An allowlist entry (`alid_…`); `invitation_id` when adding it sent an invitation. */
export const allowlistIdentifier = z.looseObject({
  object: z.literal("allowlist_identifier"),
  ...identifierFields,
  invitation_id: z.string().optional(),
});

/** A blocklist entry (`blid_…`). */
export const blocklistIdentifier = z.looseObject({ object: z.literal("blocklist_identifier"), ...identifierFields });

/** An entry of either list; `object` tells which. */
export const restrictionIdentifier = z.union([allowlistIdentifier, blocklistIdentifier]);
export type RestrictionIdentifier = z.infer<typeof restrictionIdentifier>;
