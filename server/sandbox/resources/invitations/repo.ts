import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import type { InstanceRecord } from "../../tenancy/instances";
import { emitEmail } from "../identifiers/messages";
import { ticketLink } from "../jwks/tickets";
import { assertEmailFormat } from "../users/repo";

export interface InvitationRow {
  id: string;
  instance_id: string;
  email_address: string;
  email_lower: string;
  public_metadata: string;
  redirect_url: string | null;
  template_slug: string;
  status: "pending" | "accepted" | "revoked";
  url: string;
  expires_at: number | null;
  created_at: number;
  updated_at: number;
}

export const INVITATION_STATUSES = ["pending", "accepted", "revoked", "expired"] as const;

/** Clerk's default: an invitation can be accepted for 30 days. */
const DEFAULT_EXPIRES_IN_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A pending invitation past its expiry reads as `expired`; nothing rewrites the row. */
export function invitationStatus(row: InvitationRow, now: number): string {
  return row.status === "pending" && row.expires_at !== null && row.expires_at <= now ? "expired" : row.status;
}

/** The same rule in SQL, over `invitations i`, with the clock bound as `@now`. */
export const INVITATION_STATUS_SQL =
  "CASE WHEN i.status = 'pending' AND i.expires_at IS NOT NULL AND i.expires_at <= @now THEN 'expired' ELSE i.status END";

