import { z } from "zod";
import { deletedObject, type PlatformApplication, platformApplication } from "../../clerk/schemas";
import { defineAction } from "../action";
import { ActionInputError } from "../errors";
import { imageFile, readImage } from "../files";
import { id } from "../inputs";
import { apiPath, deletedView } from "../view";
import { appDomainActions } from "./domains";
import { appInstanceActions } from "./instance";
import { applicationList, instancePath, requirePlatform, resolveApplicationId } from "./platform";
import { type InstanceUsage, instanceUsage, type RotatedKeys, rotatedKeys } from "./schemas";
import { appTransferActions } from "./transfers";

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

/** An application named on the command line, else `--app` (or the account's only application). */
const applicationInput = id("application")
  .optional()
  .describe("The application (app_…); default: --app, the linked one, or your only one");

const singleApp = { rows: (app: PlatformApplication) => [appRow(app)], columns: appColumns };

export const appsGet = defineAction({
  id: "apps.get",
  summary: "Show an application and its instances",
  input: z.object({
    application_id: applicationInput,
    include_secret_keys: z.boolean().default(false).describe("Include each instance's secret key"),
  }),
  positionals: ["application_id"],
  examples: ["clerk apps get app_2abc", "clerk apps get --app app_2abc --include-secret-keys --json"],
  api: "platform",
  mutates: false,
  output: platformApplication,
  secretFields: ["secret_key"],
  async run(ctx, input) {
    const applicationId = input.application_id ?? (await resolveApplicationId(ctx));
    return (
      await requirePlatform(ctx).request(
        {
          method: "GET",
          path: apiPath("applications", applicationId),
          query: { include_secret_keys: input.include_secret_keys || undefined },
        },
        platformApplication,
      )
    ).body;
  },
  table: singleApp,
});

export const appsUpdate = defineAction({
  id: "apps.update",
  summary: "Rename an application",
  input: z.object({
    application_id: applicationInput,
    name: z.string().trim().min(1).describe("The application's new name"),
  }),
  positionals: ["application_id"],
  examples: ['clerk apps update app_2abc --name "Shop (EU)"', "clerk apps update --app app_2abc --name Shop --json"],
  api: "platform",
  mutates: true,
  output: platformApplication,
  async run(ctx, input) {
    const applicationId = input.application_id ?? (await resolveApplicationId(ctx));
    return (
      await requirePlatform(ctx).request(
        { method: "PATCH", path: apiPath("applications", applicationId), body: { name: input.name }, idempotent: true },
        platformApplication,
      )
    ).body;
  },
  table: singleApp,
});

export const appsDelete = defineAction({
  id: "apps.delete",
  summary: "Delete an application with its instances, users and data",
  // Named on the command line, never taken from --app or a link: a deletion says what it deletes.
  input: z.object({ application_id: id("application") }),
  positionals: ["application_id"],
  examples: ["clerk apps delete app_2abc", "clerk apps delete app_2abc --yes --json"],
  api: "platform",
  mutates: true,
  destructive: (input) => input.application_id,
  output: deletedObject,
  async run(ctx, input) {
    return (
      await requirePlatform(ctx).request(
        { method: "DELETE", path: apiPath("applications", input.application_id) },
        deletedObject,
      )
    ).body;
  },
  table: deletedView,
});

export const appsClaim = defineAction({
  id: "apps.claim",
  summary: "Claim an accountless application (made by Clerk's keyless mode) into your workspace",
  description: "The claim token is single-use: once claimed, the application is yours and the token is spent.",
  input: z.object({
    token: z.string().min(1).describe("The claim token keyless mode gave the application"),
    name: z.string().trim().min(1).max(50).describe("The application's name in your workspace"),
  }),
  positionals: ["token"],
  examples: [
    'clerk apps claim "$CLAIM_TOKEN" --name "My app"',
    'clerk apps claim --token "$CLAIM_TOKEN" --name Shop --json',
  ],
  api: "platform",
  mutates: true,
  output: platformApplication,
  howToCheck: () => "clerk apps list",
  async run(ctx, input) {
    return (
      await requirePlatform(ctx).request(
        { method: "POST", path: "/accountless_applications/claim", body: input },
        platformApplication,
      )
    ).body;
  },
  table: { rows: (app) => [appRow(app)], columns: appColumns },
});

