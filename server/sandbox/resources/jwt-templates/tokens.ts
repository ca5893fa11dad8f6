import type { SandboxContext } from "../../core/context";
import type { InstanceRecord } from "../../tenancy/instances";
import { signJwt } from "../jwks/keys";
import { findMembership, serializeMembership } from "../organizations/memberships";
import type { SessionRow } from "../sessions/repo";
import { requireUser, type SerializedUser, serializeUser } from "../users/repo";
import type { JwtTemplateRow } from "./repo";
import { renderClaims, type ShortcodeScope } from "./shortcodes";
import { isSigningAlgorithm, signWithKey } from "./signing";

/** The user as shortcodes see it: Clerk's user object plus its derived names; private metadata stays out. */
function userScope(user: SerializedUser) {
  const { private_metadata: _private, ...visible } = user;
  const email = user.email_addresses.find((e) => e.id === user.primary_email_address_id);
  const phone = user.phone_numbers.find((p) => p.id === user.primary_phone_number_id);
  return {
    ...visible,
    full_name: [user.first_name, user.last_name].filter(Boolean).join(" ") || null,
    primary_email_address: email?.email_address ?? null,
    email_verified: email?.verification?.status === "verified",
    primary_phone_number: phone?.phone_number ?? null,
    phone_number_verified: phone?.verification?.status === "verified",
  };
}

/** The session's active organization with the user's role and permissions in it, if any. */
function organizationScope(sb: SandboxContext, session: SessionRow) {
  if (!session.last_active_organization_id) return null;
  const membership = findMembership(sb, session.last_active_organization_id, session.user_id);
  if (!membership) return null;
  const { organization, role, permissions } = serializeMembership(sb, membership);
  const { private_metadata: _private, ...visible } = organization;
  return { ...visible, role, permissions };
}

function scopeOf(sb: SandboxContext, session: SessionRow): ShortcodeScope {
  const user = serializeUser(sb, requireUser(sb, session.instance_id, session.user_id));
  return {
    user: userScope(user),
    org: organizationScope(sb, session),
    session: { id: session.id, actor: session.actor === null ? null : JSON.parse(session.actor) },
  };
}

/**
 * A token from a JWT template: the rendered claims plus the claims Clerk always sets, valid for
 * the template's lifetime (or `expiresInSeconds`), `nbf` set back by its allowed clock skew.
 * Signed with the template's custom key, or else the instance's key (verifiable via `GET /jwks`).
 */
export function mintTemplateToken(
  sb: SandboxContext,
  instance: InstanceRecord,
  session: SessionRow,
  template: JwtTemplateRow,
  expiresInSeconds?: number | null,
): string {
  const iat = Math.floor(sb.clock.now() / 1000);
  const claims = {
    ...(renderClaims(JSON.parse(template.claims), scopeOf(sb, session)) as Record<string, unknown>),
    exp: iat + (expiresInSeconds ?? template.lifetime),
    iat,
    iss: `https://${instance.frontend_api_host}`,
    jti: Buffer.from(sb.random(10)).toString("hex"),
    nbf: iat - template.allowed_clock_skew,
    sub: session.user_id,
  };
  if (template.custom_signing_key && template.signing_key && isSigningAlgorithm(template.signing_algorithm)) {
    return signWithKey(template.signing_algorithm, template.signing_key, claims);
  }
  return signJwt(instance, claims);
}
