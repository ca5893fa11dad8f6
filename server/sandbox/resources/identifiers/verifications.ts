import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import type { EmailAddressRow, PhoneNumberRow } from "../users/repo";
import { identifiersChanged, setVerified } from "./changes";
import type { IdentifierKind } from "./kinds";
import { emitEmail, emitSms } from "./messages";

/**
 * The sandbox's one-time code, like Clerk's test mode: every code it "sends" is 424242, so
 * tests and demos can verify without reading a mailbox. Anything else is a wrong code.
 */
export const SANDBOX_OTP_CODE = "424242";
/** Clerk's email and SMS codes are valid for 10 minutes. */
const CODE_LIFETIME_MS = 10 * 60 * 1000;
/** Wrong codes allowed before the verification fails for good. */
const MAX_ATTEMPTS = 3;

interface VerificationRow {
  id: string;
  instance_id: string;
  email_address_id: string | null;
  phone_number_id: string | null;
  strategy: string;
  status: "unverified" | "verified" | "failed";
  attempts: number;
  expire_at: number;
  created_at: number;
  updated_at: number;
}

/** An unverified code past its lifetime reads as `expired`. */
function statusOf(row: VerificationRow, now: number): string {
  return row.status === "unverified" && row.expire_at <= now ? "expired" : row.status;
}

export function serializeVerification(row: VerificationRow, now: number) {
  return {
    object: "verification_otp",
    id: row.id,
    status: statusOf(row, now),
    strategy: row.strategy,
    attempts: row.attempts,
    expire_at: row.expire_at,
    channel: row.phone_number_id ? "sms" : null,
  };
}

function sendCode<Row extends EmailAddressRow | PhoneNumberRow>(
  sb: SandboxContext,
  kind: IdentifierKind<Row>,
  row: Row,
) {
  const data = { otp_code: SANDBOX_OTP_CODE };
  if (kind.object === "email_address") {
    emitEmail(sb, row.instance_id, {
      to: kind.valueOf(row),
      slug: "verification_code",
      subject: `${SANDBOX_OTP_CODE} is your verification code`,
      body: `${SANDBOX_OTP_CODE} is your verification code. It expires in 10 minutes.`,
      emailAddressId: row.id,
      userId: row.user_id,
      data,
    });
  } else {
    emitSms(sb, row.instance_id, {
      to: kind.valueOf(row),
      slug: "verification_code",
      message: `Your verification code is ${SANDBOX_OTP_CODE}`,
      phoneNumberId: row.id,
      userId: row.user_id,
      data,
    });
  }
}

/** Starts a new code verification for the identifier and "sends" the code. */
export function prepareVerification<Row extends EmailAddressRow | PhoneNumberRow>(
  sb: SandboxContext,
  kind: IdentifierKind<Row>,
  row: Row,
): VerificationRow {
  const now = sb.clock.now();
  const verification: VerificationRow = {
    id: sb.newId("ver"),
    instance_id: row.instance_id,
    email_address_id: kind.object === "email_address" ? row.id : null,
    phone_number_id: kind.object === "phone_number" ? row.id : null,
    strategy: kind.strategy,
    status: "unverified",
    attempts: 0,
    expire_at: now + CODE_LIFETIME_MS,
    created_at: now,
    updated_at: now,
  };
  sb.stmt(
    `INSERT INTO identifier_verifications (id, instance_id, email_address_id, phone_number_id, strategy, status,
       attempts, expire_at, created_at, updated_at)
     VALUES (@id, @instance_id, @email_address_id, @phone_number_id, @strategy, @status, @attempts, @expire_at,
       @created_at, @updated_at)`,
  ).run(verification);
  sendCode(sb, kind, row);
  return verification;
}

/**
 * Checks a code. Wrong and expired codes are reported through the verification's status,
 * not as errors; a correct code also verifies the identifier if it was not verified yet.
 */
export function attemptVerification<Row extends EmailAddressRow | PhoneNumberRow>(
  sb: SandboxContext,
  kind: IdentifierKind<Row>,
  row: Row,
  verificationId: string,
  code: string,
): VerificationRow {
  const verification = sb
    .stmt(`SELECT * FROM identifier_verifications WHERE id = ? AND ${kind.verificationColumn} = ?`)
    .get(verificationId, row.id) as VerificationRow | undefined;
  if (!verification) throw errors.notFound("Verification");
  const now = sb.clock.now();
  const status = statusOf(verification, now);
  if (status === "verified") {
    throw errors.badRequest(
      "verification_already_verified",
      "already verified",
      "This verification has already been verified.",
    );
  }
  if (status !== "unverified") return verification;
  const attempts = verification.attempts + 1;
  const correct = code === SANDBOX_OTP_CODE;
  const next: VerificationRow = {
    ...verification,
    attempts,
    status: correct ? "verified" : attempts >= MAX_ATTEMPTS ? "failed" : "unverified",
    updated_at: now,
  };
  sb.stmt("UPDATE identifier_verifications SET status = ?, attempts = ?, updated_at = ? WHERE id = ?").run(
    next.status,
    next.attempts,
    now,
    next.id,
  );
  if (correct && !row.verified) {
    setVerified(sb, kind, row, true, kind.strategy);
    identifiersChanged(sb, row.instance_id, row.user_id);
  }
  return next;
}
