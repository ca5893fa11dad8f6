import { z } from "zod";
import { defineCommand } from "../command";
import { CLIENT_IDS } from "../mcp/clients";

const install = () => import("../mcp/install");

const clients = z
  .array(z.enum(CLIENT_IDS))
  .optional()
  .describe(`MCP client to work on: ${CLIENT_IDS.join(", ")}; default: those found on this machine`);
const name = z.string().min(1).default("clerk").describe("Entry name in the client config");

const run = defineCommand({
  id: "mcp.run",
  summary: "Run the MCP server on stdio: the action catalog as tools (clients start it; also `mcp serve`)",
  description:
    "Speaks the Model Context Protocol on stdin/stdout until its input closes; MCP clients start it (`clerk mcp " +
    "install` registers it). Every catalog action is a tool named from its id (users_list, orgs_get, …) with its " +
    "input schema, description and CLI examples. Read-only by default: tools that change data are offered only with " +
    "--allow-writes, and destructive ones then also need `confirm: true` in the call (without it the tool says what " +
    "it would do). It targets what commands target: --app, --instance, --profile, --secret-key, CLERK_SECRET_KEY and " +
    "CLERK_API_URL (the sandbox), a linked project. Results are the commands' --json output.",
  input: z.object({
    allow_writes: z
      .boolean()
      .default(false)
      .describe("Offer the tools that change data (destructive ones ask to confirm)"),
    secret_key: z.string().min(1).optional().describe("Backend API secret key (sk_…) for every tool call"),
  }),
  examples: ["clerk mcp run", "clerk mcp run --allow-writes", "clerk mcp run --app app_2abc --instance prod"],
  async run(input, globals) {
    const { runMcpServer } = await import("../mcp/server");
    await runMcpServer(globals, {
      allowWrites: input.allow_writes,
      ...(input.secret_key ? { secretKey: input.secret_key } : {}),
    });
  },
});

const installCommand = defineCommand({
  id: "mcp.install",
  summary: "Register `clerk mcp run` in MCP clients (Claude Code, Cursor, VS Code, Windsurf)",
  description:
    "Adds the server to the user-level config file of each client found on this machine (or those named with " +
    "--client, creating the file): Claude Code ~/.claude.json, Cursor ~/.cursor/mcp.json, VS Code's user mcp.json, " +
    "Windsurf ~/.codeium/windsurf/mcp_config.json. Only that entry changes: other servers, order and formatting " +
    "stay. Shows each file's diff; on a terminal asks before writing each (--yes or --all skip that), elsewhere " +
    "writes, except that replacing a different entry of the same name needs --yes. --app, --instance, --profile " +
    "and --allow-writes are passed on to the server; no secret is written.",
  input: z.object({
    client: clients,
    all: z.boolean().default(false).describe("Install into every client found without asking"),
    name,
    allow_writes: z.boolean().default(false).describe("Register the server with --allow-writes"),
  }),
  examples: [
    "clerk mcp install",
    "clerk mcp install --client claude",
    "clerk mcp install --all",
    "clerk mcp install --client claude --client vscode --allow-writes",
    "clerk mcp install --dry-run --json",
  ],
  run: async (input, globals) => (await install()).runInstall(input, globals),
});

const uninstall = defineCommand({
  id: "mcp.uninstall",
  summary: "Remove the `clerk mcp run` entry from MCP clients' config files",
  description:
    "Removes the entry (default name clerk) from each client found on this machine, or those named with --client, " +
    "showing each file's diff; other servers stay. On a terminal asks before writing each file (--yes or --all " +
    "skip that).",
  input: z.object({
    client: clients,
    all: z.boolean().default(false).describe("Remove from every client without asking"),
    name,
  }),
  examples: ["clerk mcp uninstall", "clerk mcp uninstall --all", "clerk mcp uninstall --client claude"],
  run: async (input, globals) => (await install()).runUninstall(input, globals),
});

const list = defineCommand({
  id: "mcp.list",
  summary: "Show which MCP clients are on this machine and which have the Clerk server registered",
  input: z.object({ name }),
  examples: ["clerk mcp list", "clerk mcp list --json"],
  run: async (input, globals) => (await install()).runList(input, globals),
});

export const mcpCommands = [run, installCommand, uninstall, list];
