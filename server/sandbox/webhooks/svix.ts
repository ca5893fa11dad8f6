import type { FastifyInstance } from "fastify";
import type { SandboxContext } from "../core/context";
import { errors } from "../core/errors";
import type { SandboxModule } from "../core/module";

interface SvixAppRow {
  instance_id: string;
  app_id: string;
  created_at: number;
}

/**
 * The Svix app Clerk keeps per instance for its webhooks. The sandbox only records it: delivery
 * goes to the sandbox's own endpoints (`--webhook`, `/__sandbox/webhooks`) whether or not an app
 * exists, and the dashboard URL it hands out is Svix-shaped but served by nothing.
 */
const svixTables = [
  `CREATE TABLE IF NOT EXISTS svix_apps (
    instance_id TEXT PRIMARY KEY REFERENCES instances(id) ON DELETE CASCADE,
    app_id TEXT NOT NULL,
    created_at INTEGER NOT NULL
  )`,
];

function svixApp(sb: SandboxContext, instanceId: string): SvixAppRow | undefined {
  return sb.stmt("SELECT * FROM svix_apps WHERE instance_id = ?").get(instanceId) as SvixAppRow | undefined;
}

function noApp() {
  return errors.badRequest("svix_app_missing", "no Svix app", "This instance has no Svix app. Create one first.");
}

/** A one-time dashboard login URL in Svix's shape (`https://app.svix.com/login#key=…`); not served. */
function dashboardUrl(sb: SandboxContext, app: SvixAppRow): { svix_url: string } {
  const key = Buffer.from(
    JSON.stringify({ appId: app.app_id, oneTimeToken: sb.newId("dashboard"), region: "sandbox" }),
  ).toString("base64url");
  return { svix_url: `https://app.svix.com/login#key=${key}` };
}

function svixRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.post("/webhooks/svix", async (request) => {
    const instanceId = request.instance.id;
    const created = sb.tx(() => {
      if (svixApp(sb, instanceId)) {
        throw errors.badRequest("svix_app_exists", "Svix app exists", "This instance already has a Svix app.");
      }
      const row: SvixAppRow = { instance_id: instanceId, app_id: sb.newId("app"), created_at: sb.clock.now() };
      sb.stmt(
        "INSERT INTO svix_apps (instance_id, app_id, created_at) VALUES (@instance_id, @app_id, @created_at)",
      ).run(row);
      return row;
    });
    return dashboardUrl(sb, created);
  });

  app.delete("/webhooks/svix", async (request, reply) => {
    const removed = sb.stmt("DELETE FROM svix_apps WHERE instance_id = ?").run(request.instance.id);
    if (removed.changes === 0) throw noApp();
    return reply.code(204).send();
  });

  app.post("/webhooks/svix_url", async (request) => {
    const row = svixApp(sb, request.instance.id);
    if (!row) throw noApp();
    return dashboardUrl(sb, row);
  });
}

/** Backend API `/webhooks/svix…`: the instance's Svix app (bookkeeping only, see above). */
export const svixModule: SandboxModule = {
  name: "svix",
  surface: "backend",
  tables: svixTables,
  routes: svixRoutes,
};
