import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { type EmailAddressRow, type PhoneNumberRow, serializeEmailAddress, serializePhoneNumber } from "../users/repo";

/** What differs between email addresses and phone numbers in the routes they share. */
export interface IdentifierKind<Row extends EmailAddressRow | PhoneNumberRow> {
  table: "email_addresses" | "phone_numbers";
  /** `email_address`, `phone_number`: the object name, and the route's path segment in plural. */
  object: "email_address" | "phone_number";
  label: string;
  /** The user's column holding the primary identifier of this kind. */
  primaryColumn: "primary_email_address_id" | "primary_phone_number_id";
  /** The column of `identifier_verifications` pointing at this kind. */
  verificationColumn: "email_address_id" | "phone_number_id";
  strategy: "email_code" | "phone_code";
  serialize(row: Row): Record<string, unknown>;
  valueOf(row: Row): string;
}

export const emailKind: IdentifierKind<EmailAddressRow> = {
  table: "email_addresses",
  object: "email_address",
  label: "Email address",
  primaryColumn: "primary_email_address_id",
  verificationColumn: "email_address_id",
  strategy: "email_code",
  serialize: serializeEmailAddress,
  valueOf: (row) => row.email_address,
};

export const phoneKind: IdentifierKind<PhoneNumberRow> = {
  table: "phone_numbers",
  object: "phone_number",
  label: "Phone number",
  primaryColumn: "primary_phone_number_id",
  verificationColumn: "phone_number_id",
  strategy: "phone_code",
  serialize: serializePhoneNumber,
  valueOf: (row) => row.phone_number,
};

export function requireIdentifier<Row extends EmailAddressRow | PhoneNumberRow>(
  sb: SandboxContext,
  kind: IdentifierKind<Row>,
  instanceId: string,
  id: string,
): Row {
  const row = sb.stmt(`SELECT * FROM ${kind.table} WHERE id = ? AND instance_id = ?`).get(id, instanceId) as
    | Row
    | undefined;
  if (!row) throw errors.notFound(kind.label);
  return row;
}
