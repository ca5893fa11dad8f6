import { z } from "zod";
import { paginate } from "../../clerk/paginate";
import { deletedObject, listOf } from "../../clerk/schemas";
import { defineAction } from "../action";
import { withFlagAliases } from "../fields";
import { id, limit, offset, stringList } from "../inputs";
import { apiPath, day, deletedView, minute } from "../view";
import {
  type EnterpriseConnection,
  enterpriseConnection,
  type SamlConnection,
  samlConnection,
  type TestRun,
  testRun,
} from "./schemas";

/**
 * Enterprise SSO: `/enterprise_connections` (SAML and OIDC) and the older `/saml_connections`
 * Clerk keeps for SAML alone (`clerk saml …`). Both take the identity provider's settings alike.
 */

const SAML_PROVIDERS = ["saml_custom", "saml_okta", "saml_google", "saml_microsoft"] as const;
const OIDC_PROVIDERS = ["oidc_custom", "oidc_github_enterprise", "oidc_gitlab"] as const;

const domains = withFlagAliases(
  ["domains"],
  z
    .array(z.coerce.string())
    .min(1)
    .describe("An email domain whose users sign in through it, e.g. example.com (repeatable)"),
);
const organizationId = z.string().min(1).optional().describe("The organization (org_…) its users join");
const active = z.boolean().optional().describe("Let users sign in through it (--no-active: turn it off)");

/** The identity provider's SAML settings, as flags. */
const idpFields = {
  idp_entity_id: z.string().optional().describe("The IdP's entity id (issuer)"),
  idp_sso_url: z.string().optional().describe("The IdP's single sign-on URL"),
  idp_certificate: z.string().optional().describe("The IdP's signing certificate (PEM or base64)"),
  idp_metadata_url: z.string().optional().describe("URL of the IdP's metadata, instead of the three above"),
  allow_idp_initiated: z.boolean().optional().describe("Accept sign-ins the IdP starts"),
  allow_subdomains: z.boolean().optional().describe("Also accept subdomains of the domains"),
  force_authn: z.boolean().optional().describe("Make the IdP authenticate the user again every time"),
};
type IdpInput = { [K in keyof typeof idpFields]?: z.infer<(typeof idpFields)[K]> };
const idpKeys = Object.keys(idpFields) as (keyof typeof idpFields)[];

/** The sent IdP settings only (undefined when none), as the body's `saml` object or its top level. */
function idpSettings(input: IdpInput): IdpInput | undefined {
  const sent = Object.fromEntries(idpKeys.flatMap((key) => (input[key] === undefined ? [] : [[key, input[key]]])));
  return Object.keys(sent).length ? sent : undefined;
}

const oidcFields = {
  discovery_url: z
    .string()
    .optional()
    .describe("OIDC: the provider's discovery URL (…/.well-known/openid-configuration)"),
  client_id: z.string().optional().describe("OIDC: the client id the provider issued"),
  client_secret: z.string().optional().describe("OIDC: the client secret the provider issued"),
  requires_pkce: z.boolean().optional().describe("OIDC: use PKCE"),
};

function oidcSettings(input: { [K in keyof typeof oidcFields]?: z.infer<(typeof oidcFields)[K]> }) {
  const { discovery_url, client_id, client_secret, requires_pkce } = input;
  const sent = { discovery_url, client_id, client_secret, requires_pkce };
  return Object.values(sent).some((value) => value !== undefined) ? sent : undefined;
}

const connectionColumns = [
  { key: "id", header: "ID" },
  { key: "name", header: "NAME" },
  { key: "provider", header: "PROVIDER" },
  { key: "domains", header: "DOMAINS" },
  { key: "active", header: "ACTIVE" },
  { key: "organization", header: "ORGANIZATION" },
] as const;

function connectionRow(c: EnterpriseConnection | SamlConnection): Record<string, unknown> {
  return {
    id: c.id,
    name: c.name,
    provider: c.provider,
    domains: c.domains.join(", "),
    active: c.active,
    organization: c.organization_id ?? "",
  };
}

const singleConnection = {
  rows: (c: EnterpriseConnection) => [connectionRow(c)],
  columns: connectionColumns,
};
const connectionList = listOf(enterpriseConnection);
const connectionId = id("enterprise connection (entconn_…)");
const connectionInput = z.object({ enterprise_connection_id: connectionId });

