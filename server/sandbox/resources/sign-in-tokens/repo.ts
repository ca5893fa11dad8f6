import type { SandboxContext } from "../../core/context";
import { errors, SandboxApiError } from "../../core/errors";
import { type InstanceRecord, readConfig } from "../../tenancy/instances";
import { ticketLink } from "../jwks/tickets";
import { requireMembership } from "../organizations/memberships";
import { requireOrganization } from "../organizations/repo";
import { createSession, type SessionRow } from "../sessions/repo";
import { requireUser } from "../users/repo";

export interface SignInTokenRow {
  id: string;
  instance_id: string;
  user_id: string;
  organization_id: string | null;
  status: "pending" | "accepted" | "revoked";
  expires_at: number;
  session_id: string | null;
  created_at: number;
  updated_at: number;
}

/** Clerk's default: a sign-in token can be used for 30 days. */
export const DEFAULT_EXPIRES_IN_SECONDS = 30 * 24 * 3600;

export interface SignInTokenInput {
  user_id: string;
  org_id?: string | null | undefined;
  expires_in_seconds?: number | null | undefined;
}

/** The token and its URL exist only in the answer to the create call: they are a credential. */
export function serializeSignInToken(row: SignInTokenRow, link?: { token: string; url: string }) {
  return {
    object: "sign_in_token",
    id: row.id,
    status: row.status,
    user_id: row.user_id,
    ...(link ? { token: link.token, url: link.url } : {}),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function requireSignInToken(sb: SandboxContext, instanceId: string, id: string): SignInTokenRow {
  const row = sb.stmt("SELECT * FROM sign_in_tokens WHERE id = ? AND instance_id = ?").get(id, instanceId) as
    | SignInTokenRow
    | undefined;
  if (!row) throw errors.notFound("Sign in token");
  return row;
}

/** `org_id` needs organizations enabled and the user to be a member, as Clerk documents. */
function assertOrganization(sb: SandboxContext, instance: InstanceRecord, userId: string, orgId: string): void {
  if (!readConfig(instance).organization_settings.enabled) {
    throw SandboxApiError.one(
      403,
      "organizations_not_enabled_in_instance",
      "Organizations not enabled",
      "Organizations are not enabled for this instance. Enable them before passing org_id.",
    );
  }
  const organization = requireOrganization(sb, instance.id, orgId);
  requireMembership(sb, organization.id, userId);
}

export function createSignInToken(sb: SandboxContext, instance: InstanceRecord, input: SignInTokenInput) {
  requireUser(sb, instance.id, input.user_id);
  if (input.org_id) assertOrganization(sb, instance, input.user_id, input.org_id);
  const now = sb.clock.now();
  const row: SignInTokenRow = {
    id: sb.newId("sit"),
    instance_id: instance.id,
    user_id: input.user_id,
    organization_id: input.org_id ?? null,
    status: "pending",
    expires_at: now + (input.expires_in_seconds ?? DEFAULT_EXPIRES_IN_SECONDS) * 1000,
    session_id: null,
    created_at: now,
    updated_at: now,
  };
  sb.stmt(
    `INSERT INTO sign_in_tokens (id, instance_id, user_id, organization_id, status, expires_at, session_id,
       created_at, updated_at)
     VALUES (@id, @instance_id, @user_id, @organization_id, @status, @expires_at, @session_id,
       @created_at, @updated_at)`,
  ).run(row);
  const link = ticketLink(instance, { type: "sign_in_token", subjectId: row.id, expiresAt: row.expires_at, now });
  return { row, link };
}

function assertPending(row: SignInTokenRow, verb: "revoke" | "use"): void {
  if (row.status !== "pending") {
    throw errors.badRequest(
      "sign_in_token_not_pending",
      `cannot ${verb}`,
      `Only a pending sign-in token can be ${verb}d; this one is ${row.status}.`,
    );
  }
}

export function revokeSignInToken(sb: SandboxContext, row: SignInTokenRow): SignInTokenRow {
  assertPending(row, "revoke");
  const next: SignInTokenRow = { ...row, status: "revoked", updated_at: sb.clock.now() };
  sb.stmt("UPDATE sign_in_tokens SET status = 'revoked', updated_at = ? WHERE id = ?").run(next.updated_at, row.id);
  return next;
}

/**
 * What following the token's URL does in Clerk: signs the user in on a new session, with the
 * token's organization active. A token is used once.
 */
export function acceptSignInToken(
  sb: SandboxContext,
  instance: InstanceRecord,
  row: SignInTokenRow,
): { token: SignInTokenRow; session: SessionRow } {
  assertPending(row, "use");
  if (row.expires_at <= sb.clock.now()) {
    throw errors.badRequest("sign_in_token_expired", "expired", "This sign-in token has expired. Create a new one.");
  }
  const session = createSession(sb, instance, row.user_id, row.organization_id ?? undefined);
  const token: SignInTokenRow = { ...row, status: "accepted", session_id: session.id, updated_at: sb.clock.now() };
  sb.stmt("UPDATE sign_in_tokens SET status = 'accepted', session_id = ?, updated_at = ? WHERE id = ?").run(
    session.id,
    token.updated_at,
    row.id,
  );
  return { token, session };
}
