import { z } from "zod";
import { paginate } from "../../clerk/paginate";
import { deletedObject, listOf } from "../../clerk/schemas";
import { MASKED_SECRET_FOOTER, maskSecret } from "../../secrets";
import { defineAction } from "../action";
import { withFlagAliases } from "../fields";
import { imageFile, readImage } from "../files";
import { id, limit, offset } from "../inputs";
import { apiPath, day, deletedView, minute } from "../view";
import { type OAuthAccessToken, type OAuthApp, oauthAccessToken, oauthApp } from "./schemas";

const columns = [
  { key: "id", header: "ID" },
  { key: "name", header: "NAME" },
  { key: "client_id", header: "CLIENT ID" },
  { key: "type", header: "TYPE" },
  { key: "scopes", header: "SCOPES" },
  { key: "created", header: "CREATED" },
] as const;

function row(app: OAuthApp): Record<string, unknown> {
  return {
    id: app.id,
    name: app.name,
    client_id: app.client_id,
    type: app.public ? "public" : "confidential",
    scopes: app.scopes,
    created: day(app.created_at),
  };
}

const single = { rows: (app: OAuthApp) => [row(app)], columns };
/** An answer that may carry the client secret (create, rotate-secret): masked, with a note on how to print it. */
const withSecret = {
  rows: (app: OAuthApp) => [{ ...row(app), secret: app.client_secret ? maskSecret(app.client_secret) : "" }],
  columns: [...columns, { key: "secret", header: "CLIENT SECRET" }],
  footer: (app: OAuthApp) => (app.client_secret ? MASKED_SECRET_FOOTER : undefined),
};

const oauthAppList = listOf(oauthApp);
const appId = id("OAuth application (oa_…)");
const appInput = z.object({ oauth_app_id: appId });

/** Settings create and update share; scopes and redirect URIs repeat their flag. */
const settings = {
  redirect_uri: withFlagAliases(
    ["redirect-uris"],
    z.array(z.string()).optional().describe("A URL the application may redirect to after consent (repeatable)"),
  ),
  scope: withFlagAliases(
    ["scopes"],
    z
      .array(z.string())
      .optional()
      .describe("A scope it may ask for, e.g. profile, email (repeatable; default: profile email)"),
  ),
  consent_screen_enabled: z
    .boolean()
    .optional()
    .describe("Ask users to consent (--no-consent-screen-enabled: skip it)"),
  pkce_required: z.boolean().optional().describe("Require PKCE (always on for public clients)"),
  public: z.boolean().optional().describe("A public client (SPA, native app): no client secret, PKCE instead"),
};

function settingsBody(input: {
  redirect_uri?: string[] | undefined;
  scope?: string[] | undefined;
  consent_screen_enabled?: boolean | undefined;
  pkce_required?: boolean | undefined;
  public?: boolean | undefined;
}) {
  return {
    redirect_uris: input.redirect_uri,
    scopes: input.scope?.join(" "),
    consent_screen_enabled: input.consent_screen_enabled,
    pkce_required: input.pkce_required,
    public: input.public,
  };
}

export const oauthAppsList = defineAction({
  id: "oauth-apps.list",
  summary: "List the OAuth applications that sign users in with this instance (Clerk as identity provider)",
  input: z.object({
    query: z.string().optional().describe("Only applications whose name contains this, or with this client id"),
    order_by: z.string().default("-created_at").describe("Sort by name or created_at; prefix + or -"),
    limit,
    offset,
  }),
  examples: ["clerk oauth-apps list", "clerk oauth-apps list --query mobile --json"],
  api: "backend",
  mutates: false,
  output: oauthAppList,
  async run(ctx, { query, ...rest }) {
    return (
      await ctx.backend.request(
        { method: "GET", path: "/oauth_applications", query: { ...rest, name_query: query } },
        oauthAppList,
      )
    ).body;
  },
  stream: (ctx, input) =>
    paginate(ctx.backend, "/oauth_applications", oauthApp, {
      query: { name_query: input.query, order_by: input.order_by },
    }),
  table: {
    rows: (output) => output.data.map(row),
    item: (item) => row(item as OAuthApp),
    columns,
    footer: (output) => `${output.data.length} of ${output.total_count} OAuth applications`,
  },
});

