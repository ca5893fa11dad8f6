import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import {
  type FakeModelServer,
  type RecordedRequest,
  ruleAnswer,
  startFakeAnthropic,
  startFakeOpenAi,
} from "../../shared/ai/testing/fake-models";
import { useCliSandbox } from "../testing/cli-sandbox";
import { KEYS, runInTerminal } from "../testing/run-in-terminal";

const { clerk, sandbox, env } = useCliSandbox();

const ASN_SERVER = fileURLToPath(new URL("../../shared/ai/testing/asn-mcp-server.mjs", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "clerk-protect-ai-"));
/** Each generation's request, tool calls and result, for people to read (the tests assert on them too). */
const TRANSCRIPTS = join(tmpdir(), "clerk-protect-generation");
mkdirSync(TRANSCRIPTS, { recursive: true });

const servers: FakeModelServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function mcpConfig(name: string, entries: Record<string, { command: string; args?: string[] }>): string {
  const file = join(scratch, `${name}.json`);
  writeFileSync(file, JSON.stringify({ servers: entries }));
  return file;
}
const asnServer = { command: process.execPath, args: [ASN_SERVER] };

/** The settings a user would have, as environment variables (a fresh config dir per test file). */
const openAi = (model: FakeModelServer) => ({
  OPENAI_API_KEY: "sk-test-openai-0123456789",
  CLERK_AI_OPENAI_URL: model.url,
  CLERK_AI_OPENAI_MODEL: "gpt-4.1-mini",
  CLERK_CONFIG_DIR: join(scratch, "config"),
});
const anthropic = (model: FakeModelServer) => ({
  CLERK_AI_PROVIDER: "anthropic",
  ANTHROPIC_API_KEY: "sk-ant-test-0123456789",
  CLERK_AI_ANTHROPIC_URL: model.url,
  CLERK_CONFIG_DIR: join(scratch, "config"),
});

type Message = { role: string; content: unknown; tool_calls?: unknown; tool_call_id?: string };
const messagesOf = (request: RecordedRequest | undefined) => (request?.body.messages ?? []) as Message[];

function writeTranscript(name: string, model: FakeModelServer, stderr: string, result: unknown): void {
  const requests = model.requests
    .map(
      (request, i) =>
        `### Request ${i + 1}: POST ${request.path}\n\n\`\`\`json\n${JSON.stringify(request.body, null, 2)}\n\`\`\``,
    )
    .join("\n\n");
  writeFileSync(
    join(TRANSCRIPTS, `${name}.md`),
    `# ${name}\n\n## What the model was sent\n\n${requests}\n\n## The CLI's --debug log (stderr)\n\n\`\`\`\n${stderr}\`\`\`\n\n## Result\n\n\`\`\`json\n${JSON.stringify(result, null, 2)}\n\`\`\`\n`,
  );
}

