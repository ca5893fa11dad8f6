import { z } from "zod";
import { defineAction } from "../action";
import { minute } from "../view";
import { testingToken } from "./schemas";

export const testingTokensCreate = defineAction({
  id: "testing-tokens.create",
  summary: "Create a Testing Token, which lets end-to-end tests past bot protection for an hour",
  description:
    "Pass it to the Frontend API as `__clerk_testing_token` (the `@clerk/testing` helpers do this). " +
    "It is a credential for the instance's sign-in and sign-up forms: keep it out of logs.",
  input: z.object({}),
  examples: ["clerk testing-tokens create", "clerk testing-tokens create --json"],
  api: "backend",
  mutates: true,
  output: testingToken,
  async run(ctx) {
    return (await ctx.backend.request({ method: "POST", path: "/testing_tokens" }, testingToken)).body;
  },
  table: {
    rows: (t) => [{ token: t.token, expires: minute(t.expires_at * 1000) }],
    columns: [
      { key: "token", header: "TOKEN" },
      { key: "expires", header: "EXPIRES" },
    ],
  },
  secretFields: ["token"],
});

export const testingTokenActions = [testingTokensCreate];
