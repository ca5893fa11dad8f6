import { z } from "zod";
import { emailAddress, phoneNumber, type User, user } from "../../clerk/schemas";
import { defineAction } from "../action";
import { withFlagAliases } from "../fields";
import { id } from "../inputs";
import { apiPath, minute } from "../view";

/** A code verification of an email address or phone number (`prepare_verification`, `attempt_verification`). */
const codeVerification = z.looseObject({
  object: z.string(),
  id: z.string(),
  status: z.string(),
  strategy: z.string(),
  attempts: z.number().int().nullable().optional(),
  expire_at: z.number().int().nullable().optional(),
});

const verificationView = {
  rows: (v: z.infer<typeof codeVerification>) => [
    { id: v.id, status: v.status, strategy: v.strategy, attempts: v.attempts ?? "", expires: minute(v.expire_at) },
  ],
  columns: [
    { key: "id", header: "VERIFICATION ID" },
    { key: "status", header: "STATUS" },
    { key: "strategy", header: "STRATEGY" },
    { key: "attempts", header: "ATTEMPTS" },
    { key: "expires", header: "EXPIRES" },
  ],
} as const;

const IDENTIFICATION_STATUSES = ["verified", "reserved", "unverified"] as const;

/**
 * `users emails|phones list/get/update/prepare-verification/verify/replace`: the same commands
 * over a user's email addresses and phone numbers (Clerk calls both identifications, `idn_…`).
 */
function identifierActions<
  T extends z.ZodType<{ id: string; verification: { status: string } | null }>,
  F extends "email_address" | "phone_number",
