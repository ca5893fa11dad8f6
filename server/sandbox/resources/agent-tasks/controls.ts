import type { FastifyInstance } from "fastify";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { instanceById } from "../../tenancy/instances";
import { serializeSession } from "../sessions/repo";
import { type AgentTaskRow, acceptAgentTask, serializeAgentTask } from "./repo";

/**
 * `POST /__sandbox/agent_tasks/{id}/accept`: what visiting the task's URL does in Clerk. The
 * sandbox has no Frontend API, so this starts the session directly and names the redirect.
 */
export function agentTaskControls(app: FastifyInstance, sb: SandboxContext): void {
  app.post<{ Params: { agent_task_id: string } }>("/__sandbox/agent_tasks/:agent_task_id/accept", async (request) => {
    const row = sb.stmt("SELECT * FROM agent_tasks WHERE id = ?").get(request.params.agent_task_id) as
      | AgentTaskRow
      | undefined;
    if (!row) throw errors.notFound("Agent task");
    const instance = instanceById(sb, row.instance_id);
    if (!instance) throw errors.notFound("Instance");
    const { task, session } = sb.tx(() => acceptAgentTask(sb, instance, row));
    return {
      agent_task: serializeAgentTask(task),
      redirect_url: task.redirect_url,
      session: serializeSession(session, sb.clock.now()),
    };
  });
}
