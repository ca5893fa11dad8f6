import { z } from "zod";
import { user } from "../../clerk/schemas";
import { defineAction } from "../action";
import { id } from "../inputs";
import { apiPath, day, minute } from "../view";
import { singleUser } from "./rows";
import { type TrustedDevice, trustedDevice } from "./schemas";

// A user's sign-in security: second factors, passkeys, trusted devices and password.

const userId = id("user");
const userIdInput = z.object({ user_id: userId });

/** What `DELETE /users/{id}/mfa|totp|backup_code` answer. */
const userIdAnswer = z.looseObject({ user_id: z.string() });
const userIdView = {
  rows: (o: { user_id: string }) => [{ user: o.user_id }],
  columns: [{ key: "user", header: "USER" }],
};

/** `users mfa disable`, `users totp delete`, `users backup-codes delete`: each removes second factors. */
function secondFactorRemoval<Id extends string>(actionId: Id, path: string, summary: string) {
  const words = actionId.replaceAll(".", " ");
  return defineAction({
    id: actionId,
    summary,
    input: userIdInput,
    positionals: ["user_id"],
    examples: [`clerk ${words} user_2abc`, `clerk ${words} user_2abc --yes --json`],
    api: "backend",
    mutates: true,
    destructive: (input) => input.user_id,
    output: userIdAnswer,
    async run(ctx, input) {
      return (
        await ctx.backend.request({ method: "DELETE", path: apiPath("users", input.user_id, path) }, userIdAnswer)
      ).body;
    },
    table: userIdView,
  });
}

export const usersMfaDisable = secondFactorRemoval(
  "users.mfa.disable",
  "mfa",
  "Disable a user's MFA: removes their authenticator app (TOTP) and backup codes",
);
export const usersTotpDelete = secondFactorRemoval(
  "users.totp.delete",
  "totp",
  "Remove a user's authenticator app (TOTP)",
);
export const usersBackupCodesDelete = secondFactorRemoval(
  "users.backup-codes.delete",
  "backup_code",
  "Remove a user's backup codes",
);

const totpResult = z.looseObject({ verified: z.boolean(), code_type: z.string().optional() });

export const usersTotpVerify = defineAction({
  id: "users.totp.verify",
  summary: "Check a TOTP or backup code for a user (answers verified, or fails with Clerk's error)",
  description: "A backup code that checks out is used up, as when the user signs in with it.",
  input: z.object({ user_id: userId, code: z.coerce.string().min(1).describe("The TOTP or backup code") }),
  positionals: ["user_id"],
  examples: ["clerk users totp verify user_2abc --code 123456"],
  api: "backend",
  // A backup code is consumed, so this changes the user.
  mutates: true,
  output: totpResult,
  async run(ctx, { user_id, code }) {
    return (
      await ctx.backend.request(
        { method: "POST", path: apiPath("users", user_id, "verify_totp"), body: { code } },
        totpResult,
      )
    ).body;
  },
  table: {
    rows: (o) => [{ verified: o.verified, type: o.code_type ?? "" }],
    columns: [
      { key: "verified", header: "VERIFIED" },
      { key: "type", header: "CODE TYPE" },
    ],
  },
});

const deviceColumns = [
  { key: "id", header: "ID" },
  { key: "name", header: "NAME" },
  { key: "platform", header: "PLATFORM" },
  { key: "app", header: "APP" },
  { key: "status", header: "STATUS" },
  { key: "last_used", header: "LAST USED" },
  { key: "created", header: "CREATED" },
] as const;

function deviceRow(d: TrustedDevice): Record<string, unknown> {
  return {
    id: d.id,
    name: d.name ?? "",
    platform: d.platform,
    app: d.app_identifier,
    status: d.status,
    last_used: minute(d.last_used_at),
    created: day(d.created_at),
  };
}

const deviceList = z.object({ data: z.array(trustedDevice), total_count: z.number().int() });