export const oauthAppsGet = defineAction({
  id: "oauth-apps.get",
  summary: "Show one OAuth application: client id, scopes, redirect URIs and its endpoints",
  input: appInput,
  positionals: ["oauth_app_id"],
  examples: ["clerk oauth-apps get oa_2abc", "clerk oauth-apps get oa_2abc --json"],
  api: "backend",
  mutates: false,
  output: oauthApp,
  async run(ctx, input) {
    return (
      await ctx.backend.request({ method: "GET", path: apiPath("oauth_applications", input.oauth_app_id) }, oauthApp)
    ).body;
  },
  table: {
    rows: (app) => [
      row(app),
      ...(app.redirect_uris ?? []).map((uri) => ({ id: "", name: "redirect URI", client_id: uri })),
      { id: "", name: "authorize", client_id: app.authorize_url },
      { id: "", name: "token", client_id: app.token_fetch_url },
      { id: "", name: "discovery", client_id: app.discovery_url },
    ],
    columns,
  },
});

export const oauthAppsCreate = defineAction({
  id: "oauth-apps.create",
  summary: "Create an OAuth application; a confidential one's client secret is shown only now",
  description:
    "Clerk returns the client secret once, in this answer. Tables mask it: run with --json to capture it, " +
    "or make a new one later with `clerk oauth-apps rotate-secret <id> --json`.",
  input: z.object({
    name: z.string().min(1).max(256).describe("The application's name, shown on the consent screen"),
    ...settings,
  }),
  examples: [
    "clerk oauth-apps create --name Dashboard --redirect-uri https://dash.example.com/callback --json",
    "clerk oauth-apps create --name Mobile --public --redirect-uri my-app://callback --scope profile --scope email",
  ],
  api: "backend",
  mutates: true,
  output: oauthApp,
  async run(ctx, { name, ...rest }) {
    return (
      await ctx.backend.request(
        { method: "POST", path: "/oauth_applications", body: { name, ...settingsBody(rest) } },
        oauthApp,
      )
    ).body;
  },
  howToCheck: (input) => `clerk oauth-apps list --query ${JSON.stringify(input.name)}`,
  table: withSecret,
  secretFields: ["client_secret"],
});

export const oauthAppsUpdate = defineAction({
  id: "oauth-apps.update",
  summary: "Rename an OAuth application or change its scopes, redirect URIs, consent screen or client type",
  input: z.object({
    oauth_app_id: appId,
    name: z.string().min(1).max(256).optional().describe("The new name"),
    ...settings,
  }),
  positionals: ["oauth_app_id"],
  examples: [
    "clerk oauth-apps update oa_2abc --scope profile --scope email --scope offline_access",
    "clerk oauth-apps update oa_2abc --no-consent-screen-enabled --json",
  ],
  api: "backend",
  mutates: true,
  output: oauthApp,
  async run(ctx, { oauth_app_id, name, ...rest }) {
    return (
      await ctx.backend.request(
        {
          method: "PATCH",
          path: apiPath("oauth_applications", oauth_app_id),
          body: { name, ...settingsBody(rest) },
          idempotent: true,
        },
        oauthApp,
      )
    ).body;
  },
  table: single,
});

export const oauthAppsDelete = defineAction({
  id: "oauth-apps.delete",
  summary: "Delete an OAuth application and every token it was granted",
  input: appInput,
  positionals: ["oauth_app_id"],
  examples: ["clerk oauth-apps delete oa_2abc", "clerk oauth-apps delete oa_2abc --yes --json"],
  api: "backend",
  mutates: true,
  destructive: (input) => input.oauth_app_id,
  output: deletedObject,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "DELETE", path: apiPath("oauth_applications", input.oauth_app_id) },
        deletedObject,
      )
    ).body;
  },
  table: deletedView,
});

