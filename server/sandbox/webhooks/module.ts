import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../core/context";
import { errors } from "../core/errors";
import { parseBody } from "../core/http";
import type { SandboxModule } from "../core/module";
import { WebhookEndpointError, webhookDispatcher } from "./dispatcher";

const endpointBody = z.object({
  url: z.string(),
  /** Waits before each retry (tests use short ones); the default is about half a minute in all. */
  retry_delays_ms: z.array(z.number().int().min(0).max(60_000)).max(10).optional(),
});

/**
 * `/__sandbox/webhooks`: endpoints added at run time (as `clerk sandbox --webhook` does at start),
 * the delivery log, and `settle`, which answers once every queued delivery is done.
 */
function webhookControls(app: FastifyInstance, sb: SandboxContext): void {
  const state = () => ({
    endpoints: webhookDispatcher(sb).listEndpoints(),
    deliveries: webhookDispatcher(sb).deliveries(),
  });

  app.get("/__sandbox/webhooks", async () => state());

  app.post("/__sandbox/webhooks", async (request) => {
    const body = parseBody(endpointBody, request.body);
    try {
      return webhookDispatcher(sb).addEndpoint(body.url, body.retry_delays_ms);
    } catch (error) {
      if (error instanceof WebhookEndpointError) throw errors.paramValueInvalid("url", error.message);
      throw error;
    }
  });

  app.post("/__sandbox/webhooks/settle", async () => {
    await webhookDispatcher(sb).settled();
    return state();
  });

  app.delete<{ Params: { endpoint_id: string } }>("/__sandbox/webhooks/:endpoint_id", async (request) => {
    if (!webhookDispatcher(sb).removeEndpoint(request.params.endpoint_id)) throw errors.notFound("Webhook endpoint");
    return { id: request.params.endpoint_id, deleted: true };
  });
}

/** Webhook delivery (the dispatcher lives on the context; this module only adds its controls). */
export const webhooksModule: SandboxModule = {
  name: "webhooks",
  surface: "root",
  tables: [],
  routes() {},
  controls: webhookControls,
};
