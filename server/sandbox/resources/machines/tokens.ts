import { createHash } from "node:crypto";
import type { SandboxContext } from "../../core/context";
import { SandboxApiError } from "../../core/errors";
import { hexId, randomToken } from "../../core/ids";
import type { InstanceRecord } from "../../tenancy/instances";
import { signJwt } from "../jwks/keys";
import { type MachineRow, scopedMachineIds } from "./repo";

export interface M2MTokenRow {
  id: string;
  instance_id: string;
  machine_id: string;
  token_hash: string;
  claims: string;
  scopes: string;
  revoked: number;
  revocation_reason: string | null;
  expiration: number;
  last_used_at: number | null;
  created_at: number;
  updated_at: number;
}

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export function serializeM2MToken(row: M2MTokenRow, now: number) {
  return {
    object: "machine_to_machine_token",
    id: row.id,
    subject: row.machine_id,
    claims: JSON.parse(row.claims) as unknown,
    scopes: JSON.parse(row.scopes) as string[],
    revoked: row.revoked === 1,
    revocation_reason: row.revocation_reason,
    expired: row.expiration <= now,
    expiration: row.expiration,
    last_used_at: row.last_used_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export type M2MToken = ReturnType<typeof serializeM2MToken> & { token: string };

interface MintOptions {
  lifetimeSeconds: number;
  claims: unknown;
}

/**
 * An opaque `mt_…` token: a real random value the caller sees once; only its hash is kept.
 * Its scopes are the machines the creating machine may call at this moment.
 */
export function mintOpaqueToken(sb: SandboxContext, machine: MachineRow, options: MintOptions): M2MToken {
  const now = sb.clock.now();
  const token = `mt_${randomToken(sb.random, 48)}`;
  const row: M2MTokenRow = {
    id: hexId(sb.random, "mt"),
    instance_id: machine.instance_id,
    machine_id: machine.id,
    token_hash: hashToken(token),
    claims: JSON.stringify(options.claims ?? null),
    scopes: JSON.stringify(scopedMachineIds(sb, machine.id)),
    revoked: 0,
    revocation_reason: null,
    expiration: now + options.lifetimeSeconds * 1000,
    last_used_at: null,
    created_at: now,
    updated_at: now,
  };
  sb.stmt(
    `INSERT INTO m2m_tokens (id, instance_id, machine_id, token_hash, claims, scopes, revoked, revocation_reason,
       expiration, last_used_at, created_at, updated_at)
     VALUES (@id, @instance_id, @machine_id, @token_hash, @claims, @scopes, @revoked, @revocation_reason,
       @expiration, @last_used_at, @created_at, @updated_at)`,
  ).run(row);
  return { ...serializeM2MToken(row, now), token };
}

/** Claim names a JWT-format token sets itself; custom claims cannot override them. */
const RESERVED_CLAIMS = new Set(["iss", "sub", "jti", "iat", "nbf", "exp", "scopes"]);

/**
 * A JWT-format token, signed with the instance's key so SDKs verify it locally against the
 * JWKS. Clerk does not store these, so they are never listed.
 */
export function mintJwtToken(
  sb: SandboxContext,
  instance: InstanceRecord,
  machine: MachineRow,
  options: MintOptions,
): M2MToken {
  const now = sb.clock.now();
  const iat = Math.floor(now / 1000);
  const id = hexId(sb.random, "mt");
  const scopes = scopedMachineIds(sb, machine.id);
  const custom =
    options.claims && typeof options.claims === "object" && !Array.isArray(options.claims)
      ? Object.fromEntries(Object.entries(options.claims).filter(([name]) => !RESERVED_CLAIMS.has(name)))
      : {};
  const jwt = signJwt(instance, {
    ...custom,
    iss: `https://${instance.frontend_api_host}`,
    sub: machine.id,
    jti: id,
    iat,
    nbf: iat,
    exp: iat + options.lifetimeSeconds,
    ...(scopes.length ? { scopes: scopes.join(" ") } : {}),
  });
  return {
    object: "machine_to_machine_token",
    id,
    subject: machine.id,
    claims: options.claims ?? null,
    scopes,
    revoked: false,
    revocation_reason: null,
    expired: false,
    expiration: (iat + options.lifetimeSeconds) * 1000,
    last_used_at: null,
    created_at: now,
    updated_at: now,
    token: jwt,
  };
}

const tokenNotFound = (longMessage: string) => SandboxApiError.one(404, "resource_not_found", "not found", longMessage);

/**
 * The token a verification names, if it may be used: unknown, revoked and expired tokens are
 * all Clerk's 404 (SDKs report it as an invalid token). A machine verifying must be in the
 * token's scopes: the token was minted to call it.
 */
export function verifiableToken(
  sb: SandboxContext,
  instanceId: string,
  token: string,
  verifier: MachineRow | undefined,
): M2MTokenRow {
  const row = sb
    .stmt("SELECT * FROM m2m_tokens WHERE token_hash = ? AND instance_id = ?")
    .get(hashToken(token), instanceId) as M2MTokenRow | undefined;
  if (!row) throw tokenNotFound("M2M token not found");
  if (row.revoked) throw tokenNotFound("The M2M token has been revoked");
  if (row.expiration <= sb.clock.now()) throw tokenNotFound("The M2M token has expired");
  if (verifier && !(JSON.parse(row.scopes) as string[]).includes(verifier.id)) {
    throw tokenNotFound(`The M2M token is not scoped to machine ${verifier.id}`);
  }
  return row;
}
