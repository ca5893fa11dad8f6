import { timingSafeEqual } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import cookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance } from "fastify";
import { z } from "zod";
import type { Action } from "../../shared/actions/action";
import type { AiStatus } from "../../shared/ai/types";
import { SERVER_OPTIONS } from "../http/fastify-options";
import { registerActionRoutes, sendActionError } from "./actions";
import type { PanelBackend } from "./backend";
import { CALLBACK_PATH, loginStatus, registerLoginRoutes } from "./login-routes";
import { panelPath } from "./panel-path";
import { containsSecret } from "./secrets-guard";
import { cookieName, installSecurity } from "./security";
import { PanelSessions } from "./session";

export interface PanelServerOptions {
  backend: PanelBackend;
  catalog: readonly Action[];
  /** The built panel (Vite output); only files in it are ever served. */
  staticDir: string;
  /**
   * Lets `clerk ui --reopen` (another process of the same user, reading a 0600 state file)
   * ask for a fresh launch link: `POST /__control/launch` with this bearer token.
   */
  controlToken?: string;
  /** The clock of launch codes and their throttle (tests move it). */
  now?: () => number;
}

export const CONTROL_PATH = "/__control/launch";

export interface PanelServer {
  app: FastifyInstance;
  sessions: PanelSessions;
  /** Starts listening on 127.0.0.1; resolves to the port. */
  listen(port: number): Promise<number>;
  /** A fresh single-use URL that opens the panel at `path` (its home when `path` is not on the panel). */
  launchUrl(path?: string): string;
  origin(): string;
  close(): Promise<void>;
}

export const LAUNCH_PATH = "/launch";

/** A launch link's query: one code, at most one `to` (repeated parameters arrive as arrays). */
const launchQuery = z.object({ code: z.string().min(1), to: z.string().optional() });

/** `POST /api/target`: the application and instance (`development`, `production` or `ins_…`) to work on. */
const targetBody = z.object({ application_id: z.string().min(1), instance: z.string().min(1) });

