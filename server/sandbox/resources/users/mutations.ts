import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { parseBody } from "../../core/http";
import { checkMetadataSize } from "../../core/metadata";
import { type InstanceRecord, readConfig } from "../../tenancy/instances";
import { revokeUserSessions } from "../sessions/repo";
import { storeSecondFactors } from "../user-security/second-factors";
import { checkPassword, passwordToStore } from "./passwords";
import {
  assertExternalIdAvailable,
  assertUsernameAvailable,
  insertEmailAddress,
  insertPhoneNumber,
  insertWeb3Wallet,
  refreshUserDerived,
  requireUser,
  serializeUser,
  type UserRow,
} from "./repo";

/**
 * Creating, deleting, banning and locking a user: what `POST /users`, `DELETE /users/{id}` and
 * the ban/lock routes do, shared by the Backend API routes (routes.ts) and the Platform API's
 * instance users (platform/instance-data-routes.ts).
 */

export const metadata = z.record(z.string(), z.unknown());
export const nullableString = z.string().nullish();
export const rfc3339 = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), "must be an RFC3339 date-time")
  .nullish();

const createUserBody = z.object({
  external_id: nullableString,
  first_name: nullableString,
  last_name: nullableString,
  locale: nullableString,
  email_address: z.array(z.string()).optional(),
  email_address_identification_status: z.array(z.enum(["verified", "reserved"])).optional(),
  phone_number: z.array(z.string()).optional(),
  phone_number_identification_status: z.array(z.enum(["verified", "reserved"])).optional(),
  web3_wallet: z.array(z.string()).optional(),
  username: nullableString,
  password: nullableString,
  password_digest: nullableString,
  password_hasher: z.string().optional(),
  skip_password_checks: z.boolean().nullish(),
  skip_password_requirement: z.boolean().nullish(),
  totp_secret: nullableString,
  backup_codes: z.array(z.string()).optional(),
  public_metadata: metadata.optional(),
  private_metadata: metadata.optional(),
  unsafe_metadata: metadata.optional(),
  delete_self_enabled: z.boolean().nullish(),
  legal_accepted_at: rfc3339,
  skip_legal_checks: z.boolean().nullish(),
  skip_user_requirement: z.boolean().nullish(),
  create_organization_enabled: z.boolean().nullish(),
  create_organizations_limit: z.number().int().min(0).nullish(),
  created_at: rfc3339,
  bypass_client_trust: z.boolean().nullish(),
  banned: z.boolean().nullish(),
  locked: z.boolean().nullish(),
});

/** Serializes the user and announces it as a webhook event of `type`. */
export function emitUser(sb: SandboxContext, instanceId: string, type: string, row: UserRow) {
  const user = serializeUser(sb, row);
  sb.emit({ instanceId, type, data: user });
  return user;
}

