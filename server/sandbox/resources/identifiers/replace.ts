import type { SandboxContext } from "../../core/context";
import type { EmailAddressRow, PhoneNumberRow } from "../users/repo";
import { identifiersChanged, makePrimary } from "./changes";
import { type IdentifierKind, requireIdentifier } from "./kinds";

export type IdentificationStatus = "verified" | "reserved" | "unverified";

export interface Replacement<Row> {
  /** Whether an existing identifier of the user already is the replacement (it is kept, not recreated). */
  matches(row: Row): boolean;
  /** Creates the replacement; throws Clerk's errors for a bad format or a value taken by someone else. */
  insert(status: IdentificationStatus): Row;
  status: IdentificationStatus;
  notify: boolean;
}

/**
 * `PUT /users/{id}/email_address|phone_number`: leaves the user with exactly one identifier of
 * the kind, primary, with the requested status. Runs inside the caller's transaction.
 */
export function replaceIdentifiers<Row extends EmailAddressRow | PhoneNumberRow>(
  sb: SandboxContext,
  kind: IdentifierKind<Row>,
  instanceId: string,
  userId: string,
  replacement: Replacement<Row>,
): Row {
  const existing = sb.stmt(`SELECT * FROM ${kind.table} WHERE user_id = ?`).all(userId) as Row[];
  const kept = existing.find((row) => replacement.matches(row));
  let row: Row;
  if (kept) {
    const verified = replacement.status === "verified";
    sb.stmt(
      `UPDATE ${kind.table} SET verified = ?, reserved = ?,
         verification_strategy = CASE WHEN ? THEN coalesce(verification_strategy, 'admin') ELSE NULL END,
         updated_at = ? WHERE id = ?`,
    ).run(verified ? 1 : 0, replacement.status === "reserved" ? 1 : 0, verified ? 1 : 0, sb.clock.now(), kept.id);
    row = requireIdentifier(sb, kind, instanceId, kept.id);
  } else {
    row = replacement.insert(replacement.status);
  }
  if (kind.object === "phone_number") {
    // A replacement phone number is never reserved for second factor.
    sb.stmt("UPDATE phone_numbers SET reserved_for_second_factor = 0, default_second_factor = 0 WHERE id = ?").run(
      row.id,
    );
  }
  // Primary first, so the previous primary can still be told about the change; then the rest go.
  makePrimary(sb, kind, row, replacement.notify);
  sb.stmt(`DELETE FROM ${kind.table} WHERE user_id = ? AND id <> ?`).run(userId, row.id);
  identifiersChanged(sb, instanceId, userId);
  return requireIdentifier(sb, kind, instanceId, row.id);
}
