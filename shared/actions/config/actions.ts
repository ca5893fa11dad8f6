import { z } from "zod";
import { configPatchResult, instanceConfig } from "../../clerk/schemas";
import type { ClerkTransport } from "../../clerk/transport";
import { type ConfigChange, diffConfig, mergePatch, minimalPatch } from "../../config/diff";
import { maskSensitive } from "../../config/sensitive";
import { type ActionContext, type ActionPlan, defineAction } from "../action";
import { instanceSegment, requirePlatform, resolveApplicationId } from "../apps/platform";
import { ActionError, ActionInputError } from "../errors";
import { withFlagAliases } from "../fields";
import type { Stakes } from "../stakes";
import { apiPath } from "../view";

declare module "zod" {
  interface GlobalMeta {
    /** The CLI reads this field's value from a JSON/YAML file path (or `-` for stdin). */
    file?: boolean;
  }
}

/** A config document: from a file on the command line, an object from the panel. */
const configDocument = (description: string) =>
  z.record(z.string(), z.unknown()).describe(description).meta({ file: true, description });

async function configPath(ctx: ActionContext, instance = ctx.target.instance): Promise<string> {
  const app = await resolveApplicationId(ctx);
  return apiPath("applications", app, "instances", instanceSegment(instance), "config");
}

async function readConfig(platform: ClerkTransport, path: string) {
  return (await platform.request({ method: "GET", path }, instanceConfig)).body;
}

const jsonSchema = z.record(z.string(), z.unknown());

/** The differences between two configs, with secrets masked: they are shown and printed. */
async function changesBetween(platform: ClerkTransport, path: string, before: unknown, after: unknown) {
  const changes = diffConfig(before, after);
  if (changes.length === 0) return changes;
  return maskSensitive(changes, (await platform.request({ method: "GET", path: `${path}/schema` }, jsonSchema)).body);
}

const change = z.object({
  path: z.string(),
  kind: z.enum(["added", "removed", "changed"]),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});

const writeResult = z.object({
  applied: z.boolean(),
  dry_run: z.boolean(),
  config_version: z.string().optional(),
  changes: z.array(change),
});
type WriteResult = z.infer<typeof writeResult>;

const writeFlags = {
  dry_run: z.boolean().default(false).describe("Have Clerk validate the change without applying it"),
  destructive: z.boolean().default(false).describe("Allow clearing keys (setting them to null)"),
  if_match: z
    .string()
    .optional()
    .describe("Only apply if the live config_version is still this one (set automatically from the diff)"),
};

const changesView = {
  rows: (o: { changes: ConfigChange[] }) =>
    o.changes.map((c) => ({ change: c.kind, key: c.path, before: c.before, after: c.after })),
  columns: [
    { key: "change", header: "CHANGE" },
    { key: "key", header: "KEY" },
    { key: "before", header: "BEFORE" },
    { key: "after", header: "AFTER" },
  ],
  color: (row: Record<string, unknown>) =>
    row.change === "added"
      ? "green"
      : row.change === "removed"
        ? "red"
        : row.change === "changed"
          ? "yellow"
          : undefined,
  footer: (o: z.infer<typeof writeResult>) =>
    o.changes.length === 0
      ? "No changes."
      : o.dry_run
        ? `Validated by Clerk, not applied (${o.changes.length} changes).`
        : `Applied ${o.changes.length} changes; config_version is now ${o.config_version}.`,
};

/**
 * Sends a config write (PATCH or PUT) with the lost-update guard: `If-Match` carries the
 * version the changes were computed against, and Clerk refuses (409) if the live config moved.
 */
