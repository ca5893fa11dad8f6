import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { parseBody } from "../../core/http";
import { requireUser } from "../users/repo";
import { issueTokens, normalizeScopes, type OAuthApplicationRow } from "./repo";

const grantBody = z.object({ user_id: z.string().min(1), scopes: z.string().nullish() });

/**
 * `POST /__sandbox/oauth_applications/{id}/grant`: what a user signing in through the
 * application and consenting does in Clerk (the Frontend API's authorize and token endpoints,
 * which the sandbox does not serve). Answers the token endpoint's body.
 */
export function oauthApplicationControls(app: FastifyInstance, sb: SandboxContext): void {
  app.post<{ Params: { oauth_application_id: string } }>(
    "/__sandbox/oauth_applications/:oauth_application_id/grant",
    async (request) => {
      const body = parseBody(grantBody, request.body);
      const application = sb
        .stmt("SELECT * FROM oauth_applications WHERE id = ?")
        .get(request.params.oauth_application_id) as OAuthApplicationRow | undefined;
      if (!application) throw errors.notFound("OAuth application");
      requireUser(sb, application.instance_id, body.user_id);
      const scopes = body.scopes ? normalizeScopes(body.scopes) : application.scopes;
      const allowed = application.scopes.split(" ");
      const extra = scopes.split(" ").filter((scope) => scope !== "" && !allowed.includes(scope));
      if (extra.length) {
        throw errors.paramValueInvalid("scopes", `The application does not allow ${extra.join(", ")}.`);
      }
      return sb.tx(() => issueTokens(sb, application, body.user_id, scopes));
    },
  );
}
