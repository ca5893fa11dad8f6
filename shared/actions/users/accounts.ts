import { z } from "zod";
import { paginate } from "../../clerk/paginate";
import { deletedObject, listOf, user } from "../../clerk/schemas";
import { defineAction } from "../action";
import { imageFile, readImage } from "../files";
import { id, limit, offset } from "../inputs";
import { apiPath, day, deletedView, minute } from "../view";
import { singleUser } from "./rows";
import {
  type OauthAccessToken,
  oauthAccessToken,
  type UserOrganizationInvitation,
  userOrganizationInvitation,
} from "./schemas";

// What a user has connected: identities (passkeys, web3 wallets, OAuth accounts and their
// tokens), their profile image, and the organization invitations addressed to them.

const userId = id("user");

/** `users passkeys|web3-wallets|external-accounts delete <user_id> <id>`: one removal each. */
function identityRemoval<W extends string, I extends z.ZodObject<{ user_id: typeof userId }>>(kind: {
  words: W;
  path: string;
  noun: string;
  /** `user_id` and the identity's id, which is the second positional. */
  input: I;
  identity(input: z.infer<I>): string;
  example: string;
}) {
  return defineAction({
    id: `users.${kind.words}.delete` as const,
    summary: `Remove a ${kind.noun} from a user: it can no longer sign them in`,
    input: kind.input,
    positionals: Object.keys(kind.input.shape),
    examples: [`clerk users ${kind.words} delete user_2abc ${kind.example}`],
    api: "backend",
    mutates: true,
    destructive: kind.identity,
    output: deletedObject,
    async run(ctx, input) {
      return (
        await ctx.backend.request(
          { method: "DELETE", path: apiPath("users", input.user_id, kind.path, kind.identity(input)) },
          deletedObject,
        )
      ).body;
    },
    table: deletedView,
  });
}

export const usersPasskeysDelete = identityRemoval({
  words: "passkeys",
  path: "passkeys",
  noun: "passkey",
  input: z.object({ user_id: userId, passkey_id: id("passkey") }),
  identity: (input) => input.passkey_id,
  example: "idn_2abc",
});
export const usersWeb3WalletsDelete = identityRemoval({
  words: "web3-wallets",
  path: "web3_wallets",
  noun: "web3 wallet",
  input: z.object({ user_id: userId, web3_wallet_id: id("web3 wallet") }),
  identity: (input) => input.web3_wallet_id,
  example: "idn_2abc",
});
export const usersExternalAccountsDelete = identityRemoval({
  words: "external-accounts",
  path: "external_accounts",
  noun: "connected (OAuth) account",
  input: z.object({ user_id: userId, external_account_id: id("external account") }),
  identity: (input) => input.external_account_id,
  example: "eac_2abc",
});

const tokenColumns = [
  { key: "account", header: "EXTERNAL ACCOUNT" },
  { key: "provider", header: "PROVIDER" },
  { key: "scopes", header: "SCOPES" },
  { key: "expires", header: "EXPIRES" },
  { key: "token", header: "TOKEN" },
] as const;

function tokenRow(t: OauthAccessToken): Record<string, unknown> {
  return {
    account: t.external_account_id,
    provider: t.provider,
    scopes: (t.scopes ?? []).join(" "),
    expires: minute(t.expires_at ? t.expires_at * 1000 : null),
    token: t.token,
  };
}

export const usersOauthTokens = defineAction({
  id: "users.oauth-tokens",
  summary: "Show the OAuth access tokens of a user's connected accounts at one provider",
  description: "The tokens call the provider's API as the user: they are credentials.",
  input: z.object({
    user_id: userId,
    provider: z
      .string()
      .min(1)
      .transform((value) => (value.startsWith("oauth_") ? value : `oauth_${value}`))
      .describe("The provider: google, github, … (or oauth_google, as Clerk names it)"),
  }),
  positionals: ["user_id", "provider"],
  examples: ["clerk users oauth-tokens user_2abc google", "clerk users oauth-tokens user_2abc oauth_github --json"],
  api: "backend",
  mutates: false,
  output: z.array(oauthAccessToken),
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "GET", path: apiPath("users", input.user_id, "oauth_access_tokens", input.provider) },
        z.array(oauthAccessToken),
      )
    ).body;
  },
  table: {
    rows: (output) => output.map(tokenRow),
    columns: tokenColumns,
    footer: (output) => `${output.length} tokens`,
  },
  secretFields: ["token"],
});

