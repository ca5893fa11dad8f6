import { generateKeyPairSync } from "node:crypto";
import type { SandboxContext } from "../core/context";
import { randomToken } from "../core/ids";
import { defaultInstanceConfig, type InstanceConfig } from "./config";
import type { EnvironmentType } from "./environment";

export type { EnvironmentType } from "./environment";

export interface InstanceRecord {
  id: string;
  application_id: string;
  environment_type: EnvironmentType;
  secret_key: string;
  publishable_key: string;
  frontend_api_host: string;
  signing_key_pem: string;
  signing_key_id: string;
  config: string;
  config_version: number;
  created_at: number;
  updated_at: number;
}

export interface ApplicationRecord {
  id: string;
  name: string;
  created_at: number;
  updated_at: number;
}

/** `pk_test_…`: Clerk encodes the instance's Frontend API host followed by `$` in base64. */
function publishableKey(environment: EnvironmentType, host: string): string {
  const prefix = environment === "production" ? "pk_live_" : "pk_test_";
  return prefix + Buffer.from(`${host}$`).toString("base64");
}

export function secretKey(sb: SandboxContext, environment: EnvironmentType): string {
  return (environment === "production" ? "sk_live_" : "sk_test_") + randomToken(sb.random, 40);
}

export function createApplication(
  sb: SandboxContext,
  name: string,
  environments: readonly EnvironmentType[],
): { application: ApplicationRecord; instances: InstanceRecord[] } {
  const now = sb.clock.now();
  const application: ApplicationRecord = { id: sb.newId("app"), name, created_at: now, updated_at: now };
  return sb.tx(() => {
    sb.db
      .prepare(
        "INSERT INTO applications (id, name, created_at, updated_at) VALUES (@id, @name, @created_at, @updated_at)",
      )
      .run(application);
    const instances = environments.map((environment) => createInstance(sb, application, environment));
    return { application, instances };
  });
}

export function createInstance(
  sb: SandboxContext,
  application: ApplicationRecord,
  environment: EnvironmentType,
): InstanceRecord {
  const now = sb.clock.now();
  const slug = randomToken(sb.random, 10).toLowerCase();
  const host = environment === "production" ? `clerk.${slug}.sandbox.localhost` : `${slug}.accounts.sandbox.localhost`;
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const instance: InstanceRecord = {
    id: sb.newId("ins"),
    application_id: application.id,
    environment_type: environment,
    secret_key: secretKey(sb, environment),
    publishable_key: publishableKey(environment, host),
    frontend_api_host: host,
    signing_key_pem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    signing_key_id: `ins_${randomToken(sb.random, 27)}`,
    config: JSON.stringify(defaultInstanceConfig(environment)),
    config_version: 1,
    created_at: now,
    updated_at: now,
  };
  sb.db
    .prepare(
      `INSERT INTO instances (id, application_id, environment_type, secret_key, publishable_key, frontend_api_host,
         signing_key_pem, signing_key_id, config, config_version, created_at, updated_at)
       VALUES (@id, @application_id, @environment_type, @secret_key, @publishable_key, @frontend_api_host,
         @signing_key_pem, @signing_key_id, @config, @config_version, @created_at, @updated_at)`,
    )
    .run(instance);
  return instance;
}

export function createPlatformKey(sb: SandboxContext): string {
  const key = `ak_${randomToken(sb.random, 40)}`;
  sb.stmt("INSERT INTO platform_keys (key, created_at) VALUES (?, ?)").run(key, sb.clock.now());
  return key;
}

export function instanceBySecretKey(sb: SandboxContext, key: string): InstanceRecord | undefined {
  return sb.stmt("SELECT * FROM instances WHERE secret_key = ?").get(key) as InstanceRecord | undefined;
}

export function instanceById(sb: SandboxContext, id: string): InstanceRecord | undefined {
  return sb.stmt("SELECT * FROM instances WHERE id = ?").get(id) as InstanceRecord | undefined;
}

export function instancesOfApplication(sb: SandboxContext, applicationId: string): InstanceRecord[] {
  return sb.db
    .prepare("SELECT * FROM instances WHERE application_id = ? ORDER BY environment_type")
    .all(applicationId) as InstanceRecord[];
}

export function applicationById(sb: SandboxContext, id: string): ApplicationRecord | undefined {
  return sb.stmt("SELECT * FROM applications WHERE id = ?").get(id) as ApplicationRecord | undefined;
}

export function listApplications(sb: SandboxContext): ApplicationRecord[] {
  return sb.stmt("SELECT * FROM applications ORDER BY created_at, id").all() as ApplicationRecord[];
}

export function isPlatformKey(sb: SandboxContext, key: string): boolean {
  return sb.stmt("SELECT 1 FROM platform_keys WHERE key = ?").get(key) !== undefined;
}

export function firstPlatformKey(sb: SandboxContext): string | undefined {
  return sb.stmt("SELECT key FROM platform_keys ORDER BY created_at LIMIT 1").pluck().get() as string | undefined;
}

/**
 * The stored config, with keys added to the schema after it was stored taken from the defaults
 * (a sandbox kept on disk across versions), so every reader sees a complete document.
 */
export function readConfig(instance: InstanceRecord): InstanceConfig {
  const stored = JSON.parse(instance.config) as Record<string, unknown>;
  const defaults = defaultInstanceConfig(instance.environment_type) as Record<string, unknown>;
  const sections = Object.keys(defaults).map((key) => {
    const [base, own] = [defaults[key], stored[key]];
    if (own === undefined) return [key, base];
    const bothObjects = [base, own].every((v) => typeof v === "object" && v !== null && !Array.isArray(v));
    // Social connections are a map the user fills: no defaults are merged into it.
    return [key, bothObjects && key !== "social" ? { ...(base as object), ...(own as object) } : own];
  });
  return Object.fromEntries(sections) as InstanceConfig;
}

/**
 * Replaces the instance's config and bumps `config_version`. Every settings change, from the
 * Backend API's `/instance` routes or the Platform API's config routes, goes through here so
 * both views stay one source of truth and the version guards every writer.
 */
export function writeConfig(sb: SandboxContext, instanceId: string, config: InstanceConfig): number {
  const now = sb.clock.now();
  sb.db
    .prepare("UPDATE instances SET config = ?, config_version = config_version + 1, updated_at = ? WHERE id = ?")
    .run(JSON.stringify(config), now, instanceId);
  return sb.stmt("SELECT config_version FROM instances WHERE id = ?").pluck().get(instanceId) as number;
}
