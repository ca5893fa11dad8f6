import { z } from "zod";
import { paginate } from "../../clerk/paginate";
import { deletedObject } from "../../clerk/schemas";
import { MASKED_SECRET_FOOTER, maskSecret } from "../../secrets";
import { defineAction } from "../action";
import { withFlagAliases } from "../fields";
import { id, jsonObject, offset, pageLimit } from "../inputs";
import { recordSubject } from "../stakes";
import { apiPath, day, deletedView, minute } from "../view";
import { type ApiKey, apiKey, apiKeySecret } from "./schemas";

const apiKeyList = z.object({ data: z.array(apiKey), total_count: z.number().int() });

const columns = [
  { key: "id", header: "ID" },
  { key: "name", header: "NAME" },
  { key: "subject", header: "SUBJECT" },
  { key: "scopes", header: "SCOPES" },
  { key: "status", header: "STATUS" },
  { key: "expires", header: "EXPIRES" },
  { key: "last_used", header: "LAST USED" },
  { key: "created", header: "CREATED" },
] as const;

function row(key: ApiKey): Record<string, unknown> {
  return {
    id: key.id,
    name: key.name,
    subject: key.subject,
    scopes: key.scopes.join(" "),
    status: key.revoked ? "revoked" : key.expired ? "expired" : "active",
    expires: minute(key.expiration),
    last_used: minute(key.last_used_at),
    created: day(key.created_at),
  };
}

const singleKey = { rows: (key: ApiKey) => [row(key)], columns };

/** A key that may carry its secret (create, get --show-secret): masked, with a note on how to print it. */
const keyWithSecret = {
  rows: (key: ApiKey) => [{ ...row(key), secret: key.secret ? maskSecret(key.secret) : "" }],
  columns: [...columns, { key: "secret", header: "SECRET" }],
  footer: (key: ApiKey) => (key.secret === undefined ? undefined : MASKED_SECRET_FOOTER),
};

const subject = z
  .string()
  .regex(/^(user|org|mch)_\w+$/, "must be a user (user_…), organization (org_…) or machine (mch_…) id")
  .describe("Whose keys: a user (user_…), organization (org_…) or machine (mch_…) id");
/** Clerk's Backend API lists one subject's keys at a time (GET /api_keys requires `subject`). */
const listedSubject = subject.describe(
  "Whose keys (required: Clerk lists one subject's keys at a time): a user (user_…), organization (org_…) or machine (mch_…) id",
);

export const apiKeysList = defineAction({
  id: "api-keys.list",
  summary: "List the API keys of a user, organization or machine, newest first",
  input: z.object({
    subject: listedSubject,
    include_invalid: z.boolean().default(false).describe("Also list revoked and expired keys"),
    query: z.string().optional().describe("Only keys whose name contains this"),
    limit: pageLimit(100),
    offset,
  }),
  examples: [
    "clerk api-keys list --subject user_2abc",
    "clerk api-keys list --subject org_2abc --include-invalid --json",
    "clerk api-keys list --subject user_2abc --all --json",
  ],
  api: "backend",
  mutates: false,
  output: apiKeyList,
  async run(ctx, input) {
    return (await ctx.backend.request({ method: "GET", path: "/api_keys", query: { ...input } }, apiKeyList)).body;
  },
  stream: (ctx, input) =>
    paginate(ctx.backend, "/api_keys", apiKey, {
      query: { subject: input.subject, include_invalid: input.include_invalid, query: input.query },
      pageSize: 100,
    }),
  table: {
    rows: (output) => output.data.map(row),
    item: (item) => row(item as ApiKey),
    columns,
    footer: (output) => `${output.data.length} of ${output.total_count} API keys`,
  },
});

export const apiKeysGet = defineAction({
  id: "api-keys.get",
  summary: "Show one API key (its secret only with --show-secret)",
  input: z.object({
    api_key_id: id("API key"),
    show_secret: z.boolean().default(false).describe("Also fetch the key's secret (masked in tables; use --json)"),
  }),
  positionals: ["api_key_id"],
  examples: [
    "clerk api-keys get ak_3beecc9c60adb5f9b850e91a8ee1e992",
    "clerk api-keys get ak_3beecc9c60adb5f9b850e91a8ee1e992 --show-secret --json",
  ],
  api: "backend",
  mutates: false,
  output: apiKey,
  async run(ctx, input) {
    const keyPath = apiPath("api_keys", input.api_key_id);
    const key = (await ctx.backend.request({ method: "GET", path: keyPath }, apiKey)).body;
    if (!input.show_secret) return key;
    const { secret } = (await ctx.backend.request({ method: "GET", path: `${keyPath}/secret` }, apiKeySecret)).body;
    return { ...key, secret };
  },
  table: keyWithSecret,
  secretFields: ["secret"],
});

