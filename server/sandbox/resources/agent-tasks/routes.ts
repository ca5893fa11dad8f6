import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { parseBody } from "../../core/http";
import { createAgentTask, requireAgentTask, revokeAgentTask, serializeAgentTask } from "./repo";

const createBody = z.strictObject({
  on_behalf_of: z.object({ user_id: z.string().min(1).optional(), identifier: z.string().min(1).optional() }),
  permissions: z.literal("*"),
  agent_name: z.string().min(1),
  task_description: z.string().min(1),
  redirect_url: z.string().min(1),
  session_max_duration_in_seconds: z.number().int().min(1).optional(),
});

/** Backend API `/agents/tasks`: tickets an agent uses to act as a user, pending until used or revoked. */
export function agentTaskRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.post("/agents/tasks", async (request) => {
    const body = parseBody(createBody, request.body);
    const { row, url } = sb.tx(() => createAgentTask(sb, request.instance, body));
    return serializeAgentTask(row, url);
  });

  app.post<{ Params: { agent_task_id: string } }>("/agents/tasks/:agent_task_id/revoke", async (request) => {
    const row = requireAgentTask(sb, request.instance.id, request.params.agent_task_id);
    return serializeAgentTask(sb.tx(() => revokeAgentTask(sb, row)));
  });
}
