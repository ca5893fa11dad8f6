import type { SandboxContext } from "../core/context";
import { errors } from "../core/errors";
import {
  type ApplicationRecord,
  applicationById,
  type InstanceRecord,
  instancesOfApplication,
} from "../tenancy/instances";

/**
 * SQL, true when the application whose id `column` holds is outside the workspace the Platform
 * API serves: an accountless application nobody claimed yet, or one transferred away.
 */
export const outsideWorkspaceSql = (column: string) =>
  `(EXISTS (SELECT 1 FROM platform_accountless_applications WHERE application_id = ${column})
    OR EXISTS (SELECT 1 FROM platform_application_transfers WHERE application_id = ${column} AND status = 'completed'))`;

export function isOutsideWorkspace(sb: SandboxContext, applicationId: string): boolean {
  return (
    sb
      .stmt(`SELECT ${outsideWorkspaceSql("@id")}`)
      .pluck()
      .get({ id: applicationId }) === 1
  );
}

export function requireApplication(sb: SandboxContext, applicationId: string): ApplicationRecord {
  const application = applicationById(sb, applicationId);
  if (!application || isOutsideWorkspace(sb, application.id)) throw errors.notFound("Application");
  return application;
}

/**
 * An application's instance named by `envOrInsID`: an environment type ("development",
 * "production") or an instance id. Read fresh, so its config is current.
 */
export function requireInstance(
  sb: SandboxContext,
  application: ApplicationRecord,
  envOrInsId: string,
): InstanceRecord {
  const instance = instancesOfApplication(sb, application.id).find(
    (candidate) => candidate.id === envOrInsId || candidate.environment_type === envOrInsId,
  );
  if (!instance) throw errors.notFound("Instance");
  return instance;
}

/** Platform domain routes work on the application's production instance. */
export function productionInstance(sb: SandboxContext, application: ApplicationRecord): InstanceRecord | undefined {
  return instancesOfApplication(sb, application.id).find((instance) => instance.environment_type === "production");
}

export interface AppParams {
  applicationID: string;
}

export interface InstanceParams extends AppParams {
  envOrInsID: string;
}
