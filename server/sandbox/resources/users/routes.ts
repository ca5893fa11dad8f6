import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { listBody, parseBody, parsePaging, queryOf, queryString } from "../../core/http";
import { checkMetadataSize, mergeMetadata } from "../../core/metadata";
import { type InstanceRecord, readConfig } from "../../tenancy/instances";
import { serializeMembershipsPage } from "../organizations/memberships";
import { revokeUserSessions } from "../sessions/repo";
import { removeSecondFactors, storeSecondFactors } from "../user-security/second-factors";
import { checkPassword, hashPassword, verifyPassword } from "./passwords";
import { userFilters, userOrder } from "./query";
import {
  assertExternalIdAvailable,
  assertUsernameAvailable,
  getUserRow,
  insertEmailAddress,
  insertPhoneNumber,
  insertWeb3Wallet,
  refreshUserDerived,
  requireUser,
  serializeUser,
  serializeUsers,
  type UserRow,
} from "./repo";

const metadata = z.record(z.string(), z.unknown());
const nullableString = z.string().nullish();
const rfc3339 = z
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

const updateUserBody = z.object({
  external_id: nullableString,
  first_name: nullableString,
  last_name: nullableString,
  locale: nullableString,
  primary_email_address_id: nullableString,
  notify_primary_email_address_changed: z.boolean().nullish(),
  primary_phone_number_id: nullableString,
  primary_web3_wallet_id: nullableString,
  username: nullableString,
  profile_image_id: nullableString,
  password: nullableString,
  password_digest: z.string().optional(),
  password_hasher: z.string().optional(),
  skip_password_checks: z.boolean().nullish(),
  sign_out_of_other_sessions: z.boolean().nullish(),
  totp_secret: nullableString,
  backup_codes: z.array(z.string()).optional(),
  public_metadata: metadata.nullish(),
  private_metadata: metadata.nullish(),
  unsafe_metadata: metadata.nullish(),
  delete_self_enabled: z.boolean().nullish(),
  create_organization_enabled: z.boolean().nullish(),
  legal_accepted_at: rfc3339,
  skip_legal_checks: z.boolean().nullish(),
  create_organizations_limit: z.number().int().min(0).nullish(),
  created_at: rfc3339,
  bypass_client_trust: z.boolean().nullish(),
});

const metadataBody = z.object({
  public_metadata: metadata.nullish(),
  private_metadata: metadata.nullish(),
  unsafe_metadata: metadata.nullish(),
});

const userIdsBody = z.object({ user_ids: z.array(z.string()).min(1).max(100) });

type Params = { user_id: string };

function emitUser(sb: SandboxContext, instanceId: string, type: string, row: UserRow) {
  const user = serializeUser(sb, row);
  sb.emit({ instanceId, type, data: user });
  return user;
}

function reload(sb: SandboxContext, request: FastifyRequest, userId: string): UserRow {
  return requireUser(sb, request.instance.id, userId);
}

