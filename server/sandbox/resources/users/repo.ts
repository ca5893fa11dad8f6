import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";

export interface UserRow {
  id: string;
  instance_id: string;
  external_id: string | null;
  username: string | null;
  first_name: string | null;
  last_name: string | null;
  locale: string | null;
  password_hash: string | null;
  password_last_updated_at: number | null;
  public_metadata: string;
  private_metadata: string;
  unsafe_metadata: string;
  banned: number;
  locked: number;
  lockout_expires_at: number | null;
  totp_enabled: number;
  backup_code_enabled: number;
  mfa_enabled_at: number | null;
  mfa_disabled_at: number | null;
  primary_email_address_id: string | null;
  primary_phone_number_id: string | null;
  primary_web3_wallet_id: string | null;
  /** Primary identifiers, kept by `refreshUserDerived` for ordering and display. */
  primary_email: string | null;
  primary_phone: string | null;
  primary_web3: string | null;
  image_url: string | null;
  last_sign_in_at: number | null;
  last_active_at: number | null;
  legal_accepted_at: number | null;
  delete_self_enabled: number;
  create_organization_enabled: number;
  create_organizations_limit: number | null;
  bypass_client_trust: number;
  created_at: number;
  updated_at: number;
}

export interface EmailAddressRow {
  id: string;
  instance_id: string;
  user_id: string;
  email_address: string;
  verified: number;
  verification_strategy: string | null;
  reserved: number;
  created_at: number;
  updated_at: number;
}

export interface PhoneNumberRow {
  id: string;
  instance_id: string;
  user_id: string;
  phone_number: string;
  verified: number;
  verification_strategy: string | null;
  reserved_for_second_factor: number;
  default_second_factor: number;
  reserved: number;
  created_at: number;
  updated_at: number;
}

export interface Web3WalletRow {
  id: string;
  user_id: string;
  web3_wallet: string;
  created_at: number;
  updated_at: number;
}

/** Clerk's default avatar, which is what users without an uploaded image get. */
export const DEFAULT_IMAGE_URL = "https://img.clerk.com/eyJ0eXBlIjoiZGVmYXVsdCIsImlpZCI6Imluc19zYW5kYm94In0";

export function getUserRow(sb: SandboxContext, instanceId: string, userId: string): UserRow | undefined {
  return sb.stmt("SELECT * FROM users WHERE id = ? AND instance_id = ?").get(userId, instanceId) as UserRow | undefined;
}

export function requireUser(sb: SandboxContext, instanceId: string, userId: string): UserRow {
  const row = getUserRow(sb, instanceId, userId);
  if (!row) throw errors.notFound("User");
  return row;
}

function verificationOf(verified: number, strategy: string | null, otpStrategy: "email_code" | "phone_code") {
  if (verified) {
    return strategy === "admin" || strategy === null
      ? { object: "verification_admin", status: "verified", strategy: "admin", attempts: null, expire_at: null }
      : { object: "verification_otp", status: "verified", strategy: otpStrategy, attempts: 1, expire_at: null };
  }
  if (strategy) {
    return { object: "verification_otp", status: "unverified", strategy: otpStrategy, attempts: 0, expire_at: null };
  }
  return null;
}