/** Like Clerk, `revoked` is only sent once true and the ticket `url` only while the invitation can be used. */
export function serializeInvitation(row: InvitationRow, now: number) {
  const status = invitationStatus(row, now);
  return {
    object: "invitation",
    id: row.id,
    email_address: row.email_address,
    public_metadata: JSON.parse(row.public_metadata) as Record<string, unknown>,
    ...(status === "revoked" ? { revoked: true } : {}),
    status,
    ...(status === "pending" ? { url: row.url } : {}),
    expires_at: row.expires_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function requireInvitation(sb: SandboxContext, instanceId: string, id: string): InvitationRow {
  const row = sb.stmt("SELECT * FROM invitations WHERE id = ? AND instance_id = ?").get(id, instanceId) as
    | InvitationRow
    | undefined;
  if (!row) throw errors.notFound("Invitation");
  return row;
}

export interface InvitationInput {
  email_address: string;
  public_metadata?: Record<string, unknown> | null;
  redirect_url?: string | null;
  notify?: boolean | null;
  ignore_existing?: boolean | null;
  expires_in_days?: number | null;
  template_slug?: "invitation" | "waitlist_invitation" | null;
}

/**
 * Refuses invitations Clerk refuses: an address that already belongs to a user (unless
 * `ignoreExistingUsers`), or one with a pending invitation (unless that input says `ignore_existing`).
 */
function assertInvitable(
  sb: SandboxContext,
  instanceId: string,
  inputs: readonly InvitationInput[],
  ignoreExistingUsers: (input: InvitationInput) => boolean,
): void {
  const now = sb.clock.now();
  for (const input of inputs) {
    assertEmailFormat(input.email_address);
    if (ignoreExistingUsers(input)) continue;
    const user = sb
      .stmt("SELECT 1 FROM email_addresses WHERE instance_id = ? AND email_lower = ?")
      .get(instanceId, input.email_address.toLowerCase());
    if (user) throw errors.identifierExists("email_address", "email address");
  }
  const duplicates = inputs
    .filter((input) => !input.ignore_existing)
    .map((input) => input.email_address)
    .filter((email) =>
      sb
        .stmt(
          `SELECT 1 FROM invitations i WHERE i.instance_id = @instance_id AND i.email_lower = @email
             AND ${INVITATION_STATUS_SQL} = 'pending'`,
        )
        .get({ instance_id: instanceId, email: email.toLowerCase(), now }),
    );
  if (duplicates.length) {
    throw errors.badRequest(
      "duplicate_record",
      duplicates.length > 1 ? "duplicate invitations" : "duplicate invitation",
      `There are already pending invitations for the following email addresses: ${duplicates.join(", ")}`,
      { email_addresses: duplicates },
    );
  }
}

function insertInvitation(sb: SandboxContext, instance: InstanceRecord, input: InvitationInput): InvitationRow {
  const now = sb.clock.now();
  const id = sb.newId("inv");
  const expiresAt = now + (input.expires_in_days ?? DEFAULT_EXPIRES_IN_DAYS) * DAY_MS;
  const redirectUrl = input.redirect_url ?? null;
  const row: InvitationRow = {
    id,
    instance_id: instance.id,
    email_address: input.email_address,
    email_lower: input.email_address.toLowerCase(),
    public_metadata: JSON.stringify(input.public_metadata ?? {}),
    redirect_url: redirectUrl,
    template_slug: input.template_slug ?? "invitation",
    status: "pending",
    url: ticketLink(instance, { type: "invitation", subjectId: id, expiresAt, now, redirectUrl }).url,
    expires_at: expiresAt,
    created_at: now,
    updated_at: now,
  };
  sb.stmt(
    `INSERT INTO invitations (id, instance_id, email_address, email_lower, public_metadata, redirect_url, template_slug,
       status, url, expires_at, created_at, updated_at)
     VALUES (@id, @instance_id, @email_address, @email_lower, @public_metadata, @redirect_url, @template_slug,
       @status, @url, @expires_at, @created_at, @updated_at)`,
  ).run(row);
  sb.emit({ instanceId: instance.id, type: "invitation.created", data: serializeInvitation(row, now) });
  if (input.notify !== false) {
    emitEmail(sb, instance.id, {
      to: row.email_address,
      slug: row.template_slug,
      subject: "You're invited!",
      body: `You have been invited to sign up. Accept the invitation: ${row.url}`,
      emailAddressId: null,
      userId: null,
      data: { action_url: row.url },
    });
  }
  return row;
}

/**
 * Creates invitations all-or-nothing, inside the caller's transaction. A single invitation's
 * `ignore_existing` also lets it through for an existing user; in bulk it cannot, as in Clerk.
 */
export function createInvitations(
  sb: SandboxContext,
  instance: InstanceRecord,
  inputs: readonly InvitationInput[],
  mode: "single" | "bulk",
): InvitationRow[] {
  assertInvitable(sb, instance.id, inputs, (input) => mode === "single" && Boolean(input.ignore_existing));
  return inputs.map((input) => insertInvitation(sb, instance, input));
}

function setStatus(sb: SandboxContext, row: InvitationRow, status: "accepted" | "revoked"): InvitationRow {
  const next: InvitationRow = { ...row, status, updated_at: sb.clock.now() };
  sb.stmt("UPDATE invitations SET status = ?, updated_at = ? WHERE id = ?").run(status, next.updated_at, row.id);
  sb.emit({
    instanceId: row.instance_id,
    type: `invitation.${status}`,
    data: serializeInvitation(next, next.updated_at),
  });
  return next;
}

/** Only invitations that were neither revoked nor accepted can be revoked. */
export function revokeInvitation(sb: SandboxContext, row: InvitationRow): InvitationRow {
  if (row.status === "revoked") {
    throw errors.badRequest(
      "invitation_already_revoked",
      "Invitation is already revoked.",
      "Invitation is already revoked.",
    );
  }
  if (row.status === "accepted") {
    throw errors.badRequest(
      "invitation_already_accepted",
      "Invitation is already accepted, try signing in instead.",
      "Invitation is already accepted, try signing in instead.",
    );
  }
  return setStatus(sb, row, "revoked");
}

/** The invitation must still be usable to accept it, as Clerk checks the ticket on sign-up. */
export function assertAcceptable(sb: SandboxContext, row: InvitationRow): void {
  const status = invitationStatus(row, sb.clock.now());
  if (status === "revoked") {
    throw errors.badRequest("revoked_invitation", "The invitation was revoked.", "The invitation was revoked.");
  }
  if (status === "accepted") {
    throw errors.badRequest(
      "invitation_already_accepted",
      "Invitation is already accepted, try signing in instead.",
      "Invitation is already accepted, try signing in instead.",
    );
  }
  if (status === "expired") {
    throw errors.badRequest(
      "verification_expired",
      "expired",
      "This verification has expired. You must create a new one.",
    );
  }
}

export function acceptInvitation(sb: SandboxContext, row: InvitationRow): InvitationRow {
  assertAcceptable(sb, row);
  return setStatus(sb, row, "accepted");
}
