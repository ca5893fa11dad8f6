import { z } from "zod";
import { RULE_ACTIONS } from "../../protect/schema";

/** A Protect rule: the expression, what to do when it matches, and its place in the ruleset. */
export const protectRule = z.looseObject({
  id: z.string(),
  expression: z.string(),
  action: z.enum(RULE_ACTIONS),
  description: z.string().nullish(),
  position: z.number().int(),
  created_at: z.number(),
  updated_at: z.number(),
});
export type ProtectRule = z.infer<typeof protectRule>;

/** `GET /protect/rulesets/{ruleset}/rules`: one page of rules in evaluation order. */
export const protectRulePage = z.looseObject({
  rules: z.array(protectRule),
  nextPageToken: z.string().nullish(),
});

export const deletedProtectRule = z.looseObject({ id: z.string(), deleted: z.boolean() });
export const flushedRuleset = z.looseObject({ ruleset: z.string(), deleted_count: z.number().int() });

interface FieldShape {
  type: string;
  kind?: string | undefined;
  description?: string | undefined;
  fields?: Record<string, FieldShape> | undefined;
}

const schemaField: z.ZodType<FieldShape> = z.lazy(() =>
  z.looseObject({
    type: z.string(),
    kind: z.string().optional(),
    description: z.string().optional(),
    fields: z.record(z.string(), schemaField).optional(),
  }),
);

/** `GET /protect/schema`: each event's fields (objects down to STRING/INTEGER/FLOAT/BOOLEAN leaves). */
export const protectSchemaResponse = z.looseObject({
  events: z.record(
    z.string(),
    z.looseObject({
      name: z.string(),
      kind: z.string(),
      type: z.string(),
      description: z.string().optional(),
      fields: z.record(z.string(), schemaField),
    }),
  ),
});

/** `GET|PATCH /instance/protect`. */
export const instanceProtect = z.looseObject({
  object: z.literal("instance_protect").optional(),
  rules_enabled: z.boolean(),
  specter_enabled: z.boolean(),
  checks_bypassed: z.boolean().optional(),
});
