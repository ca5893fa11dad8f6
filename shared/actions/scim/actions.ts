import { z } from "zod";
import { paginate } from "../../clerk/paginate";
import { deletedObject, listOf } from "../../clerk/schemas";
import { MASKED_SECRET_FOOTER, maskSecret } from "../../secrets";
import { defineAction } from "../action";
import { id, jsonObject, limit, offset } from "../inputs";
import { apiPath, day, deletedView } from "../view";
import { type ScimDirectory, scimDirectory } from "./schemas";

const columns = [
  { key: "id", header: "ID" },
  { key: "name", header: "NAME" },
  { key: "provider", header: "PROVIDER" },
  { key: "connection", header: "ENTERPRISE CONNECTION" },
  { key: "enabled", header: "ENABLED" },
  { key: "endpoint", header: "SCIM ENDPOINT" },
  { key: "created", header: "CREATED" },
] as const;

const row = (d: ScimDirectory) => ({
  id: d.id,
  name: d.name,
  provider: d.provider,
  connection: d.enterprise_connection_id,
  enabled: d.enabled,
  endpoint: d.endpoint_url,
  created: day(d.created_at),
});

const single = { rows: (d: ScimDirectory) => [row(d)], columns };
const directoryList = listOf(scimDirectory);
const directoryId = id("SCIM directory (dir_…)");
const directoryInput = z.object({ scim_directory_id: directoryId });
const provider = z.string().min(1).describe("The identity provider that provisions it, e.g. okta, entra_id, google");

export const scimList = defineAction({
  id: "scim.list",
  summary: "List SCIM directories: the provisioning endpoints of enterprise connections",
  input: z.object({ limit, offset }),
  examples: ["clerk scim list", "clerk scim list --all --json"],
  api: "backend",
  mutates: false,
  output: directoryList,
  async run(ctx, input) {
    return (await ctx.backend.request({ method: "GET", path: "/scim_directories", query: { ...input } }, directoryList))
      .body;
  },
  stream: (ctx) => paginate(ctx.backend, "/scim_directories", scimDirectory),
  table: {
    rows: (output) => output.data.map(row),
    item: (item) => row(item as ScimDirectory),
    columns,
    footer: (output) => `${output.data.length} of ${output.total_count} SCIM directories`,
  },
});

export const scimGet = defineAction({
  id: "scim.get",
  summary: "Show one SCIM directory: its endpoint and attribute mapping",
  input: directoryInput,
  positionals: ["scim_directory_id"],
  examples: ["clerk scim get dir_2abc", "clerk scim get dir_2abc --json"],
  api: "backend",
  mutates: false,
  output: scimDirectory,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "GET", path: apiPath("scim_directories", input.scim_directory_id) },
        scimDirectory,
      )
    ).body;
  },
  table: {
    rows: (d) => [
      row(d),
      ...Object.entries(d.attribute_mapping ?? {}).map(([attribute, source]) => ({
        id: "",
        name: attribute,
        provider: source,
      })),
    ],
    columns,
  },
});

export const scimCreate = defineAction({
  id: "scim.create",
  summary: "Create the SCIM directory of an enterprise connection; its API key is shown only now",
  description:
    "Give the identity provider the endpoint URL and the API key. Clerk returns the key once, in this answer: " +
    "tables mask it, --json prints it.",
  input: z.object({
    enterprise_connection_id: id("enterprise connection (entconn_…)").describe(
      "The enterprise connection (entconn_…) whose users it provisions (at most one directory each)",
    ),
    provider,
    name: z.string().min(1).optional().describe("A name for it (default: the connection's)"),
  }),
  examples: ["clerk scim create --enterprise-connection-id entconn_2abc --provider okta --json"],
  api: "backend",
  mutates: true,
  output: scimDirectory,
  async run(ctx, input) {
    return (await ctx.backend.request({ method: "POST", path: "/scim_directories", body: input }, scimDirectory)).body;
  },
  howToCheck: () => "clerk scim list",
  table: {
    rows: (d) => [{ ...row(d), api_key: d.api_key ? maskSecret(d.api_key) : "" }],
    columns: [...columns, { key: "api_key", header: "API KEY" }],
    footer: () => MASKED_SECRET_FOOTER,
  },
  secretFields: ["api_key"],
});

export const scimUpdate = defineAction({
  id: "scim.update",
  summary: "Rename a SCIM directory, turn it on or off, or change its attribute mapping",
  input: z.object({
    scim_directory_id: directoryId,
    name: z.string().min(1).optional().describe("The new name"),
    enabled: z.boolean().optional().describe("Accept provisioning calls (--no-enabled: refuse them)"),
    provider: provider.optional(),
    attribute_mapping: jsonObject(
      'Attribute mapping entries to change, as JSON: {"username":"userName"} (null removes one)',
    ).optional(),
    group_role_mapping_enabled: z.boolean().optional().describe("Give members the roles mapped from their groups"),
  }),
  positionals: ["scim_directory_id"],
  examples: [
    "clerk scim update dir_2abc --no-enabled",
    'clerk scim update dir_2abc --attribute-mapping \'{"username":"userName"}\' --json',
  ],
  api: "backend",
  mutates: true,
  output: scimDirectory,
  async run(ctx, { scim_directory_id, ...body }) {
    return (
      await ctx.backend.request(
        { method: "PATCH", path: apiPath("scim_directories", scim_directory_id), body, idempotent: true },
        scimDirectory,
      )
    ).body;
  },
  table: single,
});

export const scimDelete = defineAction({
  id: "scim.delete",
  summary: "Delete a SCIM directory: the identity provider can no longer provision users",
  input: directoryInput,
  positionals: ["scim_directory_id"],
  examples: ["clerk scim delete dir_2abc --yes"],
  api: "backend",
  mutates: true,
  destructive: (input) => input.scim_directory_id,
  output: deletedObject,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "DELETE", path: apiPath("scim_directories", input.scim_directory_id) },
        deletedObject,
      )
    ).body;
  },
  table: deletedView,
});

export const scimActions = [scimList, scimGet, scimCreate, scimUpdate, scimDelete];