const launchPage = (text: string) =>
  `<!doctype html><p>${text} Press <kbd>o</kbd> in the terminal running <code>clerk ui</code> (or run <code>clerk ui --reopen</code>) for a new link.</p>`;

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The `clerk ui` server: the built panel, the typed action API, the OAuth callback. */
export function createPanelServer(options: PanelServerOptions): PanelServer {
  const app = Fastify({ ...SERVER_OPTIONS, bodyLimit: 2 * 1024 * 1024 });
  const sessions = new PanelSessions(options.now);
  let port = 0;
  const origin = () => `http://127.0.0.1:${port}`;

  app.register(cookie);
  app.register(async (scope) => {
    installSecurity(scope, {
      port: () => port,
      isSession: (token) => sessions.isSession(token),
      publicPaths: [LAUNCH_PATH, CALLBACK_PATH, CONTROL_PATH],
    });

    scope.addHook("onSend", async (request, reply, payload) => {
      if (!request.url.startsWith("/api/") || typeof payload !== "string") return payload;
      if (!containsSecret(payload, options.backend.secrets())) return payload;
      process.stderr.write(`clerk ui: refused to send a secret in the response to ${request.method} ${request.url}\n`);
      reply.code(500).type("application/json");
      return JSON.stringify({
        error: {
          status: 500,
          code: "secret_withheld",
          message: "The response contained a secret and was withheld.",
          // The action itself ran: say so, or a person retries a creation that already happened.
          hint: "The panel never receives secret keys. If this action changes something, that change was made; run its CLI line to see the whole answer.",
        },
      });
    });

    scope.get(LAUNCH_PATH, async (request, reply) => {
      reply.type("text/html").header("cache-control", "no-store");
      // Only a browser's GET opens the panel: link scanners and prefetchers (HEAD, or a GET
      // marked as a prefetch) must not use up the single-use code.
      const purpose = `${request.headers["sec-purpose"] ?? ""} ${request.headers.purpose ?? ""}`;
      if (request.method !== "GET" || purpose.includes("prefetch")) {
        return reply.code(request.method === "GET" ? 503 : 200).send(launchPage("Open this link in a browser."));
      }
      const query = launchQuery.safeParse(request.query);
      const to = query.success ? panelPath(query.data.to ?? "/", origin()) : undefined;
      if (!query.success || to === undefined) {
        return reply.code(400).send(launchPage("This launch link is malformed. Open the link exactly as printed."));
      }
      const wait = sessions.retryAfterSeconds();
      if (wait > 0) {
        return reply
          .code(429)
          .header("retry-after", String(wait))
          .send(launchPage(`Too many wrong launch links. Try again in ${wait} seconds.`));
      }
      const session = sessions.redeem(query.data.code);
      if (!session) return reply.code(403).send(launchPage("This launch link was already used or has expired."));
      reply.setCookie(cookieName(port), session, { httpOnly: true, sameSite: "strict", path: "/", secure: false });
      // Redirect so the single-use code leaves the address bar and history.
      return reply.redirect(to, 303);
    });

    scope.post<{ Body: { path?: unknown } }>(CONTROL_PATH, async (request, reply) => {
      const sent = /^Bearer (\S+)$/.exec(request.headers.authorization ?? "")?.[1];
      if (!options.controlToken || !sent || !safeEqual(sent, options.controlToken)) {
        return reply
          .code(401)
          .send({ error: { status: 401, code: "control_token_invalid", message: "Invalid control token." } });
      }
      const wanted = request.body?.path ?? "/";
      const path = typeof wanted === "string" ? panelPath(wanted, origin()) : undefined;
      if (path === undefined) {
        return reply.code(400).send({
          error: {
            status: 400,
            code: "invalid_path",
            message: "The path must be a path on the panel, such as /users.",
          },
        });
      }
      return { launch_url: launchUrl(path) };
    });

    const info = async () => ({ ...(await options.backend.info()), login: await loginStatus(options.backend) });
    scope.get("/api/info", info);
    scope.post("/api/target", async (request, reply) => {
      try {
        const body = targetBody.parse(request.body ?? {});
        await options.backend.setTarget(body.application_id, body.instance);
        return await info();
      } catch (error) {
        return sendActionError(reply, error);
      }
    });
    // Whether Protect's "Write the rule" can work: the model's settings, never its key.
    scope.get("/api/ai", async (_request, reply) => {
      const controller = new AbortController();
      reply.raw.on("close", () => {
        if (!reply.raw.writableFinished) controller.abort(new Error("client went away"));
      });
      try {
        const { ai } = await options.backend.context(controller.signal);
        const status: AiStatus = ai?.status
          ? await ai.status()
          : { available: false, message: "No AI model is available here." };
        return status;
      } catch (error) {
        return sendActionError(reply, error);
      }
    });
    registerActionRoutes(scope, options.catalog, options.backend);
    registerLoginRoutes(scope, options.backend);

    if (existsSync(options.staticDir)) {
      await scope.register(fastifyStatic, { root: options.staticDir, index: false, wildcard: false, dotfiles: "deny" });
      // Panel routes (`/users/user_123`) all load the app shell.
      const shell = join(options.staticDir, "index.html");
      scope.setNotFoundHandler(async (request, reply) => {
        if (request.method !== "GET" || request.url.startsWith("/api/") || !existsSync(shell)) {
          return reply.code(404).send({ error: { status: 404, code: "not_found", message: "Not found" } });
        }
        return reply.type("text/html").sendFile("index.html");
      });
    }
  });

  function launchUrl(wanted = "/") {
    // The launch route would refuse a `to` off the panel: such a link opens the panel's home.
    const path = panelPath(wanted, origin()) ?? "/";
    const code = sessions.issueLaunchCode();
    return `${origin()}${LAUNCH_PATH}?code=${code}${path === "/" ? "" : `&to=${encodeURIComponent(path)}`}`;
  }

  return {
    app,
    sessions,
    origin,
    async listen(requested) {
      await app.listen({ host: "127.0.0.1", port: requested });
      const address = app.server.address();
      port = typeof address === "object" && address ? address.port : requested;
      return port;
    },
    launchUrl,
    close: () => app.close(),
  };
}
