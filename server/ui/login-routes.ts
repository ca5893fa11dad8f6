import type { FastifyInstance, FastifyReply } from "fastify";
import type { LoginStatus } from "../../shared/panel-info";
import type { PanelBackend } from "./backend";

/** Where the OAuth server sends the browser back: this same server. */
export const CALLBACK_PATH = "/oauth/callback";

const escapeHtml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string, refresh?: string): string {
  // A meta refresh (not a redirect) so the next request is a same-site navigation and the
  // SameSite=Strict session cookie comes along again.
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="color-scheme" content="light dark"><title>${escapeHtml(title)} · Clerk panel</title>${
    refresh ? `<meta http-equiv="refresh" content="0;url=${refresh}">` : ""
  }</head><body><h1>${escapeHtml(title)}</h1><p>${body}</p></body></html>`;
}

/** The OAuth server unreachable, the credential store locked…: the message and its fix. */
function sendLoginError(reply: FastifyReply, error: unknown) {
  const { message, hint, code } = error as { message?: unknown; hint?: unknown; code?: unknown };
  return reply.code(502).send({
    error: {
      status: 502,
      code: typeof code === "string" ? code : "login_failed",
      message: typeof message === "string" ? message : String(error),
      ...(typeof hint === "string" ? { hint } : {}),
    },
  });
}

const BACK = '<a href="/">Back to the panel</a>';

/** The header's login state; `available: false` when the panel cannot log in (`--sandbox`, a platform key). */
export async function loginStatus(backend: PanelBackend): Promise<LoginStatus> {
  if (!backend.login) return { available: false, logged_in: false };
  return { available: true, ...(await backend.login.status()) };
}

/**
 * "Log in with Clerk": `POST /api/auth/login` (a session and the CSRF header, like every
 * state-changing route) answers the consent page's URL; the OAuth server sends the browser
 * back to `/oauth/callback` here, which is reachable without a session and guarded by the
 * single-use `state` instead.
 */
export function registerLoginRoutes(app: FastifyInstance, backend: PanelBackend): void {
  const login = backend.login;
  if (!login) return;
  app.post("/api/auth/login", async (request, reply) => {
    try {
      // The Host was checked against this server's own loopback names: the callback goes back
      // to the very name the browser uses, whose cookie holds the session.
      const { authorizeUrl } = await login.begin(`http://${request.headers.host}${CALLBACK_PATH}`);
      return { authorize_url: authorizeUrl };
    } catch (error) {
      return sendLoginError(reply, error);
    }
  });
  app.post("/api/auth/logout", async (_request, reply) => {
    try {
      return { logged_out: true, ...(await login.logout()) };
    } catch (error) {
      return sendLoginError(reply, error);
    }
  });
  app.get<{
    Querystring: { code?: string; state?: string; iss?: string; error?: string; error_description?: string };
  }>(CALLBACK_PATH, async (request, reply) => {
    const { code, state, iss, error, error_description } = request.query;
    reply.type("text/html");
    if (error) {
      const why = error === "access_denied" ? "you denied the request" : (error_description ?? error);
      return reply.code(400).send(page("Login cancelled", `Login did not complete: ${escapeHtml(why)}. ${BACK}.`));
    }
    if (!code || !state) {
      return reply.code(400).send(page("Login failed", `The login response is missing its code or state. ${BACK}.`));
    }
    try {
      await login.complete({ code, state, ...(iss ? { iss } : {}) });
    } catch (failure) {
      return reply
        .code(400)
        .send(page("Login failed", `Login failed: ${escapeHtml((failure as Error).message)} ${BACK}.`));
    }
    return reply.send(page("Logged in", `Logged in. <a href="/">Continue to the panel</a>.`, "/"));
  });
}
