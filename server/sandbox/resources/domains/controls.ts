import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { parseBody } from "../../core/http";
import { advanceDomain, domainStatus } from "./status";
import { domainInstance, findAnyDomain } from "./store";

const advanceBody = z.object({
  fail: z.boolean().default(false),
  failure_hints: z.array(z.object({ code: z.string().min(1), message: z.string().min(1) })).optional(),
});

/**
 * `POST /__sandbox/domains/{domainIDOrName}/advance`: moves a production domain's simulated
 * setup one step forward (dns → ssl → mail → complete), or with `fail: true` fails the current
 * step, optionally with the given `failure_hints`. See status.ts for the states.
 */
export function domainControls(app: FastifyInstance, sb: SandboxContext): void {
  app.post<{ Params: { domain: string } }>("/__sandbox/domains/:domain/advance", async (request) => {
    const body = parseBody(advanceBody, request.body);
    const row = findAnyDomain(sb, request.params.domain);
    if (!row) throw errors.notFound("Domain");
    const instance = domainInstance(sb, row);
    const next = sb.tx(() =>
      advanceDomain(sb, row, instance, body.fail ? { hints: body.failure_hints ?? null } : null),
    );
    return { domain_id: next.id, stage: next.stage, ...domainStatus(next, instance) };
  });
}