export const appsRotateKeys = defineAction({
  id: "apps.rotate-keys",
  summary: "Rotate secret keys: the target instance's, or every instance's (--all-instances)",
  description:
    "Prints the new keys. The old ones stop working at once, unless --delay-hours keeps them valid for a while; " +
    "update your deployments' CLERK_SECRET_KEY.",
  input: z.object({
    all_instances: z.boolean().default(false).describe("Rotate every instance's key, not only --instance's"),
    delay_hours: z.coerce
      .number()
      .int()
      .min(1)
      .optional()
      .describe("Hours the old keys keep working, for a graceful switch"),
    reason: z.string().optional().describe("Why, kept for the audit log"),
  }),
  examples: [
    "clerk apps rotate-keys --instance prod --delay-hours 24 --reason leaked --app app_2abc",
    "clerk apps rotate-keys --all-instances --yes --json",
  ],
  api: "platform",
  mutates: true,
  destructive: (input) => (input.all_instances ? "all instances" : "the target instance"),
  output: rotatedKeys,
  secretFields: ["secret_key"],
  async run(ctx, input) {
    const body = {
      ...(input.delay_hours === undefined ? {} : { delay_old_secrets_expiration_hours: input.delay_hours }),
      ...(input.reason === undefined ? {} : { reason: input.reason }),
    };
    const path = input.all_instances
      ? apiPath("applications", await resolveApplicationId(ctx), "rotate_secret_keys")
      : await instancePath(ctx, "rotate_secret_keys");
    return (await requirePlatform(ctx).request({ method: "POST", path, body }, rotatedKeys)).body;
  },
  table: {
    rows: (r: RotatedKeys) =>
      r.instances.map((i) => ({ instance: `${i.environment_type} ${i.instance_id}`, secret_key: i.secret_key })),
    columns: [
      { key: "instance", header: "INSTANCE" },
      { key: "secret_key", header: "NEW SECRET KEY" },
    ],
  },
});

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a day, e.g. 2025-01-31")
  .optional();

export const appsUsage = defineAction({
  id: "apps.usage",
  summary: "Show the target instance's usage: monthly active users and organizations, SMS, domains, SSO",
  description: "The current billing cycle, or the days from --start to --end (both, inclusive).",
  input: z.object({
    start: isoDay.describe("First day, e.g. 2025-01-01 (with --end)"),
    end: isoDay.describe("Last day, inclusive, e.g. 2025-01-31 (with --start)"),
  }),
  examples: ["clerk apps usage --instance prod", "clerk apps usage --start 2025-01-01 --end 2025-01-31 --json"],
  api: "platform",
  mutates: false,
  output: instanceUsage,
  async run(ctx, input) {
    if ((input.start === undefined) !== (input.end === undefined)) {
      throw new ActionInputError(
        "--start and --end go together.",
        "Give both (e.g. --start 2025-01-01 --end 2025-01-31), or neither for the current billing cycle.",
        "usage_range_incomplete",
      );
    }
    return (
      await requirePlatform(ctx).request(
        { method: "GET", path: await instancePath(ctx, "usage"), query: input },
        instanceUsage,
      )
    ).body;
  },
  table: {
    rows: (u: InstanceUsage) => [
      { meter: "monthly active users", total: u.mau.total_usage, billable: u.mau.total_billable_usage },
      { meter: "monthly active organizations", total: u.mao.total_usage, billable: u.mao.total_billable_usage },
      { meter: "SMS messages", total: u.sms_messages.total_usage, billable: "" },
      { meter: "custom domains", total: u.custom_domains.total_usage, billable: "" },
      { meter: "enterprise connections", total: u.enterprise_connections.total_usage, billable: "" },
    ],
    columns: [
      { key: "meter", header: "METER" },
      { key: "total", header: "TOTAL" },
      { key: "billable", header: "BILLABLE" },
    ],
    footer: (u) => `${u.instance_id}, ${u.period_start.slice(0, 10)} to ${u.period_end.slice(0, 10)} (end exclusive)`,
  },
});

/** `apps logo set|delete` and `apps favicon set|delete`: the application's images in Clerk's components and emails. */
function imageActions(kind: "logo" | "favicon", shown: string) {
  const set = defineAction({
    id: `apps.${kind}.set`,
    summary: `Upload the application's ${kind} (${shown}), replacing the one it has`,
    input: z.object({ file: imageFile(kind) }),
    positionals: ["file"],
    examples: [
      `clerk apps ${kind} set ${kind}.png --app app_2abc`,
      `clerk apps ${kind} set ./brand/${kind}.png --json`,
    ],
    api: "platform",
    mutates: true,
    output: platformApplication,
    async run(ctx, input) {
      const applicationId = await resolveApplicationId(ctx);
      const upload = await readImage(input.file);
      return (
        await requirePlatform(ctx).request(
          { method: "POST", path: apiPath("applications", applicationId, kind), upload, idempotent: true },
          platformApplication,
        )
      ).body;
    },
    table: { rows: (app) => [appRow(app)], columns: appColumns },
  });
  const remove = defineAction({
    id: `apps.${kind}.delete`,
    summary: `Remove the application's ${kind}`,
    input: z.object({}),
    examples: [`clerk apps ${kind} delete --app app_2abc --yes`],
    api: "platform",
    mutates: true,
    stakes: "disruptive", // another upload puts one back
    output: platformApplication,
    async run(ctx) {
      const applicationId = await resolveApplicationId(ctx);
      return (
        await requirePlatform(ctx).request(
          { method: "DELETE", path: apiPath("applications", applicationId, kind) },
          platformApplication,
        )
      ).body;
    },
    table: { rows: (app) => [appRow(app)], columns: appColumns },
  });
  return [set, remove] as const;
}

export const appsLogo = imageActions("logo", "in sign-in and sign-up, and emails");
export const appsFavicon = imageActions("favicon", "the browser tab's icon of the Account Portal");

export const appActions = [
  appsList,
  appsCreate,
  appsGet,
  appsUpdate,
  appsDelete,
  appsClaim,
  appsRotateKeys,
  appsUsage,
  ...appsLogo,
  ...appsFavicon,
  ...appDomainActions,
  ...appTransferActions,
  ...appInstanceActions,
];
