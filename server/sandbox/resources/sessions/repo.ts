import type { SandboxContext } from "../../core/context";
import { errors, SandboxApiError } from "../../core/errors";
import { type InstanceRecord, readConfig } from "../../tenancy/instances";
import { requireUser, serializeUser } from "../users/repo";

export interface SessionRow {
  id: string;
  instance_id: string;
  user_id: string;
  client_id: string;
  status: string;
  actor: string | null;
  last_active_organization_id: string | null;
  last_active_at: number;
  expire_at: number;
  abandon_at: number;
  created_at: number;
  updated_at: number;
}

export interface ClientRow {
  id: string;
  instance_id: string;
  created_at: number;
  updated_at: number;
}

export const SESSION_STATUSES = ["abandoned", "active", "ended", "expired", "removed", "replaced", "revoked"] as const;

/** Clerk abandons a session that has seen no activity for 30 days, whatever its lifetime. */
const ABANDON_AFTER_MS = 30 * 24 * 60 * 60 * 1000;

/** An active session whose lifetime ran out reads as `expired`; nothing rewrites the row. */
export function sessionStatus(row: SessionRow, now: number): string {
  return row.status === "active" && row.expire_at <= now ? "expired" : row.status;
}

/** The same rule in SQL, over `sessions s`, with the clock bound as `@now`. */
export const SESSION_STATUS_SQL =
  "CASE WHEN s.status = 'active' AND s.expire_at <= @now THEN 'expired' ELSE s.status END";

export function serializeSession(row: SessionRow, now: number) {
  return {
    object: "session",
    id: row.id,
    user_id: row.user_id,
    client_id: row.client_id,
    actor: row.actor === null ? null : (JSON.parse(row.actor) as Record<string, unknown>),
    status: sessionStatus(row, now),
    last_active_organization_id: row.last_active_organization_id,
    last_active_at: row.last_active_at,
    latest_activity: null,
    expire_at: row.expire_at,
    abandon_at: row.abandon_at,
    updated_at: row.updated_at,
    created_at: row.created_at,
    tasks: null,
  };
}

export function requireSession(sb: SandboxContext, instanceId: string, sessionId: string): SessionRow {
  const row = sb.stmt("SELECT * FROM sessions WHERE id = ? AND instance_id = ?").get(sessionId, instanceId) as
    | SessionRow
    | undefined;
  if (!row) throw errors.notFound("Session");
  return row;
}

export function requireClient(sb: SandboxContext, instanceId: string, clientId: string): ClientRow {
  const row = sb.stmt("SELECT * FROM clients WHERE id = ? AND instance_id = ?").get(clientId, instanceId) as
    | ClientRow
    | undefined;
  if (!row) throw errors.notFound("Client");
  return row;
}

/** Serializes clients with their sessions, loading the sessions of the whole page at once. */
export function serializeClients(sb: SandboxContext, rows: ClientRow[]) {
  const now = sb.clock.now();
  const ids = rows.map((row) => row.id);
  const sessions = ids.length
    ? (sb.db
        .prepare(`SELECT * FROM sessions WHERE client_id IN (${ids.map(() => "?").join(",")}) ORDER BY created_at, id`)
        .all(...ids) as SessionRow[])
    : [];
  return rows.map((row) => {
    const own = sessions.filter((session) => session.client_id === row.id);
    const active = own.filter((session) => sessionStatus(session, now) === "active");
    return {
      object: "client",
      id: row.id,
      session_ids: own.map((session) => session.id),
      sessions: own.map((session) => serializeSession(session, now)),
      sign_in_id: null,
      sign_up_id: null,
      last_active_session_id: active.at(-1)?.id ?? null,
      last_authentication_strategy: null,
      updated_at: row.updated_at,
      created_at: row.created_at,
    };
  });
}

function emitSession(sb: SandboxContext, type: string, row: SessionRow): void {
  const user = serializeUser(sb, requireUser(sb, row.instance_id, row.user_id));
  // The webhooks document's Session has no `tasks` (a newer Backend API field).
  const { tasks: _tasks, ...session } = serializeSession(row, sb.clock.now());
  sb.emit({ instanceId: row.instance_id, type, data: { ...session, user } });
}

