import type { SandboxContext } from "../../core/context";
import { SandboxApiError } from "../../core/errors";
import { invalidField } from "../../core/strict-request";

export interface ApiKeyRow {
  id: string;
  instance_id: string;
  type: string;
  subject: string;
  name: string;
  description: string | null;
  claims: string;
  scopes: string;
  secret: string;
  revoked: number;
  revocation_reason: string | null;
  expiration: number | null;
  created_by: string | null;
  last_used_at: number | null;
  created_at: number;
  updated_at: number;
}

export const SUBJECT = /^(user|org|mch|scim)_\w{27}$/;
const API_KEY_ID = /^(ak|api_key)_([0-9A-Fa-f]{32})$/;

export const isExpired = (row: ApiKeyRow, now: number) => row.expiration !== null && row.expiration <= now;

/** The key as Clerk lists it: never with its secret, which only creation (and `/secret`) return. */
export function serializeApiKey(row: ApiKeyRow, now: number) {
  return {
    object: "api_key",
    id: row.id,
    type: row.type,
    subject: row.subject,
    name: row.name,
    description: row.description,
    claims: JSON.parse(row.claims) as unknown,
    scopes: JSON.parse(row.scopes) as string[],
    revoked: row.revoked === 1,
    revocation_reason: row.revocation_reason,
    expired: isExpired(row, now),
    expiration: row.expiration,
    created_by: row.created_by,
    last_used_at: row.last_used_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** `ak_…` and `api_key_…` name the same key. */
export function requireApiKey(sb: SandboxContext, instanceId: string, rawId: string): ApiKeyRow {
  const match = API_KEY_ID.exec(rawId);
  if (!match) throw invalidField("url_parameter", "apiKeyID", "Failed regex check");
  const id = `ak_${match[2]}`;
  const row = sb.stmt("SELECT * FROM api_keys WHERE id = ? AND instance_id = ?").get(id, instanceId) as
    | ApiKeyRow
    | undefined;
  if (!row) throw SandboxApiError.one(404, "resource_not_found", "not found", `No API key was found with id ${rawId}`);
  return row;
}

const SUBJECT_TABLES: Record<string, string> = { user: "users", org: "organizations", mch: "machines" };

/** A key's subject must be a user, organization or machine of the instance (SCIM subjects are not modelled). */
export function assertSubjectExists(sb: SandboxContext, instanceId: string, subject: string): void {
  const table = SUBJECT_TABLES[subject.split("_")[0] ?? ""];
  if (!table) return;
  if (!sb.stmt(`SELECT 1 FROM ${table} WHERE id = ? AND instance_id = ?`).get(subject, instanceId)) {
    throw SandboxApiError.one(404, "resource_not_found", "not found", `No subject was found with id ${subject}`);
  }
}