/** Creates a user in `instance` as `POST /users` does (both APIs), announcing it as `user.created`. */
export async function createUser(sb: SandboxContext, instance: InstanceRecord, input: unknown): Promise<UserRow> {
  const body = parseBody(createUserBody, input);
  const instanceId = instance.id;
  const config = readConfig(instance);
  if (body.password_digest) {
    throw errors.paramValueInvalid(
      "password_hasher",
      "The sandbox cannot verify imported password digests; send `password` instead.",
    );
  }
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
  const passwordHash = body.password ? await hashPassword(body.password) : null;
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

type UserFlag = "banned" | "locked";

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

export function userRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.get("/users", async (request) => {
    const query = queryOf(request);
    const { limit, offset } = parsePaging(query);
    const where = userFilters(request.instance.id, query);
    const order = userOrder(query);
    const after = queryString(query, "starting_after");
    let cursor = "";
    const params = [...where.params];
    if (after) {
      if (order.field !== "created_at") {
        throw errors.paramValueInvalid("starting_after", "starting_after requires ordering by created_at.");
      }
      const anchor = getUserRow(sb, request.instance.id, after);
      if (!anchor)
        throw errors.paramValueInvalid("starting_after", "starting_after must be the id of an existing user.");
      cursor = ` AND (u.created_at, u.id) ${order.direction === "DESC" ? "<" : ">"} (?, ?)`;
      params.push(anchor.created_at, anchor.id);
    }
    const rows = sb.db
      .prepare(`SELECT u.* FROM users u WHERE ${where.sql}${cursor} ORDER BY ${order.sql} LIMIT ? OFFSET ?`)
      .all(...params, limit, offset) as UserRow[];
    // The total (for `paginated=true`) counts the filtered set, not the page.
    const total =
      queryOf(request).paginated === "true"
        ? (sb.db
            .prepare(`SELECT count(*) FROM users u WHERE ${where.sql}`)
            .pluck()
            .get(...where.params) as number)
        : rows.length;
    return listBody(request, "array", serializeUsers(sb, rows), total);
  });

  app.get("/users/count", async (request) => {
    const where = userFilters(request.instance.id, queryOf(request));
    const total = sb.db
      .prepare(`SELECT count(*) FROM users u WHERE ${where.sql}`)
      .pluck()
      .get(...where.params) as number;
    return { object: "total_count", total_count: total };
  });

  app.get<{ Params: Params }>("/users/:user_id", async (request) =>
    serializeUser(sb, reload(sb, request, request.params.user_id)),
  );

  app.post("/users", async (request) => serializeUser(sb, await createUser(sb, request.instance, request.body)));

  app.patch<{ Params: Params }>("/users/:user_id", async (request) => {
    const body = parseBody(updateUserBody, request.body);
    const instanceId = request.instance.id;
    const current = reload(sb, request, request.params.user_id);
    const version = request.headers["clerk-api-version"];
    if (version === "2026-05-12") {
      for (const param of ["public_metadata", "private_metadata"] as const) {
        if (body[param] !== undefined) {
          throw errors.paramValueInvalid(
            param,
            `${param} can no longer be set with PATCH /users/{user_id} as of API version 2026-05-12; use PATCH /users/{user_id}/metadata.`,
          );
        }
      }
    }
    if (body.password && !body.skip_password_checks) {
      checkPassword(body.password, "password", readConfig(request.instance).instance.hibp);
    }
    const passwordHash = body.password ? await hashPassword(body.password) : undefined;
    const row = sb.tx(() => {
      const now = sb.clock.now();
      const set: Record<string, unknown> = {};
      const assign = (column: string, value: unknown) => {
        if (value !== undefined) set[column] = value;
      };
      if (body.username !== undefined) {
        const username = body.username || null;
        if (username) assertUsernameAvailable(sb, instanceId, username, current.id);
        set.username = username;
      }
      if (body.external_id !== undefined) {
        if (body.external_id) assertExternalIdAvailable(sb, instanceId, body.external_id, current.id);
        set.external_id = body.external_id || null;
      }
      assign("first_name", body.first_name);
      assign("last_name", body.last_name);
      assign("locale", body.locale);
      const ownIdentifier = (table: string, id: string | null | undefined, param: string) => {
        if (!id) return;
        const owned = sb.db.prepare(`SELECT verified FROM ${table} WHERE id = ? AND user_id = ?`).get(id, current.id) as
          | { verified: number }
          | undefined;
        if (!owned) throw errors.paramValueInvalid(param, `${param} must be the id of one of this user's identifiers.`);
        if (table !== "web3_wallets" && !owned.verified) {
          throw errors.paramValueInvalid(param, `${param} must be a verified identifier.`);
        }
      };
      ownIdentifier("email_addresses", body.primary_email_address_id, "primary_email_address_id");
      ownIdentifier("phone_numbers", body.primary_phone_number_id, "primary_phone_number_id");
      ownIdentifier("web3_wallets", body.primary_web3_wallet_id, "primary_web3_wallet_id");
      assign("primary_email_address_id", body.primary_email_address_id || undefined);
      assign("primary_phone_number_id", body.primary_phone_number_id || undefined);
      assign("primary_web3_wallet_id", body.primary_web3_wallet_id || undefined);
      if (passwordHash) {
        set.password_hash = passwordHash;
        set.password_last_updated_at = now;
      }
      if (body.public_metadata !== undefined) {
        set.public_metadata = checkMetadataSize(body.public_metadata ?? {}, "public_metadata");
      }
      if (body.private_metadata !== undefined) {
        set.private_metadata = checkMetadataSize(body.private_metadata ?? {}, "private_metadata");
      }
      if (body.unsafe_metadata !== undefined) {
        set.unsafe_metadata = checkMetadataSize(body.unsafe_metadata ?? {}, "unsafe_metadata");
      }
      if (body.totp_secret !== undefined) set.totp_enabled = body.totp_secret ? 1 : 0;
      if (body.backup_codes !== undefined) set.backup_code_enabled = body.backup_codes.length ? 1 : 0;
      const bool = (column: string, value: boolean | null | undefined) => {
        if (value !== undefined && value !== null) set[column] = value ? 1 : 0;
      };
      bool("delete_self_enabled", body.delete_self_enabled);
      bool("create_organization_enabled", body.create_organization_enabled);
      bool("bypass_client_trust", body.bypass_client_trust);
      assign("create_organizations_limit", body.create_organizations_limit);
      if (body.legal_accepted_at) set.legal_accepted_at = Date.parse(body.legal_accepted_at);
      if (body.created_at) set.created_at = Date.parse(body.created_at);
      set.updated_at = now;
      const columns = Object.keys(set);
      sb.db
        .prepare(`UPDATE users SET ${columns.map((c) => `${c} = @${c}`).join(", ")} WHERE id = @id`)
        .run({ ...set, id: current.id });
      storeSecondFactors(sb, current.id, body);
      if (passwordHash && body.sign_out_of_other_sessions) revokeUserSessions(sb, current.id);
      refreshUserDerived(sb, current.id);
      const updated = reload(sb, request, current.id);
      emitUser(sb, request.instance.id, "user.updated", updated);
      return updated;
    });
    return serializeUser(sb, row);
  });

  app.delete<{ Params: Params }>("/users/:user_id", async (request) =>
    deleteUser(sb, reload(sb, request, request.params.user_id)),
  );

  const setFlag = (path: string, column: UserFlag, value: 0 | 1) =>
    app.post<{ Params: Params }>(path, async (request) =>
      serializeUser(sb, setUserFlag(sb, reload(sb, request, request.params.user_id), column, value)),
    );
  setFlag("/users/:user_id/ban", "banned", 1);
  setFlag("/users/:user_id/unban", "banned", 0);
  setFlag("/users/:user_id/lock", "locked", 1);
  setFlag("/users/:user_id/unlock", "locked", 0);

  const bulkBan = (path: string, value: 0 | 1) =>
    app.post(path, async (request) => {
      const { user_ids } = parseBody(userIdsBody, request.body);
      const rows = sb.tx(() => {
        const out: UserRow[] = [];
        for (const id of user_ids) {
          const row = getUserRow(sb, request.instance.id, id);
          if (!row) continue;
          sb.stmt("UPDATE users SET banned = ?, updated_at = ? WHERE id = ?").run(value, sb.clock.now(), id);
          if (value === 1) revokeUserSessions(sb, id);
          const next = reload(sb, request, id);
          emitUser(sb, request.instance.id, "user.updated", next);
          out.push(next);
        }
        return out;
      });
      return serializeUsers(sb, rows);
    });
  bulkBan("/users/ban", 1);
  bulkBan("/users/unban", 0);

  const metadataRoute = (method: "PATCH" | "PUT") =>
    app.route<{ Params: Params }>({
      method,
      url: "/users/:user_id/metadata",
      handler: async (request) => {
        const body = parseBody(metadataBody, request.body);
        const row = reload(sb, request, request.params.user_id);
        const updated = sb.tx(() => {
          const next = (column: "public_metadata" | "private_metadata" | "unsafe_metadata") => {
            const patch = body[column];
            if (patch === undefined) return row[column];
            const value = method === "PUT" ? (patch ?? {}) : mergeMetadata(JSON.parse(row[column]), patch ?? {});
            return checkMetadataSize(value, column);
          };
          sb.stmt(
            "UPDATE users SET public_metadata = ?, private_metadata = ?, unsafe_metadata = ?, updated_at = ? WHERE id = ?",
          ).run(next("public_metadata"), next("private_metadata"), next("unsafe_metadata"), sb.clock.now(), row.id);
          const fresh = reload(sb, request, row.id);
          emitUser(sb, request.instance.id, "user.updated", fresh);
          return fresh;
        });
        return serializeUser(sb, updated);
      },
    });
  metadataRoute("PATCH");
  metadataRoute("PUT");

  app.post<{ Params: Params }>("/users/:user_id/verify_password", async (request) => {
    const { password } = parseBody(z.object({ password: z.string() }), request.body);
    const row = reload(sb, request, request.params.user_id);
    if (!row.password_hash) {
      throw errors.badRequest("no_password_set", "no password set", "This user does not have a password set.");
    }
    if (!(await verifyPassword(password, row.password_hash))) {
      throw errors.unprocessable(
        "password_incorrect",
        "Password is incorrect.",
        "The provided password is incorrect.",
        {
          param_name: "password",
        },
      );
    }
    return { verified: true };
  });

  app.post<{ Params: Params }>("/users/:user_id/remove_password", async (request) => {
    const row = reload(sb, request, request.params.user_id);
    const updated = sb.tx(() => {
      sb.stmt("UPDATE users SET password_hash = NULL, updated_at = ? WHERE id = ?").run(sb.clock.now(), row.id);
      return reload(sb, request, row.id);
    });
    return serializeUser(sb, updated);
  });

  app.get<{ Params: Params }>("/users/:user_id/organization_memberships", async (request) => {
    const row = reload(sb, request, request.params.user_id);
    const { limit, offset } = parsePaging(queryOf(request));
    return serializeMembershipsPage(sb, { userId: row.id }, limit, offset);
  });

  app.delete<{ Params: Params }>("/users/:user_id/mfa", async (request) => {
    const row = reload(sb, request, request.params.user_id);
    sb.tx(() => removeSecondFactors(sb, row.id, "all"));
    return { user_id: row.id };
  });
}