describe("clerk protect rules add --generate", () => {
  test("OpenAI-compatible: the model looks the AS number up with a real MCP tool server, then the rule is added", async () => {
    const model = await startFakeOpenAi(
      [
        { toolCalls: [{ name: "asn__lookup_asn", arguments: { organization: "Cloudflare" } }] },
        ruleAnswer("ip.asn.number == 13335", "CHALLENGE", "Challenge sign-ins from Cloudflare's network (AS13335)"),
      ],
      "sk-test-openai-0123456789",
    );
    servers.push(model);
    const config = mcpConfig("asn", { asn: asnServer });
    const result = await clerk(
      [
        "protect",
        "rules",
        "add",
        "SIGN_IN",
        "-g",
        "challenge sign-ins coming from Cloudflare's network",
        "--mcp-config",
        config,
        "--yes",
        "--debug",
        "--json",
      ],
      { env: openAi(model) },
    );
    expect(result.code, result.stderr).toBe(0);
    const rule = result.json<{ id: string; expression: string; action: string; description: string }>();
    expect(rule).toMatchObject({
      expression: "ip.asn.number == 13335",
      action: "CHALLENGE",
      description: "Challenge sign-ins from Cloudflare's network (AS13335)",
    });
    const stored = (await (await sandbox.bapi("GET", "/protect/rulesets/SIGN_IN/rules")).json()) as {
      rules: unknown[];
    };
    expect(stored.rules).toEqual([expect.objectContaining({ id: rule.id, expression: "ip.asn.number == 13335" })]);

    // What the model got: the schema's fields in the system prompt, the description, the MCP tool.
    expect(model.requests).toHaveLength(2);
    expect(model.remaining()).toBe(0);
    const [first, second] = model.requests;
    expect(first?.body.model).toBe("gpt-4.1-mini");
    const [system, user] = messagesOf(first);
    expect(system?.role).toBe("system");
    expect(system?.content).toContain("The rule runs on every SIGN_IN event (a sign-in attempt).");
    expect(system?.content).toContain("- ip.asn.number (INTEGER): Autonomous system number, e.g. 13335");
    expect(system?.content).toContain("- signIn.strategy (STRING)");
    expect(system?.content).not.toContain("phoneNumber");
    expect(user).toEqual({ role: "user", content: "challenge sign-ins coming from Cloudflare's network" });
    expect(first?.body.tools).toEqual([
      {
        type: "function",
        function: {
          name: "asn__lookup_asn",
          description: expect.stringContaining("Finds the autonomous system number (ASN) an organisation announces"),
          parameters: expect.objectContaining({
            type: "object",
            properties: { organization: expect.objectContaining({ type: "string" }) },
          }),
        },
      },
    ]);
    // The tool ran on the MCP server and its answer went back to the model.
    const toolTurn = messagesOf(second).slice(-2);
    expect(toolTurn[0]).toMatchObject({ role: "assistant", tool_calls: [{ function: { name: "asn__lookup_asn" } }] });
    expect(toolTurn[1]).toEqual({
      role: "tool",
      tool_call_id: "call_1_0",
      content: '{"organization":"Cloudflare, Inc.","asn":13335}',
    });
    // --debug shows each tool call and its result; the key never appears.
    expect(result.stderr).toContain('[debug] tool call asn.lookup_asn {"organization":"Cloudflare"}');
    expect(result.stderr).toContain(
      '[debug] tool result asn.lookup_asn: {"organization":"Cloudflare, Inc.","asn":13335}',
    );
    expect(result.stderr).toContain("[debug] model request 1 → openai gpt-4.1-mini, tools: asn__lookup_asn");
    expect(result.stderr).toContain("  expression   ip.asn.number == 13335");
    expect(result.stderr).not.toContain("sk-test-openai-0123456789");
    writeTranscript("openai-mcp-tool-call", model, result.stderr, rule);
  });

  test("Anthropic: an invalid first expression is sent back with the error, and the corrected one is used", async () => {
    const model = await startFakeAnthropic(
      [
        { toolCalls: [{ name: "asn__lookup_asn", arguments: { organization: "Hetzner" } }] },
        ruleAnswer("ip.asn.number == 24940 && emailAddress.disposable", "BLOCK", "Disposable emails from Hetzner"),
        ruleAnswer(
          "ip.asn.number == 24940 && emailAddress.is_disposable",
          "BLOCK",
          "Block disposable emails from Hetzner",
        ),
      ],
      "sk-ant-test-0123456789",
    );
    servers.push(model);
    const config = mcpConfig("asn-anthropic", { asn: asnServer });
    const result = await clerk(
      [
        "protect",
        "rules",
        "generate",
        "SIGN_UP",
        "block sign-ups with disposable emails from Hetzner",
        "--mcp-config",
        config,
        "--debug",
        "--json",
      ],
      { env: anthropic(model) },
    );
    expect(result.code, result.stderr).toBe(0);
    const generated = result.json<{
      expression: string;
      attempts: number;
      tool_calls: unknown[];
      provider: string;
      model: string;
    }>();
    expect(generated).toMatchObject({
      expression: "ip.asn.number == 24940 && emailAddress.is_disposable",
      action: "BLOCK",
      description: "Block disposable emails from Hetzner",
      attempts: 2,
      provider: "anthropic",
      model: "claude-sonnet-4-6",
      tool_calls: [
        {
          server: "asn",
          tool: "lookup_asn",
          arguments: { organization: "Hetzner" },
          result: '{"organization":"Hetzner Online GmbH","asn":24940}',
          is_error: false,
        },
      ],
      warnings: [],
    });
    expect(model.requests).toHaveLength(3);
    const first = model.requests[0]?.body;
    expect(first?.system).toContain("- emailAddress.is_disposable (BOOLEAN)");
    expect(first?.tools).toEqual([
      expect.objectContaining({ name: "asn__lookup_asn", input_schema: expect.objectContaining({ type: "object" }) }),
    ]);
    // The tool result travels in a user turn as Anthropic expects.
    expect(messagesOf(model.requests[1]).at(-1)).toEqual({
      role: "user",
      content: [
        {
          type: "tool_result",
          tool_use_id: "toolu_1_0",
          content: '{"organization":"Hetzner Online GmbH","asn":24940}',
        },
      ],
    });
    // The refused answer and the error with its position went back to the model.
    const retry = messagesOf(model.requests[2]);
    expect(retry.at(-2)).toMatchObject({
      role: "assistant",
      content: [{ type: "text", text: expect.stringContaining("emailAddress.disposable") }],
    });
    const feedback = ((retry.at(-1)?.content ?? []) as { text: string }[])[0]?.text;
    expect(feedback).toContain("That expression is invalid: unknown field emailAddress.disposable");
    expect(feedback).toContain("(line 1, column 40)");
    expect(feedback).toContain(
      "ip.asn.number == 24940 && emailAddress.disposable\n                                       ^^^^^^^^^^",
    );
    expect(result.stderr).toContain("[debug] answer 1 refused: unknown field emailAddress.disposable");
    // generate saves nothing.
    const stored = (await (await sandbox.bapi("GET", "/protect/rulesets/SIGN_UP/rules")).json()) as {
      rules: unknown[];
    };
    expect(stored.rules).toEqual([]);
    writeTranscript("anthropic-invalid-then-fixed", model, result.stderr, generated);
  });

  test("a tool server that fails to start is skipped with a warning; the model still answers", async () => {
    const model = await startFakeOpenAi([ruleAnswer("ip.privacy.is_tor", "BLOCK", "Block Tor")]);
    servers.push(model);
    const config = mcpConfig("broken", { broken: { command: join(scratch, "no-such-server") }, asn: asnServer });
    const result = await clerk(
      ["protect", "rules", "generate", "SIGN_IN", "block Tor exit nodes", "--mcp-config", config, "--json"],
      {
        env: openAi(model),
      },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/warning: MCP server "broken" could not start: .*Going on without its tools\./);
    expect(result.json()).toMatchObject({
      expression: "ip.privacy.is_tor",
      warnings: [expect.stringContaining('"broken"')],
    });
    expect(
      ((model.requests[0]?.body.tools ?? []) as { function: { name: string } }[]).map((t) => t.function.name),
    ).toEqual(["asn__lookup_asn"]);
  });

  test("the mcp.json in the config dir is the default; --no-tools offers none", async () => {
    const configDir = join(scratch, "config-with-mcp");
    mkdirSync(configDir, { recursive: true });
    writeFileSync(join(configDir, "mcp.json"), JSON.stringify({ servers: { asn: asnServer } }));
    const model = await startFakeOpenAi([ruleAnswer("ip.privacy.is_vpn", "BLOCK", "VPN")]);
    servers.push(model);
    const withDefault = await clerk(["protect", "rules", "generate", "SMS", "block VPNs", "--json"], {
      env: { ...openAi(model), CLERK_CONFIG_DIR: configDir },
    });
    expect(withDefault.code, withDefault.stderr).toBe(0);
    expect(model.requests[0]?.body.tools).toEqual([expect.objectContaining({ type: "function" })]);

    const bare = await startFakeOpenAi([ruleAnswer("ip.privacy.is_vpn", "BLOCK", "VPN")]);
    servers.push(bare);
    const noTools = await clerk(["protect", "rules", "generate", "SMS", "block VPNs", "--no-tools", "--json"], {
      env: { ...openAi(bare), CLERK_CONFIG_DIR: configDir },
    });
    expect(noTools.code, noTools.stderr).toBe(0);
    expect(bare.requests[0]?.body).not.toHaveProperty("tools");
  });

  test("gives up after three invalid answers; nothing is added", async () => {
    const model = await startFakeOpenAi([
      ruleAnswer("ip.asn", "BLOCK", "x"),
      { text: "I think you should block them." },
      ruleAnswer("ip.asn.number", "BLOCK", "x"),
    ]);
    servers.push(model);
    const result = await clerk(["protect", "rules", "add", "SIGN_IN", "--generate", "block bad networks", "--yes"], {
      env: openAi(model),
    });
    expect(result.code).toBe(1);
    const error = (JSON.parse(result.stderr.trim().split("\n").at(-1) as string) as { error: Record<string, unknown> })
      .error;
    expect(error).toMatchObject({
      code: "generation_failed",
      message:
        "The model gave no valid rule in 3 answers; the last one: the expression must be BOOLEAN (true or false), but it is INTEGER.",
      details: ["ip.asn.number", "^^^^^^^^^^^^^"],
    });
    expect(messagesOf(model.requests[2]).at(-1)?.content).toBe(
      'Your answer cannot be used: the answer is not a JSON object with an "expression". Answer again with only the JSON object.',
    );
    const stored = (await (await sandbox.bapi("GET", "/protect/rulesets/SIGN_IN/rules")).json()) as {
      rules: unknown[];
    };
    expect(stored.rules).toEqual([]);
  });

  test("asks before adding: refused without --yes when not interactive, confirmed on a terminal", async () => {
    const model = await startFakeOpenAi([
      ruleAnswer("botScore.risk > 0.9", "CHALLENGE", "Likely bots"),
      ruleAnswer("botScore.risk > 0.9", "CHALLENGE", "Likely bots"),
    ]);
    servers.push(model);
    const refused = await clerk(["protect", "rules", "add", "SIGN_UP", "-g", "challenge likely bots"], {
      env: openAi(model),
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("  expression   botScore.risk > 0.9");
    expect(refused.stderr).toContain("Add this rule to SIGN_UP? Refusing without confirmation.");

    // On a terminal: the rule is shown, the user says yes; --action overrides the model's choice.
    const session = runInTerminal(
      ["protect", "rules", "add", "SIGN_UP", "-g", "challenge likely bots", "--action", "BLOCK"],
      {
        ...env(),
        ...openAi(model),
      },
    );
    await session.waitFor("Add this rule to SIGN_UP?");
    expect(session.output()).toContain("  action       BLOCK");
    session.type(`y${KEYS.enter}`);
    expect(await session.exit, session.output()).toBe(0);
    const stored = (await (await sandbox.bapi("GET", "/protect/rulesets/SIGN_UP/rules")).json()) as {
      rules: unknown[];
    };
    expect(stored.rules).toEqual([
      expect.objectContaining({ expression: "botScore.risk > 0.9", action: "BLOCK", description: "Likely bots" }),
    ]);
  });

  test("clerk config set knows the AI settings: keys go to the credential store (or stay a !command), shown masked", async () => {
    const settingsEnv = { CLERK_CONFIG_DIR: join(scratch, "config-set"), CLERK_CREDENTIAL_STORE: "file" };
    const command = await clerk(["config", "set", "ai.openai.key", "!printf sk-from-command-42"], { env: settingsEnv });
    expect(command.code, command.stderr).toBe(0);
    const stored = await clerk(["config", "set", "ai.anthropic.key", "-"], {
      env: settingsEnv,
      input: "sk-ant-secret-value-1234\n",
    });
    expect(stored.stdout).toContain("stored in the credential file");
    await clerk(["config", "set", "ai.openai.model", "llama3.1"], { env: settingsEnv });
    const listed = await clerk(["config", "list", "--json"], { env: settingsEnv });
    const settings = listed.json<{ settings: Record<string, { value: string | null; detail: string }> }>().settings;
    expect(settings["ai.anthropic.key"]).toMatchObject({ value: "…1234", detail: 'profile "default" (file)' });
    expect(settings["ai.openai.key"]?.value).toBe("!printf sk-from-command-42");
    expect(settings["ai.openai.model"]?.value).toBe("llama3.1");
    expect(readFileSync(join(scratch, "config-set", "config.ini"), "utf8")).not.toContain("sk-ant-secret-value-1234");
  });

  test("a !command key in the profile runs when a rule is generated, and only then", async () => {
    const configDir = join(scratch, "config-command");
    mkdirSync(configDir, { recursive: true });
    const model = await startFakeOpenAi([ruleAnswer("ip.privacy.is_proxy", "BLOCK", "Proxies")], "sk-from-command-42");
    servers.push(model);
    const marker = join(configDir, "command-ran");
    writeFileSync(
      join(configDir, "config.ini"),
      `[default]\nai.provider = openai\nai.openai.url = ${model.url}\nai.openai.model = llama3.1\n` +
        `ai.openai.key = !touch ${marker} && printf sk-from-command-42\n`,
    );
    const other = await clerk(["protect", "rules", "list", "SIGN_IN", "--json"], {
      env: { CLERK_CONFIG_DIR: configDir },
    });
    expect(other.code, other.stderr).toBe(0);
    expect(existsSync(marker)).toBe(false);
    const generated = await clerk(
      ["protect", "rules", "generate", "SIGN_IN", "block proxies", "--no-tools", "--json"],
      {
        env: { CLERK_CONFIG_DIR: configDir },
      },
    );
    expect(generated.code, generated.stderr).toBe(0);
    expect(generated.json()).toMatchObject({
      provider: "openai",
      model: "llama3.1",
      expression: "ip.privacy.is_proxy",
    });
    expect(model.requests[0]?.credential).toBe("sk-from-command-42");
    expect(existsSync(marker)).toBe(true);
  });

  test("no configured model, or an unknown provider, is an error naming the fix", async () => {
    const none = await clerk(["protect", "rules", "generate", "SIGN_IN", "block proxies"], {
      env: { CLERK_CONFIG_DIR: join(scratch, "empty-config") },
    });
    expect(none.code).toBe(1);
    expect(JSON.parse(none.stderr).error).toMatchObject({
      code: "ai_not_configured",
      message: "No AI model is configured for writing rules.",
      hint: expect.stringContaining("OPENAI_API_KEY or ANTHROPIC_API_KEY"),
    });
    const badProvider = await clerk(["protect", "rules", "generate", "SIGN_IN", "block proxies"], {
      env: { CLERK_AI_PROVIDER: "gemini", CLERK_CONFIG_DIR: join(scratch, "empty-config") },
    });
    expect(JSON.parse(badProvider.stderr).error.message).toBe(
      'ai.provider must be openai or anthropic, not "gemini" (CLERK_AI_PROVIDER).',
    );
  });
});