export const usersTrustedDevicesList = defineAction({
  id: "users.trusted-devices.list",
  summary: "List a user's trusted devices (native apps that sign in with the device's key)",
  input: userIdInput,
  positionals: ["user_id"],
  examples: ["clerk users trusted-devices list user_2abc", "clerk users trusted-devices list user_2abc --json"],
  api: "backend",
  mutates: false,
  output: deviceList,
  async run(ctx, input) {
    return (
      await ctx.backend.request({ method: "GET", path: apiPath("users", input.user_id, "trusted_devices") }, deviceList)
    ).body;
  },
  table: {
    rows: (output) => output.data.map(deviceRow),
    columns: deviceColumns,
    footer: (output) => `${output.total_count} trusted devices`,
  },
});

export const usersTrustedDevicesRevoke = defineAction({
  id: "users.trusted-devices.revoke",
  summary: "Revoke one of a user's trusted devices: it can no longer sign in with its key",
  input: z.object({ user_id: userId, trusted_device_id: id("trusted device") }),
  positionals: ["user_id", "trusted_device_id"],
  examples: ["clerk users trusted-devices revoke user_2abc tdev_2abc"],
  api: "backend",
  mutates: true,
  destructive: (input) => input.trusted_device_id,
  output: trustedDevice,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "DELETE", path: apiPath("users", input.user_id, "trusted_devices", input.trusted_device_id) },
        trustedDevice,
      )
    ).body;
  },
  table: { rows: (d) => [deviceRow(d)], columns: deviceColumns },
});

export const usersPasswordRemove = defineAction({
  id: "users.password.remove",
  summary: "Remove a user's password (they sign in another way: email code, passkey, …)",
  input: z.object({
    user_id: userId,
    sign_out_of_other_sessions: z.boolean().optional().describe("Also end all of the user's sessions"),
  }),
  positionals: ["user_id"],
  examples: [
    "clerk users password remove user_2abc",
    "clerk users password remove user_2abc --sign-out-of-other-sessions --yes",
  ],
  api: "backend",
  mutates: true,
  destructive: (input) => input.user_id,
  output: user,
  async run(ctx, { user_id, ...body }) {
    return (
      await ctx.backend.request({ method: "POST", path: apiPath("users", user_id, "remove_password"), body }, user)
    ).body;
  },
  table: singleUser,
});

export const usersPasswordSetCompromised = defineAction({
  id: "users.password.set-compromised",
  summary: "Mark a user's password compromised: they must reset it at their next sign-in",
  input: z.object({
    user_id: userId,
    revoke_all_sessions: z.boolean().optional().describe("Also end all of the user's sessions"),
  }),
  positionals: ["user_id"],
  examples: ["clerk users password set-compromised user_2abc --revoke-all-sessions"],
  api: "backend",
  mutates: true,
  output: user,
  async run(ctx, { user_id, ...body }) {
    return (
      await ctx.backend.request(
        { method: "POST", path: apiPath("users", user_id, "password", "set_compromised"), body },
        user,
      )
    ).body;
  },
  table: singleUser,
});

export const usersPasswordUnsetCompromised = defineAction({
  id: "users.password.unset-compromised",
  summary: "Clear the compromised mark of a user's password",
  input: userIdInput,
  positionals: ["user_id"],
  examples: ["clerk users password unset-compromised user_2abc"],
  api: "backend",
  mutates: true,
  output: user,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        {
          method: "POST",
          path: apiPath("users", input.user_id, "password", "unset_compromised"),
          idempotent: true,
        },
        user,
      )
    ).body;
  },
  table: singleUser,
});

export const securityActions = [
  usersMfaDisable,
  usersTotpVerify,
  usersTotpDelete,
  usersBackupCodesDelete,
  usersTrustedDevicesList,
  usersTrustedDevicesRevoke,
  usersPasswordRemove,
  usersPasswordSetCompromised,
  usersPasswordUnsetCompromised,
];
