import { z } from "zod";
import { paginate } from "../../clerk/paginate";
import { deletedObject, listOf } from "../../clerk/schemas";
import { defineAction } from "../action";
import { withFlagAliases } from "../fields";
import { id, jsonObject, limit, offset } from "../inputs";
import { recordSubject } from "../stakes";
import { apiPath, day, deletedView } from "../view";
import { type Jwks, type JwtTemplate, jwks, jwtTemplate } from "./schemas";

export const templateColumns = [
  { key: "id", header: "ID" },
  { key: "name", header: "NAME" },
  { key: "lifetime", header: "LIFETIME" },
  { key: "skew", header: "CLOCK SKEW" },
  { key: "signing", header: "SIGNING" },
  { key: "created", header: "CREATED" },
] as const;

export function templateRow(t: JwtTemplate): Record<string, unknown> {
  return {
    id: t.id,
    name: t.name,
    lifetime: `${t.lifetime}s`,
    skew: `${t.allowed_clock_skew}s`,
    signing: `${t.signing_algorithm} (${t.custom_signing_key ? "custom key" : "instance key"})`,
    created: day(t.created_at),
    claims: t.claims,
  };
}

const singleTemplate = {
  rows: (t: JwtTemplate) => [templateRow(t)],
  columns: [...templateColumns, { key: "claims", header: "CLAIMS" }],
};
const templateList = listOf(jwtTemplate);

export const jwtTemplatesList = defineAction({
  id: "jwt-templates.list",
  summary: "List JWT templates, whose tokens sessions mint for other services",
  input: z.object({ limit, offset }),
  examples: ["clerk jwt-templates list", "clerk jwt-templates list --all --json"],
  api: "backend",
  mutates: false,
  output: templateList,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "GET", path: "/jwt_templates", query: { ...input, paginated: true } },
        templateList,
      )
    ).body;
  },
  stream: (ctx) => paginate(ctx.backend, "/jwt_templates", jwtTemplate, { query: { paginated: true } }),
  table: {
    rows: (output) => output.data.map(templateRow),
    item: (item) => templateRow(item as JwtTemplate),
    columns: templateColumns,
    footer: (output) => `${output.data.length} of ${output.total_count} JWT templates`,
  },
});

const templateIdInput = z.object({ template_id: id("JWT template") });

export const jwtTemplatesGet = defineAction({
  id: "jwt-templates.get",
  summary: "Show one JWT template with its claims",
  input: templateIdInput,
  positionals: ["template_id"],
  examples: ["clerk jwt-templates get jtmp_2abc", "clerk jwt-templates get jtmp_2abc --json"],
  api: "backend",
  mutates: false,
  output: jwtTemplate,
  async run(ctx, input) {
    return (
      await ctx.backend.request({ method: "GET", path: apiPath("jwt_templates", input.template_id) }, jwtTemplate)
    ).body;
  },
  table: singleTemplate,
});

const settings = {
  lifetime: z.coerce
    .number()
    .int()
    .min(30)
    .max(315_360_000)
    .optional()
    .describe("Token lifetime in seconds (30-315360000; Clerk's default is 60)"),
  allowed_clock_skew: withFlagAliases(
    ["clock-skew"],
    z.coerce
      .number()
      .int()
      .min(0)
      .max(300)
      .optional()
      .describe("Seconds of clock skew verifiers may allow: nbf is set this far back (0-300; default 5)"),
  ),
  signing_algorithm: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Sign with your own key using this algorithm: HS256/384/512, RS256/384/512, ES256/384/512, PS256/384/512",
    ),
  signing_key: z
    .string()
    .min(1)
    .optional()
    // A PEM starts with "-----": only the `--flag=value` form passes it as a value.
    .describe('Your signing key: an HMAC secret or a PEM private key, as --signing-key="$(cat key.pem)"'),
};
const claimsHelp =
  'Claims as a JSON object; shortcodes such as "{{user.primary_email_address}}" or "{{org.role}}" are filled in';

/** A custom key needs both its algorithm and the key itself. */
function requireKeyWithAlgorithm(
  input: { signing_key?: string | undefined; signing_algorithm?: string | undefined },
  ctx: z.RefinementCtx,
) {
  if (input.signing_key && !input.signing_algorithm) {
    ctx.addIssue({ code: "custom", path: ["signing_algorithm"], message: "is needed with --signing-key" });
  }
}

