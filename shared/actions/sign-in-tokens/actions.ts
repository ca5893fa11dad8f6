import { z } from "zod";
import { defineAction } from "../action";
import { duration, id } from "../inputs";
import { apiPath } from "../view";
import { type SignInToken, signInToken } from "./schemas";

const tokenColumns = [
  { key: "id", header: "ID" },
  { key: "user", header: "USER" },
  { key: "status", header: "STATUS" },
  { key: "url", header: "URL" },
] as const;

const tokenView = {
  rows: (t: SignInToken) => [{ id: t.id, user: t.user_id, status: t.status, url: t.url ?? "" }],
  columns: tokenColumns,
};

export const signInTokensCreate = defineAction({
  id: "sign-in-tokens.create",
  summary: "Create a sign-in token: a one-time URL that signs the user in without a password",
  description:
    "The URL and token are credentials: whoever opens the URL is signed in as the user. Revoke an unused " +
    "one with `clerk sign-in-tokens revoke <sit_…>`.",
  input: z.object({
    user_id: id("user").describe("The user the token signs in (user_…)"),
    org_id: z.string().min(1).optional().describe("The organization to activate on sign-in (org_…)"),
    expires_in: duration("How long the token can be used: 90s, 30m, 2h, … (Clerk's default is 30d)"),
  }),
  positionals: ["user_id"],
  examples: ["clerk sign-in-tokens create user_2abc", "clerk sign-in-tokens create user_2abc --expires-in 10m --json"],
  api: "backend",
  mutates: true,
  output: signInToken,
  async run(ctx, { expires_in, ...input }) {
    const body = { ...input, ...(expires_in === undefined ? {} : { expires_in_seconds: expires_in }) };
    return (await ctx.backend.request({ method: "POST", path: "/sign_in_tokens", body }, signInToken)).body;
  },
  table: tokenView,
  secretFields: ["token", "url"],
  browse: (token) => token.url ?? undefined,
});

export const signInTokensRevoke = defineAction({
  id: "sign-in-tokens.revoke",
  summary: "Revoke a pending sign-in token: its URL stops working",
  input: z.object({ sign_in_token_id: id("sign-in token") }),
  positionals: ["sign_in_token_id"],
  examples: ["clerk sign-in-tokens revoke sit_2abc", "clerk sign-in-tokens revoke sit_2abc --yes --json"],
  api: "backend",
  mutates: true,
  destructive: (input) => input.sign_in_token_id,
  output: signInToken,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "POST", path: apiPath("sign_in_tokens", input.sign_in_token_id, "revoke") },
        signInToken,
      )
    ).body;
  },
  table: tokenView,
});

export const signInTokenActions = [signInTokensCreate, signInTokensRevoke];
