import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { parseBody } from "../../core/http";
import { requireDomain } from "./store";

const checkBody = z.object({ domain_id: z.string().min(1), proxy_url: z.string().min(1) });

/**
 * `POST /proxy_checks`. Clerk sends a request through the proxy to its Frontend API; the
 * sandbox has no Frontend API to reach, so it checks what it can: the domain exists and the
 * proxy URL is an absolute https URL on that domain (or a subdomain of it), as Clerk requires.
 */
export function proxyCheckRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.post("/proxy_checks", async (request) => {
    const body = parseBody(checkBody, request.body);
    const domain = requireDomain(sb, request.instance, body.domain_id);
    const url = URL.canParse(body.proxy_url) ? new URL(body.proxy_url) : undefined;
    const onDomain = url && (url.hostname === domain.name || url.hostname.endsWith(`.${domain.name}`));
    if (url?.protocol !== "https:" || !onDomain) {
      throw errors.badRequest(
        "proxy_url_invalid",
        "invalid proxy URL",
        `proxy_url must be an https URL on ${domain.name}, such as https://${domain.name}/__clerk.`,
        { param_name: "proxy_url" },
      );
    }
    const now = sb.clock.now();
    return {
      object: "proxy_check",
      id: sb.newId("proxychk"),
      domain_id: domain.id,
      proxy_url: body.proxy_url,
      successful: true,
      last_run_at: now,
      created_at: now,
      updated_at: now,
    };
  });
}
