import { z } from "zod";
import { type PlatformApplication, platformApplication } from "../../clerk/schemas";
import { ClerkTransport } from "../../clerk/transport";
import type { ActionContext } from "../action";
import { ActionError } from "../errors";
import { apiPath } from "../view";

export function requirePlatform(ctx: ActionContext): ClerkTransport {
  if (!ctx.platform) {
    throw new ActionError(
      "This needs the Clerk Platform API, and no Platform access is configured.",
      "Run `clerk auth login`, or set CLERK_PLATFORM_API_KEY.",
      "platform_access_missing",
    );
  }
  return ctx.platform;
}

export const applicationList = z.array(platformApplication);

/** The application to work on: `--app`, or the account's only application. */
export async function resolveApplicationId(ctx: ActionContext): Promise<string> {
  if (ctx.target.applicationId) return ctx.target.applicationId;
  const apps = (await requirePlatform(ctx).request({ method: "GET", path: "/applications" }, applicationList)).body;
  if (apps.length === 1) return (apps[0] as PlatformApplication).application_id;
  throw new ActionError(
    apps.length === 0
      ? "This account has no applications."
      : `This account has ${apps.length} applications; which one?`,
    apps.length === 0
      ? "Create one with `clerk apps create --name <name>`."
      : `Pass --app with one of: ${apps.map((a) => `${a.application_id} (${a.name})`).join(", ")}.`,
    "application_ambiguous",
  );
}

/** `dev`/`prod` shorthands to the Platform API's environment names; `ins_…` ids pass through. */
export function instanceSegment(instance: string): string {
  if (instance === "dev") return "development";
  if (instance === "prod") return "production";
  return instance;
}

/** A path below the target instance (`--app`, `--instance`) in the Platform API: `/applications/<app>/instances/<env>/…`. */
export async function instancePath(ctx: ActionContext, ...rest: string[]): Promise<string> {
  return apiPath(
    "applications",
    await resolveApplicationId(ctx),
    "instances",
    instanceSegment(ctx.target.instance),
    ...rest,
  );
}

/**
 * The target instance's Backend API resources through the Platform API (`…/instances/<env>/users`
 * answers as `/users` does): a transport whose paths are below the instance, so a Backend action
 * runs unchanged on it, authorized by Platform access instead of the instance's secret key.
 */
export async function instanceTransport(ctx: ActionContext): Promise<ClerkTransport> {
  const platform = requirePlatform(ctx);
  return new ClerkTransport({ ...platform.options, baseUrl: platform.baseUrl + (await instancePath(ctx)) });
}
