import { timingSafeEqual } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import cookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance } from "fastify";
import { z } from "zod";
import type { Action } from "../../shared/actions/action";
import { SERVER_OPTIONS } from "../http/fastify-options";
import { registerActionRoutes } from "./actions";
import type { PanelBackend } from "./backend";
import { CALLBACK_PATH, loginStatus, registerLoginRoutes } from "./login-routes";
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
}

export const CONTROL_PATH = "/__control/launch";

export interface PanelServer {
  app: FastifyInstance;
  sessions: PanelSessions;
  /** Starts listening on 127.0.0.1; resolves to the port. */
  listen(port: number): Promise<number>;
  /** A fresh single-use URL that opens the panel (codes cannot be reused). */
  launchUrl(path?: string): string;
  origin(): string;
  close(): Promise<void>;
}

export const LAUNCH_PATH = "/launch";

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The `clerk ui` server: the built panel, the typed action API, the OAuth callback. */
export function createPanelServer(options: PanelServerOptions): PanelServer {
  const app = Fastify({ ...SERVER_OPTIONS, bodyLimit: 2 * 1024 * 1024 });
  const sessions = new PanelSessions();
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

    scope.get<{ Querystring: { code?: string; to?: string } }>(LAUNCH_PATH, async (request, reply) => {
      const session = request.query.code ? sessions.redeem(request.query.code) : undefined;
      if (!session) {
        return reply
          .code(403)
          .type("text/html")
          .send(
            "<!doctype html><p>This launch link was already used or has expired. Press <kbd>o</kbd> in the terminal running <code>clerk ui</code> for a new one.</p>",
          );
      }
      reply.setCookie(cookieName(port), session, { httpOnly: true, sameSite: "strict", path: "/", secure: false });
      // Redirect so the single-use code leaves the address bar and history.
      const to = request.query.to?.startsWith("/") && !request.query.to.startsWith("//") ? request.query.to : "/";
      return reply.redirect(to, 303);
    });

    scope.post<{ Body: { path?: string } }>(CONTROL_PATH, async (request, reply) => {
      const sent = /^Bearer (\S+)$/.exec(request.headers.authorization ?? "")?.[1];
      if (!options.controlToken || !sent || !safeEqual(sent, options.controlToken)) {
        return reply
          .code(401)
          .send({ error: { status: 401, code: "control_token_invalid", message: "Invalid control token." } });
      }
      const path =
        typeof request.body?.path === "string" && request.body.path.startsWith("/") ? request.body.path : "/";
      return { launch_url: launchUrl(path) };
    });

    const info = async () => ({ ...(await options.backend.info()), login: await loginStatus(options.backend) });
    scope.get("/api/info", info);
    scope.post("/api/target", async (request) => {
      const body = z.object({ application_id: z.string(), instance: z.string() }).parse(request.body);
      await options.backend.setTarget(body.application_id, body.instance);
      return info();
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

  function launchUrl(path = "/") {
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
