import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors, SandboxApiError } from "../../core/errors";
import { parseBody } from "../../core/http";
import { type InstanceRecord, instanceById } from "../../tenancy/instances";
import { createSession } from "../sessions/repo";
import { assertInProgress, completeSignUp, type SignUpRow, serializeSignUp, startSignUp } from "./repo";

const startBody = z.object({
  publishable_key: z.string().min(1),
  email_address: z.string().min(1).nullish(),
  phone_number: z.string().min(1).nullish(),
  username: z.string().min(1).nullish(),
  first_name: z.string().min(1).nullish(),
  last_name: z.string().min(1).nullish(),
  password: z.string().min(1).nullish(),
  unsafe_metadata: z.record(z.string(), z.unknown()).nullish(),
});

/**
 * What a browser does through Clerk's Frontend API, which the sandbox does not serve:
 * `POST /__sandbox/sign_ups` starts a sign-up on the instance of `publishable_key`;
 * `POST /__sandbox/sign_ups/{id}/complete` verifies its email address and finishes it, creating
 * the user (through `POST /users`, with the external id a backend set) and a session.
 */
export function signUpControls(app: FastifyInstance, sb: SandboxContext): void {
  app.post("/__sandbox/sign_ups", async (request) => {
    const body = parseBody(startBody, request.body);
    const instance = sb.stmt("SELECT * FROM instances WHERE publishable_key = ?").get(body.publishable_key) as
      | InstanceRecord
      | undefined;
    if (!instance) throw errors.notFound("Instance");
    const row = sb.tx(() =>
      startSignUp(sb, instance, {
        email_address: body.email_address ?? null,
        phone_number: body.phone_number ?? null,
        username: body.username ?? null,
        first_name: body.first_name ?? null,
        last_name: body.last_name ?? null,
        password: body.password ?? null,
        unsafe_metadata: body.unsafe_metadata ?? {},
      }),
    );
    return serializeSignUp(instance, row, sb.clock.now());
  });

  app.post<{ Params: { id: string } }>("/__sandbox/sign_ups/:id/complete", async (request) => {
    const row = sb.stmt("SELECT * FROM sign_ups WHERE id = ?").get(request.params.id) as SignUpRow | undefined;
    if (!row) throw errors.notFound("Sign up");
    const instance = instanceById(sb, row.instance_id);
    if (!instance) throw errors.notFound("Instance");
    assertInProgress(sb, instance, row);
    const missing = serializeSignUp(instance, row, sb.clock.now()).missing_fields;
    if (missing.length) throw errors.paramMissing(missing[0] as string);
    const created = await app.inject({
      method: "POST",
      url: "/v1/users",
      headers: { authorization: `Bearer ${instance.secret_key}`, "content-type": "application/json" },
      payload: {
        email_address: row.email_address ? [row.email_address] : undefined,
        phone_number: row.phone_number ? [row.phone_number] : undefined,
        username: row.username,
        first_name: row.first_name,
        last_name: row.last_name,
        password: row.password,
        external_id: row.external_id,
        unsafe_metadata: JSON.parse(row.unsafe_metadata) as Record<string, unknown>,
      },
    });
    const user = created.json() as { id: string; errors?: SandboxApiError["errors"] };
    if (created.statusCode !== 200) throw new SandboxApiError(created.statusCode, user.errors ?? []);
    const completed = sb.tx(() => {
      const session = createSession(sb, instance, user.id);
      return completeSignUp(sb, row, user.id, session.id);
    });
    return serializeSignUp(instance, completed, sb.clock.now());
  });
}
