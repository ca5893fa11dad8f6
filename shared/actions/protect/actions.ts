import { z } from "zod";
import {
  fetchAllRules,
  fetchRulePage,
  fetchSchema,
  findRule,
  requireValidExpression,
  rulesPath,
  streamRules,
} from "../../protect/client";
import {
  type FieldMap,
  flattenFields,
  isObjectField,
  RULE_ACTIONS,
  RULESETS,
  rulesetFields,
  schemaTypes,
} from "../../protect/schema";
import { type ActionContext, defineAction, type TableView } from "../action";
import { ActionError, ActionInputError } from "../errors";
import { id } from "../inputs";
import { apiPath } from "../view";
import { deletedProtectRule, flushedRuleset, instanceProtect, type ProtectRule, protectRule } from "./schemas";

const ruleset = z
  .string()
  .trim()
  .toUpperCase()
  .pipe(z.enum(RULESETS, { message: `must be one of ${RULESETS.join(", ")}` }));
const rulesetArg = ruleset.describe(`Ruleset: ${RULESETS.join(", ")} (ALL runs on every event)`);
const rulesetOrAll = ruleset.default("ALL").describe(`Ruleset: ${RULESETS.join(", ")} (default ALL: every event)`);
const ruleAction = z
  .string()
  .trim()
  .toUpperCase()
  .pipe(z.enum(RULE_ACTIONS, { message: `must be one of ${RULE_ACTIONS.join(", ")}` }));
const expression = z.string().describe("CEL expression, e.g. 'ip.privacy.is_vpn && ip.geo.country_code != \"US\"'");
const ruleId = id("rule");

const ruleColumns = [
  { key: "position", header: "POS" },
  { key: "id", header: "ID" },
  { key: "action", header: "ACTION" },
  { key: "expression", header: "EXPRESSION" },
  { key: "description", header: "DESCRIPTION" },
] as const;

function ruleRow(rule: ProtectRule): Record<string, unknown> {
  return {
    position: rule.position,
    id: rule.id,
    action: rule.action,
    expression: rule.expression.replace(/\s*\n\s*/g, " "),
    description: rule.description ?? "",
  };
}

const singleRule: TableView<ProtectRule> = { rows: (rule) => [ruleRow(rule)], columns: ruleColumns };

const rulePageOutput = z.object({
  ruleset: z.string(),
  rules: z.array(protectRule),
  nextPageToken: z.string().nullable(),
  etag: z.string().nullable(),
});

export const protectRulesList = defineAction({
  id: "protect.rules.list",
  summary: "List a ruleset's rules in evaluation order (the first rule that matches decides)",
  input: z.object({
    ruleset: rulesetOrAll,
    limit: z.coerce.number().int().min(1).max(500).default(100).describe("Rules per page (1-500)"),
    after: z.string().min(1).optional().describe("List the rules after this rule id (a page's nextPageToken)"),
  }),
  positionals: ["ruleset"],
  examples: [
    "clerk protect rules list SIGN_IN",
    "clerk protect rules list SIGN_UP --limit 20 --after rule_2abc",
    "clerk protect rules list SMS --all --json",
  ],
  api: "backend",
  mutates: false,
  output: rulePageOutput,
  async run(ctx, input) {
    const page = await fetchRulePage(ctx.backend, input.ruleset, { limit: input.limit, after: input.after });
    return { ruleset: input.ruleset, ...page };
  },
  stream: (ctx, input) => streamRules(ctx.backend, input.ruleset),
  table: {
    rows: (output) => output.rules.map(ruleRow),
    item: (item) => ruleRow(item as ProtectRule),
    columns: ruleColumns,
    footer: (output) =>
      `${output.rules.length} rule${output.rules.length === 1 ? "" : "s"} in ${output.ruleset}` +
      (output.nextPageToken ? `; more with --after ${output.nextPageToken}` : ""),
  },
});

