import { errors } from "../../core/errors";
import { queryList } from "../../core/http";

export const INVITATION_STATUSES = ["pending", "accepted", "revoked", "expired"] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** A pending invitation past its `expires_at` reads as expired; nothing has to rewrite it. */
export function effectiveStatus(row: { status: string; expires_at: number | null }, now: number): string {
  return row.status === "pending" && row.expires_at !== null && row.expires_at < now ? "expired" : row.status;
}

/** The same rule in SQL over `organization_invitations i`, for filtering and counting. */
export function statusSql(now: number): { sql: string; params: unknown[] } {
  return {
    sql: "(CASE WHEN i.status = 'pending' AND i.expires_at IS NOT NULL AND i.expires_at < ? THEN 'expired' ELSE i.status END)",
    params: [now],
  };
}

/** `?status=` (repeatable), each value one of Clerk's invitation statuses. */
export function statusFilter(query: Record<string, unknown>): InvitationStatus[] {
  const values = queryList(query, "status");
  for (const value of values) {
    if (!(INVITATION_STATUSES as readonly string[]).includes(value)) {
      throw errors.paramValueInvalid(
        "status",
        `status must be one of ${INVITATION_STATUSES.map((s) => `'${s}'`).join(", ")}.`,
      );
    }
  }
  return values as InvitationStatus[];
}