async function writeConfig(
  ctx: ActionContext,
  method: "PATCH" | "PUT",
  body: Record<string, unknown>,
  flags: { dry_run: boolean; destructive: boolean; if_match?: string | undefined },
  changes: ConfigChange[],
) {
  const platform = requirePlatform(ctx);
  try {
    const { body: result } = await platform.request(
      {
        method,
        path: await configPath(ctx),
        query: { dry_run: flags.dry_run || undefined, destructive: flags.destructive || undefined },
        body,
        ...(flags.if_match ? { headers: { "if-match": flags.if_match } } : {}),
        // Guarded by If-Match, a repeated write cannot apply twice.
        idempotent: Boolean(flags.if_match),
      },
      configPatchResult,
    );
    return {
      applied: !flags.dry_run,
      dry_run: Boolean(result.dry_run ?? flags.dry_run),
      ...(result.config_version ? { config_version: String(result.config_version) } : {}),
      changes,
    };
  } catch (error) {
    if ((error as { status?: number }).status === 409 || (error as { status?: number }).status === 412) {
      throw new ActionError(
        `The instance's config changed since version ${flags.if_match} was read, so nothing was applied.`,
        "Pull the config again (`clerk config pull`), review the difference and retry.",
        "config_version_conflict",
      );
    }
    throw error;
  }
}

/**
 * `--keys auth_email session` as the official CLI takes it: the words after `--keys` are more
 * keys, so `keys` is also the (variadic) positional.
 */
const keysInput = z.object({
  keys: z
    .array(z.string())
    .optional()
    .describe("Only these top-level keys, separated by spaces or commas (e.g. auth_email session)"),
});

export const configPull = defineAction({
  id: "config.pull",
  summary: "Print the instance's config (save it to a file for config as code)",
  input: keysInput,
  positionals: ["keys"],
  examples: [
    "clerk config pull -o yaml > clerk.yaml",
    "clerk config pull --instance prod --keys session --json",
    "clerk config pull --output config.json",
  ],
  api: "platform",
  outputFile: "the config",
  mutates: false,
  output: instanceConfig,
  async run(ctx, input) {
    return (
      await requirePlatform(ctx).request(
        { method: "GET", path: await configPath(ctx), query: { keys: input.keys } },
        instanceConfig,
      )
    ).body;
  },
});

export const configSchema = defineAction({
  id: "config.schema",
  summary: "Print the JSON Schema of the config keys (secrets marked sensitive)",
  input: keysInput,
  positionals: ["keys"],
  examples: [
    "clerk config schema --json",
    "clerk config schema --keys auth_email session",
    "clerk config schema --output schema.json",
  ],
  api: "platform",
  outputFile: "the schema",
  mutates: false,
  output: z.record(z.string(), z.unknown()),
  async run(ctx, input) {
    const path = `${await configPath(ctx)}/schema`;
    return (await requirePlatform(ctx).request({ method: "GET", path, query: { keys: input.keys } }, jsonSchema)).body;
  },
});

export const configDiff = defineAction({
  id: "config.diff",
  summary: "Show how a config file (or another instance) differs from the live instance",
  description:
    "Exits 1 when there are differences and 0 when there are none, as diff does, so a script can check that the " +
    "live config matches a file: `clerk config diff clerk.yaml || echo drifted`. On a terminal, added keys are " +
    "green, removed ones red and changed ones yellow (no colors with NO_COLOR).",
  input: z.object({
    file: configDocument("Config file (JSON or YAML) to compare with the live config").optional(),
    against: z.string().optional().describe("Compare with another instance instead: dev, prod or ins_…"),
  }),
  positionals: ["file"],
  examples: ["clerk config diff clerk.yaml", "clerk config diff --instance dev --against prod"],
  api: "platform",
  mutates: false,
  output: z.object({ changes: z.array(change), config_version: z.string().optional() }),
  async run(ctx, input) {
    const platform = requirePlatform(ctx);
    const path = await configPath(ctx);
    const live = await readConfig(platform, path);
    let desired: unknown = input.file;
    if (input.against) desired = await readConfig(platform, await configPath(ctx, input.against));
    if (!desired)
      throw new ActionInputError(
        "Nothing to compare with.",
        "Give a config file, or --against <instance>.",
        "usage_error",
      );
    // A file is partial config as code: compare only the keys it names.
    const target = input.against ? desired : mergePatch(live, minimalPatch(live, desired) ?? {});
    return {
      changes: await changesBetween(platform, path, live, target),
      ...(live.config_version ? { config_version: String(live.config_version) } : {}),
    };
  },
  table: {
    rows: changesView.rows,
    columns: changesView.columns,
    color: changesView.color,
    footer: (o) => (o.changes.length ? `${o.changes.length} differences` : "No differences."),
  },
  exitCode: (o) => (o.changes.length ? 1 : 0),
});

