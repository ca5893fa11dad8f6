import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, type CallToolResult, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { Action, ActionContext } from "../../shared/actions/action";
import { fieldIssueSentence } from "../../shared/actions/issues";
import { changeOf, stakesOf, subjectOf } from "../../shared/actions/stakes";
import { clearsValues, formatChanges } from "../../shared/config/diff";
import { createActionContext } from "../context";
import { describeFailure } from "../failure";
import type { GlobalOptions } from "../globals";
import { abortSignal } from "../shutdown";

declare const __CLERK_VERSION__: string;

export interface McpServeOptions {
  /** Offer the actions that change data (`--allow-writes`); read-only otherwise. */
  allowWrites: boolean;
  /** `--secret-key`: the Backend API key for every tool call. */
  secretKey?: string;
}

/** A tool's name: its action id with `_` for `.` (`users.list` → `users_list`), as clients accept. */
export const toolName = (action: Pick<Action, "id">) => action.id.replaceAll(".", "_");

/**
 * Whether a call must say `confirm: true`: the action is irreversible or disruptive (as the CLI
 * asks, shared/actions/stakes.ts), or its plan can clear values.
 */
const asksToConfirm = (action: Action) => stakesOf(action) !== "none" || Boolean(action.plan);

const CONFIRM_FIELD = {
  type: "boolean",
  description: "Set to true to do it. Without it the tool only says what it would do.",
};

/** Metadata of the CLI's flags (shared/actions/fields.ts), not JSON Schema keywords: left out of tools. */
const FLAG_METADATA = ["short", "aliases", "file"];

/** The tool's arguments: the action's input schema (as JSON Schema), plus `confirm` where it asks. */
function inputSchemaOf(action: Action): { type: "object"; [key: string]: unknown } {
  const { $schema: _, ...schema } = z.toJSONSchema(action.input, {
    io: "input",
    unrepresentable: "any",
    override: ({ jsonSchema }) => {
      for (const key of FLAG_METADATA) delete (jsonSchema as Record<string, unknown>)[key];
    },
  }) as Record<string, unknown>;
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  return {
    ...schema,
    type: "object",
    properties: asksToConfirm(action) ? { ...properties, confirm: CONFIRM_FIELD } : properties,
  };
}

function descriptionOf(action: Action): string {
  return [
    action.summary,
    action.description,
    `The same as the CLI command \`clerk ${action.id.split(".").join(" ")}\`; e.g.\n${action.examples.map((line) => `  ${line}`).join("\n")}`,
    stakesOf(action) === "irreversible"
      ? "Irreversible: a call without `confirm: true` changes nothing and says what it would do."
      : stakesOf(action) === "disruptive"
        ? "Disruptive (reversible): a call without `confirm: true` changes nothing and says what it would do."
        : action.plan
          ? "A change that clears config values needs `confirm: true`; without it the tool shows the changes."
          : undefined,
  ]
    .filter(Boolean)
    .join("\n\n");
}

/** The tools of the catalog: every action, or only those that change nothing unless writes are allowed. */
export function catalogTools(catalog: readonly Action[], allowWrites: boolean) {
  return catalog
    .filter((action) => allowWrites || !action.mutates)
    .map((action) => ({
      name: toolName(action),
      title: action.summary,
      description: descriptionOf(action),
      inputSchema: inputSchemaOf(action),
      annotations: {
        title: action.summary,
        readOnlyHint: !action.mutates,
        destructiveHint: stakesOf(action) !== "none",
        openWorldHint: true,
      },
    }));
}

const text = (value: unknown, isError = false): CallToolResult => ({
  content: [{ type: "text", text: typeof value === "string" ? value : JSON.stringify(value, null, 2) }],
  ...(isError ? { isError: true } : {}),
});

/**
 * Runs one tool call as the CLI runs the command: the input validated by the action's schema,
 * config plans computed first and guarded by `if_match`, and what the CLI would ask to confirm
 * refused without `confirm: true` (the answer then says what the call would do). Output is the
 * CLI's `--json` output, secrets included as the CLI prints them.
 */
