import type { FastifyInstance } from "fastify";
import type { PanelBackend } from "./backend";

/** Where the OAuth server sends the browser back: this same server. */
export const CALLBACK_PATH = "/oauth/callback";

function page(title: string, body: string, refresh?: string): string {
  // A meta refresh (not a redirect) so the next request is a same-site navigation and the
  // SameSite=Strict session cookie comes along again.
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${
    refresh ? `<meta http-equiv="refresh" content="0;url=${refresh}">` : ""
  }</head><body><p>${body}</p></body></html>`;
}

const escapeHtml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** "Log in with Clerk" from the panel: PKCE and state are handled by the backend's login. */
export function registerLoginRoutes(app: FastifyInstance, backend: PanelBackend, origin: () => string): void {
  const login = backend.login;
  if (!login) return;
  app.post("/api/auth/login", async () => {
    const { authorizeUrl } = await login.begin(`${origin()}${CALLBACK_PATH}`);
    return { authorize_url: authorizeUrl };
  });
  app.post("/api/auth/logout", async () => {
    await login.logout();
    return { logged_out: true };
  });
  app.get<{ Querystring: { code?: string; state?: string; error?: string; error_description?: string } }>(
    CALLBACK_PATH,
    async (request, reply) => {
      const { code, state, error, error_description } = request.query;
      reply.type("text/html");
      if (error) {
        return reply
          .code(400)
          .send(
            page(
              "Login cancelled",
              `Login did not complete: ${escapeHtml(error_description ?? error)}. <a href="/">Back to the panel</a>.`,
            ),
          );
      }
      if (!code || !state)
        return reply.code(400).send(page("Login failed", "The login response is missing its code or state."));
      try {
        await login.complete(code, state, `${origin()}${CALLBACK_PATH}`);
      } catch (failure) {
        return reply
          .code(400)
          .send(
            page(
              "Login failed",
              `Login failed: ${escapeHtml((failure as Error).message)}. <a href="/">Back to the panel</a>.`,
            ),
          );
      }
      return reply.send(page("Logged in", 'Logged in. <a href="/">Continue to the panel</a>.', "/"));
    },
  );
}
