import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterEach, describe, expect, test } from "vitest";
import { catalog } from "../../shared/actions/catalog";
import { useCliSandbox } from "../testing/cli-sandbox";
import { CLI_BIN } from "../testing/run-cli";
import { toolName } from "./server";

const { env, platformEnv, clerk } = useCliSandbox();
const SLOW = { timeout: 60_000 };

const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

/** An MCP client that starts `clerk mcp run …` against the sandbox, as an editor would. */
async function connect(...args: string[]): Promise<Client> {
  return connectWith(env(), args);
}

async function connectWith(credentials: Record<string, string>, args: string[]): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI_BIN, "mcp", "run", ...args],
    env: { PATH: process.env.PATH ?? "", HOME: "/nonexistent", ...credentials },
    stderr: "pipe",
  });
  const client = new Client({ name: "clerk-test", version: "1.0.0" });
  await client.connect(transport);
  clients.push(client);
  return client;
}

type ToolAnswer = { isError?: boolean; content: { type: string; text: string }[] };
const answer = (result: unknown) => {
  const { isError, content } = result as ToolAnswer;
  return { isError: Boolean(isError), json: JSON.parse(content[0]?.text ?? "null") };
};

async function createUser(email: string): Promise<string> {
  const created = await clerk(["users", "create", "--email-address", email, "--json"]);
  expect(created.code, created.stderr).toBe(0);
  return created.json<{ id: string }>().id;
}

describe("clerk mcp run", SLOW, () => {
  test("offers every catalog action as a tool with --allow-writes, and only those that change nothing without", async () => {
    const all = (await (await connect("--allow-writes")).listTools()).tools;
    expect(all.map((tool) => tool.name).sort()).toEqual(catalog.map(toolName).sort());
    for (const tool of all) expect(tool.inputSchema.type).toBe("object");
    // The CLI's flag metadata (letters, aliases, file options) is not JSON Schema.
    expect(JSON.stringify(all.map((tool) => tool.inputSchema))).not.toMatch(/"aliases":\[|"short":"|"file":true/);
    const remove = all.find((tool) => tool.name === "users_delete");
    expect(remove?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(remove?.inputSchema.properties).toHaveProperty("user_id");
    expect(remove?.inputSchema.properties).toHaveProperty("confirm");
    expect(remove?.description).toContain("clerk users delete");

    const readOnly = (await (await connect()).listTools()).tools.map((tool) => tool.name).sort();
    expect(readOnly).toEqual(
      catalog
        .filter((action) => !action.mutates)
        .map(toolName)
        .sort(),
    );
    expect(readOnly).toContain("users_list");
    expect(readOnly).not.toContain("users_create");
  });

  test("a read tool answers what the command's --json prints", async () => {
    await createUser("ada@example.com");
    const client = await connect();
    const listed = answer(await client.callTool({ name: "users_list", arguments: { query: "ada@" } }));
    expect(listed.isError).toBe(false);
    expect(listed.json).toMatchObject({
      total_count: 1,
      data: [{ email_addresses: [{ email_address: "ada@example.com" }] }],
    });

    const invalid = answer(await client.callTool({ name: "users_list", arguments: { limit: "many" } }));
    expect(invalid).toMatchObject({ isError: true, json: { error: { code: "invalid_input" } } });
  });

  test("refuses a write without --allow-writes, and a destructive call without confirm: true", async () => {
    const readOnly = await connect();
    const refused = answer(
      await readOnly.callTool({ name: "users_create", arguments: { email_address: ["grace@example.com"] } }),
    );
    expect(refused).toMatchObject({ isError: true, json: { error: { code: "writes_not_allowed" } } });
    expect(refused.json.error.hint).toContain("--allow-writes");
    expect((await clerk(["users", "count", "--json"])).json()).toMatchObject({ total_count: 0 });

    const writer = await connect("--allow-writes");
    const created = answer(
      await writer.callTool({ name: "users_create", arguments: { email_address: ["grace@example.com"] } }),
    );
    expect(created.isError).toBe(false);
    const id = created.json.id as string;
    expect(id).toMatch(/^user_/);

    const unconfirmed = answer(await writer.callTool({ name: "users_delete", arguments: { user_id: id } }));
    expect(unconfirmed).toMatchObject({ isError: false, json: { confirmation_required: true } });
    expect(unconfirmed.json.message).toContain(id);
    expect((await clerk(["users", "get", id, "--json"])).code).toBe(0);

    const confirmed = answer(
      await writer.callTool({ name: "users_delete", arguments: { user_id: id, confirm: true } }),
    );
    expect(confirmed).toMatchObject({ isError: false, json: { id, deleted: true } });
    expect((await clerk(["users", "get", id, "--json"])).code).toBe(1);
  });

  test("errors of Clerk come back as the CLI's JSON errors; a closed input ends the server with 0", async () => {
    const client = await connect();
    const missing = answer(await client.callTool({ name: "users_get", arguments: { user_id: "user_missing" } }));
    expect(missing).toMatchObject({ isError: true, json: { error: { status: 404 } } });

    const ended = await clerk(["mcp", "run"], { input: "" });
    expect(ended.code, ended.stderr).toBe(0);
    expect(ended.stdout).toBe("");
  });

  test("config writes (Platform API) are planned: one that clears values needs confirm: true", async () => {
    const client = await connectWith(platformEnv(), ["--allow-writes"]);
    const patch = (changes: unknown, confirm?: boolean) =>
      client.callTool({ name: "config_patch", arguments: { changes, ...(confirm ? { confirm } : {}) } });

    const set = answer(await patch({ instance: { support_email: "help@example.com" } }));
    expect(set).toMatchObject({ isError: false, json: { applied: true } });

    const clearing = answer(await patch({ instance: { support_email: null } }));
    expect(clearing).toMatchObject({ isError: false, json: { confirmation_required: true } });
    expect(clearing.json.changes).toEqual(['~ instance.support_email: "help@example.com" → null']);
    const unchanged = answer(await client.callTool({ name: "config_pull", arguments: {} }));
    expect(unchanged.json.instance.support_email).toBe("help@example.com");

    const validated = answer(
      await client.callTool({
        name: "config_patch",
        arguments: { changes: { instance: { support_email: null } }, dry_run: true },
      }),
    );
    expect(validated).toMatchObject({ isError: false, json: { applied: false, dry_run: true } });

    const cleared = answer(await patch({ instance: { support_email: null } }, true));
    expect(cleared).toMatchObject({
      isError: false,
      json: { applied: true, changes: [{ path: "instance.support_email", before: "help@example.com", after: null }] },
    });
  });
});