const ruleRef = { ruleset: rulesetArg, rule_id: ruleId };

export const protectRulesGet = defineAction({
  id: "protect.rules.get",
  summary: "Show one rule of a ruleset",
  input: z.object(ruleRef),
  positionals: ["ruleset", "rule_id"],
  examples: ["clerk protect rules get SIGN_IN rule_2abc", "clerk protect rules get SIGN_IN rule_2abc --json"],
  api: "backend",
  mutates: false,
  output: protectRule,
  run: (ctx, input) => findRule(ctx.backend, input.ruleset, input.rule_id),
  table: singleRule,
});

const placement = {
  before: z.string().min(1).optional().describe("Insert before this rule id"),
  after: z.string().min(1).optional().describe("Insert after this rule id"),
  index: z.coerce.number().int().min(0).optional().describe("Insert at this position (0 is first; default: last)"),
};

/** Where `--before`/`--after`/`--index` put a new rule, as the API's 0-based position. */
async function positionFor(
  ctx: ActionContext,
  input: { ruleset: string; before?: string | undefined; after?: string | undefined; index?: number | undefined },
): Promise<number | undefined> {
  const given = [input.before, input.after, input.index].filter((value) => value !== undefined);
  if (given.length > 1) throw new ActionInputError("Give only one of --before, --after and --index.");
  if (input.index !== undefined) return input.index;
  const anchor = input.before ?? input.after;
  if (anchor === undefined) return undefined;
  const { rules } = await fetchAllRules(ctx.backend, input.ruleset);
  const index = rules.findIndex((rule) => rule.id === anchor);
  if (index < 0) {
    throw new ActionInputError(
      `No rule ${anchor} in the ${input.ruleset} ruleset to insert ${input.before ? "before" : "after"}.`,
      `List the rules with \`clerk protect rules list ${input.ruleset}\`.`,
    );
  }
  return input.before ? index : index + 1;
}

export const protectRulesAdd = defineAction({
  id: "protect.rules.add",
  summary: "Add a rule to a ruleset (checked against the schema before it is sent)",
  description:
    "Rules run in order and the first whose expression is true decides: ALLOW lets the attempt through, BLOCK " +
    "refuses it, CHALLENGE asks for a captcha. The expression is checked against the ruleset's fields before " +
    "anything is sent (`clerk protect schema show <ruleset>` lists them).",
  input: z.object({
    ruleset: rulesetOrAll,
    expression,
    action: ruleAction.describe(`What a match does: ${RULE_ACTIONS.join(", ")}`),
    description: z.string().max(500).optional().describe("Why the rule exists, for people"),
    ...placement,
  }),
  positionals: ["ruleset"],
  examples: [
    "clerk protect rules add SIGN_UP --expression 'ip.privacy.is_vpn && ip.geo.country_code != \"US\"' --action BLOCK",
    "clerk protect rules add SIGN_IN --expression 'botScore.risk > 0.9' --action CHALLENGE --index 0",
    "clerk protect rules add SMS --expression 'phoneNumber.country_code in [\"RU\"]' --action BLOCK --after rule_2abc",
  ],
  api: "backend",
  mutates: true,
  output: protectRule,
  async run(ctx, input) {
    await requireValidExpression(input.ruleset, input.expression);
    const position = await positionFor(ctx, input);
    const body = {
      expression: input.expression,
      action: input.action,
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(position !== undefined ? { position } : {}),
    };
    return (await ctx.backend.request({ method: "POST", path: rulesPath(input.ruleset), body }, protectRule)).body;
  },
  table: singleRule,
});