export const enterpriseConnectionsList = defineAction({
  id: "enterprise-connections.list",
  summary: "List enterprise SSO connections (SAML and OIDC), newest first",
  input: z.object({
    organization_id: stringList("Only the connections of this organization (org_…; repeatable)"),
    active: z.boolean().optional().describe("Only active (--active) or inactive (--no-active) ones"),
    limit,
    offset,
  }),
  examples: ["clerk enterprise-connections list", "clerk enterprise-connections list --active --json"],
  api: "backend",
  mutates: false,
  output: connectionList,
  async run(ctx, input) {
    return (
      await ctx.backend.request({ method: "GET", path: "/enterprise_connections", query: { ...input } }, connectionList)
    ).body;
  },
  stream: (ctx, input) =>
    paginate(ctx.backend, "/enterprise_connections", enterpriseConnection, {
      query: { organization_id: input.organization_id, active: input.active },
    }),
  table: {
    rows: (output) => output.data.map(connectionRow),
    item: (item) => connectionRow(item as EnterpriseConnection),
    columns: connectionColumns,
    footer: (output) => `${output.data.length} of ${output.total_count} enterprise connections`,
  },
});

export const enterpriseConnectionsGet = defineAction({
  id: "enterprise-connections.get",
  summary: "Show one enterprise connection, with the URLs to give the identity provider",
  input: connectionInput,
  positionals: ["enterprise_connection_id"],
  examples: ["clerk enterprise-connections get entconn_2abc --json"],
  api: "backend",
  mutates: false,
  output: enterpriseConnection,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "GET", path: apiPath("enterprise_connections", input.enterprise_connection_id) },
        enterpriseConnection,
      )
    ).body;
  },
  table: {
    rows: (c) => [
      connectionRow(c),
      ...(c.saml_connection?.acs_url ? [{ id: "", name: "ACS URL", provider: c.saml_connection.acs_url }] : []),
      ...(c.saml_connection?.sp_entity_id
        ? [{ id: "", name: "SP entity id", provider: c.saml_connection.sp_entity_id }]
        : []),
    ],
    columns: connectionColumns,
  },
});

export const enterpriseConnectionsCreate = defineAction({
  id: "enterprise-connections.create",
  summary: "Create an enterprise SSO connection: SAML (Okta, Google, Microsoft, custom) or OIDC",
  description:
    "A connection starts inactive unless --active: activating a SAML one needs the IdP's entity id, SSO URL and " +
    "certificate (or its metadata URL).",
  input: z.object({
    name: z.string().min(1).describe("The connection's name, e.g. Acme Okta"),
    provider: z.enum([...SAML_PROVIDERS, ...OIDC_PROVIDERS]).describe("The identity provider"),
    domain: domains,
    organization_id: organizationId,
    active,
    ...idpFields,
    ...oidcFields,
  }),
  examples: [
    "clerk enterprise-connections create --name 'Acme Okta' --provider saml_okta --domain acme.com",
    "clerk enterprise-connections create --name Acme --provider oidc_custom --domain acme.com " +
      "--discovery-url https://idp.acme.com/.well-known/openid-configuration --client-id abc --client-secret s3cret --json",
  ],
  api: "backend",
  mutates: true,
  output: enterpriseConnection,
  async run(ctx, input) {
    const body = {
      name: input.name,
      provider: input.provider,
      domains: input.domain,
      organization_id: input.organization_id,
      active: input.active,
      saml: idpSettings(input),
      oidc: oidcSettings(input),
    };
    return (await ctx.backend.request({ method: "POST", path: "/enterprise_connections", body }, enterpriseConnection))
      .body;
  },
  howToCheck: () => "clerk enterprise-connections list",
  table: singleConnection,
});

export const enterpriseConnectionsUpdate = defineAction({
  id: "enterprise-connections.update",
  summary: "Change an enterprise connection: activate it, its domains, organization or provider settings",
  input: z.object({
    enterprise_connection_id: connectionId,
    name: z.string().min(1).optional().describe("The new name"),
    domain: withFlagAliases(["domains"], stringList("Its email domains (replaces the list; repeatable)")),
    organization_id: organizationId,
    active,
    sync_user_attributes: z.boolean().optional().describe("Update users' names from the IdP at every sign-in"),
    ...idpFields,
    ...oidcFields,
  }),
  positionals: ["enterprise_connection_id"],
  examples: [
    "clerk enterprise-connections update entconn_2abc --idp-metadata-url https://acme.okta.com/app/x/sso/saml/metadata --active",
    "clerk enterprise-connections update entconn_2abc --no-active --json",
  ],
  api: "backend",
  mutates: true,
  output: enterpriseConnection,
  async run(ctx, input) {
    const body = {
      name: input.name,
      domains: input.domain,
      organization_id: input.organization_id,
      active: input.active,
      sync_user_attributes: input.sync_user_attributes,
      saml: idpSettings(input),
      oidc: oidcSettings(input),
    };
    return (
      await ctx.backend.request(
        {
          method: "PATCH",
          path: apiPath("enterprise_connections", input.enterprise_connection_id),
          body,
          idempotent: true,
        },
        enterpriseConnection,
      )
    ).body;
  },
  table: singleConnection,
});