export const oauthAppsRotateSecret = defineAction({
  id: "oauth-apps.rotate-secret",
  summary: "Replace a confidential OAuth application's client secret; the old one stops working",
  description: "The new secret is shown once, in this answer: tables mask it, --json prints it.",
  input: appInput,
  positionals: ["oauth_app_id"],
  examples: ["clerk oauth-apps rotate-secret oa_2abc --yes --json"],
  api: "backend",
  mutates: true,
  destructive: (input) => input.oauth_app_id,
  output: oauthApp,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "POST", path: apiPath("oauth_applications", input.oauth_app_id, "rotate_secret") },
        oauthApp,
      )
    ).body;
  },
  table: withSecret,
  secretFields: ["client_secret"],
});

const accessToken = z.string().min(1).describe("The OAuth access token (oat_…)");

export const oauthAppsRevokeToken = defineAction({
  id: "oauth-apps.revoke-token",
  summary: "Revoke a token an OAuth application was granted, with the rest of its grant",
  input: z.object({
    oauth_app_id: appId,
    token: z.string().min(1).describe("The access or refresh token to revoke"),
  }),
  positionals: ["oauth_app_id"],
  examples: ['clerk oauth-apps revoke-token oa_2abc --token "$ACCESS_TOKEN" --yes'],
  api: "backend",
  mutates: true,
  destructive: (input) => input.oauth_app_id,
  output: z.object({ revoked: z.literal(true) }),
  async run(ctx, input) {
    await ctx.backend.request({
      method: "POST",
      path: apiPath("oauth_applications", input.oauth_app_id, "revoke_token"),
      body: { token: input.token },
      // Revoking a revoked grant changes nothing more.
      idempotent: true,
    });
    return { revoked: true as const };
  },
  table: { rows: (o) => [{ revoked: o.revoked }], columns: [{ key: "revoked", header: "REVOKED" }] },
});

const tokenColumns = [
  { key: "id", header: "ID" },
  { key: "client_id", header: "CLIENT ID" },
  { key: "subject", header: "USER" },
  { key: "scopes", header: "SCOPES" },
  { key: "expires", header: "EXPIRES" },
] as const;

export const oauthAppsVerifyToken = defineAction({
  id: "oauth-apps.verify-token",
  summary: "Verify an OAuth access token: whose it is, for which application, with which scopes",
  description: "Unknown, revoked and expired tokens fail with Clerk's 404.",
  input: z.object({ token: accessToken }),
  positionals: ["token"],
  examples: ['clerk oauth-apps verify-token "$ACCESS_TOKEN" --json'],
  api: "backend",
  mutates: false,
  output: oauthAccessToken,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        {
          method: "POST",
          path: "/oauth_applications/access_tokens/verify",
          body: { access_token: input.token },
          idempotent: true,
        },
        oauthAccessToken,
      )
    ).body;
  },
  table: {
    rows: (t: OAuthAccessToken) => [
      {
        id: t.id,
        client_id: t.client_id,
        subject: t.subject,
        scopes: t.scopes.join(" "),
        expires: minute(t.expiration),
      },
    ],
    columns: tokenColumns,
  },
});

export const oauthAppsLogoSet = defineAction({
  id: "oauth-apps.logo.set",
  summary: "Upload an OAuth application's logo (shown on the consent screen as its client image)",
  input: appInput.extend({ file: imageFile("logo") }),
  positionals: ["oauth_app_id", "file"],
  examples: ["clerk oauth-apps logo set oa_2abc logo.png"],
  api: "backend",
  mutates: true,
  output: oauthApp,
  async run(ctx, input) {
    const upload = await readImage(input.file);
    return (
      await ctx.backend.request(
        { method: "PUT", path: apiPath("oauth_applications", input.oauth_app_id, "logo"), upload },
        oauthApp,
      )
    ).body;
  },
  table: single,
});

export const oauthAppActions = [
  oauthAppsList,
  oauthAppsGet,
  oauthAppsCreate,
  oauthAppsUpdate,
  oauthAppsDelete,
  oauthAppsRotateSecret,
  oauthAppsRevokeToken,
  oauthAppsVerifyToken,
  oauthAppsLogoSet,
];
