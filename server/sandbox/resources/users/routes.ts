import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { listBody, parseBody, parsePaging, queryOf, queryString } from "../../core/http";
import { checkMetadataSize, mergeMetadata } from "../../core/metadata";
import { readConfig } from "../../tenancy/instances";
import { serializeMembershipsPage } from "../organizations/memberships";
import { revokeUserSessions } from "../sessions/repo";
import { removeSecondFactors, storeSecondFactors } from "../user-security/second-factors";
import { isImportedDigest } from "./digests";
import {
  createUser,
  deleteUser,
  emitUser,
  metadata,
  nullableString,
  rfc3339,
  setUserFlag,
  type UserFlag,
} from "./mutations";
import { checkPassword, hashPassword, passwordToStore, verifyPassword } from "./passwords";
import { userFilters, userOrder } from "./query";
import {
  assertExternalIdAvailable,
  assertUsernameAvailable,
  getUserRow,
  refreshUserDerived,
  requireUser,
  serializeUser,
  serializeUsers,
  type UserRow,
} from "./repo";

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

function reload(sb: SandboxContext, request: FastifyRequest, userId: string): UserRow {
  return requireUser(sb, request.instance.id, userId);
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
    const passwordHash = await passwordToStore(body);
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
    const stored = row.password_hash;
    if (!(await verifyPassword(password, stored))) {
      throw errors.unprocessable(
        "password_incorrect",
        "Password is incorrect.",
        "The provided password is incorrect.",
        {
          param_name: "password",
        },
      );
    }
    // An imported digest, once matched, is replaced by the sandbox's own hash (Clerk rehashes on first sign-in).
    if (isImportedDigest(stored)) {
      const rehashed = await hashPassword(password);
      sb.stmt("UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?").run(rehashed, row.id, stored);
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
