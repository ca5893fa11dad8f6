import type { FastifyInstance } from "fastify";
import type { SandboxContext } from "../../core/context";
import { listBody, parseBody, parsePaging, queryOf } from "../../core/http";
import {
  createJwtTemplate,
  deleteJwtTemplate,
  type JwtTemplateRow,
  requireJwtTemplate,
  serializeJwtTemplate,
  templateBody,
  updateJwtTemplate,
} from "./repo";

type Params = { template_id: string };

/** Backend API `/jwt_templates`. */
export function jwtTemplateRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.get("/jwt_templates", async (request) => {
    const query = queryOf(request);
    const { limit, offset } = parsePaging(query);
    const instanceId = request.instance.id;
    const total = sb.stmt("SELECT count(*) FROM jwt_templates WHERE instance_id = ?").pluck().get(instanceId) as number;
    const rows = sb
      .stmt("SELECT * FROM jwt_templates WHERE instance_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
      .all(instanceId, limit, offset) as JwtTemplateRow[];
    return listBody(request, "array", rows.map(serializeJwtTemplate), total);
  });

  app.post("/jwt_templates", async (request) => {
    const body = parseBody(templateBody, request.body);
    return serializeJwtTemplate(sb.tx(() => createJwtTemplate(sb, request.instance.id, body)));
  });

  app.get<{ Params: Params }>("/jwt_templates/:template_id", async (request) =>
    serializeJwtTemplate(requireJwtTemplate(sb, request.instance.id, request.params.template_id)),
  );

  app.patch<{ Params: Params }>("/jwt_templates/:template_id", async (request) => {
    const body = parseBody(templateBody, request.body);
    const row = sb.tx(() =>
      updateJwtTemplate(sb, requireJwtTemplate(sb, request.instance.id, request.params.template_id), body),
    );
    return serializeJwtTemplate(row);
  });

  app.delete<{ Params: Params }>("/jwt_templates/:template_id", async (request) => {
    const row = requireJwtTemplate(sb, request.instance.id, request.params.template_id);
    sb.tx(() => deleteJwtTemplate(sb, row));
    return { object: "jwt_template", id: row.id, deleted: true };
  });
}
