import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { bootstrapSandbox, resetSandboxData } from "../bootstrap";
import type { SandboxContext } from "../core/context";
import { errors } from "../core/errors";
import { parseBody } from "../core/http";
import type { SandboxModule } from "../core/module";
import { seedInstance } from "../seed";
import { type InstanceRecord, instanceById } from "../tenancy/instances";

const seedBody = z.object({
  instance_id: z.string().optional(),
  users: z.number().int().min(0).max(1_000_000).default(0),
  organizations: z.number().int().min(0).max(100_000).default(0),
  demo: z.boolean().default(false),
});

const clockBody = z.object({
  now: z.number().int().optional(),
  advance_ms: z.number().int().optional(),
  freeze: z.boolean().optional(),
  reset: z.boolean().optional(),
});

const faultBody = z.object({
  kind: z.enum(["429", "500", "delay", "drop", "drop_after"]),
  count: z.number().int().min(1).max(1000).default(1),
  path_prefix: z.string().startsWith("/").default("/v1"),
  method: z.string().optional(),
  retry_after_seconds: z.number().int().min(0).default(1),
  delay_ms: z.number().int().min(0).max(120_000).default(1000),
});

const rateLimitBody = z.strictObject({
  enabled: z.boolean().optional(),
  development: z.number().int().min(1).optional(),
  production: z.number().int().min(1).optional(),
  window_ms: z.number().int().min(1).max(3_600_000).optional(),
});

function defaultInstance(sb: SandboxContext): InstanceRecord {
  return sb.db
    .prepare("SELECT * FROM instances WHERE environment_type = 'development' ORDER BY created_at LIMIT 1")
    .get() as InstanceRecord;
}

/** `/__sandbox/*`: reset, seed, clock, fault injection and rate limits for tests. */
function controlRoutes(app: FastifyInstance, sb: SandboxContext): void {
  // The same credentials `clerk sandbox` prints, for tools that started it without reading them.
  app.get("/__sandbox/info", async () => bootstrapSandbox(sb, { users: 0, organizations: 0, demo: false }));

  app.post("/__sandbox/reset", async () => {
    resetSandboxData(sb);
    sb.clock.reset();
    return { reset: true };
  });

  app.post("/__sandbox/seed", async (request) => {
    const body = parseBody(seedBody, request.body);
    const instance = body.instance_id ? instanceById(sb, body.instance_id) : defaultInstance(sb);
    if (!instance) throw errors.notFound("Instance");
    seedInstance(sb, instance, { users: body.users, organizations: body.organizations, demo: body.demo });
    return { seeded: true, instance_id: instance.id, users: body.users, organizations: body.organizations };
  });

  app.post("/__sandbox/clock", async (request) => {
    const body = parseBody(clockBody, request.body);
    if (body.reset) sb.clock.reset();
    if (body.now !== undefined) sb.clock.set(body.now, body.freeze ?? false);
    if (body.advance_ms !== undefined) sb.clock.advance(body.advance_ms);
    return { now: sb.clock.now() };
  });

  app.get("/__sandbox/faults", async () => ({ faults: sb.faults.pending() }));
  app.post("/__sandbox/faults", async (request) => {
    const body = parseBody(faultBody, request.body);
    const fault = sb.faults.add({
      kind: body.kind,
      remaining: body.count,
      pathPrefix: body.path_prefix,
      ...(body.method ? { method: body.method } : {}),
      retryAfterSeconds: body.retry_after_seconds,
      delayMs: body.delay_ms,
    });
    return { fault };
  });
  app.delete("/__sandbox/faults", async () => {
    sb.faults.clear();
    return { cleared: true };
  });

  // Clerk's Backend API rate limits: on, off, or other figures (each change starts fresh windows).
  const rateLimits = () => {
    const { windowMs, ...rest } = sb.rateLimits.current();
    return { ...rest, window_ms: windowMs };
  };
  app.get("/__sandbox/rate-limits", async () => rateLimits());
  app.post("/__sandbox/rate-limits", async (request) => {
    const { window_ms: windowMs, ...body } = parseBody(rateLimitBody, request.body);
    sb.rateLimits.configure({
      ...Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)),
      ...(windowMs === undefined ? {} : { windowMs }),
    });
    return rateLimits();
  });
}

export const controlsModule: SandboxModule = {
  name: "controls",
  surface: "root",
  tables: [],
  routes() {},
  controls: controlRoutes,
};
