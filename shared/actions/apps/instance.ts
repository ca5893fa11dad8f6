import { z } from "zod";
import { paginate } from "../../clerk/paginate";
import { listOf, type User, user } from "../../clerk/schemas";
import { type Action, type AnyInput, defineAction } from "../action";
import { imageFile, readImage } from "../files";
import { id, limit, offset } from "../inputs";
import {
  jwtTemplatesCreate,
  jwtTemplatesDelete,
  jwtTemplatesGet,
  jwtTemplatesUpdate,
  templateColumns,
  templateRow,
} from "../jwt-templates/actions";
import { type JwtTemplate, jwtTemplate } from "../jwt-templates/schemas";
import { redirectUrlsAdd, redirectUrlsDelete, redirectUrlsGet, redirectUrlsList } from "../redirect-urls/actions";
import { usersBan, usersCreate, usersDelete, usersUnban } from "../users/actions";
import { userColumns, userRow } from "../users/rows";
import { apiPath } from "../view";
import { instanceTransport } from "./platform";

/**
 * The Platform API's twin of a Backend action: `clerk apps <words>` runs the same action, with the
 * same flags, answer and table, on the target instance (`--app`, `--instance`) through the
 * Platform API, which takes the same requests below `/applications/<app>/instances/<env>`. For
 * Platform access (an OAuth login or platform key) without the instance's secret key.
 */
function viaPlatform<I extends AnyInput, O, Id extends string>(action: Action<I, O, Id>): Action<I, O, `apps.${Id}`> {
  const inApps = (line: string) => line.replace(/^clerk /, "clerk apps ");
  const { howToCheck } = action;
  return defineAction({
    ...action,
    id: `apps.${action.id}` as const,
    summary: `${action.summary}, through the Platform API`,
    examples: action.examples.map(inApps),
    api: "platform",
    ...(howToCheck ? { howToCheck: (input: z.infer<I>) => inApps(howToCheck(input)) } : {}),
    run: async (ctx, input) => action.run({ ...ctx, backend: await instanceTransport(ctx) }, input),
  });
}

const ORDER_FIELDS = [
  "created_at",
  "updated_at",
  "last_sign_in_at",
  "last_active_at",
  "email_address",
  "first_name",
  "last_name",
  "username",
  "phone_number",
  "web3_wallet",
] as const;

const userList = listOf(user);

export const appsUsersList = defineAction({
  id: "apps.users.list",
  summary: "List the target instance's users through the Platform API, newest first",
  input: z.object({
    query: z.string().optional().describe("Search emails, phones, usernames, wallets, names and ids"),
    order_by: z
      .string()
      .refine((value) => (ORDER_FIELDS as readonly string[]).includes(value.replace(/^[+-]/, "")), {
        message: `must be one of ${ORDER_FIELDS.join(", ")}, optionally prefixed with + or -`,
      })
      .default("-created_at")
      .describe(`Sort by ${ORDER_FIELDS.join(", ")}; prefix + for ascending, - for descending`),
    limit,
    offset,
  }),
  examples: ["clerk apps users list --app app_2abc --instance prod", "clerk apps users list --query ada --all --json"],
  api: "platform",
  mutates: false,
  output: userList,
  async run(ctx, input) {
    return (await (await instanceTransport(ctx)).request({ method: "GET", path: "/users", query: input }, userList))
      .body;
  },
  async *stream(ctx, { query, order_by }) {
    yield* paginate(await instanceTransport(ctx), "/users", user, { query: { query, order_by } });
  },
  table: {
    rows: (output) => output.data.map(userRow),
    item: (item) => userRow(item as User),
    columns: userColumns,
    footer: (output) => `${output.data.length} of ${output.total_count} users`,
  },
});

const singleUser = { rows: (u: User) => [userRow(u)], columns: userColumns };

export const appsUsersProfileImageSet = defineAction({
  id: "apps.users.profile-image.set",
  summary: "Upload a user's profile image through the Platform API, replacing the one they have",
  input: z.object({ user_id: id("user"), file: imageFile("profile") }),
  positionals: ["user_id", "file"],
  examples: ["clerk apps users profile-image set user_2abc avatar.png --app app_2abc --instance prod"],
  api: "platform",
  mutates: true,
  output: user,
  async run(ctx, input) {
    const upload = await readImage(input.file);
    return (
      await (
        await instanceTransport(ctx)
      ).request(
        { method: "POST", path: apiPath("users", input.user_id, "profile_image"), upload, idempotent: true },
        user,
      )
    ).body;
  },
  table: singleUser,
});

export const appsUsersProfileImageDelete = defineAction({
  id: "apps.users.profile-image.delete",
  summary: "Remove a user's profile image through the Platform API (they get the default avatar)",
  input: z.object({ user_id: id("user") }),
  positionals: ["user_id"],
  examples: ["clerk apps users profile-image delete user_2abc --app app_2abc --instance prod"],
  api: "platform",
  mutates: true,
  output: user,
  async run(ctx, input) {
    return (
      await (
        await instanceTransport(ctx)
      ).request({ method: "DELETE", path: apiPath("users", input.user_id, "profile_image") }, user)
    ).body;
  },
  table: singleUser,
});

const templateList = z.array(jwtTemplate);

export const appsJwtTemplatesList = defineAction({
  id: "apps.jwt-templates.list",
  summary: "List the target instance's JWT templates through the Platform API",
  input: z.object({}),
  examples: ["clerk apps jwt-templates list --app app_2abc", "clerk apps jwt-templates list --instance prod --json"],
  api: "platform",
  mutates: false,
  output: templateList,
  async run(ctx) {
    return (await (await instanceTransport(ctx)).request({ method: "GET", path: "/jwt_templates" }, templateList)).body;
  },
  table: {
    rows: (templates) => templates.map(templateRow),
    columns: templateColumns,
    footer: (templates: JwtTemplate[]) => `${templates.length} JWT templates`,
  },
});

export const appInstanceActions = [
  appsUsersList,
  viaPlatform(usersCreate),
  viaPlatform(usersDelete),
  viaPlatform(usersBan),
  viaPlatform(usersUnban),
  appsUsersProfileImageSet,
  appsUsersProfileImageDelete,
  appsJwtTemplatesList,
  viaPlatform(jwtTemplatesGet),
  viaPlatform(jwtTemplatesCreate),
  viaPlatform(jwtTemplatesUpdate),
  viaPlatform(jwtTemplatesDelete),
  viaPlatform(redirectUrlsList),
  viaPlatform(redirectUrlsGet),
  viaPlatform(redirectUrlsAdd),
  viaPlatform(redirectUrlsDelete),
];
