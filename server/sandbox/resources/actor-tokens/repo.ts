import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import type { InstanceRecord } from "../../tenancy/instances";
import { ticketLink } from "../jwks/tickets";
import { createSession, type SessionRow } from "../sessions/repo";
import { requireUser } from "../users/repo";

export interface ActorTokenRow {
  id: string;
  instance_id: string;
  user_id: string;
  actor: string;
  status: "pending" | "accepted" | "revoked";
  expires_at: number;
  session_max_duration_seconds: number;
  session_id: string | null;
  created_at: number;
  updated_at: number;
}

/** Clerk's defaults: the token can be used for an hour; the session it starts lasts 30 minutes. */
export const DEFAULT_EXPIRES_IN_SECONDS = 3600;
export const DEFAULT_SESSION_MAX_DURATION_SECONDS = 1800;

export interface ActorTokenInput {
  user_id: string;
  actor: { sub: string } & Record<string, unknown>;
  expires_in_seconds?: number | null | undefined;
  session_max_duration_in_seconds?: number | null | undefined;
}

/** The token and its URL exist only in the answer to the create call: they are a credential. */
export function serializeActorToken(row: ActorTokenRow, link?: { token: string; url: string }) {
  return {
    object: "actor_token",
    id: row.id,
    status: row.status,
    user_id: row.user_id,
    actor: JSON.parse(row.actor) as Record<string, unknown>,
    ...(link ? { token: link.token, url: link.url } : {}),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function requireActorToken(sb: SandboxContext, instanceId: string, id: string): ActorTokenRow {
  const row = sb.stmt("SELECT * FROM actor_tokens WHERE id = ? AND instance_id = ?").get(id, instanceId) as
    | ActorTokenRow
    | undefined;
  if (!row) throw errors.notFound("Actor token");
  return row;
}

export function createActorToken(sb: SandboxContext, instance: InstanceRecord, input: ActorTokenInput) {
  requireUser(sb, instance.id, input.user_id);
  const now = sb.clock.now();
  const row: ActorTokenRow = {
    id: sb.newId("act"),
    instance_id: instance.id,
    user_id: input.user_id,
    actor: JSON.stringify(input.actor),
    status: "pending",
    expires_at: now + (input.expires_in_seconds ?? DEFAULT_EXPIRES_IN_SECONDS) * 1000,
    session_max_duration_seconds: input.session_max_duration_in_seconds ?? DEFAULT_SESSION_MAX_DURATION_SECONDS,
    session_id: null,
    created_at: now,
    updated_at: now,
  };
  sb.stmt(
    `INSERT INTO actor_tokens (id, instance_id, user_id, actor, status, expires_at, session_max_duration_seconds,
       session_id, created_at, updated_at)
     VALUES (@id, @instance_id, @user_id, @actor, @status, @expires_at, @session_max_duration_seconds,
       @session_id, @created_at, @updated_at)`,
  ).run(row);
  const link = ticketLink(instance, { type: "actor_token", subjectId: row.id, expiresAt: row.expires_at, now });
  return { row, link };
}

function assertPending(row: ActorTokenRow, verb: "revoke" | "use"): void {
  if (row.status !== "pending") {
    throw errors.badRequest(
      "actor_token_not_pending",
      `cannot ${verb}`,
      `Only a pending actor token can be ${verb}d; this one is ${row.status}.`,
    );
  }
}

/** Only a token not yet used can be revoked; an accepted one's session is revoked instead. */
export function revokeActorToken(sb: SandboxContext, row: ActorTokenRow): ActorTokenRow {
  assertPending(row, "revoke");
  const next: ActorTokenRow = { ...row, status: "revoked", updated_at: sb.clock.now() };
  sb.stmt("UPDATE actor_tokens SET status = 'revoked', updated_at = ? WHERE id = ?").run(next.updated_at, row.id);
  return next;
}

/**
 * What following the token's URL does in Clerk: signs in as the user, on a session that names
 * the actor (`act` in its tokens) and lasts at most `session_max_duration_in_seconds`.
 */
export function acceptActorToken(
  sb: SandboxContext,
  instance: InstanceRecord,
  row: ActorTokenRow,
): { token: ActorTokenRow; session: SessionRow } {
  assertPending(row, "use");
  if (row.expires_at <= sb.clock.now()) {
    throw errors.badRequest("actor_token_expired", "expired", "This actor token has expired. Create a new one.");
  }
  const session = createSession(sb, instance, row.user_id, undefined, {
    actor: JSON.parse(row.actor) as Record<string, unknown>,
    lifetimeMs: row.session_max_duration_seconds * 1000,
  });
  const token: ActorTokenRow = { ...row, status: "accepted", session_id: session.id, updated_at: sb.clock.now() };
  sb.stmt("UPDATE actor_tokens SET status = 'accepted', session_id = ?, updated_at = ? WHERE id = ?").run(
    session.id,
    token.updated_at,
    row.id,
  );
  return { token, session };
}
