import type { SandboxContext } from "../../core/context";
import {
  type EmailAddressRow,
  type PhoneNumberRow,
  refreshUserDerived,
  requireUser,
  serializeUser,
  touchUser,
} from "../users/repo";
import type { IdentifierKind } from "./kinds";
import { emitEmail } from "./messages";

/**
 * Every identifier change ends here: the user's primary ids and search text are recomputed
 * (a removed primary falls back to the oldest remaining identifier, as in Clerk) and the
 * change is announced as `user.updated`, which is how Clerk reports identifier changes.
 */
export function identifiersChanged(sb: SandboxContext, instanceId: string, userId: string): void {
  refreshDefaultSecondFactor(sb, userId);
  refreshUserDerived(sb, userId);
  touchUser(sb, userId);
  sb.emit({ instanceId, type: "user.updated", data: serializeUser(sb, requireUser(sb, instanceId, userId)) });
}

/**
 * Makes `row` the user's primary identifier of its kind. With `notify`, the previous primary
 * email address is told about the change, as Clerk's `notify_primary_email_address_changed` does.
 */
export function makePrimary<Row extends EmailAddressRow | PhoneNumberRow>(
  sb: SandboxContext,
  kind: IdentifierKind<Row>,
  row: Row,
  notify = false,
): void {
  const user = requireUser(sb, row.instance_id, row.user_id);
  const previous = user[kind.primaryColumn];
  sb.stmt(`UPDATE users SET ${kind.primaryColumn} = ? WHERE id = ?`).run(row.id, row.user_id);
  if (!notify || kind.object !== "email_address" || !previous || previous === row.id) return;
  const old = sb.stmt("SELECT email_address FROM email_addresses WHERE id = ?").pluck().get(previous) as
    | string
    | undefined;
  if (!old) return;
  emitEmail(sb, row.instance_id, {
    to: old,
    slug: "primary_email_address_changed",
    subject: "Your primary email address was changed",
    body: `The primary email address of your account is now ${kind.valueOf(row)}.`,
    emailAddressId: previous,
    userId: row.user_id,
    data: { new_email_address: kind.valueOf(row) },
  });
}

/** Marks the identifier verified (or not) by `strategy`; a verified identifier is no longer merely reserved. */
export function setVerified<Row extends EmailAddressRow | PhoneNumberRow>(
  sb: SandboxContext,
  kind: IdentifierKind<Row>,
  row: Row,
  verified: boolean,
  strategy: string,
): void {
  sb.stmt(
    `UPDATE ${kind.table} SET verified = ?, verification_strategy = ?, reserved = CASE WHEN ? THEN 0 ELSE reserved END,
       updated_at = ? WHERE id = ?`,
  ).run(verified ? 1 : 0, verified ? strategy : null, verified ? 1 : 0, sb.clock.now(), row.id);
}

/**
 * Keeps exactly one default second factor among the user's phone numbers reserved for MFA:
 * the current default if still reserved, otherwise the oldest reserved number.
 */
function refreshDefaultSecondFactor(sb: SandboxContext, userId: string): void {
  const reserved = sb
    .stmt(
      "SELECT id, default_second_factor FROM phone_numbers WHERE user_id = ? AND reserved_for_second_factor = 1 ORDER BY created_at, rowid",
    )
    .all(userId) as { id: string; default_second_factor: number }[];
  const chosen = reserved.find((phone) => phone.default_second_factor) ?? reserved[0];
  sb.stmt("UPDATE phone_numbers SET default_second_factor = CASE WHEN id = ? THEN 1 ELSE 0 END WHERE user_id = ?").run(
    chosen?.id ?? null,
    userId,
  );
}