async function callTool(
  action: Action,
  args: Record<string, unknown>,
  context: () => Promise<ActionContext>,
  options: McpServeOptions,
): Promise<CallToolResult> {
  const name = toolName(action);
  if (action.mutates && !options.allowWrites) {
    return text(
      {
        error: {
          code: "writes_not_allowed",
          message: `${name} changes data, and this server is read-only.`,
          hint: "Register it with `clerk mcp install --allow-writes` (or run `clerk mcp run --allow-writes`).",
        },
      },
      true,
    );
  }
  const { confirm, ...given } = args;
  const parsed = action.input.safeParse(given);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => fieldIssueSentence(issue, given));
    return text({ error: { code: "invalid_input", message: issues.join("; ") } }, true);
  }
  let input = parsed.data as Record<string, unknown>;
  const ctx = await context();
  const plan = action.plan ? await action.plan(ctx, input) : undefined;
  const clears = plan ? clearsValues(plan.changes) : false;
  // As in the CLI: a dry run (Clerk only validates) needs no confirmation.
  const stakes = stakesOf(action);
  if ((stakes !== "none" || clears) && confirm !== true && input.dry_run !== true) {
    const subject = stakes !== "none" ? await subjectOf(action, ctx, input) : undefined;
    // Agents work with ids: the change names whom, and their id.
    const change = subject
      ? `${changeOf(action, subject)}${changeOf(action, subject).includes(subject.id) ? "" : ` [${subject.id}]`}`
      : "";
    const would =
      stakes === "none"
        ? "This clears config values (see the changes)."
        : `This would ${change.charAt(0).toLowerCase()}${change.slice(1)}.${stakes === "irreversible" ? " It cannot be undone." : ""}`;
    return text({
      confirmation_required: true,
      message: `${would} Nothing was done: call ${name} again with the same arguments and "confirm": true to do it.`,
      ...(plan ? { changes: formatChanges(plan.changes) } : {}),
    });
  }
  if (clears && "destructive" in action.input.shape) input = { ...input, destructive: true };
  if (plan?.version && input.if_match === undefined) input = { ...input, if_match: plan.version };
  const output = await action.run(ctx, input);
  return text(output);
}

/**
 * `clerk mcp run`: an MCP server on stdin/stdout whose tools are the action catalog. It targets
 * what every command targets (--app, --instance, --profile, the environment, a linked project);
 * it ends when its input closes. The low-level SDK server is used because the tools and their JSON
 * schemas are generated from the catalog rather than declared one by one.
 */
export async function runMcpServer(globals: GlobalOptions, options: McpServeOptions): Promise<void> {
  const { catalog } = await import("../../shared/actions/catalog");
  const tools = catalogTools(catalog, options.allowWrites);
  const byName = new Map(catalog.map((action) => [toolName(action), action]));
  const signal = abortSignal();
  // One context for the server's life, built on first use: a failure (no key yet) is retried next call.
  let built: Promise<ActionContext> | undefined;
  const context = () => {
    // Not backendOnly: tools call both APIs, and it never prompts for a key on stdin (the MCP channel).
    built ??= createActionContext(globals, {
      signal,
      dryRun: false,
      ...(options.secretKey ? { secretKey: options.secretKey } : {}),
    }).catch((error: unknown) => {
      built = undefined;
      throw error;
    });
    return built;
  };

  const server = new Server(
    { name: "clerk", title: "Clerk", version: __CLERK_VERSION__ },
    {
      capabilities: { tools: {} },
      instructions:
        "Tools for a Clerk instance: each is a `clerk` CLI command (users, orgs, sessions, config, …). " +
        (options.allowWrites
          ? "Tools that change data are offered; irreversible and disruptive ones (delete, ban, revoke, remove…) need `confirm: true`, and say what they would do without it."
          : "Read-only: tools that change data are not offered (the server runs without --allow-writes)."),
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const action = byName.get(request.params.name);
    if (!action) {
      return text(
        { error: { code: "unknown_tool", message: `No tool is named ${request.params.name}; list the tools.` } },
        true,
      );
    }
    try {
      return await callTool(action, request.params.arguments ?? {}, context, options);
    } catch (error) {
      return text({ error: describeFailure(error).json }, true);
    }
  });

  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
    process.stdin.once("end", () => resolve());
  });
  await server.connect(transport);
  await closed;
  await server.close();
}
