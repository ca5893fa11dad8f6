import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import type { InstanceRecord } from "../../tenancy/instances";
import { ticketLink } from "../jwks/tickets";
import { createSession, type SessionRow } from "../sessions/repo";
import { requireUser } from "../users/repo";

export interface AgentTaskRow {
  id: string;
  instance_id: string;
  agent_id: string;
  user_id: string;
  permissions: string;
  task_description: string;
  redirect_url: string;
  status: "pending" | "accepted" | "revoked";
  expires_at: number;
  session_max_duration_seconds: number;
  session_id: string | null;
  created_at: number;
  updated_at: number;
}

/** The task's URL can be used for an hour (as actor tokens); its session lasts 30 minutes by default. */
export const TICKET_LIFETIME_SECONDS = 3600;
export const DEFAULT_SESSION_MAX_DURATION_SECONDS = 1800;

export interface AgentTaskInput {
  on_behalf_of: { user_id?: string | undefined; identifier?: string | undefined };
  permissions: "*";
  agent_name: string;
  task_description: string;
  redirect_url: string;
  session_max_duration_in_seconds?: number | undefined;
}

/** `task_id` is the deprecated name of `agent_task_id`; the URL is only in the create answer. */
export function serializeAgentTask(row: AgentTaskRow, url?: string) {
  return {
    object: "agent_task",
    agent_id: row.agent_id,
    agent_task_id: row.id,
    task_id: row.id,
    ...(url ? { url } : {}),
  };
}

export function requireAgentTask(sb: SandboxContext, instanceId: string, id: string): AgentTaskRow {
  const row = sb.stmt("SELECT * FROM agent_tasks WHERE id = ? AND instance_id = ?").get(id, instanceId) as
    | AgentTaskRow
    | undefined;
  if (!row) throw errors.notFound("Agent task");
  return row;
}

/** The user a task acts for: by id, or by a verified email address, phone number or username. */
function resolveUser(sb: SandboxContext, instanceId: string, onBehalfOf: AgentTaskInput["on_behalf_of"]): string {
  const { user_id: userId, identifier } = onBehalfOf;
  if ((userId === undefined) === (identifier === undefined)) {
    throw errors.paramInvalid(
      "on_behalf_of",
      "Exactly one of on_behalf_of.user_id or on_behalf_of.identifier is required.",
    );
  }
  if (userId !== undefined) return requireUser(sb, instanceId, userId).id;
  const found = sb
    .stmt(
      `SELECT user_id FROM email_addresses WHERE instance_id = @instance AND email_lower = lower(@identifier) AND verified = 1
       UNION ALL SELECT user_id FROM phone_numbers WHERE instance_id = @instance AND phone_number = @identifier AND verified = 1
       UNION ALL SELECT id FROM users WHERE instance_id = @instance AND username = lower(@identifier)`,
    )
    .pluck()
    .get({ instance: instanceId, identifier }) as string | undefined;
  if (!found) throw errors.notFound("User");
  return found;
}

/** Development instances accept http redirect URLs; production ones only https. */
function assertRedirectUrl(instance: InstanceRecord, redirectUrl: string): void {
  const protocol = URL.canParse(redirectUrl) ? new URL(redirectUrl).protocol : "";
  const allowed = instance.environment_type === "production" ? ["https:"] : ["https:", "http:"];
  if (!allowed.includes(protocol)) {
    throw errors.paramInvalid(
      "redirect_url",
      `redirect_url must be an absolute ${allowed.map((scheme) => scheme.replace(":", "")).join(" or ")} URL.`,
    );
  }
}

/** The agent's id, stable per name within the instance: created the first time the name is seen. */
function agentIdFor(sb: SandboxContext, instanceId: string, name: string): string {
  const existing = sb.stmt("SELECT id FROM agents WHERE instance_id = ? AND name = ?").pluck().get(instanceId, name) as
    | string
    | undefined;
  if (existing) return existing;
  const id = sb.newId("agent");
  sb.stmt("INSERT INTO agents (id, instance_id, name, created_at) VALUES (?, ?, ?, ?)").run(
    id,
    instanceId,
    name,
    sb.clock.now(),
  );
  return id;
}

export function createAgentTask(sb: SandboxContext, instance: InstanceRecord, input: AgentTaskInput) {
  const userId = resolveUser(sb, instance.id, input.on_behalf_of);
  assertRedirectUrl(instance, input.redirect_url);
  const now = sb.clock.now();
  const row: AgentTaskRow = {
    id: sb.newId("agt"),
    instance_id: instance.id,
    agent_id: agentIdFor(sb, instance.id, input.agent_name),
    user_id: userId,
    permissions: input.permissions,
    task_description: input.task_description,
    redirect_url: input.redirect_url,
    status: "pending",
    expires_at: now + TICKET_LIFETIME_SECONDS * 1000,
    session_max_duration_seconds: input.session_max_duration_in_seconds ?? DEFAULT_SESSION_MAX_DURATION_SECONDS,
    session_id: null,
    created_at: now,
    updated_at: now,
  };
  sb.stmt(
    `INSERT INTO agent_tasks (id, instance_id, agent_id, user_id, permissions, task_description, redirect_url,
       status, expires_at, session_max_duration_seconds, session_id, created_at, updated_at)
     VALUES (@id, @instance_id, @agent_id, @user_id, @permissions, @task_description, @redirect_url,
       @status, @expires_at, @session_max_duration_seconds, @session_id, @created_at, @updated_at)`,
  ).run(row);
  const link = ticketLink(instance, {
    type: "agent_task",
    subjectId: row.id,
    expiresAt: row.expires_at,
    now,
    redirectUrl: row.redirect_url,
  });
  return { row, url: link.url };
}

function assertPending(row: AgentTaskRow, verb: "revoke" | "use"): void {
  if (row.status !== "pending") {
    throw errors.badRequest(
      "agent_task_not_pending",
      `cannot ${verb}`,
      `Only a pending agent task can be ${verb}d; this one is ${row.status}.`,
    );
  }
}

export function revokeAgentTask(sb: SandboxContext, row: AgentTaskRow): AgentTaskRow {
  assertPending(row, "revoke");
  const next: AgentTaskRow = { ...row, status: "revoked", updated_at: sb.clock.now() };
  sb.stmt("UPDATE agent_tasks SET status = 'revoked', updated_at = ? WHERE id = ?").run(next.updated_at, row.id);
  return next;
}

/**
 * What visiting the task's URL does in Clerk: a session for the user, lasting at most
 * `session_max_duration_in_seconds`, then a redirect to `redirect_url`. Used once.
 */
export function acceptAgentTask(
  sb: SandboxContext,
  instance: InstanceRecord,
  row: AgentTaskRow,
): { task: AgentTaskRow; session: SessionRow } {
  assertPending(row, "use");
  if (row.expires_at <= sb.clock.now()) {
    throw errors.badRequest("agent_task_expired", "expired", "This agent task has expired. Create a new one.");
  }
  const session = createSession(sb, instance, row.user_id, undefined, {
    lifetimeMs: row.session_max_duration_seconds * 1000,
  });
  const task: AgentTaskRow = { ...row, status: "accepted", session_id: session.id, updated_at: sb.clock.now() };
  sb.stmt("UPDATE agent_tasks SET status = 'accepted', session_id = ?, updated_at = ? WHERE id = ?").run(
    session.id,
    task.updated_at,
    row.id,
  );
  return { task, session };
}