export const apiKeysCreate = defineAction({
  id: "api-keys.create",
  summary: "Create an API key for a user, organization or machine; its secret is shown only now",
  description:
    "Clerk returns the secret once, in this answer. Tables mask it: run with --json (or -o yaml) to capture it, " +
    "or fetch it later with `clerk api-keys get <id> --show-secret --json`.",
  input: z.object({
    name: z.string().min(3).describe("A name for the key, e.g. ci-deploy (at least 3 characters)"),
    subject,
    description: z.string().max(255).optional().describe("What the key is for"),
    scope: withFlagAliases(["scopes"], z.array(z.string()).optional().describe("Scopes the key grants")),
    claims: jsonObject("Custom claims as a JSON object, returned when the key is verified").optional(),
    expires_in_seconds: withFlagAliases(
      ["expires-in"],
      z.coerce.number().int().positive().optional().describe("Seconds until the key expires (default: never)"),
    ),
    created_by: z.string().optional().describe("The user (user_…) who created it, for your records"),
  }),
  examples: [
    "clerk api-keys create --name ci-deploy --subject user_2abc --json",
    "clerk api-keys create --name reports --subject org_2abc --scope read --scope export --expires-in-seconds 2592000",
  ],
  api: "backend",
  mutates: true,
  output: apiKey,
  async run(ctx, input) {
    const body = {
      name: input.name,
      subject: input.subject,
      description: input.description,
      scopes: input.scope,
      claims: input.claims,
      seconds_until_expiration: input.expires_in_seconds,
      created_by: input.created_by,
    };
    return (await ctx.backend.request({ method: "POST", path: "/api_keys", body }, apiKey)).body;
  },
  table: keyWithSecret,
  secretFields: ["secret"],
});

export const apiKeysRevoke = defineAction({
  id: "api-keys.revoke",
  summary: "Revoke an API key: it stops verifying at once",
  input: z.object({
    api_key_id: id("API key"),
    reason: z.string().optional().describe("Why, for your records (kept as revocation_reason)"),
  }),
  positionals: ["api_key_id"],
  examples: [
    "clerk api-keys revoke ak_3beecc9c60adb5f9b850e91a8ee1e992",
    'clerk api-keys revoke ak_3beecc9c60adb5f9b850e91a8ee1e992 --reason "leaked in CI logs" --yes',
  ],
  api: "backend",
  mutates: true,
  destructive: (input) => input.api_key_id,
  subject: async (ctx, input) =>
    recordSubject(await apiKeysGet.run(ctx, { api_key_id: input.api_key_id, show_secret: false })),
  output: apiKey,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        {
          method: "POST",
          path: apiPath("api_keys", input.api_key_id, "revoke"),
          body: { revocation_reason: input.reason ?? null },
          // Revoking only moves the key to revoked, so a retry after a lost answer is safe.
          idempotent: true,
        },
        apiKey,
      )
    ).body;
  },
  table: singleKey,
});

export const apiKeysVerify = defineAction({
  id: "api-keys.verify",
  summary: "Verify an API key's secret: whose key it is and what it grants",
  description: "Unknown, revoked and expired keys fail with Clerk's 404.",
  input: z.object({ secret: z.string().min(1).describe("The API key's secret (ak_…)") }),
  positionals: ["secret"],
  examples: ['clerk api-keys verify "$API_KEY" --json'],
  api: "backend",
  mutates: false,
  output: apiKey,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        // Verifying changes nothing but last_used_at: safe to repeat.
        { method: "POST", path: "/api_keys/verify", body: { secret: input.secret }, idempotent: true },
        apiKey,
      )
    ).body;
  },
  table: singleKey,
});

export const apiKeysUpdate = defineAction({
  id: "api-keys.update",
  summary: "Change an API key's description, scopes, claims, subject or expiry (its secret stays)",
  input: z.object({
    api_key_id: id("API key"),
    description: z.string().max(255).optional().describe("What the key is for"),
    scope: withFlagAliases(
      ["scopes"],
      z.array(z.string()).optional().describe("Scopes the key grants (replaces them)"),
    ),
    claims: jsonObject("Custom claims as a JSON object (replaces them)").optional(),
    subject: z.string().optional().describe("Move the key to this user, organization or machine"),
    expires_in_seconds: withFlagAliases(
      ["expires-in"],
      z.coerce.number().int().positive().optional().describe("Seconds from now until the key expires"),
    ),
  }),
  positionals: ["api_key_id"],
  examples: [
    'clerk api-keys update ak_3beecc9c60adb5f9b850e91a8ee1e992 --description "nightly export"',
    "clerk api-keys update ak_3beecc9c60adb5f9b850e91a8ee1e992 --scope read --expires-in 86400 --json",
  ],
  api: "backend",
  mutates: true,
  output: apiKey,
  async run(ctx, input) {
    const body = {
      description: input.description,
      scopes: input.scope,
      claims: input.claims,
      subject: input.subject,
      seconds_until_expiration: input.expires_in_seconds,
    };
    return (await ctx.backend.request({ method: "PATCH", path: apiPath("api_keys", input.api_key_id), body }, apiKey))
      .body;
  },
  table: singleKey,
});

export const apiKeysDelete = defineAction({
  id: "api-keys.delete",
  summary: "Delete an API key for good (revoke keeps it on record; this removes it)",
  input: z.object({ api_key_id: id("API key") }),
  positionals: ["api_key_id"],
  examples: ["clerk api-keys delete ak_3beecc9c60adb5f9b850e91a8ee1e992 --yes"],
  api: "backend",
  mutates: true,
  destructive: (input) => input.api_key_id,
  subject: async (ctx, input) =>
    recordSubject(await apiKeysGet.run(ctx, { api_key_id: input.api_key_id, show_secret: false })),
  output: deletedObject,
  async run(ctx, input) {
    return (await ctx.backend.request({ method: "DELETE", path: apiPath("api_keys", input.api_key_id) }, deletedObject))
      .body;
  },
  table: deletedView,
});

export const apiKeyActions = [
  apiKeysList,
  apiKeysGet,
  apiKeysCreate,
  apiKeysUpdate,
  apiKeysRevoke,
  apiKeysDelete,
  apiKeysVerify,
];