export const enterpriseConnectionsDelete = defineAction({
  id: "enterprise-connections.delete",
  summary: "Delete an enterprise connection: its users can no longer sign in through it",
  input: connectionInput,
  positionals: ["enterprise_connection_id"],
  examples: ["clerk enterprise-connections delete entconn_2abc --yes"],
  api: "backend",
  mutates: true,
  destructive: (input) => input.enterprise_connection_id,
  output: deletedObject,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "DELETE", path: apiPath("enterprise_connections", input.enterprise_connection_id) },
        deletedObject,
      )
    ).body;
  },
  table: deletedView,
});

export const enterpriseConnectionsTest = defineAction({
  id: "enterprise-connections.test",
  summary: "Start a test run of a connection: open the URL it prints to sign in through the IdP",
  input: connectionInput,
  positionals: ["enterprise_connection_id"],
  examples: [
    "clerk enterprise-connections test entconn_2abc --open",
    "clerk enterprise-connections test entconn_2abc --json",
  ],
  api: "backend",
  mutates: true,
  output: z.looseObject({ url: z.string() }),
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "POST", path: apiPath("enterprise_connections", input.enterprise_connection_id, "test_runs") },
        z.looseObject({ url: z.string() }),
      )
    ).body;
  },
  browse: (output) => output.url,
  table: { rows: (output) => [{ url: output.url }], columns: [{ key: "url", header: "TEST URL" }] },
});

const testRunList = listOf(testRun);
const testRunRow = (run: TestRun) => ({
  id: run.id,
  status: run.status,
  type: run.connection_type,
  created: minute(run.created_at),
});

export const enterpriseConnectionsTestRuns = defineAction({
  id: "enterprise-connections.test-runs",
  summary: "List a connection's test runs and how they ended, newest first",
  input: z.object({
    enterprise_connection_id: connectionId,
    status: z
      .array(z.enum(["pending", "success", "failed"]))
      .optional()
      .describe("Only runs with this status: pending, success or failed (repeatable)"),
    limit,
    offset,
  }),
  positionals: ["enterprise_connection_id"],
  examples: [
    "clerk enterprise-connections test-runs entconn_2abc",
    "clerk enterprise-connections test-runs entconn_2abc --status failed --json",
  ],
  api: "backend",
  mutates: false,
  output: testRunList,
  async run(ctx, { enterprise_connection_id, ...query }) {
    return (
      await ctx.backend.request(
        { method: "GET", path: apiPath("enterprise_connections", enterprise_connection_id, "test_runs"), query },
        testRunList,
      )
    ).body;
  },
  stream: (ctx, input) =>
    paginate(ctx.backend, apiPath("enterprise_connections", input.enterprise_connection_id, "test_runs"), testRun, {
      query: { status: input.status },
    }),
  table: {
    rows: (output) => output.data.map(testRunRow),
    item: (item) => testRunRow(item as TestRun),
    columns: [
      { key: "id", header: "ID" },
      { key: "status", header: "STATUS" },
      { key: "type", header: "TYPE" },
      { key: "created", header: "STARTED" },
    ],
    footer: (output) => `${output.data.length} of ${output.total_count} test runs`,
  },
});

// `/saml_connections`: Clerk's older, SAML-only view of the same connections.

const samlConnectionList = listOf(samlConnection);
const samlId = id("SAML connection (samlc_…)");
const samlInput = z.object({ saml_connection_id: samlId });
const singleSaml = {
  rows: (c: SamlConnection) => [{ ...connectionRow(c), created: day(c.created_at) }],
  columns: [...connectionColumns, { key: "created", header: "CREATED" }],
};

export const samlConnectionsList = defineAction({
  id: "saml.list",
  summary: "List SAML connections (Clerk's older API; `clerk enterprise-connections` covers OIDC too)",
  input: z.object({
    query: z.string().optional().describe("Only connections whose name or domain contains this"),
    organization_id: stringList("Only the connections of this organization (org_…; repeatable)"),
    order_by: z.string().default("-created_at").describe("Sort by name or created_at; prefix + or -"),
    limit,
    offset,
  }),
  examples: ["clerk saml list", "clerk saml list --query acme --json"],
  api: "backend",
  mutates: false,
  output: samlConnectionList,
  async run(ctx, input) {
    return (
      await ctx.backend.request({ method: "GET", path: "/saml_connections", query: { ...input } }, samlConnectionList)
    ).body;
  },
  stream: (ctx, { limit: _limit, offset: _offset, ...query }) =>
    paginate(ctx.backend, "/saml_connections", samlConnection, { query }),
  table: {
    rows: (output) => output.data.map(connectionRow),
    item: (item) => connectionRow(item as SamlConnection),
    columns: connectionColumns,
    footer: (output) => `${output.data.length} of ${output.total_count} SAML connections`,
  },
});

