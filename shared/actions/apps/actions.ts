import { z } from "zod";
import { type PlatformApplication, platformApplication } from "../../clerk/schemas";
import type { ClerkTransport } from "../../clerk/transport";
import { type ActionContext, defineAction } from "../action";
import { ActionError } from "../errors";

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

const applicationList = z.array(platformApplication);

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

const appColumns = [
  { key: "id", header: "ID" },
  { key: "name", header: "NAME" },
  { key: "instances", header: "INSTANCES" },
] as const;

function appRow(app: PlatformApplication) {
  return {
    id: app.application_id,
    name: app.name,
    instances: app.instances.map((i) => `${i.environment_type} ${i.instance_id}`).join(", "),
  };
}

export const appsList = defineAction({
  id: "apps.list",
  jsonWhenPiped: true,
  summary: "List the applications your account can manage",
  input: z.object({}),
  examples: ["clerk apps list", "clerk apps list --json"],
  api: "platform",
  mutates: false,
  output: applicationList,
  async run(ctx) {
    return (await requirePlatform(ctx).request({ method: "GET", path: "/applications" }, applicationList)).body;
  },
  table: { rows: (apps) => apps.map(appRow), columns: appColumns },
});

export const appsCreate = defineAction({
  id: "apps.create",
  jsonWhenPiped: true,
  summary: "Create an application with its instances",
  input: z.object({
    name: z.string().min(1).describe("Application name"),
    environment_types: z
      .array(z.enum(["development", "production"]))
      .optional()
      .describe("Instances to create: development, production (default: development)"),
  }),
  positionals: ["name"],
  examples: [
    'clerk apps create "My app"',
    'clerk apps create --name "My app" --json',
    "clerk apps create --name Shop --environment-types development --environment-types production",
  ],
  api: "platform",
  mutates: true,
  output: platformApplication,
  async run(ctx, input) {
    return (
      await requirePlatform(ctx).request({ method: "POST", path: "/applications", body: input }, platformApplication)
    ).body;
  },
  table: { rows: (app) => [appRow(app)], columns: appColumns },
  secretFields: ["secret_key"],
});

export const appActions = [appsList, appsCreate];
