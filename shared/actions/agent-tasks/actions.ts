import { z } from "zod";
import { defineAction } from "../action";
import { duration, id } from "../inputs";
import { apiPath } from "../view";
import { type AgentTask, agentTask } from "./schemas";

const taskView = {
  rows: (t: AgentTask) => [{ id: t.agent_task_id, agent: t.agent_id, url: t.url ?? "" }],
  columns: [
    { key: "id", header: "ID" },
    { key: "agent", header: "AGENT" },
    { key: "url", header: "URL" },
  ],
} as const;

export const agentTasksCreate = defineAction({
  id: "agent-tasks.create",
  summary: "Create an agent task: a one-time URL that signs an agent in to act as a user",
  description:
    "The agent opening the URL gets a session of the user, with all of the user's permissions, and is sent " +
    "on to --redirect-url. The URL is a credential. Revoke an unused task with `clerk agent-tasks revoke`.",
  input: z.object({
    user: z
      .string()
      .min(1)
      .describe("The user the agent acts for: a user id (user_…), or a verified email address, phone or username"),
    agent_name: z.string().min(1).describe("A name for the agent (the same name keeps the same agent id)"),
    task_description: z.string().min(1).describe("What the agent does, for the audit log"),
    redirect_url: z.string().min(1).describe("Where the user is sent once the task is accepted (an absolute URL)"),
    session_max_duration: duration("How long the agent's session may last: 30m, 2h, … (Clerk's default is 30m)"),
  }),
  positionals: ["user"],
  examples: [
    'clerk agent-tasks create user_2abc --agent-name support-bot --task-description "Reset billing" --redirect-url https://app.example.com',
    'clerk agent-tasks create ada@example.com --agent-name ci --task-description "E2E run" --redirect-url http://localhost:3000 --json',
  ],
  api: "backend",
  mutates: true,
  output: agentTask,
  async run(ctx, { user, session_max_duration, ...input }) {
    const body = {
      on_behalf_of: user.startsWith("user_") ? { user_id: user } : { identifier: user },
      permissions: "*",
      ...input,
      ...(session_max_duration === undefined ? {} : { session_max_duration_in_seconds: session_max_duration }),
    };
    return (await ctx.backend.request({ method: "POST", path: "/agents/tasks", body }, agentTask)).body;
  },
  table: taskView,
  secretFields: ["url"],
  browse: (task) => task.url,
});

export const agentTasksRevoke = defineAction({
  id: "agent-tasks.revoke",
  summary: "Revoke a pending agent task: its URL stops working",
  input: z.object({ agent_task_id: id("agent task") }),
  positionals: ["agent_task_id"],
  examples: ["clerk agent-tasks revoke agt_2abc", "clerk agent-tasks revoke agt_2abc --yes --json"],
  api: "backend",
  mutates: true,
  destructive: (input) => input.agent_task_id,
  output: agentTask,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "POST", path: apiPath("agents", "tasks", input.agent_task_id, "revoke") },
        agentTask,
      )
    ).body;
  },
  table: taskView,
});

export const agentTaskActions = [agentTasksCreate, agentTasksRevoke];
