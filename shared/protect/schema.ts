/**
 * Clerk Protect's event schema (`GET /v1/protect/schema`): for each event (a sign-in, a sign-up,
 * an SMS or an email about to be sent) the fields a rule's expression may read, as a tree of
 * objects whose leaves are STRING, INTEGER, FLOAT or BOOLEAN.
 */

/** The events Protect evaluates rules on. */
export const PROTECT_EVENTS = ["SIGN_IN", "SIGN_UP", "SMS", "EMAIL"] as const;
export type ProtectEvent = (typeof PROTECT_EVENTS)[number];

/** Rulesets: one per event, plus `ALL`, whose rules run on every event. */
export const RULESETS = ["ALL", ...PROTECT_EVENTS] as const;
export type Ruleset = (typeof RULESETS)[number];

/** What a matching rule does with the attempt. */
export const RULE_ACTIONS = ["ALLOW", "BLOCK", "CHALLENGE"] as const;
export type RuleAction = (typeof RULE_ACTIONS)[number];

export const LEAF_TYPES = ["STRING", "INTEGER", "FLOAT", "BOOLEAN"] as const;
export type LeafType = (typeof LEAF_TYPES)[number];

/** A field: a leaf (`type` is a LEAF_TYPE) or an object (`kind: "OBJECT"`, `type` names it, `fields`). */
export interface SchemaField {
  type: string;
  kind?: string;
  fields?: Record<string, SchemaField>;
  description?: string;
}

export interface SchemaEvent {
  name: string;
  kind: string;
  type: string;
  description?: string;
  fields: Record<string, SchemaField>;
}

export interface ProtectSchema {
  events: Record<string, SchemaEvent>;
}

export type FieldMap = Record<string, SchemaField>;

export const isObjectField = (field: SchemaField): boolean => field.kind === "OBJECT" || field.fields !== undefined;

/** Fields present, with the same type, in both maps (objects intersect recursively). */
function intersect(a: FieldMap, b: FieldMap): FieldMap {
  const out: FieldMap = {};
  for (const [name, left] of Object.entries(a)) {
    const right = b[name];
    if (!right || right.type !== left.type) continue;
    if (isObjectField(left) && isObjectField(right)) {
      const fields = intersect(left.fields ?? {}, right.fields ?? {});
      if (Object.keys(fields).length > 0) out[name] = { ...left, fields };
    } else if (!isObjectField(left) && !isObjectField(right)) {
      out[name] = left;
    }
  }
  return out;
}

/** Whether `value` names a ruleset (`SIGN_IN`, …, or `ALL`). */
export function isRuleset(value: string): value is Ruleset {
  return (RULESETS as readonly string[]).includes(value);
}

/**
 * The fields a ruleset's expressions may use: its event's fields, or for `ALL` the fields
 * every event has (a rule in `ALL` runs on each of them).
 */
export function rulesetFields(schema: ProtectSchema, ruleset: string): FieldMap | undefined {
  if (ruleset === "ALL") {
    const events = Object.values(schema.events);
    if (events.length === 0) return {};
    return events.slice(1).reduce((common, event) => intersect(common, event.fields), events[0]?.fields ?? {});
  }
  return schema.events[ruleset]?.fields;
}

export interface FlatField {
  /** Dotted path as written in an expression: `ip.privacy.is_vpn`. */
  path: string;
  type: string;
  description: string;
}

/** Every leaf field with its dotted path, in schema order. */
export function flattenFields(fields: FieldMap, prefix = ""): FlatField[] {
  return Object.entries(fields).flatMap(([name, field]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    return isObjectField(field)
      ? flattenFields(field.fields ?? {}, path)
      : [{ path, type: field.type, description: field.description ?? "" }];
  });
}

export interface SchemaType {
  name: string;
  /** Events (or `ALL`) whose fields use this type. */
  usedBy: string[];
  description: string;
  fields: FieldMap;
}

/** Every object type of the schema by name (event types included), for `clerk protect schema type`. */
export function schemaTypes(schema: ProtectSchema): Map<string, SchemaType> {
  const types = new Map<string, SchemaType>();
  const visit = (name: string, description: string, fields: FieldMap, event: string) => {
    const known = types.get(name);
    if (known) {
      if (!known.usedBy.includes(event)) known.usedBy.push(event);
    } else types.set(name, { name, usedBy: [event], description, fields });
    for (const field of Object.values(fields)) {
      if (isObjectField(field)) visit(field.type, field.description ?? "", field.fields ?? {}, event);
    }
  };
  for (const event of Object.values(schema.events))
    visit(event.type, event.description ?? "", event.fields, event.name);
  return types;
}
