import { z } from "zod";
import type { AnyInput } from "./action";

declare module "zod" {
  interface GlobalMeta {
    /** A one-letter CLI alias of the field's flag (see `withShortFlag`). */
    short?: string;
    /** Other spellings of the field's flag, e.g. `email` for `--email-address` (see `withFlagAliases`). */
    aliases?: readonly string[];
  }
}

/** How an input field is entered: the CLI builds flags from this, the panel builds forms. */
export type FieldKind = "string" | "number" | "boolean" | "enum" | "list" | "json";

export interface Field {
  /** The input key, e.g. `email_address`. */
  name: string;
  /** The CLI flag, e.g. `email-address`. */
  flag: string;
  kind: FieldKind;
  required: boolean;
  description: string;
  choices?: readonly string[];
  defaultValue?: unknown;
  /** The CLI takes a file path (or `-` for stdin) and reads a JSON/YAML document from it. */
  file?: boolean;
  /** A one-letter CLI alias (`-X` for `--method`), set with `.meta({ short: "X" })`. */
  short?: string;
  /**
   * Other spellings the CLI accepts for the flag (`--email` for `--email-address`, as Clerk's
   * other CLIs spell it), set with `withFlagAliases`. Parsing, help and completion all read this.
   */
  aliases?: readonly string[];
}

interface ZodDefLike {
  type: string;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  entries?: Record<string, string>;
  element?: z.ZodType;
}

function defOf(schema: z.ZodType): ZodDefLike {
  return (schema as unknown as { def: ZodDefLike }).def;
}

/** Peels optional/default/nullable wrappers; reports whether the field may be omitted. */
function unwrap(schema: z.ZodType): { core: z.ZodType; optional: boolean; defaultValue?: unknown } {
  let core = schema;
  let optional = false;
  let defaultValue: unknown;
  for (;;) {
    const def = defOf(core);
    if (def.type === "optional" || def.type === "nullable" || def.type === "default" || def.type === "prefault") {
      optional = true;
      if (def.type === "default") defaultValue = def.defaultValue;
      core = def.innerType as z.ZodType;
    } else if (def.type === "pipe") {
      core = (def as unknown as { in: z.ZodType }).in;
    } else return { core, optional, ...(defaultValue === undefined ? {} : { defaultValue }) };
  }
}

function kindOf(core: z.ZodType): { kind: FieldKind; choices?: string[] } {
  const def = defOf(core);
  switch (def.type) {
    case "string":
      return { kind: "string" };
    case "number":
    case "int":
    case "bigint":
      return { kind: "number" };
    case "boolean":
      return { kind: "boolean" };
    case "enum":
      return { kind: "enum", choices: Object.values(def.entries ?? {}) };
    case "literal":
      return { kind: "enum", choices: (def as unknown as { values: string[] }).values.map(String) };
    case "array":
      return { kind: "list" };
    case "union": {
      // A JSON object given as text or as an object is "json"; any other union is free text.
      const options = (def as unknown as { options: z.ZodType[] }).options;
      return options.some((option) => ["record", "object"].includes(defOf(option).type))
        ? { kind: "json" }
        : { kind: "string" };
    }
    default:
      return { kind: "json" };
  }
}

/** Gives a field a one-letter CLI alias (`-X` for `--method`), keeping its description. */
export function withShortFlag<T extends z.ZodType>(letter: string, schema: T): T {
  return schema.meta({ ...z.globalRegistry.get(schema), short: letter });
}

/**
 * Gives a field other flag spellings (`withFlagAliases(["email"], …)`: `--email` is
 * `--email-address`). Ours stays the primary spelling in help, which names the others.
 */
export function withFlagAliases<T extends z.ZodType>(aliases: readonly string[], schema: T): T {
  const meta = z.globalRegistry.get(schema);
  return schema.meta({ ...meta, aliases: [...(meta?.aliases ?? []), ...aliases] });
}

export const toFlag = (name: string) => name.replace(/_/g, "-");

/** Describes an action's input schema field by field. */
export function fieldsOf(input: AnyInput): Field[] {
  return Object.entries(input.shape as Record<string, z.ZodType>).map(([name, schema]) => {
    const { core, optional, defaultValue } = unwrap(schema);
    const { kind, choices } = kindOf(core);
    const meta = z.globalRegistry.get(schema) ?? z.globalRegistry.get(core);
    const file = Boolean(meta?.file);
    const short = meta?.short;
    const aliases = meta?.aliases;
    return {
      name,
      flag: toFlag(name),
      kind,
      required: !optional,
      description: schema.description ?? core.description ?? "",
      ...(choices ? { choices } : {}),
      ...(defaultValue === undefined ? {} : { defaultValue }),
      ...(file ? { file } : {}),
      ...(short ? { short } : {}),
      ...(aliases?.length ? { aliases } : {}),
    };
  });
}