export const protectRulesEdit = defineAction({
  id: "protect.rules.edit",
  summary: "Change a rule's expression, action or description (the CLI opens $EDITOR without flags)",
  description:
    "With --expression, --action or --description the rule is updated directly. Without them the CLI opens " +
    "$VISUAL (or $EDITOR) on the expression and checks what you save before sending it; an invalid expression " +
    "re-opens the editor with the error, and saving it unchanged (or empty) cancels.",
  input: z.object({
    ...ruleRef,
    expression: expression.optional(),
    action: ruleAction.optional().describe(`What a match does: ${RULE_ACTIONS.join(", ")}`),
    description: z.string().max(500).optional().describe("Why the rule exists, for people"),
  }),
  positionals: ["ruleset", "rule_id"],
  examples: [
    "clerk protect rules edit SIGN_IN rule_2abc",
    "clerk protect rules edit SIGN_IN rule_2abc --action CHALLENGE",
    "EDITOR=nano clerk protect rules edit SIGN_UP rule_2abc",
  ],
  api: "backend",
  mutates: true,
  output: protectRule,
  async run(ctx, input) {
    const { ruleset, rule_id, ...changes } = input;
    if (changes.expression === undefined && changes.action === undefined && changes.description === undefined) {
      throw new ActionInputError("Nothing to change.", "Give --expression, --action or --description.");
    }
    if (changes.expression !== undefined) await requireValidExpression(ruleset, changes.expression);
    return (await ctx.backend.request({ method: "PUT", path: rulesPath(ruleset, rule_id), body: changes }, protectRule))
      .body;
  },
  table: singleRule,
});

export const protectRulesDelete = defineAction({
  id: "protect.rules.delete",
  summary: "Delete a rule from a ruleset",
  input: z.object(ruleRef),
  positionals: ["ruleset", "rule_id"],
  examples: ["clerk protect rules delete SIGN_IN rule_2abc", "clerk protect rules delete SIGN_IN rule_2abc --yes"],
  api: "backend",
  mutates: true,
  destructive: (input) => input.rule_id,
  output: deletedProtectRule,
  async run(ctx, input) {
    return (
      await ctx.backend.request({ method: "DELETE", path: rulesPath(input.ruleset, input.rule_id) }, deletedProtectRule)
    ).body;
  },
});

export const protectRulesFlush = defineAction({
  id: "protect.rules.flush",
  summary: "Delete every rule of a ruleset",
  input: z.object({ ruleset: rulesetArg }),
  positionals: ["ruleset"],
  examples: ["clerk protect rules flush SIGN_UP", "clerk protect rules flush SMS --yes --json"],
  api: "backend",
  mutates: true,
  destructive: (input) => input.ruleset,
  output: flushedRuleset,
  async run(ctx, input) {
    return (await ctx.backend.request({ method: "DELETE", path: rulesPath(input.ruleset) }, flushedRuleset)).body;
  },
});

/** `--order a,b --order c` and `["a","b","c"]` alike. */
const ruleOrder = z
  .union([z.string(), z.array(z.string())])
  .transform((value) =>
    (Array.isArray(value) ? value : [value])
      .flatMap((part) => part.split(","))
      .map((part) => part.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string()).min(1, "must name the rules"));

