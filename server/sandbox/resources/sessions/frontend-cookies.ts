import type { SandboxContext } from "../../core/context";
import { SandboxApiError } from "../../core/errors";
import type { InstanceRecord } from "../../tenancy/instances";
import { signJwt, verifiedClaims } from "../jwks/keys";
import type { ClientRow, SessionRow } from "./repo";
import { mintSessionToken } from "./tokens";

/**
 * The cookies Clerk's Frontend API sets on a signed-in browser: `__client` (a JWT naming the
 * client, which `POST /clients/verify` takes), `__refresh` (which `POST /sessions/{id}/refresh`
 * takes with an expired `__session`), `__session` and `__client_uat`. The sandbox serves no
 * Frontend API, so a test control hands them out; both tokens are signed with the instance's key.
 */
export function frontendCookies(sb: SandboxContext, instance: InstanceRecord, session: SessionRow) {
  const now = sb.clock.now();
  return {
    __client: signJwt(instance, { id: session.client_id, rotating_token: Buffer.from(sb.random(16)).toString("hex") }),
    __refresh: signJwt(instance, { sid: session.id, st: "refresh", iat: Math.floor(now / 1000) }, { kid: false }),
    __session: mintSessionToken(sb, instance, session),
    __client_uat: String(Math.floor(now / 1000)),
  };
}

/** A refresh that cannot go ahead: 401, which tells Clerk's SDKs to fall back to the handshake. */
export function refreshRefused(longMessage: string): SandboxApiError {
  return SandboxApiError.one(401, "authentication_invalid", "Invalid authentication", longMessage);
}

/** Checks the expired session token and the refresh token both belong to `session`. */
export function assertRefreshable(
  instance: InstanceRecord,
  session: SessionRow,
  tokens: { expired_token: string; refresh_token: string },
): void {
  const expired = verifiedClaims(instance, tokens.expired_token);
  if (expired?.sid !== session.id) {
    throw refreshRefused("expired_token is not a session token of this session.");
  }
  const refresh = verifiedClaims(instance, tokens.refresh_token);
  if (refresh?.st !== "refresh" || refresh.sid !== session.id) {
    throw refreshRefused("refresh_token is not this session's refresh token.");
  }
}

/** The client a `__client` JWT names, if the instance signed it. */
export function clientIdOf(instance: InstanceRecord, token: string): ClientRow["id"] | undefined {
  const id = verifiedClaims(instance, token)?.id;
  return typeof id === "string" ? id : undefined;
}
