import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../core/context";
import { errors } from "../core/errors";
import { parseBody, queryBoolean, queryOf } from "../core/http";
import { availableDomainName, proxyPath } from "../resources/domains/names";
import { ensurePrimaryDomain, updateDomain } from "../resources/domains/store";
import {
  type ApplicationRecord,
  createApplication,
  createInstance,
  type EnvironmentType,
  type InstanceRecord,
  instanceById,
  instancesOfApplication,
  listApplications,
  readConfig,
  secretKey,
  writeConfig,
} from "../tenancy/instances";
import { serializePlatformDomain } from "./domain-serialize";
import { type AppParams, type InstanceParams, isOutsideWorkspace, requireApplication, requireInstance } from "./lookup";
import { APPLICATION_TEMPLATES, type ApplicationTemplate } from "./templates";

const ENVIRONMENTS = ["development", "production"] as const;

const createApplicationBody = z.object({
  name: z.string().trim().min(1).max(256),
  domain: z.string().optional(),
  proxy_path: proxyPath.optional(),
  environment_types: z.array(z.enum(ENVIRONMENTS)).min(1).optional(),
  template: z.enum(Object.keys(APPLICATION_TEMPLATES) as [ApplicationTemplate]).optional(),
});

const updateApplicationBody = z.object({ name: z.string().trim().min(1).max(256) });

const rotateBody = z.object({
  delay_old_secrets_expiration_hours: z.number().int().min(0).optional(),
  reason: z.string().optional(),
});

const createInstanceBody = z.object({
  domain: z.string(),
  environment_type: z.literal("production").default("production"),
  clone_instance_id: z.string().nullish(),
});

/**
 * `PlatformApplicationResponse`. Secret keys are sensitive: only sent when asked for with
 * `include_secret_keys=true`, or right after creating the application.
 */
export function serializeApplication(
  application: ApplicationRecord,
  instances: InstanceRecord[],
  includeSecretKeys: boolean,
) {
  return {
    application_id: application.id,
    name: application.name,
    instances: instances.map((instance) => ({
      instance_id: instance.id,
      environment_type: instance.environment_type,
      publishable_key: instance.publishable_key,
      ...(includeSecretKeys ? { secret_key: instance.secret_key } : {}),
    })),
  };
}

/** Every table holding per-instance data, found by its `instance_id` column. */
function instanceDataTables(sb: SandboxContext): string[] {
  return sb.db
    .prepare(
      `SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c
       WHERE m.type = 'table' AND c.name = 'instance_id'`,
    )
    .pluck()
    .all() as string[];
}

/** Deletes the application with its instances and everything stored for them. */
function deleteApplication(sb: SandboxContext, application: ApplicationRecord): void {
  const ids = instancesOfApplication(sb, application.id).map((instance) => instance.id);
  sb.tx(() => {
    sb.db.pragma("defer_foreign_keys = ON");
    if (ids.length) {
      const placeholders = ids.map(() => "?").join(",");
      for (const table of instanceDataTables(sb)) {
        sb.db.prepare(`DELETE FROM ${table} WHERE instance_id IN (${placeholders})`).run(...ids);
      }
    }
    sb.stmt("DELETE FROM applications WHERE id = ?").run(application.id);
  });
}

/** New secret keys; the old ones stop working at once. */
function rotateSecretKeys(sb: SandboxContext, application: ApplicationRecord, instances: InstanceRecord[]) {
  const rotated = sb.tx(() =>
    instances.map((instance) => {
      sb.stmt("UPDATE instances SET secret_key = ?, updated_at = ? WHERE id = ?").run(
        secretKey(sb, instance.environment_type),
        sb.clock.now(),
        instance.id,
      );
      return instanceById(sb, instance.id) as InstanceRecord;
    }),
  );
  return {
    application_id: application.id,
    name: application.name,
    instances: rotated.map((instance) => ({
      instance_id: instance.id,
      environment_type: instance.environment_type,
      secret_key: instance.secret_key,
    })),
  };
}