export const protectRulesReorder = defineAction({
  id: "protect.rules.reorder",
  summary: "Put a ruleset's rules in a new order (interactive on a terminal)",
  description:
    "Sends the new order with the ruleset's ETag, so an order computed from a list someone changed meanwhile " +
    "is refused instead of applied. Without --order the CLI shows the rules on a terminal to move them with " +
    "the arrow keys.",
  input: z.object({
    ruleset: rulesetArg,
    order: ruleOrder.optional().describe("Every rule id of the ruleset, comma-separated, in the new order"),
    if_match: z
      .string()
      .min(1)
      .optional()
      .describe("Only reorder if the ruleset's ETag is still this one (default: the ETag read just before)"),
  }),
  positionals: ["ruleset"],
  examples: [
    "clerk protect rules reorder SIGN_IN",
    "clerk protect rules reorder SIGN_IN --order rule_2c,rule_2a,rule_2b",
    "clerk protect rules reorder SIGN_IN --order rule_2c,rule_2a,rule_2b --if-match '\"9d2f…\"'",
  ],
  api: "backend",
  mutates: true,
  output: rulePageOutput,
  async run(ctx, input) {
    if (!input.order) throw new ActionInputError("Give the new order with --order id,id,….");
    const etag = input.if_match ?? (await fetchAllRules(ctx.backend, input.ruleset)).etag ?? "*";
    try {
      const response = await ctx.backend.request(
        {
          method: "PATCH",
          path: apiPath("protect", "rulesets", input.ruleset),
          body: { rule_ids: input.order },
          headers: { "if-match": etag },
        },
        z.looseObject({ rules: z.array(protectRule), nextPageToken: z.string().nullish() }),
      );
      return {
        ruleset: input.ruleset,
        rules: response.body.rules,
        nextPageToken: null,
        etag: response.headers.get("etag"),
      };
    } catch (error) {
      if ((error as { status?: number }).status === 412) {
        throw new ActionError(
          `The ${input.ruleset} ruleset changed since it was read, so nothing was reordered.`,
          `See the current order with \`clerk protect rules list ${input.ruleset}\` and reorder again.`,
          "ruleset_conflict",
        );
      }
      throw error;
    }
  },
  table: { rows: (output) => output.rules.map(ruleRow), columns: ruleColumns },
});

const toolCallOutput = z.object({
  server: z.string(),
  tool: z.string(),
  arguments: z.record(z.string(), z.unknown()),
  result: z.string(),
  is_error: z.boolean(),
});

export const protectRulesGenerate = defineAction({
  id: "protect.rules.generate",
  summary: "Write a rule's expression from a description in words, with the configured AI model",
  description:
    "Builds a prompt from the ruleset's schema and asks the model configured with `clerk config set ai.provider …` " +
    "(OpenAI-compatible or Anthropic; OPENAI_API_KEY / ANTHROPIC_API_KEY work too). Tools of the MCP servers in " +
    "mcp.json are offered to the model for lookups (an AS number, WHOIS). The expression is checked against the " +
    "schema; an invalid one is sent back with the error, a bounded number of times. Nothing is saved: " +
    "`clerk protect rules add --generate` adds the rule after showing it.",
  input: z.object({
    ruleset: rulesetArg,
    prompt: z.string().trim().min(3).describe("What the rule should do, in words"),
    tools: z.boolean().default(true).describe("Offer the MCP servers' tools to the model (--no-tools: none)"),
  }),
  positionals: ["ruleset", "prompt"],
  examples: [
    'clerk protect rules generate SIGN_UP "block sign-ups from VPNs outside the US"',
    'clerk protect rules generate SIGN_IN "challenge sign-ins from Cloudflare\'s network" --debug',
    'clerk protect rules generate SMS "block SMS to Russian numbers" --no-tools --json',
  ],
  api: "backend",
  mutates: false,
  output: z.object({
    ruleset: z.enum(RULESETS),
    expression: z.string(),
    action: z.enum(RULE_ACTIONS),
    description: z.string(),
    attempts: z.number(),
    tool_calls: z.array(toolCallOutput),
    provider: z.string(),
    model: z.string(),
    warnings: z.array(z.string()),
  }),
  async run(ctx, input) {
    if (!ctx.ai) {
      throw new ActionError("No AI model is available here.", "Configure one with `clerk config set ai.provider …`.");
    }
    const schema = await fetchSchema(ctx.backend);
    // The model SDKs and the MCP client load only when a rule is generated.
    const { generateRule } = await import("../../protect/generate");
    return generateRule(ctx.ai, schema, input.ruleset, input.prompt, {
      useTools: input.tools,
      signal: ctx.signal,
      progress: ctx.progress,
    });
  },
});

// ── schema ──────────────────────────────────────────────────────────────────────────────

