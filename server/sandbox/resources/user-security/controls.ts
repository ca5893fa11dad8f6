import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { parseBody } from "../../core/http";
import { enrolTrustedDevice, serializeTrustedDevice } from "./trusted-devices";

const enrolBody = z.object({
  platform: z.enum(["ios", "android"]),
  app_identifier: z.string().min(1),
  name: z.string().min(1).nullish(),
});

/**
 * `POST /__sandbox/users/{id}/trusted_devices`: what a native app does when the user trusts
 * the device (through Clerk's Frontend API, which the sandbox does not serve).
 */
export function userSecurityControls(app: FastifyInstance, sb: SandboxContext): void {
  app.post<{ Params: { user_id: string } }>("/__sandbox/users/:user_id/trusted_devices", async (request) => {
    const body = parseBody(enrolBody, request.body);
    if (!sb.stmt("SELECT 1 FROM users WHERE id = ?").get(request.params.user_id)) throw errors.notFound("User");
    return serializeTrustedDevice(sb.tx(() => enrolTrustedDevice(sb, request.params.user_id, body)));
  });
}
