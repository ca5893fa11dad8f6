import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { listBody, parseBody, parsePaging, queryOf } from "../../core/http";
import { SOCIAL_PROVIDERS } from "../../tenancy/config";
import { identifiersChanged } from "../identifiers/changes";
import { revokeUserSessions } from "../sessions/repo";
import { requireUser, serializeUser, type UserRow } from "../users/repo";
import { removeProfileImage, uploadProfileImage } from "./profile-image";
import { removeSecondFactors, verifySecondFactor } from "./second-factors";
import { activeTrustedDevices, revokeTrustedDevice, serializeTrustedDevice } from "./trusted-devices";

type Params = { user_id: string };

const verifyTotpBody = z.strictObject({ code: z.string().min(1) });
const compromisedBody = z.strictObject({ revoke_all_sessions: z.boolean().nullish() });

/** Answers the user after a change, announcing it as `user.updated` like every user change. */
function changedUser(sb: SandboxContext, instanceId: string, userId: string) {
  const user = serializeUser(sb, requireUser(sb, instanceId, userId));
  sb.emit({ instanceId, type: "user.updated", data: user });
  return user;
}

/**
 * The Backend API's user sub-resources: profile image, TOTP and backup codes, trusted devices,
 * a compromised password, and removing identities (web3 wallets, passkeys, external accounts).
 */
export function userSecurityRoutes(app: FastifyInstance, sb: SandboxContext): void {
  const user = (request: FastifyRequest<{ Params: Params }>): UserRow =>
    requireUser(sb, request.instance.id, request.params.user_id);

  app.post<{ Params: Params }>("/users/:user_id/profile_image", async (request) =>
    uploadProfileImage(sb, user(request), request.body),
  );

  app.delete<{ Params: Params }>("/users/:user_id/profile_image", async (request) =>
    removeProfileImage(sb, user(request)),
  );

  app.post<{ Params: Params }>("/users/:user_id/verify_totp", async (request) => {
    const { code } = parseBody(verifyTotpBody, request.body);
    const row = user(request);
    return { verified: true, code_type: sb.tx(() => verifySecondFactor(sb, row.id, code)) };
  });

  for (const [path, which] of [
    ["totp", "totp"],
    ["backup_code", "backup_codes"],
  ] as const) {
    app.delete<{ Params: Params }>(`/users/:user_id/${path}`, async (request) => {
      const row = user(request);
      sb.tx(() => {
        removeSecondFactors(sb, row.id, which);
        changedUser(sb, row.instance_id, row.id);
      });
      return { user_id: row.id };
    });
  }

  app.get<{ Params: Params }>("/users/:user_id/trusted_devices", async (request) => {
    const devices = activeTrustedDevices(sb, user(request).id);
    return { data: devices.map(serializeTrustedDevice), total_count: devices.length };
  });

  app.delete<{ Params: Params & { trusted_device_id: string } }>(
    "/users/:user_id/trusted_devices/:trusted_device_id",
    async (request) => {
      const row = user(request);
      return serializeTrustedDevice(sb.tx(() => revokeTrustedDevice(sb, row.id, request.params.trusted_device_id)));
    },
  );

  // Marks the current password; a new password is not compromised (the mark names the old hash).
  app.post<{ Params: Params }>("/users/:user_id/password/set_compromised", async (request) => {
    const body = parseBody(compromisedBody, request.body);
    const row = user(request);
    if (!row.password_hash) {
      throw errors.badRequest("no_password_set", "no password set", "This user does not have a password set.");
    }
    const hash = row.password_hash;
    return sb.tx(() => {
      sb.stmt(
        `INSERT INTO user_compromised_passwords (user_id, password_hash, created_at) VALUES (?, ?, ?)
         ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash, created_at = excluded.created_at`,
      ).run(row.id, hash, sb.clock.now());
      if (body.revoke_all_sessions) revokeUserSessions(sb, row.id);
      return changedUser(sb, row.instance_id, row.id);
    });
  });

  app.post<{ Params: Params }>("/users/:user_id/password/unset_compromised", async (request) => {
    const row = user(request);
    return sb.tx(() => {
      sb.stmt("DELETE FROM user_compromised_passwords WHERE user_id = ?").run(row.id);
      return changedUser(sb, row.instance_id, row.id);
    });
  });

  app.delete<{ Params: Params & { web3_wallet_identification_id: string } }>(
    "/users/:user_id/web3_wallets/:web3_wallet_identification_id",
    async (request) => {
      const row = user(request);
      const walletId = request.params.web3_wallet_identification_id;
      sb.tx(() => {
        const removed = sb.stmt("DELETE FROM web3_wallets WHERE id = ? AND user_id = ?").run(walletId, row.id);
        if (!removed.changes) throw errors.notFound("Web3 wallet");
        identifiersChanged(sb, request.instance.id, row.id);
      });
      return { object: "web3_wallet", id: walletId, deleted: true };
    },
  );

  // The sandbox has no Frontend API, so no user ever registers a passkey or connects an OAuth
  // account: these exist only to answer Clerk's 404 for an identity the user does not have.
  app.delete<{ Params: Params & { passkey_identification_id: string } }>(
    "/users/:user_id/passkeys/:passkey_identification_id",
    async (request) => {
      user(request);
      throw errors.notFound("Passkey");
    },
  );
  app.delete<{ Params: Params & { external_account_id: string } }>(
    "/users/:user_id/external_accounts/:external_account_id",
    async (request) => {
      user(request);
      throw errors.notFound("External account");
    },
  );

  app.get<{ Params: Params & { provider: string } }>(
    "/users/:user_id/oauth_access_tokens/:provider",
    async (request) => {
      const provider = request.params.provider.replace(/^oauth_/, "");
      if (
        !request.params.provider.startsWith("oauth_") ||
        !(SOCIAL_PROVIDERS as readonly string[]).includes(provider)
      ) {
        throw errors.paramValueInvalid(
          "provider",
          `provider must be an OAuth provider such as oauth_google; ${request.params.provider} is not one.`,
        );
      }
      user(request);
      parsePaging(queryOf(request));
      // No external accounts, hence no tokens: Clerk answers an empty list in that case.
      return listBody(request, "array", [], 0);
    },
  );
}
