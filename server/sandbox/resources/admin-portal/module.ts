import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "../../core/context";
import { SandboxApiError } from "../../core/errors";
import { hexId } from "../../core/ids";
import type { SandboxModule } from "../../core/module";
import { invalidField, parseStrict } from "../../core/strict-request";
import { hashToken } from "../../oauth/tokens";
import { findOrganization } from "../organizations/repo";

/**
 * Admin portal link tokens: single-use links that let an organization's IT contact set up
 * enterprise SSO in Clerk's hosted admin portal. The portal itself is hosted by Clerk, so the
 * sandbox issues and revokes tokens; nothing redeems them.
 */
const tables = [
  `CREATE TABLE IF NOT EXISTS admin_portal_links (
    instance_id TEXT PRIMARY KEY REFERENCES instances(id) ON DELETE CASCADE,
    id TEXT NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS admin_portal_link_tokens (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    link_id TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    organization_id TEXT,
    it_contact_id TEXT,
    scopes TEXT,
    revoked INTEGER NOT NULL DEFAULT 0,
    revocation_reason TEXT,
    expiration INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  )`,
];

interface TokenRow {
  id: string;
  instance_id: string;
  link_id: string;
  token_hash: string;
  organization_id: string | null;
  it_contact_id: string | null;
  scopes: string | null;
  revoked: number;
  revocation_reason: string | null;
  expiration: number;
  created_at: number;
  updated_at: number;
}

const TOKEN_ID = /^aplt_[0-9A-Fa-f]{32}$/;

const createBody = z.strictObject({
  organization_id: z
    .string()
    .regex(/^org_\w{27}$/, "Failed regex check")
    .optional(),
  it_contact_id: z.string().min(1).optional(),
  scopes: z.array(z.string().min(1)).optional(),
  seconds_until_expiration: z.number().int().positive().max(86400).optional(),
});
const revokeBody = z.strictObject({ revocation_reason: z.string().nullish() });

const secureRandom = (size: number) => new Uint8Array(randomBytes(size));

function serialize(row: TokenRow, now: number, token?: string) {
  return {
    object: "admin_portal_link_token",
    id: row.id,
    admin_portal_link_id: row.link_id,
    instance_id: row.instance_id,
    organization_id: row.organization_id,
    it_contact_id: row.it_contact_id,
    scopes: row.scopes === null ? null : (JSON.parse(row.scopes) as string[]),
    ...(token === undefined ? {} : { token }),
    revoked: row.revoked === 1,
    revocation_reason: row.revocation_reason,
    expired: row.expiration <= now,
    expiration: row.expiration,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** The instance's one admin portal link (Clerk's origin-level link), made on first use. */
function linkId(sb: SandboxContext, instanceId: string): string {
  const existing = sb.stmt("SELECT id FROM admin_portal_links WHERE instance_id = ?").pluck().get(instanceId) as
    | string
    | undefined;
  if (existing) return existing;
  const id = sb.newId("apl");
  sb.stmt("INSERT INTO admin_portal_links (instance_id, id) VALUES (?, ?)").run(instanceId, id);
  return id;
}

function routes(app: FastifyInstance, sb: SandboxContext): void {
  app.post("/admin_portal_link_tokens", async (request, reply) => {
    const body = parseStrict(createBody, request.body, "body");
    const instanceId = request.instance.id;
    if (body.organization_id && !findOrganization(sb, instanceId, body.organization_id)) {
      throw invalidField("body", "organization_id", "Organization not found");
    }
    const now = sb.clock.now();
    // The token is a URL-borne secret: shown once, stored hashed.
    const token = `aplt_${Buffer.from(secureRandom(24)).toString("base64url")}`;
    const row: TokenRow = sb.tx(() => {
      const created: TokenRow = {
        id: hexId(secureRandom, "aplt"),
        instance_id: instanceId,
        link_id: linkId(sb, instanceId),
        token_hash: hashToken(token),
        organization_id: body.organization_id ?? null,
        it_contact_id: body.it_contact_id ?? null,
        scopes: body.scopes ? JSON.stringify(body.scopes) : null,
        revoked: 0,
        revocation_reason: null,
        expiration: now + (body.seconds_until_expiration ?? 3600) * 1000,
        created_at: now,
        updated_at: now,
      };
      sb.stmt(
        `INSERT INTO admin_portal_link_tokens (id, instance_id, link_id, token_hash, organization_id, it_contact_id,
           scopes, revoked, revocation_reason, expiration, created_at, updated_at)
         VALUES (@id, @instance_id, @link_id, @token_hash, @organization_id, @it_contact_id, @scopes, @revoked,
           @revocation_reason, @expiration, @created_at, @updated_at)`,
      ).run(created);
      return created;
    });
    return reply.code(201).send(serialize(row, now, token));
  });

  app.post<{ Params: { adminPortalLinkTokenID: string } }>(
    "/admin_portal_link_tokens/:adminPortalLinkTokenID/revoke",
    async (request) => {
      const id = request.params.adminPortalLinkTokenID;
      if (!TOKEN_ID.test(id)) throw invalidField("url_parameter", "adminPortalLinkTokenID", "Failed regex check");
      const body = parseStrict(revokeBody, request.body, "body");
      const row = sb
        .stmt("SELECT * FROM admin_portal_link_tokens WHERE id = ? AND instance_id = ?")
        .get(id, request.instance.id) as TokenRow | undefined;
      if (!row) {
        throw SandboxApiError.one(404, "resource_not_found", "not found", `No admin portal link token with id ${id}`);
      }
      const now = sb.clock.now();
      // Revoking twice keeps the first revocation, as M2M tokens do.
      if (!row.revoked) {
        row.revoked = 1;
        row.revocation_reason = body.revocation_reason ?? null;
        row.updated_at = now;
        sb.stmt(
          "UPDATE admin_portal_link_tokens SET revoked = 1, revocation_reason = ?, updated_at = ? WHERE id = ?",
        ).run(row.revocation_reason, now, row.id);
      }
      return serialize(row, now);
    },
  );
}

export const adminPortalModule: SandboxModule = {
  name: "admin-portal",
  surface: "backend",
  tables,
  routes,
};
