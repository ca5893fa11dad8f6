import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { parseBody } from "../../core/http";
import { DEFAULT_TEMPLATES, type DefaultTemplate, renderSample, type TemplateType, variablesIn } from "./defaults";

interface TemplateRow {
  id: string;
  instance_id: string;
  template_type: TemplateType;
  slug: string;
  position: number;
  edited: number;
  name: string;
  subject: string | null;
  markup: string;
  body: string;
  from_email_name: string;
  reply_to_email_name: string;
  delivered_by_clerk: number;
  created_at: number;
  updated_at: number;
}

type Params = { template_type: string; slug: string };

const localPart = z.string().regex(/^[a-zA-Z0-9._+-]+$/, "must be the local part of an email address, e.g. hello");

const upsertBody = z.object({
  name: z.string().min(1).optional(),
  subject: z.string().nullish(),
  markup: z.string().nullish(),
  body: z.string().min(1).optional(),
  delivered_by_clerk: z.boolean().nullish(),
  from_email_name: localPart.optional(),
  reply_to_email_name: z.union([localPart, z.literal("")]).optional(),
});

const previewBody = z.object({
  subject: z.string().nullish(),
  body: z.string().optional(),
  from_email_name: localPart.optional(),
  reply_to_email_name: z.union([localPart, z.literal("")]).optional(),
});

function isTemplateType(value: string): value is TemplateType {
  return value === "email" || value === "sms";
}

function defaultOf(type: TemplateType, slug: string): DefaultTemplate {
  const found = DEFAULT_TEMPLATES[type].find((template) => template.slug === slug);
  if (!found) throw errors.notFound("Template");
  return found;
}

/** The default's content columns: what seeding writes and revert restores. */
function defaultColumns(template: DefaultTemplate) {
  return {
    name: template.name,
    subject: template.subject,
    markup: "",
    body: template.body,
    from_email_name: "notifications",
    reply_to_email_name: "",
    delivered_by_clerk: 1,
  };
}

/** Seeds the instance's missing default templates of `type`. */
function seedTemplates(sb: SandboxContext, instanceId: string, type: TemplateType): void {
  const insert = sb.stmt(
    `INSERT OR IGNORE INTO templates (id, instance_id, template_type, slug, position, edited, name, subject, markup,
       body, from_email_name, reply_to_email_name, delivered_by_clerk, created_at, updated_at)
     VALUES (@id, @instance_id, @template_type, @slug, @position, 0, @name, @subject, @markup, @body,
       @from_email_name, @reply_to_email_name, @delivered_by_clerk, @now, @now)`,
  );
  const exists = sb.stmt("SELECT 1 FROM templates WHERE instance_id = ? AND template_type = ? AND slug = ?");
  DEFAULT_TEMPLATES[type].forEach((template, position) => {
    if (exists.get(instanceId, type, template.slug)) return;
    insert.run({
      id: sb.newId("tpl"),
      instance_id: instanceId,
      template_type: type,
      slug: template.slug,
      position,
      now: sb.clock.now(),
      ...defaultColumns(template),
    });
  });
}

function requireTemplate(sb: SandboxContext, instanceId: string, params: Params): TemplateRow {
  const type = params.template_type;
  if (!isTemplateType(type)) throw errors.notFound("Template");
  defaultOf(type, params.slug);
  return sb.tx(() => {
    seedTemplates(sb, instanceId, type);
    return sb
      .stmt("SELECT * FROM templates WHERE instance_id = ? AND template_type = ? AND slug = ?")
      .get(instanceId, type, params.slug) as TemplateRow;
  });
}

function serializeTemplate(row: TemplateRow) {
  const template = defaultOf(row.template_type, row.slug);
  const isEmail = row.template_type === "email";
  return {
    object: "template",
    id: row.id,
    instance_id: row.instance_id,
    resource_type: row.edited ? "user" : "system",
    template_type: row.template_type,
    name: row.name,
    slug: row.slug,
    position: row.position,
    can_revert: Boolean(row.edited),
    can_delete: false,
    can_edit_body: true,
    can_toggle: false,
    subject: row.subject,
    markup: row.markup,
    body: row.body,
    available_variables: template.available,
    required_variables: template.required,
    ...(isEmail ? { from_email_name: row.from_email_name, reply_to_email_name: row.reply_to_email_name } : {}),
    delivered_by_clerk: Boolean(row.delivered_by_clerk),
    enabled: true,
    flagged_as_suspicious: false,
    updated_at: row.updated_at,
    created_at: row.created_at,
  };
}

/** Clerk refuses a body (or email subject) that drops a variable the template needs. */
function assertRequiredVariables(template: DefaultTemplate, body: string): void {
  const used = variablesIn(body);
  const dropped = template.required.filter((name) => !used.has(name));
  if (dropped.length > 0) {
    throw errors.paramValueInvalid(
      "body",
      `body must contain the required variables: ${dropped.map((name) => `{{${name}}}`).join(", ")}.`,
    );
  }
}

