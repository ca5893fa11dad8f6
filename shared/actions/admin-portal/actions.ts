import { z } from "zod";
import { MASKED_SECRET_FOOTER, maskSecret } from "../../secrets";
import { defineAction } from "../action";
import { withFlagAliases } from "../fields";
import { id, stringList } from "../inputs";
import { apiPath, minute } from "../view";
import { type AdminPortalLinkToken, adminPortalLinkToken } from "./schemas";

const columns = [
  { key: "id", header: "ID" },
  { key: "organization", header: "ORGANIZATION" },
  { key: "scopes", header: "SCOPES" },
  { key: "status", header: "STATUS" },
  { key: "expires", header: "EXPIRES" },
] as const;

const row = (t: AdminPortalLinkToken) => ({
  id: t.id,
  organization: t.organization_id ?? "",
  scopes: (t.scopes ?? []).join(" "),
  status: t.revoked ? "revoked" : t.expired ? "expired" : "valid",
  expires: minute(t.expiration),
});

export const adminPortalCreateLink = defineAction({
  id: "admin-portal.create-link",
  summary: "Create a link token to the admin portal, where a customer's IT admin sets up SSO and SCIM",
  description: "The token is shown once, in this answer: tables mask it, --json prints it.",
  input: z.object({
    organization_id: z
      .string()
      .regex(/^org_\w+$/, "must be an organization id (org_…)")
      .optional()
      .describe("The organization (org_…) the portal configures"),
    it_contact_id: z.string().min(1).optional().describe("Your reference for the IT contact it is for"),
    scope: withFlagAliases(["scopes"], stringList("What the portal may configure (repeatable)")),
    expires_in_seconds: withFlagAliases(
      ["expires-in"],
      z.coerce
        .number()
        .int()
        .min(1)
        .max(86_400)
        .optional()
        .describe("Seconds until it expires (default 3600, at most 86400)"),
    ),
  }),
  examples: [
    "clerk admin-portal create-link --organization-id org_2abc --json",
    "clerk admin-portal create-link --organization-id org_2abc --expires-in-seconds 86400 --json",
  ],
  api: "backend",
  mutates: true,
  output: adminPortalLinkToken,
  async run(ctx, input) {
    const body = {
      organization_id: input.organization_id,
      it_contact_id: input.it_contact_id,
      scopes: input.scope,
      seconds_until_expiration: input.expires_in_seconds,
    };
    return (
      await ctx.backend.request({ method: "POST", path: "/admin_portal_link_tokens", body }, adminPortalLinkToken)
    ).body;
  },
  table: {
    rows: (t) => [{ ...row(t), token: t.token ? maskSecret(t.token) : "" }],
    columns: [...columns, { key: "token", header: "TOKEN" }],
    footer: () => MASKED_SECRET_FOOTER,
  },
  secretFields: ["token"],
});

export const adminPortalRevokeLink = defineAction({
  id: "admin-portal.revoke-link",
  summary: "Revoke an admin portal link token: the link stops working at once",
  input: z.object({
    link_token_id: id("admin portal link token (aplt_…)"),
    reason: z.string().optional().describe("Why, for your records (kept as revocation_reason)"),
  }),
  positionals: ["link_token_id"],
  examples: [
    'clerk admin-portal revoke-link aplt_3beecc9c60adb5f9b850e91a83beecc9 --reason "sent to the wrong contact"',
  ],
  api: "backend",
  mutates: true,
  destructive: (input) => input.link_token_id,
  output: adminPortalLinkToken,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        {
          method: "POST",
          path: apiPath("admin_portal_link_tokens", input.link_token_id, "revoke"),
          body: { revocation_reason: input.reason ?? null },
          // Revoking twice keeps the first revocation: safe to retry.
          idempotent: true,
        },
        adminPortalLinkToken,
      )
    ).body;
  },
  table: { rows: (t) => [row(t)], columns },
});

export const adminPortalActions = [adminPortalCreateLink, adminPortalRevokeLink];
