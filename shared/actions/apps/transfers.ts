import { z } from "zod";
import { paginate } from "../../clerk/paginate";
import { listOf } from "../../clerk/schemas";
import { defineAction } from "../action";
import { id, limit } from "../inputs";
import { apiPath } from "../view";
import { requirePlatform, resolveApplicationId } from "./platform";
import { type ApplicationTransfer, applicationTransfer } from "./schemas";

const TRANSFER_STATUSES = ["pending", "completed", "canceled", "expired"] as const;

const transferColumns = [
  { key: "id", header: "ID" },
  { key: "application", header: "APPLICATION" },
  { key: "status", header: "STATUS" },
  { key: "created", header: "CREATED" },
  { key: "expires", header: "EXPIRES" },
] as const;

const transferRow = (t: ApplicationTransfer): Record<string, unknown> => ({
  id: t.id,
  application: t.application_id,
  status: t.status,
  created: t.created_at,
  expires: t.expires_at,
});

/** One transfer shows its code too: what the recipient needs (the panel never receives it). */
const singleTransfer = {
  rows: (t: ApplicationTransfer) => [{ ...transferRow(t), code: t.code ?? "" }],
  columns: [...transferColumns, { key: "code", header: "CODE" }],
};

const transferList = listOf(applicationTransfer);
/** The code claims the application: a credential, printed by the CLI and never sent to the panel. */
const secretFields = ["code"] as const;

export const appsTransfersList = defineAction({
  id: "apps.transfers.list",
  summary: "List the workspace's application transfers, newest first",
  input: z.object({
    status: z
      .array(z.enum(TRANSFER_STATUSES))
      .optional()
      .describe(`Only transfers in these statuses: ${TRANSFER_STATUSES.join(", ")}`),
    limit,
    starting_after: z.string().optional().describe("Continue after this id (the last one of the previous page)"),
  }),
  examples: ["clerk apps transfers list", "clerk apps transfers list --status pending --all --json"],
  api: "platform",
  mutates: false,
  output: transferList,
  async run(ctx, input) {
    return (
      await requirePlatform(ctx).request({ method: "GET", path: "/application_transfers", query: input }, transferList)
    ).body;
  },
  stream: (ctx, { status }) =>
    paginate(requirePlatform(ctx), "/application_transfers", applicationTransfer, { query: { status }, cursor: true }),
  table: {
    rows: (output) => output.data.map(transferRow),
    item: (item) => transferRow(item as ApplicationTransfer),
    columns: transferColumns,
    footer: (output) => `${output.data.length} of ${output.total_count} transfers`,
  },
  secretFields,
});

export const appsTransfersCreate = defineAction({
  id: "apps.transfers.create",
  summary: "Start handing the application to another workspace: a code the recipient claims it with",
  description:
    "The recipient claims it at https://dashboard.clerk.com/apps/transfer?code=<code>. " +
    "One pending transfer per application; it expires after 24 hours.",
  input: z.object({}),
  examples: ["clerk apps transfers create --app app_2abc", "clerk apps transfers create --app app_2abc --json"],
  api: "platform",
  mutates: true,
  output: applicationTransfer,
  howToCheck: () => "clerk apps transfers list --status pending",
  async run(ctx) {
    const applicationId = await resolveApplicationId(ctx);
    return (
      await requirePlatform(ctx).request(
        { method: "POST", path: apiPath("applications", applicationId, "transfers") },
        applicationTransfer,
      )
    ).body;
  },
  table: singleTransfer,
  secretFields,
});

const transferInput = z.object({ transfer_id: id("transfer") });
const transferPath = async (ctx: Parameters<typeof resolveApplicationId>[0], transferId: string) =>
  apiPath("applications", await resolveApplicationId(ctx), "transfers", transferId);

export const appsTransfersGet = defineAction({
  id: "apps.transfers.get",
  summary: "Show one of the application's transfers",
  input: transferInput,
  positionals: ["transfer_id"],
  examples: ["clerk apps transfers get appxfr_2abc --app app_2abc", "clerk apps transfers get appxfr_2abc --json"],
  api: "platform",
  mutates: false,
  output: applicationTransfer,
  async run(ctx, input) {
    return (
      await requirePlatform(ctx).request(
        { method: "GET", path: await transferPath(ctx, input.transfer_id) },
        applicationTransfer,
      )
    ).body;
  },
  table: singleTransfer,
  secretFields,
});

export const appsTransfersCancel = defineAction({
  id: "apps.transfers.cancel",
  summary: "Cancel a pending transfer: its code no longer claims the application",
  input: transferInput,
  positionals: ["transfer_id"],
  examples: ["clerk apps transfers cancel appxfr_2abc --app app_2abc"],
  api: "platform",
  mutates: true,
  output: applicationTransfer,
  async run(ctx, input) {
    return (
      await requirePlatform(ctx).request(
        { method: "DELETE", path: await transferPath(ctx, input.transfer_id) },
        applicationTransfer,
      )
    ).body;
  },
  table: singleTransfer,
  secretFields,
});

export const appTransferActions = [appsTransfersList, appsTransfersCreate, appsTransfersGet, appsTransfersCancel];