function assertMembership(sb: SandboxContext, instanceId: string, userId: string, organizationId: string): void {
  const organization = sb
    .stmt("SELECT 1 FROM organizations WHERE id = ? AND instance_id = ?")
    .get(organizationId, instanceId);
  if (!organization) throw errors.notFound("Organization");
  const member = sb
    .stmt("SELECT 1 FROM organization_memberships WHERE organization_id = ? AND user_id = ?")
    .get(organizationId, userId);
  if (!member) {
    throw SandboxApiError.one(
      403,
      "not_a_member_in_organization",
      "not a member",
      "The user is not a member of the organization. Only organization members can make it their active organization.",
    );
  }
}

/** How a session was started: an impersonation (actor token) names its actor and caps its lifetime. */
export interface SessionOrigin {
  actor?: Record<string, unknown>;
  lifetimeMs?: number;
}

/**
 * Signs the user in on a new client, as Clerk's testing-only `POST /sessions` does: the
 * session lives for the instance's configured lifetime. Runs inside the caller's transaction.
 */
export function createSession(
  sb: SandboxContext,
  instance: InstanceRecord,
  userId: string,
  activeOrganizationId?: string,
  origin: SessionOrigin = {},
): SessionRow {
  requireUser(sb, instance.id, userId);
  if (activeOrganizationId) assertMembership(sb, instance.id, userId, activeOrganizationId);
  const now = sb.clock.now();
  const lifetimeMs = origin.lifetimeMs ?? readConfig(instance).session.lifetime_seconds * 1000;
  const client: ClientRow = { id: sb.newId("client"), instance_id: instance.id, created_at: now, updated_at: now };
  sb.stmt(
    "INSERT INTO clients (id, instance_id, created_at, updated_at) VALUES (@id, @instance_id, @created_at, @updated_at)",
  ).run(client);
  const row: SessionRow = {
    id: sb.newId("sess"),
    instance_id: instance.id,
    user_id: userId,
    client_id: client.id,
    status: "active",
    actor: origin.actor ? JSON.stringify(origin.actor) : null,
    last_active_organization_id: activeOrganizationId ?? null,
    last_active_at: now,
    expire_at: now + lifetimeMs,
    abandon_at: now + Math.max(lifetimeMs, ABANDON_AFTER_MS),
    created_at: now,
    updated_at: now,
  };
  sb.stmt(
    `INSERT INTO sessions (id, instance_id, user_id, client_id, status, actor, last_active_organization_id,
       last_active_at, expire_at, abandon_at, created_at, updated_at)
     VALUES (@id, @instance_id, @user_id, @client_id, @status, @actor, @last_active_organization_id,
       @last_active_at, @expire_at, @abandon_at, @created_at, @updated_at)`,
  ).run(row);
  sb.stmt("UPDATE users SET last_sign_in_at = ?, last_active_at = ? WHERE id = ?").run(now, now, userId);
  emitSession(sb, "session.created", row);
  return row;
}

const END_VERBS = { revoked: "revoke", ended: "end", removed: "remove" } as const;

/**
 * Ends an active session (Clerk refuses to end one that already ended): `revoked` by the
 * Backend API, `ended` (signed out) or `removed` (from its client) by the user in Clerk's frontend.
 */
export function endSession(sb: SandboxContext, row: SessionRow, status: keyof typeof END_VERBS): SessionRow {
  if (sessionStatus(row, sb.clock.now()) !== "active") {
    throw errors.badRequest(
      "invalid_action_for_session",
      "Invalid action for user session",
      `Unable to ${END_VERBS[status]} session ${row.id}`,
    );
  }
  const updated: SessionRow = { ...row, status, updated_at: sb.clock.now() };
  sb.stmt("UPDATE sessions SET status = ?, updated_at = ? WHERE id = ?").run(status, updated.updated_at, row.id);
  emitSession(sb, `session.${status}`, updated);
  return updated;
}

export function revokeSession(sb: SandboxContext, row: SessionRow): SessionRow {
  return endSession(sb, row, "revoked");
}

/** Revokes every active session of the user (on ban, and on password change when asked), announcing each. */
export function revokeUserSessions(sb: SandboxContext, userId: string): void {
  const now = sb.clock.now();
  const rows = sb.stmt("SELECT * FROM sessions WHERE user_id = ? AND status = 'active'").all(userId) as SessionRow[];
  for (const row of rows) if (sessionStatus(row, now) === "active") revokeSession(sb, row);
}
