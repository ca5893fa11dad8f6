import type { SandboxContext } from "./core/context";
import { type SeedSpec, seedInstance } from "./seed";
import { defaultInstanceConfig } from "./tenancy/config";
import {
  createApplication,
  createPlatformKey,
  firstPlatformKey,
  type InstanceRecord,
  instancesOfApplication,
  listApplications,
} from "./tenancy/instances";
import { webhookSigningSecret } from "./webhooks/secret";

export interface InstanceCredentials {
  instance_id: string;
  environment_type: "development" | "production";
  secret_key: string;
  publishable_key: string;
}

/** What a sandbox user needs to point an SDK or the CLI at it. */
export interface SandboxCredentials {
  application_id: string;
  application_name: string;
  development: InstanceCredentials;
  production: InstanceCredentials;
  platform_api_key: string;
  /** Signs every webhook delivery (`CLERK_WEBHOOK_SIGNING_SECRET` of the receiving app). */
  webhook_signing_secret: string;
}

const TENANCY_TABLES = new Set(["sandbox_meta", "applications", "instances", "platform_keys"]);

function credentialsOf(instance: InstanceRecord): InstanceCredentials {
  return {
    instance_id: instance.id,
    environment_type: instance.environment_type,
    secret_key: instance.secret_key,
    publishable_key: instance.publishable_key,
  };
}

/**
 * Makes sure the sandbox has its application (development + production instances) and a
 * platform key, seeding the development instance when they are created. Returns the
 * credentials of that first application.
 */
export function bootstrapSandbox(sb: SandboxContext, seed: SeedSpec): SandboxCredentials {
  // The sandbox's own application is the oldest one with both instances; if the user deleted
  // it (the Platform API allows that), a new one is made.
  const complete = listApplications(sb)
    .map((application) => ({ application, instances: instancesOfApplication(sb, application.id) }))
    .find(({ instances }) =>
      ["development", "production"].every((env) => instances.some((i) => i.environment_type === env)),
    );
  let application = complete?.application;
  if (!application) {
    const created = createApplication(sb, "Sandbox", ["development", "production"]);
    application = created.application;
    const development = created.instances.find((i) => i.environment_type === "development") as InstanceRecord;
    seedInstance(sb, development, seed);
  }
  if (!firstPlatformKey(sb)) createPlatformKey(sb);
  const instances = instancesOfApplication(sb, application.id);
  const find = (environment: string) => instances.find((i) => i.environment_type === environment) as InstanceRecord;
  return {
    application_id: application.id,
    application_name: application.name,
    development: credentialsOf(find("development")),
    production: credentialsOf(find("production")),
    platform_api_key: firstPlatformKey(sb) as string,
    webhook_signing_secret: webhookSigningSecret(sb),
  };
}

/**
 * Deletes every record but keeps applications, instances and keys, so clients configured
 * with the sandbox's credentials keep working across test cases. Instance settings return to
 * their defaults.
 */
export function resetSandboxData(sb: SandboxContext): void {
  // Ordinary tables only: search indexes (virtual tables and their shadow tables) follow their
  // content tables through triggers.
  const tables = sb.db
    .prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  sb.tx(() => {
    sb.db.pragma("defer_foreign_keys = ON");
    for (const table of tables) if (!TENANCY_TABLES.has(table)) sb.db.prepare(`DELETE FROM ${table}`).run();
    const instances = sb.stmt("SELECT id, environment_type FROM instances").all() as InstanceRecord[];
    for (const instance of instances) {
      sb.db
        .prepare("UPDATE instances SET config = ?, config_version = 1, updated_at = ? WHERE id = ?")
        .run(JSON.stringify(defaultInstanceConfig(instance.environment_type)), sb.clock.now(), instance.id);
    }
  });
  sb.faults.clear();
}
