import type { FastifyInstance } from "fastify";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { instanceById } from "../../tenancy/instances";
import { frontendCookies } from "./frontend-cookies";
import { endSession, type SessionRow, serializeSession } from "./repo";

/**
 * `/__sandbox/sessions/{id}/end|remove`: what a user does in Clerk's frontend, which the sandbox
 * does not serve: sign out (`ended`) or remove the session from the device (`removed`).
 */
export function sessionControls(app: FastifyInstance, sb: SandboxContext): void {
  for (const [action, status] of [
    ["end", "ended"],
    ["remove", "removed"],
  ] as const) {
    app.post<{ Params: { session_id: string } }>(`/__sandbox/sessions/:session_id/${action}`, async (request) => {
      const row = sb.stmt("SELECT * FROM sessions WHERE id = ?").get(request.params.session_id) as
        | SessionRow
        | undefined;
      if (!row) throw errors.notFound("Session");
      return serializeSession(
        sb.tx(() => endSession(sb, row, status)),
        sb.clock.now(),
      );
    });
  }

  // The cookies Clerk's Frontend API would have set for the session (see frontend-cookies.ts).
  app.post<{ Params: { session_id: string } }>("/__sandbox/sessions/:session_id/cookies", async (request) => {
    const row = sb.stmt("SELECT * FROM sessions WHERE id = ?").get(request.params.session_id) as SessionRow | undefined;
    if (!row) throw errors.notFound("Session");
    const instance = instanceById(sb, row.instance_id);
    if (!instance) throw errors.notFound("Instance");
    return frontendCookies(sb, instance, row);
  });
}
