import { z } from "zod";
import { defineAction } from "../action";
import { id } from "../inputs";
import { apiPath, day } from "../view";
import { type SignUp, signUp } from "./schemas";

const signUpView = {
  rows: (s: SignUp) => [
    {
      id: s.id,
      status: s.status,
      identifier: s.email_address ?? s.phone_number ?? s.username ?? "",
      missing: s.missing_fields.join(","),
      external_id: s.external_id ?? "",
      user: s.created_user_id ?? "",
      abandon: day(s.abandon_at),
    },
  ],
  columns: [
    { key: "id", header: "ID" },
    { key: "status", header: "STATUS" },
    { key: "identifier", header: "IDENTIFIER" },
    { key: "missing", header: "MISSING" },
    { key: "external_id", header: "EXTERNAL ID" },
    { key: "user", header: "USER" },
    { key: "abandon", header: "ABANDONED ON" },
  ],
} as const;

const signUpId = id("sign-up");

export const signUpsGet = defineAction({
  id: "sign-ups.get",
  summary: "Show a sign-up in progress (or finished): its status and what it still needs",
  input: z.object({ sign_up_id: signUpId }),
  positionals: ["sign_up_id"],
  examples: ["clerk sign-ups get sua_2abc", "clerk sign-ups get sua_2abc --json"],
  api: "backend",
  mutates: false,
  output: signUp,
  async run(ctx, input) {
    return (await ctx.backend.request({ method: "GET", path: apiPath("sign_ups", input.sign_up_id) }, signUp)).body;
  },
  table: signUpView,
});

export const signUpsUpdate = defineAction({
  id: "sign-ups.update",
  summary: "Set a sign-up's external id (the user gets it) or mark it a custom action",
  input: z.object({
    sign_up_id: signUpId,
    external_id: z.coerce.string().optional().describe("Your system's id, given to the user the sign-up creates"),
    custom_action: z.boolean().optional().describe("Mark the sign-up as a custom action (--no-custom-action: unmark)"),
  }),
  positionals: ["sign_up_id"],
  examples: ["clerk sign-ups update sua_2abc --external-id crm-4521", "clerk sign-ups update sua_2abc --custom-action"],
  api: "backend",
  mutates: true,
  output: signUp,
  async run(ctx, { sign_up_id, ...body }) {
    return (await ctx.backend.request({ method: "PATCH", path: apiPath("sign_ups", sign_up_id), body }, signUp)).body;
  },
  table: signUpView,
});

export const signUpActions = [signUpsGet, signUpsUpdate];