>(kind: {
  words: "emails" | "phones";
  noun: string;
  path: "email_addresses" | "phone_numbers";
  schema: T;
  ofUser(u: User): unknown[];
  value(item: z.infer<T>): string;
  /** The body field of `PUT /users/{id}/<field>`, its flag alias and an example of `replace`'s flags. */
  field: F;
  alias: string;
  example: string;
  /** Options only one kind's replacement takes. */
  replaceOptions: z.ZodRawShape;
}) {
  const idField = id(kind.noun);
  const columns = [
    { key: "id", header: "ID" },
    { key: "value", header: kind.noun.toUpperCase() },
    { key: "verified", header: "VERIFIED" },
  ] as const;
  const row = (item: z.infer<T>) => ({
    id: item.id,
    value: kind.value(item),
    verified: item.verification?.status === "verified" ? "yes" : "no",
  });
  const single = { rows: (item: z.infer<T>) => [row(item)], columns };
  const list = defineAction({
    id: `users.${kind.words}.list`,
    summary: `List a user's ${kind.noun}s`,
    input: z.object({ user_id: id("user") }),
    positionals: ["user_id"],
    examples: [`clerk users ${kind.words} list user_2abc`],
    api: "backend",
    mutates: false,
    output: z.object({ data: z.array(kind.schema), total_count: z.number().int() }),
    async run(ctx, input) {
      const { body } = await ctx.backend.request({ method: "GET", path: apiPath("users", input.user_id) }, user);
      const data = kind.ofUser(body).map((item) => kind.schema.parse(item) as z.infer<T>);
      return { data, total_count: data.length };
    },
    table: { rows: (output) => output.data.map(row), columns },
  });
  const get = defineAction({
    id: `users.${kind.words}.get`,
    summary: `Show one ${kind.noun}`,
    input: z.object({ identifier_id: idField }),
    positionals: ["identifier_id"],
    examples: [`clerk users ${kind.words} get idn_2abc`],
    api: "backend",
    mutates: false,
    output: kind.schema,
    async run(ctx, input) {
      return (await ctx.backend.request({ method: "GET", path: apiPath(kind.path, input.identifier_id) }, kind.schema))
        .body as z.infer<T>;
    },
    table: single,
  });
  const update = defineAction({
    id: `users.${kind.words}.update`,
    summary: `Mark a ${kind.noun} verified or unverified, or make it primary`,
    input: z.object({
      identifier_id: idField,
      verified: z.boolean().optional().describe("Mark it verified (--no-verified: unverified)"),
      primary: z.boolean().optional().describe(`Make it the user's primary ${kind.noun}`),
    }),
    positionals: ["identifier_id"],
    examples: [`clerk users ${kind.words} update idn_2abc --verified --primary`],
    api: "backend",
    mutates: true,
    output: kind.schema,
    async run(ctx, { identifier_id, ...body }) {
      return (
        await ctx.backend.request({ method: "PATCH", path: apiPath(kind.path, identifier_id), body }, kind.schema)
      ).body as z.infer<T>;
    },
    table: single,
  });
  const prepareVerification = defineAction({
    id: `users.${kind.words}.prepare-verification`,
    summary: `Send a verification code to a ${kind.noun}; answers the verification id \`verify\` takes`,
    input: z.object({ identifier_id: idField }),
    positionals: ["identifier_id"],
    examples: [`clerk users ${kind.words} prepare-verification idn_2abc`],
    api: "backend",
    mutates: true,
    output: codeVerification,
    async run(ctx, input) {
      return (
        await ctx.backend.request(
          { method: "POST", path: apiPath(kind.path, input.identifier_id, "prepare_verification") },
          codeVerification,
        )
      ).body;
    },
    table: verificationView,
  });
  const verify = defineAction({
    id: `users.${kind.words}.verify`,
    summary: `Check the code sent to a ${kind.noun}: a right one marks it verified`,
    input: z.object({
      identifier_id: idField,
      verification_id: z.string().min(1).describe("The verification id `prepare-verification` answered"),
      code: z.coerce.string().min(1).describe(`The code sent to the ${kind.noun}`),
    }),
    positionals: ["identifier_id"],
    examples: [`clerk users ${kind.words} verify idn_2abc --verification-id ver_2abc --code 424242`],
    api: "backend",
    mutates: true,
    output: codeVerification,
    async run(ctx, { identifier_id, ...body }) {
      return (
        await ctx.backend.request(
          { method: "POST", path: apiPath(kind.path, identifier_id, "attempt_verification"), body },
          codeVerification,
        )
      ).body;
    },
    table: verificationView,
  });
  const replace = defineAction({
    id: `users.${kind.words}.replace`,
    summary: `Replace all of a user's ${kind.noun}s with one, made primary`,
    description:
      `Every other ${kind.noun} of the user is deleted. The new one is verified unless ` +
      "--identification-status says otherwise; `unverified` can lock the user out when it was their only " +
      "way to sign in.",
    input: z.object({
      user_id: id("user"),
      [kind.field]: withFlagAliases([kind.alias], z.string().min(1).describe(`The new ${kind.noun}`)),
      identification_status: z
        .enum(IDENTIFICATION_STATUSES)
        .optional()
        .describe("verified (Clerk's default), reserved (usable to sign in, not verified) or unverified (not usable)"),
      ...kind.replaceOptions,
    }),
    positionals: ["user_id"],
    examples: [`clerk users ${kind.words} replace user_2abc ${kind.example}`],
    api: "backend",
    mutates: true,
    destructive: (input) => input.user_id as string,
    output: kind.schema,
    async run(ctx, { user_id, ...body }) {
      return (
        await ctx.backend.request(
          { method: "PUT", path: apiPath("users", user_id as string, kind.field), body },
          kind.schema,
        )
      ).body as z.infer<T>;
    },
    table: single,
  });
  return [list, get, update, prepareVerification, verify, replace];
}

export const emailActions = identifierActions({
  words: "emails",
  noun: "email address",
  path: "email_addresses",
  schema: emailAddress,
  ofUser: (u) => u.email_addresses,
  value: (item) => item.email_address,
  field: "email_address",
  alias: "email",
  example: "--email-address ada@work.example --notify-primary-email-address-changed",
  replaceOptions: {
    notify_primary_email_address_changed: withFlagAliases(
      ["notify"],
      z.boolean().optional().describe("Tell the previous primary address that it changed"),
    ),
  },
});

export const phoneActions = identifierActions({
  words: "phones",
  noun: "phone number",
  path: "phone_numbers",
  schema: phoneNumber,
  ofUser: (u) => u.phone_numbers,
  value: (item) => item.phone_number,
  field: "phone_number",
  alias: "phone",
  example: "--phone-number +15555550100 --identification-status reserved",
  replaceOptions: {},
});
