import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { CLI_BIN, runCli } from "../testing/run-cli";
import { runCliOnTty } from "../testing/run-tty";

const SLOW = { timeout: 60_000 };
let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "clerk-mcp-home-"));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const clerk = (args: string[], env: Record<string, string> = {}) => runCli(args, { env: { HOME: home, ...env } });
const read = (path: string) => readFileSync(join(home, path), "utf8");
const write = (path: string, text: string) => {
  mkdirSync(join(home, path, ".."), { recursive: true });
  writeFileSync(join(home, path), text);
};
/** The command clients are given: Node and this CLI's script (no `clerk` on the tests' PATH). */
const server = (...args: string[]) => ({
  command: process.execPath,
  args: [realpathSync(CLI_BIN), "mcp", "run", ...args],
});

const CLAUDE = '{\n  "numStartups": 3,\n  "projects": {\n    "/src/app": { "mcpServers": {} }\n  }\n}\n';
const CURSOR =
  '{\n  "mcpServers": {\n    "memory": {\n      "command": "npx",\n      "args": ["-y", "m"]\n    }\n  }\n}\n';
const VSCODE = '// mine\n{\n\t"servers": {\n\t\t"gh": { "type": "http", "url": "https://x" }, // keep\n\t},\n}\n';
const VSCODE_FILE = ".config/Code/User/mcp.json";

interface Outcome {
  client: string;
  status: string;
  file: string;
  diff?: string;
}