export const samlGet = defineAction({
  id: "saml.get",
  summary: "Show one SAML connection, with the ACS URL and entity id to give the identity provider",
  input: samlInput,
  positionals: ["saml_connection_id"],
  examples: ["clerk saml get samlc_2abc", "clerk saml get samlc_2abc --json"],
  api: "backend",
  mutates: false,
  output: samlConnection,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "GET", path: apiPath("saml_connections", input.saml_connection_id) },
        samlConnection,
      )
    ).body;
  },
  table: {
    rows: (c) => [
      connectionRow(c),
      { id: "", name: "ACS URL", provider: c.acs_url },
      { id: "", name: "SP entity id", provider: c.sp_entity_id },
    ],
    columns: connectionColumns,
  },
});

export const samlCreate = defineAction({
  id: "saml.create",
  summary: "Create a SAML connection (inactive until the IdP's settings are in and it is activated)",
  input: z.object({
    name: z.string().min(1).describe("The connection's name, e.g. Acme Okta"),
    provider: z.enum(SAML_PROVIDERS).describe("The identity provider"),
    domain: domains,
    organization_id: organizationId,
    ...idpFields,
  }),
  examples: [
    "clerk saml create --name 'Acme Okta' --provider saml_okta --domain acme.com --json",
    "clerk saml create --name Acme --provider saml_custom --domain acme.com --idp-metadata-url https://idp.acme.com/metadata",
  ],
  api: "backend",
  mutates: true,
  output: samlConnection,
  async run(ctx, input) {
    const body = {
      name: input.name,
      provider: input.provider,
      domains: input.domain,
      organization_id: input.organization_id,
      ...idpSettings(input),
    };
    return (await ctx.backend.request({ method: "POST", path: "/saml_connections", body }, samlConnection)).body;
  },
  howToCheck: (input) => `clerk saml list --query ${JSON.stringify(input.name)}`,
  table: singleSaml,
});

export const samlUpdate = defineAction({
  id: "saml.update",
  summary: "Change a SAML connection: activate it, its domains or the IdP's settings",
  input: z.object({
    saml_connection_id: samlId,
    name: z.string().min(1).optional().describe("The new name"),
    domain: withFlagAliases(["domains"], stringList("Its email domains (replaces the list; repeatable)")),
    organization_id: organizationId,
    active,
    sync_user_attributes: z.boolean().optional().describe("Update users' names from the IdP at every sign-in"),
    ...idpFields,
  }),
  positionals: ["saml_connection_id"],
  examples: [
    "clerk saml update samlc_2abc --idp-metadata-url https://acme.okta.com/app/x/sso/saml/metadata --active",
    "clerk saml update samlc_2abc --no-active --json",
  ],
  api: "backend",
  mutates: true,
  output: samlConnection,
  async run(ctx, input) {
    const body = {
      name: input.name,
      domains: input.domain,
      organization_id: input.organization_id,
      active: input.active,
      sync_user_attributes: input.sync_user_attributes,
      ...idpSettings(input),
    };
    return (
      await ctx.backend.request(
        { method: "PATCH", path: apiPath("saml_connections", input.saml_connection_id), body, idempotent: true },
        samlConnection,
      )
    ).body;
  },
  table: singleSaml,
});

export const samlDelete = defineAction({
  id: "saml.delete",
  summary: "Delete a SAML connection: its users can no longer sign in through it",
  input: samlInput,
  positionals: ["saml_connection_id"],
  examples: ["clerk saml delete samlc_2abc --yes"],
  api: "backend",
  mutates: true,
  destructive: (input) => input.saml_connection_id,
  output: deletedObject,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "DELETE", path: apiPath("saml_connections", input.saml_connection_id) },
        deletedObject,
      )
    ).body;
  },
  table: deletedView,
});

export const enterpriseConnectionActions = [
  enterpriseConnectionsList,
  enterpriseConnectionsGet,
  enterpriseConnectionsCreate,
  enterpriseConnectionsUpdate,
  enterpriseConnectionsDelete,
  enterpriseConnectionsTest,
  enterpriseConnectionsTestRuns,
  samlConnectionsList,
  samlGet,
  samlCreate,
  samlUpdate,
  samlDelete,
];