type Document = Record<string, unknown>;

/** What a write sends and what the config becomes, computed from the live config. */
type WriteComputation = (live: Document) => { body: Document | undefined; after: unknown };

async function planWrite(ctx: ActionContext, compute: WriteComputation) {
  const platform = requirePlatform(ctx);
  const path = await configPath(ctx);
  const live = await readConfig(platform, path);
  const { body, after } = compute(live);
  const changes = body ? await changesBetween(platform, path, live, after) : [];
  // Nothing differs: nothing is sent.
  return { live, body: changes.length ? body : undefined, changes };
}

/**
 * patch, put and apply share one shape: plan computes the changes against the live config (and
 * the version to guard with); run recomputes them and sends the write with If-Match.
 */
function configWriteAction<Id extends string, K extends string>(spec: {
  id: Id;
  summary: string;
  description?: string;
  field: K;
  fieldHelp: string;
  method: "PATCH" | "PUT";
  examples: string[];
  compute(document: Document): WriteComputation;
  /**
   * Guard with the document's own `config_version` (apply: a file pulled earlier is refused once
   * the live config moved on). patch and put send the file as the official CLI does (one pulled
   * from development may go to production): they guard only the diff shown against the write.
   */
  pinsDocumentVersion?: boolean;
}) {
  // `--file path` as the official CLI spells it, besides the positional path.
  const input = z.object({ [spec.field]: withFlagAliases(["file"], configDocument(spec.fieldHelp)), ...writeFlags });
  type Flags = { dry_run: boolean; destructive: boolean; if_match?: string };
  const documentOf = (value: unknown) => (value as Record<K, Document>)[spec.field];
  const flagsOf = (value: unknown) => value as Flags;
  // The output type is the schema's (the table view alone would make it `{ changes }`).
  return defineAction<typeof input, WriteResult, Id>({
    id: spec.id,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    input,
    positionals: [spec.field],
    examples: spec.examples,
    api: "platform",
    mutates: true,
    output: writeResult,
    async plan(ctx, value): Promise<ActionPlan> {
      const document = documentOf(value);
      const planned = await planWrite(ctx, spec.compute(document));
      const pinned = spec.pinsDocumentVersion ? document.config_version : undefined;
      const version = pinned ?? planned.live.config_version;
      return { changes: planned.changes, ...(version === undefined ? {} : { version: String(version) }) };
    },
    async run(ctx, value) {
      const planned = await planWrite(ctx, spec.compute(documentOf(value)));
      if (!planned.body) {
        const version = planned.live.config_version;
        const { dry_run } = flagsOf(value);
        return { applied: false, dry_run, ...(version ? { config_version: String(version) } : {}), changes: [] };
      }
      return writeConfig(ctx, spec.method, planned.body, flagsOf(value), planned.changes);
    },
    table: changesView,
  });
}

/**
 * A command that changes fixed config keys from its flags (`clerk enable orgs --max-members 10`):
 * `patchOf` turns the input into a partial config, sent as `config patch` sends a document, with
 * the same plan, If-Match guard and `--dry-run`.
 */
