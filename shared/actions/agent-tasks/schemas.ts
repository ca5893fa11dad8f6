import { z } from "zod";

/** An agent task (Backend API `AgentTask`); `url` comes only with the create call's answer. */
export const agentTask = z.looseObject({
  object: z.literal("agent_task"),
  agent_id: z.string(),
  agent_task_id: z.string(),
  url: z.string().optional(),
});
export type AgentTask = z.infer<typeof agentTask>;
