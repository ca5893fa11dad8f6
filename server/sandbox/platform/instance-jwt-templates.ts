import type { FastifyInstance } from "fastify";
import type { SandboxContext } from "../core/context";
import { parseBody } from "../core/http";
import {
  createJwtTemplate,
  deleteJwtTemplate,
  type JwtTemplateRow,
  requireJwtTemplate,
  serializeJwtTemplate,
  templateBody,
  updateJwtTemplate,
} from "../resources/jwt-templates/repo";
import { type InstanceParams, requireApplication, requireInstance } from "./lookup";

type TemplateParams = InstanceParams & { templateID: string };

/**
 * An instance's JWT templates through the Platform API: the Backend API's table and functions,
 * so a template made here mints session tokens there. The list is a plain array (no paging).
 */
export function instanceJwtTemplateRoutes(app: FastifyInstance, sb: SandboxContext): void {
  const instanceId = (params: InstanceParams) =>
    requireInstance(sb, requireApplication(sb, params.applicationID), params.envOrInsID).id;
  const templateOf = (params: TemplateParams) => requireJwtTemplate(sb, instanceId(params), params.templateID);
  const templates = "/applications/:applicationID/instances/:envOrInsID/jwt_templates";

  app.get<{ Params: InstanceParams }>(templates, async (request) => {
    const rows = sb
      .stmt("SELECT * FROM jwt_templates WHERE instance_id = ? ORDER BY created_at DESC, id DESC")
      .all(instanceId(request.params)) as JwtTemplateRow[];
    return rows.map(serializeJwtTemplate);
  });

  app.post<{ Params: InstanceParams }>(templates, async (request) => {
    const body = parseBody(templateBody, request.body);
    const id = instanceId(request.params);
    return serializeJwtTemplate(sb.tx(() => createJwtTemplate(sb, id, body)));
  });

  app.get<{ Params: TemplateParams }>(`${templates}/:templateID`, async (request) =>
    serializeJwtTemplate(templateOf(request.params)),
  );

  app.patch<{ Params: TemplateParams }>(`${templates}/:templateID`, async (request) => {
    const body = parseBody(templateBody, request.body);
    const row = templateOf(request.params);
    return serializeJwtTemplate(sb.tx(() => updateJwtTemplate(sb, row, body)));
  });

  app.delete<{ Params: TemplateParams }>(`${templates}/:templateID`, async (request) => {
    const row = templateOf(request.params);
    sb.tx(() => deleteJwtTemplate(sb, row));
    return { object: "jwt_template", id: row.id, deleted: true };
  });
}