const fieldTree: z.ZodType<FieldMap> = z.record(z.string(), z.any());
const flatField = z.object({ path: z.string(), type: z.string(), description: z.string() });

const fieldColumns = [
  { key: "field", header: "FIELD" },
  { key: "type", header: "TYPE" },
  { key: "description", header: "DESCRIPTION" },
] as const;

/** A field tree as indented rows: objects show their type name, leaves their type. */
function treeRows(fields: FieldMap, depth = 0): Record<string, unknown>[] {
  return Object.entries(fields).flatMap(([name, field]) => [
    { field: `${"  ".repeat(depth)}${name}`, type: field.type, description: field.description ?? "" },
    ...(isObjectField(field) ? treeRows(field.fields ?? {}, depth + 1) : []),
  ]);
}

function requireFields(schema: Awaited<ReturnType<typeof fetchSchema>>, name: string): FieldMap {
  const fields = rulesetFields(schema, name);
  if (!fields) {
    throw new ActionInputError(
      `The schema has no ${name} event.`,
      `Events: ${Object.keys(schema.events).join(", ")} (or ALL).`,
    );
  }
  return fields;
}

export const protectSchemaShow = defineAction({
  id: "protect.schema.show",
  summary: "Show the fields an event's rules can use (ALL: the fields every event has)",
  input: z.object({
    event: rulesetOrAll.describe(`Event: ${RULESETS.join(", ")} (default ALL: the fields every event has)`),
    flat: z.boolean().default(false).describe("One dotted path per line (ip.privacy.is_vpn) instead of a tree"),
  }),
  positionals: ["event"],
  examples: [
    "clerk protect schema show SIGN_UP",
    "clerk protect schema show SMS --flat",
    "clerk protect schema show --json",
  ],
  api: "backend",
  mutates: false,
  output: z.object({ event: z.string(), fields: z.union([fieldTree, z.array(flatField)]) }),
  async run(ctx, input) {
    const fields = requireFields(await fetchSchema(ctx.backend), input.event);
    return { event: input.event, fields: input.flat ? flattenFields(fields) : fields };
  },
  table: {
    rows: (output) =>
      Array.isArray(output.fields)
        ? output.fields.map((f) => ({ field: f.path, type: f.type, description: f.description }))
        : treeRows(output.fields),
    columns: fieldColumns,
  },
});

export const protectSchemaList = defineAction({
  id: "protect.schema.list",
  summary: "List the events Protect evaluates rules on",
  input: z.object({}),
  examples: ["clerk protect schema list", "clerk protect schema list --json"],
  api: "backend",
  mutates: false,
  output: z.object({
    events: z.array(z.object({ name: z.string(), type: z.string(), description: z.string(), fields: z.number() })),
  }),
  async run(ctx) {
    const schema = await fetchSchema(ctx.backend);
    return {
      events: Object.values(schema.events).map((event) => ({
        name: event.name,
        type: event.type,
        description: event.description ?? "",
        fields: flattenFields(event.fields).length,
      })),
    };
  },
  table: {
    rows: (output) => output.events,
    columns: [
      { key: "name", header: "EVENT" },
      { key: "type", header: "TYPE" },
      { key: "fields", header: "FIELDS" },
      { key: "description", header: "DESCRIPTION" },
    ],
  },
});

/**
 * The type names of `clerk protect schema type` arguments, matched in any case and, as the Go
 * CLI spells them, in words (`ip geo` is IPGeo, `sign in event` SignInEvent): at each argument
 * the longest run of words naming a type wins; a word that names none is kept as typed.
 */
function typeNamesOf(words: readonly string[], typeNames: readonly string[]): string[] {
  const byKey = new Map(typeNames.map((name) => [name.toLowerCase(), name]));
  const names: string[] = [];
  for (let start = 0; start < words.length; ) {
    let end = words.length;
    while (end > start && !byKey.has(words.slice(start, end).join("").toLowerCase())) end--;
    if (end === start) names.push(words[start++] as string);
    else {
      names.push(byKey.get(words.slice(start, end).join("").toLowerCase()) as string);
      start = end;
    }
  }
  return names;
}

