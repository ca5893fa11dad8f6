import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import type { InstanceRecord } from "../../tenancy/instances";
import { signJwt } from "../jwks/keys";
import { type SessionRow, sessionStatus } from "./repo";

/** Clerk's session tokens live 60 seconds; SDKs refresh them in the background. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 60;
/** `nbf` sits a little before `iat` so verifiers with a slightly slow clock accept fresh tokens. */
const NOT_BEFORE_SKEW_SECONDS = 10;

/** Session tokens are minted only for sessions that are still signed in. */
export function assertTokenable(sb: SandboxContext, row: SessionRow): void {
  if (sessionStatus(row, sb.clock.now()) !== "active") {
    throw errors.notFound(`Active session ${row.id}`);
  }
}

/** The `o` claim of a v2 session token: the active organization, with the role key unprefixed. */
function organizationClaim(sb: SandboxContext, row: SessionRow) {
  if (!row.last_active_organization_id) return undefined;
  const membership = sb
    .stmt(
      `SELECT o.id, o.slug, m.role FROM organization_memberships m JOIN organizations o ON o.id = m.organization_id
       WHERE m.organization_id = ? AND m.user_id = ?`,
    )
    .get(row.last_active_organization_id, row.user_id) as { id: string; slug: string; role: string } | undefined;
  if (!membership) return undefined;
  return { id: membership.id, rol: membership.role.replace(/^org:/, ""), slg: membership.slug };
}

/**
 * A real RS256 session token (version 2 claims, as Clerk issues them), signed with the
 * instance's key and verifiable against `GET /jwks`. Times come from the sandbox clock.
 */
export function mintSessionToken(
  sb: SandboxContext,
  instance: InstanceRecord,
  row: SessionRow,
  options: { expiresInSeconds?: number | null; azp?: string } = {},
): string {
  const now = sb.clock.now();
  const iat = Math.floor(now / 1000);
  const organization = organizationClaim(sb, row);
  const claims = {
    ...(options.azp ? { azp: options.azp } : {}),
    exp: iat + (options.expiresInSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS),
    // Minutes since the first factor was verified (at sign-in); -1: no second factor yet.
    fva: [Math.floor((now - row.created_at) / 60_000), -1],
    iat,
    iss: `https://${instance.frontend_api_host}`,
    jti: Buffer.from(sb.random(10)).toString("hex"),
    nbf: iat - NOT_BEFORE_SKEW_SECONDS,
    sid: row.id,
    sub: row.user_id,
    v: 2,
    ...(row.actor ? { act: JSON.parse(row.actor) as Record<string, unknown> } : {}),
    ...(organization ? { o: organization } : {}),
  };
  return signJwt(instance, claims);
}