const INVITATION_STATUSES = ["pending", "accepted", "revoked", "expired"] as const;
const invitationList = listOf(userOrganizationInvitation);
const invitationColumns = [
  { key: "id", header: "ID" },
  { key: "organization", header: "ORGANIZATION" },
  { key: "email", header: "EMAIL" },
  { key: "role", header: "ROLE" },
  { key: "status", header: "STATUS" },
  { key: "expires", header: "EXPIRES" },
] as const;

function invitationRow(i: UserOrganizationInvitation): Record<string, unknown> {
  return {
    id: i.id,
    organization: i.public_organization_data?.name ?? i.organization_id ?? "",
    email: i.email_address,
    role: i.role,
    status: i.status ?? "",
    expires: day(i.expires_at),
  };
}

export const usersInvitations = defineAction({
  id: "users.invitations",
  summary: "List the organization invitations sent to a user's email addresses",
  input: z.object({
    user_id: userId,
    status: z.enum(INVITATION_STATUSES).optional().describe("Only invitations in this state"),
    limit,
    offset,
  }),
  positionals: ["user_id"],
  examples: ["clerk users invitations user_2abc", "clerk users invitations user_2abc --status pending --json"],
  api: "backend",
  mutates: false,
  output: invitationList,
  async run(ctx, { user_id, ...query }) {
    return (
      await ctx.backend.request(
        { method: "GET", path: apiPath("users", user_id, "organization_invitations"), query },
        invitationList,
      )
    ).body;
  },
  stream: (ctx, input) =>
    paginate(ctx.backend, apiPath("users", input.user_id, "organization_invitations"), userOrganizationInvitation, {
      query: { status: input.status },
    }),
  table: {
    rows: (output) => output.data.map(invitationRow),
    item: (item) => invitationRow(item as UserOrganizationInvitation),
    columns: invitationColumns,
    footer: (output) => `${output.data.length} of ${output.total_count} invitations`,
  },
});

export const usersProfileImageSet = defineAction({
  id: "users.profile-image.set",
  summary: "Upload a user's profile image, replacing the one they have",
  input: z.object({ user_id: userId, file: imageFile("profile") }),
  positionals: ["user_id", "file"],
  examples: [
    "clerk users profile-image set user_2abc avatar.png",
    "clerk users profile-image set user_2abc ./me.jpg --json",
  ],
  api: "backend",
  mutates: true,
  output: user,
  async run(ctx, input) {
    const upload = await readImage(input.file);
    return (
      await ctx.backend.request(
        { method: "POST", path: apiPath("users", input.user_id, "profile_image"), upload, idempotent: true },
        user,
      )
    ).body;
  },
  table: singleUser,
});

export const usersProfileImageDelete = defineAction({
  id: "users.profile-image.delete",
  summary: "Remove a user's profile image (they get the default avatar back)",
  input: z.object({ user_id: userId }),
  positionals: ["user_id"],
  examples: ["clerk users profile-image delete user_2abc"],
  api: "backend",
  mutates: true,
  destructive: (input) => input.user_id,
  output: user,
  async run(ctx, input) {
    return (
      await ctx.backend.request({ method: "DELETE", path: apiPath("users", input.user_id, "profile_image") }, user)
    ).body;
  },
  table: singleUser,
});

export const accountActions = [
  usersPasskeysDelete,
  usersWeb3WalletsDelete,
  usersExternalAccountsDelete,
  usersOauthTokens,
  usersInvitations,
  usersProfileImageSet,
  usersProfileImageDelete,
];