export function applicationRoutes(app: FastifyInstance, sb: SandboxContext): void {
  const includeSecretKeys = (request: FastifyRequest) => queryBoolean(queryOf(request), "include_secret_keys") ?? false;

  app.get("/applications", async (request) =>
    listApplications(sb)
      .filter((application) => !isOutsideWorkspace(sb, application.id))
      .map((application) =>
        serializeApplication(application, instancesOfApplication(sb, application.id), includeSecretKeys(request)),
      ),
  );

  app.post("/applications", async (request) => {
    const body = parseBody(createApplicationBody, request.body);
    const environments = [...new Set<EnvironmentType>(body.environment_types ?? ["development"])];
    if (body.domain !== undefined && !environments.includes("production")) {
      throw errors.paramInvalid("domain", "domain applies to the production instance; add it to environment_types.");
    }
    const created = sb.tx(() => {
      const { application, instances } = createApplication(sb, body.name, environments);
      for (const instance of instances) {
        if (body.template) {
          const config = readConfig(instance);
          APPLICATION_TEMPLATES[body.template](config);
          writeConfig(sb, instance.id, config);
        }
        if (body.domain !== undefined && instance.environment_type === "production") {
          const primary = ensurePrimaryDomain(sb, instance);
          const name = availableDomainName(sb, instance, body.domain, { param: "domain", exceptId: primary.id });
          const proxy = body.proxy_path ? { proxy_url: `https://${name}${body.proxy_path}` } : {};
          updateDomain(sb, primary, { name, ...proxy });
        }
      }
      return application;
    });
    return serializeApplication(created, instancesOfApplication(sb, created.id), true);
  });

  app.get<{ Params: AppParams }>("/applications/:applicationID", async (request) => {
    const application = requireApplication(sb, request.params.applicationID);
    return serializeApplication(application, instancesOfApplication(sb, application.id), includeSecretKeys(request));
  });

  app.patch<{ Params: AppParams }>("/applications/:applicationID", async (request) => {
    const body = parseBody(updateApplicationBody, request.body);
    const application = requireApplication(sb, request.params.applicationID);
    sb.stmt("UPDATE applications SET name = ?, updated_at = ? WHERE id = ?").run(
      body.name,
      sb.clock.now(),
      application.id,
    );
    const updated = requireApplication(sb, application.id);
    return serializeApplication(updated, instancesOfApplication(sb, application.id), false);
  });

  app.delete<{ Params: AppParams }>("/applications/:applicationID", async (request) => {
    const application = requireApplication(sb, request.params.applicationID);
    deleteApplication(sb, application);
    return { object: "application", id: application.id, deleted: true };
  });

  app.post<{ Params: AppParams }>("/applications/:applicationID/rotate_secret_keys", async (request) => {
    parseBody(rotateBody, request.body);
    const application = requireApplication(sb, request.params.applicationID);
    return rotateSecretKeys(sb, application, instancesOfApplication(sb, application.id));
  });

  app.post<{ Params: InstanceParams }>(
    "/applications/:applicationID/instances/:envOrInsID/rotate_secret_keys",
    async (request) => {
      parseBody(rotateBody, request.body);
      const application = requireApplication(sb, request.params.applicationID);
      return rotateSecretKeys(sb, application, [requireInstance(sb, application, request.params.envOrInsID)]);
    },
  );

  app.post<{ Params: AppParams }>("/applications/:applicationID/instances", async (request, reply) => {
    const body = parseBody(createInstanceBody, request.body);
    const application = requireApplication(sb, request.params.applicationID);
    const existing = instancesOfApplication(sb, application.id);
    if (existing.some((instance) => instance.environment_type === "production")) {
      throw errors.unprocessable(
        "production_instance_exists",
        "production instance exists",
        "This application already has a production instance.",
      );
    }
    const source = body.clone_instance_id
      ? existing.find(
          (instance) => instance.id === body.clone_instance_id && instance.environment_type === "development",
        )
      : undefined;
    if (body.clone_instance_id && !source) {
      throw errors.paramValueInvalid(
        "clone_instance_id",
        "clone_instance_id must be the id of this application's development instance.",
      );
    }
    const { instance, domain } = sb.tx(() => {
      const created = createInstance(sb, application, "production");
      const primary = ensurePrimaryDomain(sb, created);
      const name = availableDomainName(sb, created, body.domain, { param: "domain", exceptId: primary.id });
      const renamed = updateDomain(sb, primary, { name });
      if (source) writeConfig(sb, created.id, readConfig(source));
      return { instance: instanceById(sb, created.id) as InstanceRecord, domain: renamed };
    });
    return reply.code(201).send({
      object: "instance",
      id: instance.id,
      environment_type: "production",
      active_domain: serializePlatformDomain(domain, instance),
      secret_key: instance.secret_key,
      publishable_key: instance.publishable_key,
      created_at: instance.created_at,
      updated_at: instance.updated_at,
    });
  });
}