function writeTemplate(sb: SandboxContext, row: TemplateRow, changes: Partial<TemplateRow>): TemplateRow {
  const next: TemplateRow = { ...row, ...changes, updated_at: sb.clock.now() };
  sb.stmt(
    `UPDATE templates SET edited = @edited, name = @name, subject = @subject, markup = @markup, body = @body,
       from_email_name = @from_email_name, reply_to_email_name = @reply_to_email_name,
       delivered_by_clerk = @delivered_by_clerk, updated_at = @updated_at WHERE id = @id`,
  ).run(next);
  return next;
}

/** Backend API `/templates/{template_type}…`: Clerk's email and SMS templates, editable per instance. */
export function templateRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.get<{ Params: { template_type: string } }>("/templates/:template_type", async (request) => {
    const type = request.params.template_type;
    if (!isTemplateType(type)) throw errors.paramValueInvalid("template_type", "template_type must be email or sms.");
    const instanceId = request.instance.id;
    const rows = sb.tx(() => {
      seedTemplates(sb, instanceId, type);
      return sb
        .stmt("SELECT * FROM templates WHERE instance_id = ? AND template_type = ? ORDER BY position")
        .all(instanceId, type) as TemplateRow[];
    });
    return rows.map(serializeTemplate);
  });

  app.get<{ Params: Params }>("/templates/:template_type/:slug", async (request) =>
    serializeTemplate(requireTemplate(sb, request.instance.id, request.params)),
  );

  app.put<{ Params: Params }>("/templates/:template_type/:slug", async (request) => {
    const row = requireTemplate(sb, request.instance.id, request.params);
    const body = parseBody(upsertBody, request.body ?? {});
    const template = defaultOf(row.template_type, row.slug);
    const isEmail = row.template_type === "email";
    if (!isEmail && (body.subject || body.from_email_name || body.reply_to_email_name)) {
      throw errors.paramValueInvalid(
        "subject",
        "subject, from_email_name and reply_to_email_name apply to email only.",
      );
    }
    if (body.body !== undefined) assertRequiredVariables(template, body.body);
    const changes: Partial<TemplateRow> = { edited: 1 };
    if (body.name !== undefined) changes.name = body.name;
    if (isEmail && body.subject) changes.subject = body.subject;
    if (body.markup !== undefined && body.markup !== null) changes.markup = body.markup;
    if (body.body !== undefined) changes.body = body.body;
    if (body.from_email_name !== undefined) changes.from_email_name = body.from_email_name;
    if (body.reply_to_email_name !== undefined) changes.reply_to_email_name = body.reply_to_email_name;
    if (body.delivered_by_clerk !== undefined && body.delivered_by_clerk !== null) {
      changes.delivered_by_clerk = Number(body.delivered_by_clerk);
    }
    return serializeTemplate(writeTemplate(sb, row, changes));
  });

  app.post<{ Params: Params }>("/templates/:template_type/:slug/revert", async (request) => {
    const row = requireTemplate(sb, request.instance.id, request.params);
    if (!row.edited) {
      throw errors.badRequest(
        "template_not_revertable",
        "template cannot be reverted",
        "The template is already in its default state.",
      );
    }
    const template = defaultOf(row.template_type, row.slug);
    return serializeTemplate(writeTemplate(sb, row, { edited: 0, ...defaultColumns(template) }));
  });

  app.post<{ Params: Params }>("/templates/:template_type/:slug/preview", async (request) => {
    const row = requireTemplate(sb, request.instance.id, request.params);
    const body = parseBody(previewBody, request.body ?? {});
    const isEmail = row.template_type === "email";
    const text = body.body ?? row.body;
    assertRequiredVariables(defaultOf(row.template_type, row.slug), text);
    const subject = isEmail ? (body.subject ?? row.subject) : null;
    return {
      subject: subject === null ? null : renderSample(subject),
      body: renderSample(text),
      ...(isEmail
        ? {
            from_email_name: body.from_email_name ?? row.from_email_name,
            reply_to_email_name: body.reply_to_email_name ?? row.reply_to_email_name,
          }
        : {}),
    };
  });

  app.post<{ Params: Params }>("/templates/:template_type/:slug/toggle_delivery", async (request) => {
    const row = requireTemplate(sb, request.instance.id, request.params);
    // This operation documents 400, not 422, for a bad body.
    const sent = (request.body as { delivered_by_clerk?: unknown } | undefined)?.delivered_by_clerk;
    if (sent !== undefined && typeof sent !== "boolean") {
      throw errors.badRequest(
        "form_param_format_invalid",
        "delivered_by_clerk is invalid",
        "delivered_by_clerk must be a boolean.",
        { param_name: "delivered_by_clerk" },
      );
    }
    const delivered = sent ?? !row.delivered_by_clerk;
    return serializeTemplate(writeTemplate(sb, row, { delivered_by_clerk: Number(delivered) }));
  });
}