/** Creates a user in `instance` as `POST /users` does (both APIs), announcing it as `user.created`. */
export async function createUser(sb: SandboxContext, instance: InstanceRecord, input: unknown): Promise<UserRow> {
  const body = parseBody(createUserBody, input);
  const instanceId = instance.id;
  const config = readConfig(instance);
  if (body.password && !body.skip_password_checks) checkPassword(body.password, "password", config.instance.hibp);
  const emailStatus = body.email_address_identification_status ?? [];
  if (emailStatus.length && emailStatus.length !== (body.email_address ?? []).length) {
    throw errors.paramInvalid(
      "email_address_identification_status",
      "email_address_identification_status must have exactly one item per email address.",
    );
  }
  const phoneStatus = body.phone_number_identification_status ?? [];
  if (phoneStatus.length && phoneStatus.length !== (body.phone_number ?? []).length) {
    throw errors.paramInvalid(
      "phone_number_identification_status",
      "phone_number_identification_status must have exactly one item per phone number.",
    );
  }
  const passwordHash = (await passwordToStore(body)) ?? null;
  const now = sb.clock.now();
  const createdAt = body.created_at ? Date.parse(body.created_at) : now;
  const row = sb.tx(() => {
    if (body.username) assertUsernameAvailable(sb, instanceId, body.username);
    if (body.external_id) assertExternalIdAvailable(sb, instanceId, body.external_id);
    const id = sb.newId("user");
    sb.stmt(
      `INSERT INTO users (id, instance_id, external_id, username, first_name, last_name, locale, password_hash,
         password_last_updated_at, public_metadata, private_metadata, unsafe_metadata, banned, locked,
         totp_enabled, backup_code_enabled, mfa_enabled_at, delete_self_enabled, create_organization_enabled,
         create_organizations_limit, bypass_client_trust, legal_accepted_at, created_at, updated_at)
       VALUES (@id, @instance_id, @external_id, @username, @first_name, @last_name, @locale, @password_hash,
         @password_last_updated_at, @public_metadata, @private_metadata, @unsafe_metadata, @banned, @locked,
         @totp_enabled, @backup_code_enabled, @mfa_enabled_at, @delete_self_enabled, @create_organization_enabled,
         @create_organizations_limit, @bypass_client_trust, @legal_accepted_at, @created_at, @updated_at)`,
    ).run({
      id,
      instance_id: instanceId,
      external_id: body.external_id ?? null,
      username: body.username || null,
      first_name: body.first_name ?? null,
      last_name: body.last_name ?? null,
      locale: body.locale ?? null,
      password_hash: passwordHash,
      password_last_updated_at: passwordHash ? now : null,
      public_metadata: checkMetadataSize(body.public_metadata ?? {}, "public_metadata"),
      private_metadata: checkMetadataSize(body.private_metadata ?? {}, "private_metadata"),
      unsafe_metadata: checkMetadataSize(body.unsafe_metadata ?? {}, "unsafe_metadata"),
      banned: body.banned ? 1 : 0,
      locked: body.locked ? 1 : 0,
      totp_enabled: body.totp_secret ? 1 : 0,
      backup_code_enabled: body.backup_codes?.length ? 1 : 0,
      mfa_enabled_at: body.totp_secret || body.backup_codes?.length ? now : null,
      delete_self_enabled: body.delete_self_enabled === false ? 0 : 1,
      create_organization_enabled: body.create_organization_enabled === false ? 0 : 1,
      create_organizations_limit: body.create_organizations_limit ?? null,
      bypass_client_trust: body.bypass_client_trust ? 1 : 0,
      legal_accepted_at: body.legal_accepted_at ? Date.parse(body.legal_accepted_at) : null,
      created_at: createdAt,
      updated_at: createdAt,
    });
    (body.email_address ?? []).forEach((email, i) => {
      const reserved = emailStatus[i] === "reserved";
      insertEmailAddress(sb, instanceId, id, email, { verified: !reserved, reserved });
    });
    (body.phone_number ?? []).forEach((phone, i) => {
      const reserved = phoneStatus[i] === "reserved";
      insertPhoneNumber(sb, instanceId, id, phone, { verified: !reserved, reserved });
    });
    for (const wallet of body.web3_wallet ?? []) insertWeb3Wallet(sb, instanceId, id, wallet);
    storeSecondFactors(sb, id, body);
    refreshUserDerived(sb, id);
    const created = requireUser(sb, instanceId, id);
    emitUser(sb, instanceId, "user.created", created);
    return created;
  });
  return row;
}

/** Deletes a user (both APIs), announcing it as `user.deleted`. */
export function deleteUser(sb: SandboxContext, row: UserRow) {
  sb.tx(() => {
    // Memberships, identifiers and sessions go with the user (ON DELETE CASCADE).
    sb.stmt("DELETE FROM users WHERE id = ?").run(row.id);
    sb.emit({ instanceId: row.instance_id, type: "user.deleted", data: { id: row.id, object: "user", deleted: true } });
  });
  return { id: row.id, object: "user", deleted: true };
}

export type UserFlag = "banned" | "locked";

/** Bans, unbans, locks or unlocks a user (both APIs); a ban ends the user's sessions. */
export function setUserFlag(sb: SandboxContext, row: UserRow, column: UserFlag, value: 0 | 1): UserRow {
  return sb.tx(() => {
    sb.db
      .prepare(
        `UPDATE users SET ${column} = ?, updated_at = ?${column === "locked" ? ", lockout_expires_at = NULL" : ""} WHERE id = ?`,
      )
      .run(value, sb.clock.now(), row.id);
    if (column === "banned" && value === 1) revokeUserSessions(sb, row.id);
    const next = requireUser(sb, row.instance_id, row.id);
    emitUser(sb, row.instance_id, "user.updated", next);
    return next;
  });
}
