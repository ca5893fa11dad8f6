import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Local stand-ins for an OpenAI-compatible and an Anthropic-compatible API, started by a test:
 * the real SDKs talk real HTTP to them and each reply is scripted per test. They record what
 * they were sent, so a test can check the request the model got.
 */

/** What the model "says" on one turn: text, tool calls, or both. */
export interface Turn {
  text?: string;
  toolCalls?: { name: string; arguments: Record<string, unknown> }[];
}

export interface RecordedRequest {
  path: string;
  /** The credential the SDK sent (`x-api-key` or the bearer token). */
  credential: string | undefined;
  body: Record<string, unknown>;
}

export interface FakeModelServer {
  /** The base URL to configure (`…/v1` for OpenAI, the origin for Anthropic, as their SDKs expect). */
  url: string;
  requests: RecordedRequest[];
  /** Turns not yet used: a test checks the model was asked exactly as often as scripted. */
  remaining(): number;
  close(): Promise<void>;
}

type Flavour = "openai" | "anthropic";

function openAiReply(turn: Turn, model: unknown, n: number) {
  const toolCalls = (turn.toolCalls ?? []).map((call, i) => ({
    id: `call_${n}_${i}`,
    type: "function",
    function: { name: call.name, arguments: JSON.stringify(call.arguments) },
  }));
  return {
    id: `chatcmpl-${n}`,
    object: "chat.completion",
    created: 1_735_689_600,
    model,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: turn.text ?? null,
          ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
          refusal: null,
        },
        finish_reason: toolCalls.length ? "tool_calls" : "stop",
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

function anthropicReply(turn: Turn, model: unknown, n: number) {
  const content = [
    ...(turn.text ? [{ type: "text", text: turn.text }] : []),
    ...(turn.toolCalls ?? []).map((call, i) => ({
      type: "tool_use",
      id: `toolu_${n}_${i}`,
      name: call.name,
      input: call.arguments,
    })),
  ];
  return {
    id: `msg_${n}`,
    type: "message",
    role: "assistant",
    model,
    content,
    stop_reason: turn.toolCalls?.length ? "tool_use" : "end_turn",
    stop_sequence: null,
    usage: { input_tokens: 1, output_tokens: 1 },
  };
}

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

async function start(flavour: Flavour, turns: Turn[], expectedKey?: string): Promise<FakeModelServer> {
  const script = [...turns];
  const requests: RecordedRequest[] = [];
  const endpoint = flavour === "openai" ? "/v1/chat/completions" : "/v1/messages";
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    // Anthropic's SDK has sent the key as `x-api-key` and, in newer versions, as a bearer token.
    const credential =
      (request.headers["x-api-key"] as string | undefined) ?? request.headers.authorization?.replace(/^Bearer /, "");
    requests.push({ path: request.url ?? "", credential, body });
    if (request.method !== "POST" || request.url !== endpoint) {
      return send(response, 404, { error: { type: "not_found", message: `No ${request.method} ${request.url}` } });
    }
    if (expectedKey !== undefined && credential !== expectedKey) {
      return send(response, 401, { error: { type: "authentication_error", message: "invalid api key" } });
    }
    const turn = script.shift();
    if (!turn) return send(response, 400, { error: { type: "invalid_request_error", message: "unscripted request" } });
    const n = requests.length;
    send(response, 200, flavour === "openai" ? openAiReply(turn, body.model, n) : anthropicReply(turn, body.model, n));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: flavour === "openai" ? `${origin}/v1` : origin,
    requests,
    remaining: () => script.length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const startFakeOpenAi = (turns: Turn[], expectedKey?: string) => start("openai", turns, expectedKey);
export const startFakeAnthropic = (turns: Turn[], expectedKey?: string) => start("anthropic", turns, expectedKey);

/** A model answer with a rule, as the prompt asks for it. */
export const ruleAnswer = (expression: string, action: string, description: string): Turn => ({
  text: JSON.stringify({ expression, action, description }),
});
