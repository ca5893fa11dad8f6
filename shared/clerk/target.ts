import { z } from "zod";
import { ActionError, ActionInputError } from "../actions/errors";
import { apiPath } from "../actions/view";
import { ClerkApiError } from "./errors";
import { type PlatformApplication, platformApplication } from "./schemas";
import type { ClerkTransport } from "./transport";

/**
 * The one resolver of "which application and instance, with which secret key", shared by the
 * CLI (flags, environment, profile, project link) and the panel (its header's picker).
 */

export type Environment = "development" | "production";
type PlatformInstance = PlatformApplication["instances"][number];

const applicationList = z.union([
  z.array(platformApplication),
  z.object({ data: z.array(platformApplication) }).transform((page) => page.data),
]);

/** The code of a target the caller named wrongly (exit 2 in the CLI), as `clerk` has always reported it. */
const USAGE_ERROR = "usage_error";

/** How an instance may be named, for messages. */
export const INSTANCE_SPELLINGS = "dev, development, prod, production or an ins_… id";

/** `dev`/`prod` and the long names become `development`/`production`; `ins_…` ids stay. */
export function normalizeInstance(value: string): string | undefined {
  const lower = value.toLowerCase();
  if (lower === "dev" || lower === "development") return "development";
  if (lower === "prod" || lower === "production") return "production";
  if (/^ins_[A-Za-z0-9]+$/.test(value)) return value;
  return undefined;
}

/** Like normalizeInstance, but a bad spelling is an input error (exit 2) naming `where` it came from. */
export function parseInstance(value: string, where: string): string {
  const instance = normalizeInstance(value);
  if (!instance) {
    throw new ActionInputError(
      `instance must be ${INSTANCE_SPELLINGS}, not "${value}" (${where}).`,
      `Fix ${where}.`,
      USAGE_ERROR,
    );
  }
  return instance;
}

/** The Backend API base URL of an API origin (`https://api.clerk.com`, the sandbox's URL). */
export function backendBaseUrl(apiUrl: string): string {
  return `${apiUrl}/v1`;
}

/** The account's applications, with their instances. */
export async function listApplications(platform: ClerkTransport): Promise<PlatformApplication[]> {
  return (await platform.request({ method: "GET", path: "/applications" }, applicationList)).body;
}

/** The instance of `app` that `wanted` (dev, prod, the long names or an `ins_…` id) names. */
export function findInstance(app: PlatformApplication, wanted: string): PlatformInstance | undefined {
  const instance = normalizeInstance(wanted) ?? wanted;
  return app.instances.find((i) => i.instance_id === instance || i.environment_type === instance);
}

/** findInstance, or an input error listing the application's instances. */
export function requireInstance(app: PlatformApplication, wanted: string): PlatformInstance {
  const found = findInstance(app, wanted);
  if (found) return found;
  const instance = normalizeInstance(wanted) ?? wanted;
  throw new ActionInputError(
    `Application ${app.application_id} has no ${instance.startsWith("ins_") ? `instance ${instance}` : `${instance} instance`}.`,
    `Pass --instance with one of: ${app.instances.map((i) => `${i.environment_type} (${i.instance_id})`).join(", ") || "none"}.`,
    USAGE_ERROR,
  );
}

/**
 * One application, with its instances' keys when `secretKeys` is set. An id the account does not
 * have is an input error; `origin` names where the id came from (`--app`, the project link).
 */
export async function fetchApplication(
  platform: ClerkTransport,
  applicationId: string,
  options: { secretKeys?: boolean; origin?: string } = {},
): Promise<PlatformApplication> {
  try {
    return (
      await platform.request(
        {
          method: "GET",
          path: apiPath("applications", applicationId),
          ...(options.secretKeys ? { query: { include_secret_keys: true } } : {}),
        },
        platformApplication,
      )
    ).body;
  } catch (error) {
    if (error instanceof ClerkApiError && error.status === 404) {
      throw new ActionInputError(
        `Application ${applicationId}${options.origin ? ` (from ${options.origin})` : ""} is not in your Clerk account.`,
        "Check the id: `clerk apps list` shows your applications.",
        USAGE_ERROR,
      );
    }
    throw error;
  }
}

/**
 * The application to work on: the one asked for, else the account's only one. Several
 * applications without a choice is an input error naming them.
 */
export async function chooseApplication(platform: ClerkTransport, wanted: string | undefined): Promise<string> {
  if (wanted) return wanted;
  const apps = await listApplications(platform);
  if (apps.length === 1) return (apps[0] as PlatformApplication).application_id;
  if (apps.length === 0) {
    throw new ActionError(
      "Your Clerk account has no applications, so there is no secret key to use.",
      "Create an application in the Clerk Dashboard, or set CLERK_SECRET_KEY.",
      "no_application",
    );
  }
  const names = apps.slice(0, 5).map((app) => `${app.application_id}${app.name ? ` (${app.name})` : ""}`);
  throw new ActionInputError(
    `Your Clerk account has ${apps.length} applications; choose one.`,
    `Pass --app <id> or set it with \`clerk config set app <id>\`: ${names.join(", ")}${apps.length > 5 ? ", …" : ""}.`,
    USAGE_ERROR,
  );
}

export interface TargetRequest {
  /** An `app_…` id; without one, the account's only application. */
  application?: string;
  /** Where the application came from, for messages (`--app`, CLERK_APP, the project link). */
  applicationOrigin?: string;
  /** dev, prod, development, production or an `ins_…` id. */
  instance: string;
}

export interface InstanceKey {
  secretKey: string;
  publishableKey?: string;
  applicationId: string;
  applicationName?: string;
  instanceId: string;
  environment: Environment;
}

/** The secret key of an application's instance, from its Platform API record (kept in memory only). */
export function instanceKey(app: PlatformApplication, instance: PlatformInstance): InstanceKey {
  if (!instance.secret_key) {
    throw new ActionError(
      `The Platform API returned no secret key for ${instance.instance_id}.`,
      "Your login may lack access to the application's keys: set CLERK_SECRET_KEY instead.",
      "no_secret_key",
    );
  }
  return {
    secretKey: instance.secret_key,
    ...(instance.publishable_key ? { publishableKey: instance.publishable_key } : {}),
    applicationId: app.application_id,
    ...(app.name ? { applicationName: app.name } : {}),
    instanceId: instance.instance_id,
    environment: instance.environment_type,
  };
}

/**
 * Resolves a target through the Platform API (`GET /applications/{id}?include_secret_keys=true`)
 * to the instance's ids and keys.
 */
export async function resolveInstanceKey(platform: ClerkTransport, request: TargetRequest): Promise<InstanceKey> {
  const instance = parseInstance(request.instance, "--instance");
  const applicationId = await chooseApplication(platform, request.application);
  const app = await fetchApplication(platform, applicationId, {
    secretKeys: true,
    origin: request.applicationOrigin ?? "--app",
  });
  return instanceKey(app, requireInstance(app, instance));
}
