import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** The MCP clients `clerk mcp install` knows (the official CLI's ids). */
export const CLIENT_IDS = ["claude", "cursor", "vscode", "windsurf"] as const;
export type ClientId = (typeof CLIENT_IDS)[number];

/** How an MCP client starts the server: a command and its arguments. */
export interface ServerCommand {
  command: string;
  args: string[];
}

export interface McpClient {
  id: ClientId;
  name: string;
  /** The user-level config file the server is registered in. */
  file: string;
  /** Where in that file the servers are: the object of servers by name. */
  serversPath: readonly string[];
  /** Whether the client looks installed on this machine (its config directory or file exists). */
  detected: boolean;
  /** The entry for a stdio server in the client's format. */
  entry(server: ServerCommand): Record<string, unknown>;
}

/** VS Code's user settings directory (where its user-level mcp.json lives), per OS. */
function vscodeUserDir(home: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  if (platform === "darwin") return join(home, "Library", "Application Support", "Code", "User");
  if (platform === "win32") return join(env.APPDATA ?? join(home, "AppData", "Roaming"), "Code", "User");
  return join(env.XDG_CONFIG_HOME || join(home, ".config"), "Code", "User");
}

/**
 * The clients, with their documented user-level config files:
 * - Claude Code: user-scope servers are the top-level `mcpServers` of ~/.claude.json, each
 *   `{ type: "stdio", command, args, env }` (https://code.claude.com/docs/en/mcp, "MCP installation
 *   scopes": local and user scope are stored in ~/.claude.json; `claude mcp add --scope user`).
 * - Cursor: ~/.cursor/mcp.json for every project, `mcpServers` with `command`, `args`
 *   (https://cursor.com/docs/mcp, "Configuration locations").
 * - VS Code: mcp.json in the user profile (Code/User in the settings directory: ~/.config on Linux,
 *   ~/Library/Application Support on macOS, %APPDATA% on Windows), a top-level `servers` object of
 *   `{ type: "stdio", command, args }`; the file is JSONC
 *   (https://code.visualstudio.com/docs/agents/reference/mcp-configuration, "Configuration file").
 * - Windsurf: ~/.codeium/windsurf/mcp_config.json (%USERPROFILE%\.codeium\windsurf on Windows),
 *   `mcpServers` with `command`, `args` (https://docs.windsurf.com/windsurf/cascade/mcp).
 */
export function mcpClients(
  home: string = homedir(),
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): McpClient[] {
  const vscodeDir = vscodeUserDir(home, env, platform);
  const plain = (server: ServerCommand) => ({ command: server.command, args: server.args });
  return [
    {
      id: "claude",
      name: "Claude Code",
      file: join(home, ".claude.json"),
      serversPath: ["mcpServers"],
      detected: existsSync(join(home, ".claude.json")) || existsSync(join(home, ".claude")),
      entry: (server) => ({ type: "stdio", ...plain(server), env: {} }),
    },
    {
      id: "cursor",
      name: "Cursor",
      file: join(home, ".cursor", "mcp.json"),
      serversPath: ["mcpServers"],
      detected: existsSync(join(home, ".cursor")),
      entry: plain,
    },
    {
      id: "vscode",
      name: "VS Code",
      file: join(vscodeDir, "mcp.json"),
      serversPath: ["servers"],
      detected: existsSync(vscodeDir),
      entry: (server) => ({ type: "stdio", ...plain(server) }),
    },
    {
      id: "windsurf",
      name: "Windsurf",
      file: join(home, ".codeium", "windsurf", "mcp_config.json"),
      serversPath: ["mcpServers"],
      detected: existsSync(join(home, ".codeium", "windsurf")),
      entry: plain,
    },
  ];
}
