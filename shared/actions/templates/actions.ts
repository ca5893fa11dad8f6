import { z } from "zod";
import { defineAction } from "../action";
import { apiPath, day } from "../view";
import { type Template, template, templatePreview } from "./schemas";

/**
 * Clerk's email and SMS templates, named by type and slug (`clerk templates get email
 * verification_code`). Editing one makes it the instance's own; `revert` restores Clerk's.
 */

const templateType = z.enum(["email", "sms"]).describe("email or sms");
const slug = z.string().min(1).describe("The template's slug, e.g. verification_code, invitation");
const templateInput = z.object({ template_type: templateType, slug });
const positionals = ["template_type", "slug"] as const;

const columns = [
  { key: "slug", header: "SLUG" },
  { key: "name", header: "NAME" },
  { key: "subject", header: "SUBJECT" },
  { key: "delivery", header: "DELIVERED BY" },
  { key: "state", header: "STATE" },
  { key: "updated", header: "UPDATED" },
] as const;

const row = (t: Template) => ({
  slug: t.slug,
  name: t.name,
  subject: t.subject ?? "",
  delivery: t.delivered_by_clerk ? "Clerk" : "you (webhook)",
  state: t.can_revert ? "edited" : "default",
  updated: day(t.updated_at),
});
const single = { rows: (t: Template) => [row(t)], columns };

const templatePath = (input: z.infer<typeof templateInput>, ...rest: string[]) =>
  apiPath("templates", input.template_type, input.slug, ...rest);

const localPart = (what: string) =>
  z.string().optional().describe(`${what}: the part before @, e.g. hello (email only)`);
const content = {
  subject: z.string().optional().describe("The subject (email only); may use {{variables}}"),
  body: z.string().optional().describe("The body, with the template's required {{variables}}"),
  from_email_name: localPart("Sender address"),
  reply_to_email_name: localPart('Reply-to address ("" removes it)'),
};

export const templatesList = defineAction({
  id: "templates.list",
  summary: "List the email (or SMS) templates Clerk sends, and which ones you edited",
  input: z.object({ template_type: templateType.default("email") }),
  positionals: ["template_type"],
  examples: ["clerk templates list", "clerk templates list sms --json"],
  api: "backend",
  mutates: false,
  output: z.array(template),
  async run(ctx, input) {
    return (
      await ctx.backend.request({ method: "GET", path: apiPath("templates", input.template_type) }, z.array(template))
    ).body;
  },
  table: { rows: (output) => output.map(row), columns, footer: (output) => `${output.length} templates` },
});

export const templatesGet = defineAction({
  id: "templates.get",
  summary: "Show one template: its subject, body and the variables it must keep",
  input: templateInput,
  positionals,
  examples: ["clerk templates get email verification_code", "clerk templates get sms verification_code --json"],
  api: "backend",
  mutates: false,
  output: template,
  async run(ctx, input) {
    return (await ctx.backend.request({ method: "GET", path: templatePath(input) }, template)).body;
  },
  table: {
    rows: (t) => [
      row(t),
      { slug: "required", name: (t.required_variables ?? []).map((name) => `{{${name}}}`).join(" ") },
    ],
    columns,
  },
});

export const templatesUpdate = defineAction({
  id: "templates.update",
  summary: "Edit a template's subject, body, sender or name",
  description: "The body must keep the template's required variables (see `clerk templates get`).",
  input: templateInput.extend({
    name: z.string().min(1).optional().describe("The template's new name"),
    ...content,
    markup: z.string().optional().describe("Markup around the body (email only)"),
    delivered_by_clerk: z
      .boolean()
      .optional()
      .describe("Clerk sends it (--no-delivered-by-clerk: you do, from a webhook)"),
  }),
  positionals,
  examples: [
    'clerk templates update email verification_code --subject "{{otp_code}} is your code"',
    "clerk templates update email invitation --from-email-name hello --reply-to-email-name support --json",
  ],
  api: "backend",
  mutates: true,
  output: template,
  async run(ctx, { template_type, slug: slugValue, ...body }) {
    return (
      await ctx.backend.request(
        { method: "PUT", path: templatePath({ template_type, slug: slugValue }), body, idempotent: true },
        template,
      )
    ).body;
  },
  table: single,
});

export const templatesRevert = defineAction({
  id: "templates.revert",
  summary: "Restore Clerk's default of an edited template; your edits are lost",
  input: templateInput,
  positionals,
  examples: ["clerk templates revert email verification_code --yes"],
  api: "backend",
  mutates: true,
  destructive: (input) => input.slug,
  output: template,
  async run(ctx, input) {
    return (
      await ctx.backend.request({ method: "POST", path: templatePath(input, "revert"), idempotent: true }, template)
    ).body;
  },
  table: single,
});

export const templatesPreview = defineAction({
  id: "templates.preview",
  summary: "Render a template with sample values, as saved or with a draft subject and body",
  input: templateInput.extend(content),
  positionals,
  examples: [
    "clerk templates preview email verification_code",
    'clerk templates preview email verification_code --subject "Your code: {{otp_code}}" --json',
  ],
  api: "backend",
  mutates: false,
  output: templatePreview,
  async run(ctx, { template_type, slug: slugValue, ...body }) {
    return (
      await ctx.backend.request(
        { method: "POST", path: templatePath({ template_type, slug: slugValue }, "preview"), body, idempotent: true },
        templatePreview,
      )
    ).body;
  },
  table: {
    rows: (p) => [...(p.subject ? [{ part: "subject", text: p.subject }] : []), { part: "body", text: p.body }],
    columns: [
      { key: "part", header: "PART" },
      { key: "text", header: "RENDERED" },
    ],
  },
});

export const templatesToggleDelivery = defineAction({
  id: "templates.toggle-delivery",
  summary: "Choose who sends a template: Clerk, or you (from the webhook Clerk sends instead)",
  input: templateInput.extend({
    delivered_by_clerk: z
      .boolean()
      .optional()
      .describe("Clerk sends it (--no-delivered-by-clerk: you do); without it, the setting flips"),
  }),
  positionals,
  examples: [
    "clerk templates toggle-delivery sms verification_code --no-delivered-by-clerk",
    "clerk templates toggle-delivery email invitation --json",
  ],
  api: "backend",
  mutates: true,
  output: template,
  async run(ctx, { template_type, slug: slugValue, delivered_by_clerk }) {
    return (
      await ctx.backend.request(
        {
          method: "POST",
          path: templatePath({ template_type, slug: slugValue }, "toggle_delivery"),
          body: { delivered_by_clerk },
        },
        template,
      )
    ).body;
  },
  table: single,
});

export const templateActions = [
  templatesList,
  templatesGet,
  templatesUpdate,
  templatesRevert,
  templatesPreview,
  templatesToggleDelivery,
];
