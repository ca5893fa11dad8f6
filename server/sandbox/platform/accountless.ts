import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../core/context";
import { errors } from "../core/errors";
import { parseBody } from "../core/http";
import { randomToken } from "../core/ids";
import { applicationById, createApplication, instancesOfApplication } from "../tenancy/instances";
import { serializeApplication } from "./applications";

const claimBody = z.strictObject({ token: z.string().min(1), name: z.string().trim().min(1).max(50) });

const sha256 = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * `POST /accountless_applications/claim`: an accountless application (keyless mode: made
 * without a Clerk account) joins the workspace under the given name; its single-use claim
 * token is spent. Until claimed, the Platform API does not list or find it.
 */
export function accountlessRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.post("/accountless_applications/claim", async (request) => {
    const body = parseBody(claimBody, request.body);
    const application = sb.tx(() => {
      const applicationId = sb
        .stmt("SELECT application_id FROM platform_accountless_applications WHERE claim_token_sha256 = ?")
        .pluck()
        .get(sha256(body.token)) as string | undefined;
      if (!applicationId) throw errors.notFound("Accountless application");
      sb.stmt("DELETE FROM platform_accountless_applications WHERE application_id = ?").run(applicationId);
      sb.stmt("UPDATE applications SET name = ?, updated_at = ? WHERE id = ?").run(
        body.name,
        sb.clock.now(),
        applicationId,
      );
      return applicationById(sb, applicationId);
    });
    if (!application) throw errors.notFound("Accountless application");
    return serializeApplication(application, instancesOfApplication(sb, application.id), false);
  });
}

/**
 * `POST /__sandbox/accountless_applications`: what Clerk's keyless mode does for an app started
 * without keys: a development-only application, its keys and the token that claims it.
 */
export function accountlessControls(app: FastifyInstance, sb: SandboxContext): void {
  app.post("/__sandbox/accountless_applications", async () => {
    const token = randomToken(sb.random, 32);
    const { application, instances } = sb.tx(() => {
      const created = createApplication(sb, "Accountless application", ["development"]);
      sb.stmt(
        "INSERT INTO platform_accountless_applications (application_id, claim_token_sha256, created_at) VALUES (?, ?, ?)",
      ).run(created.application.id, sha256(token), sb.clock.now());
      return created;
    });
    const [development] = instances;
    return {
      application_id: application.id,
      publishable_key: development?.publishable_key,
      secret_key: development?.secret_key,
      claim_token: token,
    };
  });
}
