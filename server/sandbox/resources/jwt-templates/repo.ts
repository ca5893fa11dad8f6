import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { assertSigningKey, INSTANCE_SIGNING_ALGORITHM, isSigningAlgorithm, SIGNING_ALGORITHMS } from "./signing";

export interface JwtTemplateRow {
  id: string;
  instance_id: string;
  name: string;
  claims: string;
  lifetime: number;
  allowed_clock_skew: number;
  custom_signing_key: number;
  signing_algorithm: string;
  signing_key: string | null;
  created_at: number;
  updated_at: number;
}

/** Clerk's defaults: tokens live 60 seconds and verifiers may allow 5 seconds of clock skew. */
export const DEFAULT_LIFETIME_SECONDS = 60;
export const DEFAULT_ALLOWED_CLOCK_SKEW_SECONDS = 5;

/** Claims Clerk sets on every template token itself; a template cannot define them. */
export const RESERVED_CLAIMS = ["azp", "exp", "iat", "iss", "jti", "nbf", "sub"] as const;

export interface JwtTemplateInput {
  name: string;
  claims: Record<string, unknown>;
  lifetime?: number | null | undefined;
  allowed_clock_skew?: number | null | undefined;
  custom_signing_key?: boolean | undefined;
  signing_algorithm?: string | null | undefined;
  signing_key?: string | null | undefined;
}

/** The Backend API's `JWTTemplate`: everything but the custom signing key. */
export function serializeJwtTemplate(row: JwtTemplateRow) {
  return {
    object: "jwt_template",
    id: row.id,
    name: row.name,
    claims: JSON.parse(row.claims) as Record<string, unknown>,
    lifetime: row.lifetime,
    allowed_clock_skew: row.allowed_clock_skew,
    custom_signing_key: Boolean(row.custom_signing_key),
    signing_algorithm: row.signing_algorithm,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function requireJwtTemplate(sb: SandboxContext, instanceId: string, id: string): JwtTemplateRow {
  const row = sb.stmt("SELECT * FROM jwt_templates WHERE id = ? AND instance_id = ?").get(id, instanceId) as
    | JwtTemplateRow
    | undefined;
  if (!row) throw errors.notFound("JWT template");
  return row;
}

export function findJwtTemplateByName(
  sb: SandboxContext,
  instanceId: string,
  name: string,
): JwtTemplateRow | undefined {
  return sb.stmt("SELECT * FROM jwt_templates WHERE instance_id = ? AND name = ?").get(instanceId, name) as
    | JwtTemplateRow
    | undefined;
}

function assertClaims(claims: Record<string, unknown>): void {
  const reserved = RESERVED_CLAIMS.find((claim) => Object.hasOwn(claims, claim));
  if (reserved) {
    throw errors.badRequest(
      "jwt_template_reserved_claim",
      "reserved claim",
      `You can't use the reserved claim: ${reserved}. Clerk sets it on every token.`,
      { param_name: "claims" },
    );
  }
}

function assertNameAvailable(sb: SandboxContext, instanceId: string, name: string, exceptId = ""): string {
  const trimmed = name.trim();
  if (trimmed === "") throw errors.paramInvalid("name", "name must not be empty.");
  const taken = findJwtTemplateByName(sb, instanceId, trimmed);
  if (taken && taken.id !== exceptId) throw errors.identifierExists("name", "JWT template name");
  return trimmed;
}

/**
 * Which key signs the template's tokens. Without a custom key, the instance's (RS256). A custom
 * key needs an algorithm and the key itself; an update may leave out a key already stored.
 */
function signingOf(input: JwtTemplateInput, current?: JwtTemplateRow) {
  const custom = input.custom_signing_key ?? Boolean(current?.custom_signing_key);
  if (!custom) return { custom_signing_key: 0, signing_algorithm: INSTANCE_SIGNING_ALGORITHM, signing_key: null };
  const stored = current?.custom_signing_key ? current : undefined;
  const algorithm = input.signing_algorithm ?? stored?.signing_algorithm;
  if (!algorithm) throw errors.paramMissing("signing_algorithm");
  if (!isSigningAlgorithm(algorithm)) {
    throw errors.paramValueInvalid(
      "signing_algorithm",
      `signing_algorithm must be one of ${SIGNING_ALGORITHMS.join(", ")}.`,
    );
  }
  const key = input.signing_key ?? stored?.signing_key;
  if (!key) throw errors.paramMissing("signing_key");
  assertSigningKey(algorithm, key);
  return { custom_signing_key: 1, signing_algorithm: algorithm, signing_key: key };
}

export function createJwtTemplate(sb: SandboxContext, instanceId: string, input: JwtTemplateInput): JwtTemplateRow {
  assertClaims(input.claims);
  const now = sb.clock.now();
  const row: JwtTemplateRow = {
    id: sb.newId("jtmp"),
    instance_id: instanceId,
    name: assertNameAvailable(sb, instanceId, input.name),
    claims: JSON.stringify(input.claims),
    lifetime: input.lifetime ?? DEFAULT_LIFETIME_SECONDS,
    allowed_clock_skew: input.allowed_clock_skew ?? DEFAULT_ALLOWED_CLOCK_SKEW_SECONDS,
    ...signingOf(input),
    created_at: now,
    updated_at: now,
  };
  sb.stmt(
    `INSERT INTO jwt_templates (id, instance_id, name, claims, lifetime, allowed_clock_skew, custom_signing_key,
       signing_algorithm, signing_key, created_at, updated_at)
     VALUES (@id, @instance_id, @name, @claims, @lifetime, @allowed_clock_skew, @custom_signing_key,
       @signing_algorithm, @signing_key, @created_at, @updated_at)`,
  ).run(row);
  return row;
}

/** Replaces name and claims (both required, as in Clerk); the other settings keep their values unless sent. */
export function updateJwtTemplate(
  sb: SandboxContext,
  current: JwtTemplateRow,
  input: JwtTemplateInput,
): JwtTemplateRow {
  assertClaims(input.claims);
  const row: JwtTemplateRow = {
    ...current,
    name: assertNameAvailable(sb, current.instance_id, input.name, current.id),
    claims: JSON.stringify(input.claims),
    lifetime: input.lifetime ?? current.lifetime,
    allowed_clock_skew: input.allowed_clock_skew ?? current.allowed_clock_skew,
    ...signingOf(input, current),
    updated_at: sb.clock.now(),
  };
  sb.stmt(
    `UPDATE jwt_templates SET name = @name, claims = @claims, lifetime = @lifetime,
       allowed_clock_skew = @allowed_clock_skew, custom_signing_key = @custom_signing_key,
       signing_algorithm = @signing_algorithm, signing_key = @signing_key, updated_at = @updated_at
     WHERE id = @id`,
  ).run(row);
  return row;
}

export function deleteJwtTemplate(sb: SandboxContext, row: JwtTemplateRow): void {
  sb.stmt("DELETE FROM jwt_templates WHERE id = ?").run(row.id);
}

/** Create and update take the same body (in both APIs); name and claims are required by both. */
export const templateBody = z.object({
  name: z.string(),
  claims: z.record(z.string(), z.unknown()),
  lifetime: z.number().int().min(30).max(315_360_000).nullish(),
  allowed_clock_skew: z.number().int().min(0).max(300).nullish(),
  custom_signing_key: z.boolean().optional(),
  signing_algorithm: z.string().nullish(),
  signing_key: z.string().nullish(),
});