export function serializeEmailAddress(row: EmailAddressRow) {
  return {
    id: row.id,
    object: "email_address",
    email_address: row.email_address,
    reserved: Boolean(row.reserved),
    verification: verificationOf(row.verified, row.verification_strategy, "email_code"),
    linked_to: [],
    matches_sso_connection: false,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function serializePhoneNumber(row: PhoneNumberRow) {
  return {
    id: row.id,
    object: "phone_number",
    phone_number: row.phone_number,
    reserved_for_second_factor: Boolean(row.reserved_for_second_factor),
    default_second_factor: Boolean(row.default_second_factor),
    reserved: Boolean(row.reserved),
    verification: verificationOf(row.verified, row.verification_strategy, "phone_code"),
    linked_to: [],
    backup_codes: null,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

function serializeWeb3Wallet(row: Web3WalletRow) {
  return {
    id: row.id,
    object: "web3_wallet",
    web3_wallet: row.web3_wallet,
    verification: {
      object: "verification_admin",
      status: "verified",
      strategy: "admin",
      attempts: null,
      expire_at: null,
    },
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

function groupByUser<T extends { user_id: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.user_id);
    if (list) list.push(row);
    else map.set(row.user_id, [row]);
  }
  return map;
}

function identifiersOf<T extends { user_id: string }>(
  sb: SandboxContext,
  table: string,
  userIds: string[],
): Map<string, T[]> {
  if (userIds.length === 0) return new Map();
  // One cached statement per table whatever the page size: the ids come as one JSON array.
  const rows = sb
    .stmt(`SELECT * FROM ${table} WHERE user_id IN (SELECT value FROM json_each(?)) ORDER BY created_at, rowid`)
    .all(JSON.stringify(userIds)) as T[];
  return groupByUser(rows);
}

/** Serializes users as Clerk's User object, loading identifiers for the whole page at once. */
export function serializeUsers(sb: SandboxContext, rows: UserRow[]) {
  const ids = rows.map((row) => row.id);
  const emails = identifiersOf<EmailAddressRow>(sb, "email_addresses", ids);
  const phones = identifiersOf<PhoneNumberRow>(sb, "phone_numbers", ids);
  const wallets = identifiersOf<Web3WalletRow>(sb, "web3_wallets", ids);
  const now = sb.clock.now();
  return rows.map((row) => {
    const lockedNow = Boolean(row.locked) && (row.lockout_expires_at === null || row.lockout_expires_at > now);
    return {
      id: row.id,
      object: "user",
      external_id: row.external_id,
      primary_email_address_id: row.primary_email_address_id,
      primary_phone_number_id: row.primary_phone_number_id,
      primary_web3_wallet_id: row.primary_web3_wallet_id,
      username: row.username,
      first_name: row.first_name,
      last_name: row.last_name,
      locale: row.locale,
      profile_image_url: row.image_url ?? DEFAULT_IMAGE_URL,
      image_url: row.image_url ?? DEFAULT_IMAGE_URL,
      has_image: row.image_url !== null,
      public_metadata: JSON.parse(row.public_metadata) as Record<string, unknown>,
      private_metadata: JSON.parse(row.private_metadata) as Record<string, unknown>,
      unsafe_metadata: JSON.parse(row.unsafe_metadata) as Record<string, unknown>,
      email_addresses: (emails.get(row.id) ?? []).map(serializeEmailAddress),
      phone_numbers: (phones.get(row.id) ?? []).map(serializePhoneNumber),
      web3_wallets: (wallets.get(row.id) ?? []).map(serializeWeb3Wallet),
      passkeys: [],
      password_enabled: row.password_hash !== null,
      two_factor_enabled: Boolean(row.totp_enabled || row.backup_code_enabled),
      totp_enabled: Boolean(row.totp_enabled),
      backup_code_enabled: Boolean(row.backup_code_enabled),
      mfa_enabled_at: row.mfa_enabled_at,
      mfa_disabled_at: row.mfa_disabled_at,
      password_last_updated_at: row.password_last_updated_at,
      external_accounts: [],
      saml_accounts: [],
      enterprise_accounts: [],
      last_sign_in_at: row.last_sign_in_at,
      banned: Boolean(row.banned),
      locked: lockedNow,
      deprovisioned: false,
      lockout_expires_in_seconds:
        lockedNow && row.lockout_expires_at !== null ? Math.ceil((row.lockout_expires_at - now) / 1000) : null,
      verification_attempts_remaining: lockedNow ? 0 : 100,
      updated_at: row.updated_at,
      created_at: row.created_at,
      delete_self_enabled: Boolean(row.delete_self_enabled),
      create_organization_enabled: Boolean(row.create_organization_enabled),
      create_organizations_limit: row.create_organizations_limit,
      last_active_at: row.last_active_at,
      legal_accepted_at: row.legal_accepted_at,
      bypass_client_trust: Boolean(row.bypass_client_trust),
    };
  });
}

export function serializeUser(sb: SandboxContext, row: UserRow) {
  return serializeUsers(sb, [row])[0] as ReturnType<typeof serializeUsers>[number];
}

export type SerializedUser = ReturnType<typeof serializeUser>;

/** The identifier Clerk shows for a user in membership lists: primary email, phone or username. */
export function primaryIdentifier(row: UserRow): string | null {
  return row.primary_email ?? row.primary_phone ?? row.username ?? row.primary_web3 ?? null;
}

/**
 * Recomputes the columns derived from a user's identifiers: the primary email/phone/wallet
 * used for ordering, and the lower-cased `search` text behind `?query=`. Call after any change
 * to the user's identifiers, names or primary ids.
 */
export function refreshUserDerived(sb: SandboxContext, userId: string): void {
  const user = sb.stmt("SELECT * FROM users WHERE id = ?").get(userId) as UserRow | undefined;
  if (!user) return;
  const emails = sb
    .stmt("SELECT id, email_address FROM email_addresses WHERE user_id = ? ORDER BY created_at, rowid")
    .all(userId) as { id: string; email_address: string }[];
  const phones = sb
    .stmt("SELECT id, phone_number FROM phone_numbers WHERE user_id = ? ORDER BY created_at, rowid")
    .all(userId) as { id: string; phone_number: string }[];
  const wallets = sb
    .stmt("SELECT id, web3_wallet FROM web3_wallets WHERE user_id = ? ORDER BY created_at, rowid")
    .all(userId) as { id: string; web3_wallet: string }[];
  // A primary that was removed falls back to the oldest remaining identifier, as in Clerk.
  const primaryEmail = emails.find((e) => e.id === user.primary_email_address_id) ?? emails[0];
  const primaryPhone = phones.find((p) => p.id === user.primary_phone_number_id) ?? phones[0];
  const primaryWallet = wallets.find((w) => w.id === user.primary_web3_wallet_id) ?? wallets[0];
  const search = [
    user.id,
    user.username,
    user.first_name,
    user.last_name,
    user.external_id,
    ...emails.map((e) => e.email_address),
    ...phones.map((p) => p.phone_number),
    ...wallets.map((w) => w.web3_wallet),
  ]
    .filter((part): part is string => Boolean(part))
    .join("\n")
    .toLowerCase();
  sb.stmt(
    `UPDATE users SET primary_email_address_id = ?, primary_phone_number_id = ?, primary_web3_wallet_id = ?,
       primary_email = ?, primary_phone = ?, primary_web3 = ?, search = ? WHERE id = ?`,
  ).run(
    primaryEmail?.id ?? null,
    primaryPhone?.id ?? null,
    primaryWallet?.id ?? null,
    primaryEmail?.email_address ?? null,
    primaryPhone?.phone_number ?? null,
    primaryWallet?.web3_wallet ?? null,
    search,
    userId,
  );
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_PATTERN = /^\+[1-9]\d{6,14}$/;

export function assertEmailFormat(email: string, param = "email_address"): void {
  if (!EMAIL_PATTERN.test(email)) {
    throw errors.paramInvalid(param, "email address must be a valid email address.");
  }
}

/** Clerk stores phone numbers in E.164; the sandbox accepts digits with `+` and separators. */
export function normalizePhone(phone: string, param = "phone_number"): string {
  const normalized = phone.replace(/[\s().-]/g, "");
  if (!PHONE_PATTERN.test(normalized)) {
    throw errors.paramInvalid(
      param,
      "phone number must be a valid phone number in E.164 format, such as +15555550100.",
    );
  }
  return normalized;
}

export function assertEmailAvailable(sb: SandboxContext, instanceId: string, email: string): void {
  const taken = sb
    .stmt("SELECT 1 FROM email_addresses WHERE instance_id = ? AND email_lower = ?")
    .get(instanceId, email.toLowerCase());
  if (taken) throw errors.identifierExists("email_address", "email address");
}

export function assertPhoneAvailable(sb: SandboxContext, instanceId: string, phone: string): void {
  const taken = sb
    .stmt("SELECT 1 FROM phone_numbers WHERE instance_id = ? AND phone_number = ?")
    .get(instanceId, phone);
  if (taken) throw errors.identifierExists("phone_number", "phone number");
}

export function assertUsernameAvailable(
  sb: SandboxContext,
  instanceId: string,
  username: string,
  exceptUserId?: string,
): void {
  const owner = sb
    .stmt("SELECT id FROM users WHERE instance_id = ? AND username = ?")
    .pluck()
    .get(instanceId, username);
  if (owner && owner !== exceptUserId) throw errors.identifierExists("username", "username");
}

export function assertExternalIdAvailable(
  sb: SandboxContext,
  instanceId: string,
  externalId: string,
  exceptUserId?: string,
): void {
  const owner = sb
    .stmt("SELECT id FROM users WHERE instance_id = ? AND external_id = ?")
    .pluck()
    .get(instanceId, externalId);
  if (owner && owner !== exceptUserId) throw errors.identifierExists("external_id", "external ID");
}

export interface NewIdentifier {
  verified: boolean;
  reserved?: boolean;
}

export function insertEmailAddress(
  sb: SandboxContext,
  instanceId: string,
  userId: string,
  email: string,
  options: NewIdentifier,
): EmailAddressRow {
  assertEmailFormat(email);
  assertEmailAvailable(sb, instanceId, email);
  const now = sb.clock.now();
  const row: EmailAddressRow = {
    id: sb.newId("idn"),
    instance_id: instanceId,
    user_id: userId,
    email_address: email,
    verified: options.verified ? 1 : 0,
    verification_strategy: options.verified ? "admin" : null,
    reserved: options.reserved ? 1 : 0,
    created_at: now,
    updated_at: now,
  };
  sb.stmt(
    `INSERT INTO email_addresses (id, instance_id, user_id, email_address, email_lower, verified, verification_strategy,
       reserved, created_at, updated_at)
     VALUES (@id, @instance_id, @user_id, @email_address, @email_lower, @verified, @verification_strategy, @reserved,
       @created_at, @updated_at)`,
  ).run({ ...row, email_lower: email.toLowerCase() });
  return row;
}

export function insertPhoneNumber(
  sb: SandboxContext,
  instanceId: string,
  userId: string,
  rawPhone: string,
  options: NewIdentifier & { reservedForSecondFactor?: boolean },
): PhoneNumberRow {
  const phone = normalizePhone(rawPhone);
  assertPhoneAvailable(sb, instanceId, phone);
  const now = sb.clock.now();
  const row: PhoneNumberRow = {
    id: sb.newId("idn"),
    instance_id: instanceId,
    user_id: userId,
    phone_number: phone,
    verified: options.verified ? 1 : 0,
    verification_strategy: options.verified ? "admin" : null,
    reserved_for_second_factor: options.reservedForSecondFactor ? 1 : 0,
    default_second_factor: 0,
    reserved: options.reserved ? 1 : 0,
    created_at: now,
    updated_at: now,
  };
  sb.stmt(
    `INSERT INTO phone_numbers (id, instance_id, user_id, phone_number, verified, verification_strategy,
       reserved_for_second_factor, default_second_factor, reserved, created_at, updated_at)
     VALUES (@id, @instance_id, @user_id, @phone_number, @verified, @verification_strategy,
       @reserved_for_second_factor, @default_second_factor, @reserved, @created_at, @updated_at)`,
  ).run(row);
  return row;
}

export function insertWeb3Wallet(sb: SandboxContext, instanceId: string, userId: string, wallet: string): void {
  if (!/^0x[0-9a-fA-F]{40}$/.test(wallet)) {
    throw errors.paramInvalid("web3_wallet", "web3 wallet must be a 0x-prefixed 40 hex digit address.");
  }
  const taken = sb
    .stmt("SELECT 1 FROM web3_wallets WHERE instance_id = ? AND web3_lower = ?")
    .get(instanceId, wallet.toLowerCase());
  if (taken) throw errors.identifierExists("web3_wallet", "web3 wallet");
  const now = sb.clock.now();
  sb.stmt(
    `INSERT INTO web3_wallets (id, instance_id, user_id, web3_wallet, web3_lower, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(sb.newId("idn"), instanceId, userId, wallet, wallet.toLowerCase(), now, now);
}

/** Marks the user's data changed now. */
export function touchUser(sb: SandboxContext, userId: string): void {
  sb.stmt("UPDATE users SET updated_at = ? WHERE id = ?").run(sb.clock.now(), userId);
}