describe("clerk mcp install, list, uninstall", SLOW, () => {
  test("with no client on the machine: says where it looked, writes nothing, exits 0", async () => {
    const installed = await clerk(["mcp", "install", "--mode", "human"]);
    expect(installed.code, installed.stderr).toBe(0);
    expect(installed.stderr).toContain("No MCP client found");
    expect(installed.stderr).toContain("--client claude|cursor|vscode|windsurf");
    const listed = await clerk(["mcp", "list", "--json"]);
    expect(listed.json<{ clients: { client: string; detected: boolean; installed: boolean }[] }>().clients).toEqual(
      ["claude", "cursor", "vscode", "windsurf"].map((client) =>
        expect.objectContaining({ client, detected: false, installed: false }),
      ),
    );
    const removed = await clerk(["mcp", "uninstall", "--all"]);
    expect(removed.code).toBe(0);
  });

  test("installs into every client found, editing only its entry; list shows them; uninstall restores the files", async () => {
    write(".claude.json", CLAUDE);
    write(".cursor/mcp.json", CURSOR);
    write(VSCODE_FILE, VSCODE);
    mkdirSync(join(home, ".codeium", "windsurf"), { recursive: true });

    const installed = await clerk(["mcp", "install", "--json"]);
    expect(installed.code, installed.stderr).toBe(0);
    const outcome = installed.json<{ server: unknown; clients: Outcome[] }>();
    expect(outcome.server).toEqual(server());
    expect(outcome.clients.map((c) => [c.client, c.status])).toEqual([
      ["claude", "installed"],
      ["cursor", "installed"],
      ["vscode", "installed"],
      ["windsurf", "installed"],
    ]);
    expect(outcome.clients[1]?.diff).toContain('+    "clerk": {');

    expect(JSON.parse(read(".claude.json"))).toEqual({
      ...JSON.parse(CLAUDE),
      mcpServers: { clerk: { type: "stdio", ...server(), env: {} } },
    });
    expect(read(".cursor/mcp.json").startsWith(CURSOR.slice(0, CURSOR.lastIndexOf("    }")))).toBe(true);
    expect(JSON.parse(read(".cursor/mcp.json")).mcpServers).toEqual({
      memory: { command: "npx", args: ["-y", "m"] },
      clerk: server(),
    });
    const vscode = read(VSCODE_FILE);
    expect(vscode).toContain("// mine");
    expect(vscode).toContain('\t\t"clerk": {\n\t\t\t"type": "stdio",');
    expect(vscode).toContain("}, // keep");
    expect(JSON.parse(read(".codeium/windsurf/mcp_config.json"))).toEqual({ mcpServers: { clerk: server() } });

    const listed = await clerk(["mcp", "list"]);
    expect(listed.stdout).toMatch(/Cursor\s+~\/\.cursor\/mcp\.json\s+installed: .*clerk\.js mcp run/);
    expect(
      (await clerk(["mcp", "install", "--json"])).json<{ clients: Outcome[] }>().clients.map((c) => c.status),
    ).toEqual(["unchanged", "unchanged", "unchanged", "unchanged"]);

    const dryRun = await clerk(["mcp", "uninstall", "--client", "cursor", "--dry-run", "--mode", "human"]);
    expect(dryRun.code, dryRun.stderr).toBe(0);
    expect(dryRun.stderr).toContain('-    "clerk": {');
    expect(dryRun.stderr).toContain("Dry run: no file was written.");
    expect(JSON.parse(read(".cursor/mcp.json")).mcpServers).toHaveProperty("clerk");

    const removed = await clerk(["mcp", "uninstall", "--all", "--json"]);
    expect(removed.json<{ clients: Outcome[] }>().clients.map((c) => c.status)).toEqual([
      "removed",
      "removed",
      "removed",
      "removed",
    ]);
    expect(JSON.parse(read(".cursor/mcp.json"))).toEqual(JSON.parse(CURSOR));
    expect(read(VSCODE_FILE)).toBe(VSCODE);
    expect(JSON.parse(read(".claude.json"))).toEqual({ ...JSON.parse(CLAUDE), mcpServers: {} });
  });

  test("--client creates a client's file; target options are passed on; a different entry is replaced only with --yes", async () => {
    const installed = await clerk(["mcp", "install", "--client", "cursor", "--app", "app_2abc", "--instance", "prod"]);
    expect(installed.code, installed.stderr).toBe(0);
    expect(installed.stdout).toMatch(/Cursor\s+~\/\.cursor\/mcp\.json\s+installed/);
    expect(JSON.parse(read(".cursor/mcp.json"))).toEqual({
      mcpServers: { clerk: server("--app", "app_2abc", "--instance", "prod") },
    });

    const before = read(".cursor/mcp.json");
    const refused = await clerk(["mcp", "install", "--client", "cursor", "--allow-writes"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--yes");
    expect(read(".cursor/mcp.json")).toBe(before);

    const replaced = await clerk(["mcp", "install", "--client", "cursor", "--allow-writes", "--yes", "--json"]);
    expect(replaced.json<{ clients: Outcome[] }>().clients[0]?.status).toBe("updated");
    expect(JSON.parse(read(".cursor/mcp.json")).mcpServers.clerk).toEqual(server("--allow-writes"));

    const named = await clerk(["mcp", "install", "--client", "windsurf", "--name", "clerk-dev", "--dry-run"]);
    expect(named.code).toBe(0);
    expect(named.stderr).toContain('"clerk-dev"');
    expect(() => read(".codeium/windsurf/mcp_config.json")).toThrow();
  });

  test("when the clerk on PATH is this CLI, clients are given plain `clerk`", async () => {
    const bin = join(home, "bin");
    mkdirSync(bin);
    symlinkSync(CLI_BIN, join(bin, "clerk"));
    const installed = await clerk(["mcp", "install", "--client", "cursor", "--json"], {
      PATH: `${bin}:${process.env.PATH}`,
    });
    expect(installed.json<{ server: unknown }>().server).toEqual({ command: "clerk", args: ["mcp", "run"] });
  });

  test("VS Code's file follows XDG_CONFIG_HOME; a broken file is left alone with the reason", async () => {
    const xdg = join(home, "xdg");
    const installed = await clerk(["mcp", "install", "--client", "vscode", "--json"], { XDG_CONFIG_HOME: xdg });
    expect(installed.json<{ clients: Outcome[] }>().clients[0]?.file).toBe(join(xdg, "Code", "User", "mcp.json"));

    write(".cursor/mcp.json", '{ "mcpServers": { "a": 1 ');
    const broken = await clerk(["mcp", "install", "--client", "cursor"]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain("~/.cursor/mcp.json is not valid JSON");
    expect(read(".cursor/mcp.json")).toBe('{ "mcpServers": { "a": 1 ');
    const listed = await clerk(["mcp", "list", "--json"]);
    expect(listed.json<{ clients: { client: string; problem?: string }[] }>().clients[1]?.problem).toContain(
      "not valid JSON",
    );

    const unknown = await clerk(["mcp", "install", "--client", "emacs"]);
    expect(unknown.code).toBe(2);
  });

  test("on a terminal: shows each file's diff and asks before writing it; no leaves it as it was", async () => {
    write(".cursor/mcp.json", CURSOR);
    mkdirSync(join(home, ".codeium", "windsurf"), { recursive: true });
    const tty = runCliOnTty(["mcp", "install"], { env: { HOME: home } });
    await tty.waitFor(/Add the clerk server in ~\/\.cursor\/mcp\.json\?/);
    expect(tty.output()).toContain('+    "clerk": {');
    tty.type("n\r");
    await tty.waitFor(/Add the clerk server in ~\/\.codeium\/windsurf\/mcp_config\.json\?/);
    tty.type("\r");
    const { code, output } = await tty.done;
    expect(code).toBe(2);
    expect(output).toMatch(/Cursor\s+~\/\.cursor\/mcp\.json\s+skipped/);
    expect(output).toMatch(/Windsurf\s+~\/\.codeium\/windsurf\/mcp_config\.json\s+installed/);
    expect(read(".cursor/mcp.json")).toBe(CURSOR);
    expect(JSON.parse(read(".codeium/windsurf/mcp_config.json"))).toEqual({ mcpServers: { clerk: server() } });
  });
});