export const jwtTemplatesCreate = defineAction({
  id: "jwt-templates.create",
  summary: "Create a JWT template: claims, lifetime, clock skew and optionally your own signing key",
  input: z
    .object({
      name: z.string().min(1).describe("Template name, used to mint tokens (getToken({ template: name }))"),
      claims: jsonObject(`${claimsHelp} (default {})`).default({}),
      ...settings,
    })
    .superRefine((input, ctx) => {
      requireKeyWithAlgorithm(input, ctx);
      if (input.signing_algorithm && !input.signing_key) {
        ctx.addIssue({ code: "custom", path: ["signing_key"], message: "is needed with --signing-algorithm" });
      }
    }),
  examples: [
    'clerk jwt-templates create --name convex --claims \'{"aud":"convex","name":"{{user.full_name}}"}\'',
    "clerk jwt-templates create --name api --lifetime 300 --allowed-clock-skew 10 --json",
    'clerk jwt-templates create --name supabase --signing-algorithm HS256 --signing-key="$SUPABASE_JWT_SECRET"',
    'clerk jwt-templates create --name partner --signing-algorithm RS256 --signing-key="$(cat private-key.pem)"',
  ],
  api: "backend",
  mutates: true,
  output: jwtTemplate,
  async run(ctx, input) {
    const body = { ...input, custom_signing_key: Boolean(input.signing_key) };
    return (await ctx.backend.request({ method: "POST", path: "/jwt_templates", body }, jwtTemplate)).body;
  },
  table: singleTemplate,
});

export const jwtTemplatesUpdate = defineAction({
  id: "jwt-templates.update",
  summary: "Change a JWT template; settings not given keep their values",
  description:
    "Clerk's update takes the whole template (name and claims are required), so this reads the " +
    "template first and sends back what you did not change.",
  input: z
    .object({
      template_id: id("JWT template"),
      name: z.string().min(1).optional().describe("New name"),
      claims: jsonObject(`${claimsHelp}; replaces all claims`).optional(),
      ...settings,
      custom_signing_key: z
        .boolean()
        .optional()
        .describe("--no-custom-signing-key: sign with the instance's key again"),
    })
    .superRefine(requireKeyWithAlgorithm),
  positionals: ["template_id"],
  examples: [
    "clerk jwt-templates update jtmp_2abc --lifetime 3600",
    'clerk jwt-templates update jtmp_2abc --claims \'{"aud":"convex","role":"{{org.role}}"}\'',
    "clerk jwt-templates update jtmp_2abc --no-custom-signing-key --json",
  ],
  api: "backend",
  mutates: true,
  output: jwtTemplate,
  async run(ctx, { template_id, custom_signing_key, ...changes }) {
    const path = apiPath("jwt_templates", template_id);
    const current = (await ctx.backend.request({ method: "GET", path }, jwtTemplate)).body;
    const custom = changes.signing_algorithm || changes.signing_key ? true : custom_signing_key;
    const body = {
      name: changes.name ?? current.name,
      claims: changes.claims ?? current.claims,
      ...(changes.lifetime === undefined ? {} : { lifetime: changes.lifetime }),
      ...(changes.allowed_clock_skew === undefined ? {} : { allowed_clock_skew: changes.allowed_clock_skew }),
      ...(custom === undefined ? {} : { custom_signing_key: custom }),
      ...(changes.signing_algorithm ? { signing_algorithm: changes.signing_algorithm } : {}),
      ...(changes.signing_key ? { signing_key: changes.signing_key } : {}),
    };
    // The body names every value it sets, so sending it twice changes nothing more.
    return (await ctx.backend.request({ method: "PATCH", path, body, idempotent: true }, jwtTemplate)).body;
  },
  table: singleTemplate,
});

export const jwtTemplatesDelete = defineAction({
  id: "jwt-templates.delete",
  summary: "Delete a JWT template: sessions can no longer mint its tokens",
  input: templateIdInput,
  positionals: ["template_id"],
  examples: ["clerk jwt-templates delete jtmp_2abc", "clerk jwt-templates delete jtmp_2abc --yes --json"],
  api: "backend",
  mutates: true,
  destructive: (input) => input.template_id,
  subject: async (ctx, input) => recordSubject(await jwtTemplatesGet.run(ctx, input)),
  output: deletedObject,
  async run(ctx, input) {
    return (
      await ctx.backend.request({ method: "DELETE", path: apiPath("jwt_templates", input.template_id) }, deletedObject)
    ).body;
  },
  table: deletedView,
});

export const jwksGet = defineAction({
  id: "jwks.get",
  summary: "Show the public keys (JWKS) that verify the instance's session and template tokens",
  input: z.object({}),
  examples: ["clerk jwks get", "clerk jwks get --json > jwks.json"],
  api: "backend",
  mutates: false,
  output: jwks,
  async run(ctx) {
    return (await ctx.backend.request({ method: "GET", path: "/jwks" }, jwks)).body;
  },
  table: {
    rows: (output: Jwks) =>
      output.keys.map((key) => ({ kid: key.kid, alg: key.alg ?? "", kty: key.kty, use: key.use ?? "" })),
    columns: [
      { key: "kid", header: "KEY ID" },
      { key: "alg", header: "ALGORITHM" },
      { key: "kty", header: "TYPE" },
      { key: "use", header: "USE" },
    ],
  },
});

export const jwtActions = [
  jwtTemplatesList,
  jwtTemplatesGet,
  jwtTemplatesCreate,
  jwtTemplatesUpdate,
  jwtTemplatesDelete,
  jwksGet,
];
