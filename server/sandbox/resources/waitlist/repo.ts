import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import type { InstanceRecord } from "../../tenancy/instances";
import { emitEmail } from "../identifiers/messages";
import {
  createInvitations,
  type InvitationRow,
  invitationStatus,
  revokeInvitation,
  serializeInvitation,
} from "../invitations/repo";
import { assertEmailFormat } from "../users/repo";

export interface WaitlistEntryRow {
  id: string;
  instance_id: string;
  email_address: string;
  email_lower: string;
  status: "pending" | "invited" | "rejected";
  invitation_id: string | null;
  invited_at: number | null;
  created_at: number;
  updated_at: number;
}

export const WAITLIST_STATUSES = ["pending", "invited", "completed", "rejected"] as const;

/** The status as Clerk reports it, in SQL over `waitlist_entries w LEFT JOIN invitations i`. */
export const WAITLIST_STATUS_SQL =
  "CASE WHEN w.status = 'invited' AND i.status = 'accepted' THEN 'completed' ELSE w.status END";

function invitationOf(sb: SandboxContext, row: WaitlistEntryRow): InvitationRow | undefined {
  if (!row.invitation_id) return undefined;
  return sb.stmt("SELECT * FROM invitations WHERE id = ?").get(row.invitation_id) as InvitationRow | undefined;
}

export function serializeWaitlistEntry(sb: SandboxContext, row: WaitlistEntryRow) {
  const now = sb.clock.now();
  const invitation = invitationOf(sb, row);
  const completed = row.status === "invited" && invitation && invitationStatus(invitation, now) === "accepted";
  return {
    object: "waitlist_entry",
    id: row.id,
    email_address: row.email_address,
    status: completed ? "completed" : row.status,
    is_locked: false,
    invitation: invitation ? serializeInvitation(invitation, now) : null,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function requireWaitlistEntry(sb: SandboxContext, instanceId: string, id: string): WaitlistEntryRow {
  const row = sb.stmt("SELECT * FROM waitlist_entries WHERE id = ? AND instance_id = ?").get(id, instanceId) as
    | WaitlistEntryRow
    | undefined;
  if (!row) throw errors.notFound("Waitlist entry");
  return row;
}

function emitEntry(sb: SandboxContext, type: "created" | "updated", row: WaitlistEntryRow): void {
  sb.emit({ instanceId: row.instance_id, type: `waitlistEntry.${type}`, data: serializeWaitlistEntry(sb, row) });
}

export interface WaitlistInput {
  email_address: string;
  notify?: boolean | null | undefined;
}

/**
 * Adds addresses to the waitlist, all-or-nothing inside the caller's transaction. An address
 * already on the list keeps its entry (answered as is); the same address twice in one call is refused.
 */
export function addToWaitlist(sb: SandboxContext, instanceId: string, inputs: readonly WaitlistInput[]) {
  const seen = new Set<string>();
  for (const input of inputs) {
    assertEmailFormat(input.email_address);
    const lower = input.email_address.toLowerCase();
    if (seen.has(lower)) {
      throw errors.badRequest(
        "duplicate_record",
        "duplicate email address",
        `${input.email_address} appears more than once in the request.`,
      );
    }
    seen.add(lower);
  }
  return inputs.map((input) => {
    const lower = input.email_address.toLowerCase();
    const existing = sb
      .stmt("SELECT * FROM waitlist_entries WHERE instance_id = ? AND email_lower = ?")
      .get(instanceId, lower) as WaitlistEntryRow | undefined;
    if (existing) return existing;
    const now = sb.clock.now();
    const row: WaitlistEntryRow = {
      id: sb.newId("wle"),
      instance_id: instanceId,
      email_address: input.email_address,
      email_lower: lower,
      status: "pending",
      invitation_id: null,
      invited_at: null,
      created_at: now,
      updated_at: now,
    };
    sb.stmt(
      `INSERT INTO waitlist_entries (id, instance_id, email_address, email_lower, status, invitation_id, invited_at,
         created_at, updated_at)
       VALUES (@id, @instance_id, @email_address, @email_lower, @status, @invitation_id, @invited_at,
         @created_at, @updated_at)`,
    ).run(row);
    emitEntry(sb, "created", row);
    if (input.notify !== false) {
      emitEmail(sb, instanceId, {
        to: row.email_address,
        slug: "waitlist_confirmation",
        subject: "You're on the waitlist",
        body: "You have joined the waitlist. We will let you know when you can sign up.",
        emailAddressId: null,
        userId: null,
        data: {},
      });
    }
    return row;
  });
}

function assertNotCompleted(sb: SandboxContext, row: WaitlistEntryRow, verb: string): void {
  if (serializeWaitlistEntry(sb, row).status === "completed") {
    throw errors.badRequest(
      "waitlist_entry_completed",
      "waitlist entry completed",
      `This waitlist entry has already signed up; it cannot be ${verb}.`,
    );
  }
}

function update(sb: SandboxContext, row: WaitlistEntryRow, changes: Partial<WaitlistEntryRow>): WaitlistEntryRow {
  const next: WaitlistEntryRow = { ...row, ...changes, updated_at: sb.clock.now() };
  sb.stmt(
    "UPDATE waitlist_entries SET status = @status, invitation_id = @invitation_id, invited_at = @invited_at, updated_at = @updated_at WHERE id = @id",
  ).run(next);
  emitEntry(sb, "updated", next);
  return next;
}

/**
 * Invites the address as `POST /invitations` does, with Clerk's `waitlist_invitation` template;
 * `ignore_existing` lets it through a pending invitation or an existing user, as there.
 */
export function inviteWaitlistEntry(
  sb: SandboxContext,
  instance: InstanceRecord,
  row: WaitlistEntryRow,
  ignoreExisting: boolean,
): WaitlistEntryRow {
  assertNotCompleted(sb, row, "invited");
  const [invitation] = createInvitations(
    sb,
    instance,
    [{ email_address: row.email_address, ignore_existing: ignoreExisting, template_slug: "waitlist_invitation" }],
    "single",
  );
  return update(sb, row, { status: "invited", invitation_id: invitation?.id ?? null, invited_at: sb.clock.now() });
}

/** Rejecting an invited entry revokes its pending invitation. */
export function rejectWaitlistEntry(sb: SandboxContext, row: WaitlistEntryRow): WaitlistEntryRow {
  assertNotCompleted(sb, row, "rejected");
  if (row.status === "rejected") {
    throw errors.badRequest("waitlist_entry_rejected", "already rejected", "This waitlist entry is already rejected.");
  }
  const invitation = invitationOf(sb, row);
  if (invitation && invitationStatus(invitation, sb.clock.now()) === "pending") revokeInvitation(sb, invitation);
  return update(sb, row, { status: "rejected" });
}

/** Only a pending entry can be deleted, as Clerk documents. */
export function deleteWaitlistEntry(sb: SandboxContext, row: WaitlistEntryRow): void {
  if (row.status !== "pending") {
    throw errors.badRequest(
      "waitlist_entry_not_pending",
      "waitlist entry not pending",
      `Only a pending waitlist entry can be deleted; this one is ${serializeWaitlistEntry(sb, row).status}.`,
    );
  }
  sb.stmt("DELETE FROM waitlist_entries WHERE id = ?").run(row.id);
}