export function configPatchCommand<Id extends string, S extends z.ZodRawShape>(spec: {
  id: Id;
  summary: string;
  description?: string;
  input: S;
  positionals?: readonly string[];
  examples: string[];
  patchOf(input: z.infer<z.ZodObject<S>>): Document;
  /** As Action.stakes and Action.confirm (a switch that turns a feature off for everyone asks first). */
  stakes?: Stakes;
  confirm?: "terminal";
}) {
  const input = z.object({ ...spec.input, dry_run: writeFlags.dry_run, if_match: writeFlags.if_match });
  type Input = z.infer<typeof input>;
  const compute =
    (value: Input): WriteComputation =>
    (live) => {
      const body = minimalPatch(live, spec.patchOf(value as z.infer<z.ZodObject<S>>));
      return { body, after: mergePatch(live, body ?? {}) };
    };
  // The output type is the schema's (the table view alone would make it `{ changes }`).
  return defineAction<typeof input, WriteResult, Id>({
    id: spec.id,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    input,
    ...(spec.positionals ? { positionals: spec.positionals } : {}),
    examples: spec.examples,
    api: "platform",
    mutates: true,
    ...(spec.stakes ? { stakes: spec.stakes } : {}),
    ...(spec.confirm ? { confirm: spec.confirm } : {}),
    output: writeResult,
    async plan(ctx, value): Promise<ActionPlan> {
      const planned = await planWrite(ctx, compute(value));
      const version = planned.live.config_version;
      return { changes: planned.changes, ...(version === undefined ? {} : { version: String(version) }) };
    },
    async run(ctx, value) {
      const planned = await planWrite(ctx, compute(value));
      const given = value as { dry_run: boolean; if_match?: string };
      const flags = {
        dry_run: given.dry_run,
        destructive: false,
        ...(given.if_match ? { if_match: given.if_match } : {}),
      };
      if (!planned.body) {
        const version = planned.live.config_version;
        return {
          applied: false,
          dry_run: flags.dry_run,
          ...(version ? { config_version: String(version) } : {}),
          changes: [],
        };
      }
      return writeConfig(ctx, "PATCH", planned.body, flags, planned.changes);
    },
    table: changesView,
  });
}

const withoutVersion = ({ config_version: _version, ...rest }: Document) => rest;

export const configPatch = configWriteAction({
  id: "config.patch",
  summary: "Change some config keys (merge a JSON/YAML document into the live config)",
  field: "changes",
  fieldHelp: "Document with the keys to change (JSON or YAML file)",
  method: "PATCH",
  examples: [
    "clerk config patch session.yaml",
    `clerk config patch --json '{"session":{"lifetime_seconds":86400}}'`,
    'echo \'{"session":{"lifetime_seconds":86400}}\' | clerk config patch - --dry-run',
  ],
  compute: (changes) => (live) => ({ body: withoutVersion(changes), after: mergePatch(live, withoutVersion(changes)) }),
});

export const configPut = configWriteAction({
  id: "config.put",
  summary: "Replace the whole config with a document (every key must be present)",
  field: "config",
  fieldHelp: "The complete config (JSON or YAML file)",
  method: "PUT",
  examples: ["clerk config put clerk.yaml --dry-run", "clerk config put clerk.yaml"],
  compute: (config) => () => ({ body: withoutVersion(config), after: withoutVersion(config) }),
});

export const configApply = configWriteAction({
  id: "config.apply",
  summary: "Make the live config match a file: compute the difference and apply only that",
  description:
    "The file may be partial: keys it leaves out are not touched. If the file carries config_version " +
    "(as `clerk config pull` writes it), a live config changed since then is refused instead of overwritten.",
  field: "desired",
  fieldHelp: "Desired config (JSON or YAML file)",
  method: "PATCH",
  examples: [
    "clerk config apply clerk.yaml",
    "clerk config apply clerk.yaml --dry-run",
    "clerk config apply clerk.yaml --json",
  ],
  compute: (desired) => (live) => {
    const body = minimalPatch(live, desired);
    return { body, after: mergePatch(live, body ?? {}) };
  },
  pinsDocumentVersion: true,
});

export const configActions = [configPull, configSchema, configDiff, configPatch, configPut, configApply];
