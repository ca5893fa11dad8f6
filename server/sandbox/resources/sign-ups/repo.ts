import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { type InstanceRecord, readConfig } from "../../tenancy/instances";

export interface SignUpRow {
  id: string;
  instance_id: string;
  status: "missing_requirements" | "complete";
  email_address: string | null;
  phone_number: string | null;
  username: string | null;
  first_name: string | null;
  last_name: string | null;
  /** Kept only until the sign-up completes; never serialized. */
  password: string | null;
  password_enabled: number;
  unsafe_metadata: string;
  external_id: string | null;
  custom_action: number;
  created_user_id: string | null;
  created_session_id: string | null;
  abandon_at: number;
  created_at: number;
  updated_at: number;
}

/** Clerk abandons a sign-up left unfinished for a day. */
const ABANDON_AFTER_MS = 24 * 60 * 60 * 1000;
const OPTIONAL_FIELDS = ["first_name", "last_name", "username", "phone_number"];

function requiredFields(instance: InstanceRecord): string[] {
  return ["email_address", ...(readConfig(instance).sign_up.password_required ? ["password"] : [])];
}

export function serializeSignUp(instance: InstanceRecord, row: SignUpRow, now: number) {
  const complete = row.status === "complete";
  const required = requiredFields(instance);
  const present: Record<string, boolean> = {
    email_address: Boolean(row.email_address),
    password: Boolean(row.password_enabled),
  };
  return {
    object: "sign_up_attempt",
    id: row.id,
    status: !complete && row.abandon_at <= now ? "abandoned" : row.status,
    required_fields: required,
    optional_fields: OPTIONAL_FIELDS,
    missing_fields: complete ? [] : required.filter((field) => !present[field]),
    // The email address is verified when the sign-up completes (the code step of Clerk's flow).
    unverified_fields: complete || !row.email_address ? [] : ["email_address"],
    verifications: {
      email_address: row.email_address
        ? {
            status: complete ? "verified" : "unverified",
            strategy: "email_code",
            next_action: complete ? "" : "needs_attempt",
            supported_strategies: ["email_code"],
          }
        : null,
      phone_number: null,
      web3_wallet: null,
      external_account: null,
    },
    username: row.username,
    email_address: row.email_address,
    phone_number: row.phone_number,
    web3_wallet: null,
    password_enabled: Boolean(row.password_enabled),
    first_name: row.first_name,
    last_name: row.last_name,
    unsafe_metadata: JSON.parse(row.unsafe_metadata) as Record<string, unknown>,
    public_metadata: {},
    custom_action: Boolean(row.custom_action),
    external_id: row.external_id,
    created_session_id: row.created_session_id,
    created_user_id: row.created_user_id,
    abandon_at: row.abandon_at,
    legal_accepted_at: null,
    locale: null,
  };
}

export function requireSignUp(sb: SandboxContext, instanceId: string, id: string): SignUpRow {
  const row = sb.stmt("SELECT * FROM sign_ups WHERE id = ? AND instance_id = ?").get(id, instanceId) as
    | SignUpRow
    | undefined;
  if (!row) throw errors.notFound("Sign up");
  return row;
}

export type SignUpInput = Pick<
  SignUpRow,
  "email_address" | "phone_number" | "username" | "first_name" | "last_name" | "password"
> & { unsafe_metadata: Record<string, unknown> };

export function startSignUp(sb: SandboxContext, instance: InstanceRecord, input: SignUpInput): SignUpRow {
  const now = sb.clock.now();
  const row: SignUpRow = {
    id: sb.newId("sua"),
    instance_id: instance.id,
    status: "missing_requirements",
    ...input,
    password_enabled: input.password ? 1 : 0,
    unsafe_metadata: JSON.stringify(input.unsafe_metadata),
    external_id: null,
    custom_action: 0,
    created_user_id: null,
    created_session_id: null,
    abandon_at: now + ABANDON_AFTER_MS,
    created_at: now,
    updated_at: now,
  };
  sb.stmt(
    `INSERT INTO sign_ups (id, instance_id, status, email_address, phone_number, username, first_name, last_name,
       password, password_enabled, unsafe_metadata, external_id, custom_action, created_user_id, created_session_id,
       abandon_at, created_at, updated_at)
     VALUES (@id, @instance_id, @status, @email_address, @phone_number, @username, @first_name, @last_name,
       @password, @password_enabled, @unsafe_metadata, @external_id, @custom_action, @created_user_id, @created_session_id, @abandon_at,
       @created_at, @updated_at)`,
  ).run(row);
  return row;
}

/** `PATCH /sign_ups/{id}`: what Clerk lets a backend set on a sign-up in progress. */
export function updateSignUp(
  sb: SandboxContext,
  row: SignUpRow,
  changes: { external_id?: string | null | undefined; custom_action?: boolean | null | undefined },
): SignUpRow {
  const next: SignUpRow = {
    ...row,
    external_id: changes.external_id !== undefined ? changes.external_id : row.external_id,
    custom_action: changes.custom_action != null ? Number(changes.custom_action) : row.custom_action,
    updated_at: sb.clock.now(),
  };
  sb.stmt(
    "UPDATE sign_ups SET external_id = @external_id, custom_action = @custom_action, updated_at = @updated_at WHERE id = @id",
  ).run(next);
  return next;
}

/** An abandoned or completed sign-up cannot go on. */
export function assertInProgress(sb: SandboxContext, instance: InstanceRecord, row: SignUpRow): void {
  const status = serializeSignUp(instance, row, sb.clock.now()).status;
  if (status !== "missing_requirements") {
    throw errors.badRequest("sign_up_not_in_progress", "sign-up not in progress", `This sign-up is ${status}.`);
  }
}

export function completeSignUp(sb: SandboxContext, row: SignUpRow, userId: string, sessionId: string): SignUpRow {
  const next: SignUpRow = {
    ...row,
    status: "complete",
    password: null,
    created_user_id: userId,
    created_session_id: sessionId,
    updated_at: sb.clock.now(),
  };
  sb.stmt(
    `UPDATE sign_ups SET status = 'complete', password = NULL, created_user_id = @created_user_id,
       created_session_id = @created_session_id, updated_at = @updated_at WHERE id = @id`,
  ).run(next);
  return next;
}