export const protectSchemaType = defineAction({
  id: "protect.schema.type",
  summary: "Show the schema's object types and their fields (all, or the named ones)",
  input: z.object({
    names: z
      .array(z.string())
      .optional()
      .describe("Type names in any case, or in words (ip geo is IPGeo); default: all"),
  }),
  positionals: ["names"],
  examples: [
    "clerk protect schema type",
    "clerk protect schema type IP IPPrivacy",
    "clerk protect schema type ip geo",
    "clerk protect schema type ASN --json",
  ],
  api: "backend",
  mutates: false,
  output: z.object({
    types: z.array(
      z.object({
        name: z.string(),
        description: z.string(),
        used_by: z.array(z.string()),
        fields: z.array(z.object({ name: z.string(), type: z.string(), description: z.string() })),
      }),
    ),
  }),
  async run(ctx, input) {
    const types = schemaTypes(await fetchSchema(ctx.backend));
    const names = input.names?.length ? typeNamesOf(input.names, [...types.keys()]) : [...types.keys()];
    const unknown = names.filter((name) => !types.has(name));
    if (unknown.length) {
      throw new ActionInputError(
        `Unknown type${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}.`,
        `Types: ${[...types.keys()].join(", ")}.`,
      );
    }
    return {
      types: names.map((name) => {
        const type = types.get(name) as NonNullable<ReturnType<typeof types.get>>;
        return {
          name,
          description: type.description,
          used_by: type.usedBy,
          fields: Object.entries(type.fields).map(([field, value]) => ({
            name: field,
            type: value.type,
            description: value.description ?? "",
          })),
        };
      }),
    };
  },
  table: {
    rows: (output) =>
      output.types.flatMap((type) =>
        type.fields.map((field, index) => ({
          type: index === 0 ? type.name : "",
          field: field.name,
          field_type: field.type,
          description: field.description,
        })),
      ),
    columns: [
      { key: "type", header: "TYPE" },
      { key: "field", header: "FIELD" },
      { key: "field_type", header: "FIELD TYPE" },
      { key: "description", header: "DESCRIPTION" },
    ],
  },
});

// ── status ──────────────────────────────────────────────────────────────────────────────

export const protectStatus = defineAction({
  id: "protect.status",
  summary: "Show whether Protect rules are enforced; --enable-rules or --disable-rules switches them",
  input: z.object({
    enable_rules: z.boolean().default(false).describe("Start enforcing the rules"),
    disable_rules: z.boolean().default(false).describe("Stop enforcing the rules (they are kept)"),
  }),
  examples: [
    "clerk protect status",
    "clerk protect status --enable-rules",
    "clerk protect status --disable-rules --json",
  ],
  api: "backend",
  mutates: true,
  output: instanceProtect,
  async run(ctx, input) {
    if (input.enable_rules && input.disable_rules) {
      throw new ActionInputError("Give --enable-rules or --disable-rules, not both.");
    }
    if (!input.enable_rules && !input.disable_rules) {
      return (await ctx.backend.request({ method: "GET", path: "/instance/protect" }, instanceProtect)).body;
    }
    return (
      await ctx.backend.request(
        // Setting a flag to a value is safe to repeat.
        {
          method: "PATCH",
          path: "/instance/protect",
          body: { rules_enabled: input.enable_rules },
          idempotent: true,
        },
        instanceProtect,
      )
    ).body;
  },
});

export const protectActions = [
  protectRulesList,
  protectRulesGet,
  protectRulesAdd,
  protectRulesEdit,
  protectRulesDelete,
  protectRulesFlush,
  protectRulesReorder,
  protectRulesGenerate,
  protectSchemaShow,
  protectSchemaList,
  protectSchemaType,
  protectStatus,
];
