import { digestProblem } from "../clerk/password-hashers";

/** The body of Clerk's `POST /users` an imported record becomes. */
export interface CreateUserBody {
  external_id?: string;
  first_name?: string;
  last_name?: string;
  username?: string;
  email_address?: string[];
  phone_number?: string[];
  password?: string;
  password_digest?: string;
  password_hasher?: string;
  skip_password_checks?: boolean;
  skip_password_requirement?: boolean;
  public_metadata?: Record<string, unknown>;
  private_metadata?: Record<string, unknown>;
  unsafe_metadata?: Record<string, unknown>;
  created_at?: string;
}

/** Firebase's project-wide scrypt parameters (Authentication → Users → Password hash parameters). */
export interface FirebaseHashParameters {
  signerKey: string;
  saltSeparator: string;
  rounds: number;
  memCost: number;
}

export interface MapOptions {
  firebase?: FirebaseHashParameters;
}

type Row = Record<string, unknown>;

/** One format users are exported in: how to recognise a record of it and turn it into a create body. */
export interface Source {
  name: string;
  label: string;
  /** Whether a record (the first of a file) is of this format. */
  detect(record: Row): boolean;
  map(record: Row, options: MapOptions): CreateUserBody;
}

const text = (value: unknown): string | undefined => {
  if (value === null || value === undefined) return undefined;
  const string = String(value).trim();
  return string === "" ? undefined : string;
};

/** A JSON object given as an object or as JSON text (CSV cells, Supabase's `raw_user_meta_data`). */
function object(value: unknown): Record<string, unknown> | undefined {
  let parsed = value;
  if (typeof value === "string" && value.trim().startsWith("{")) {
    try {
      parsed = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return undefined;
  return Object.keys(parsed).length ? (parsed as Record<string, unknown>) : undefined;
}

/** Seconds, milliseconds or a date string, as RFC 3339. */
function date(value: unknown): string | undefined {
  const raw = text(value);
  if (raw === undefined) return undefined;
  const number = Number(raw);
  const ms = Number.isFinite(number) ? (number < 1e12 ? number * 1000 : number) : Date.parse(raw);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** "Ada Lovelace" → first and last name. */
function names(full: unknown): Pick<CreateUserBody, "first_name" | "last_name"> {
  const parts = text(full)?.split(/\s+/) ?? [];
  const first = parts.shift();
  return { ...(first ? { first_name: first } : {}), ...(parts.length ? { last_name: parts.join(" ") } : {}) };
}

const list = (...values: unknown[]) => {
  const items = values.map(text).filter((value): value is string => value !== undefined);
  return items.length ? items : undefined;
};

/** Drops undefined fields, so a body says only what the record had. */
function body(fields: CreateUserBody): CreateUserBody {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as CreateUserBody;
}

/** A password or a digest with its hasher; none means the user signs in another way. */
function password(plain: unknown, digest: unknown, hasher: string | undefined): CreateUserBody {
  const digestText = text(digest);
  if (digestText) return { password_digest: digestText, password_hasher: hasher as string, skip_password_checks: true };
  const plainText = text(plain);
  if (plainText) return { password: plainText, skip_password_checks: true };
  return { skip_password_requirement: true };
}

/** The table of formats, most specific first (auto-detection takes the first that matches). */
export const SOURCES: readonly Source[] = [
  {
    name: "firebase",
    label: "Firebase Auth (`firebase auth:export users.json`)",
    detect: (r) => "localId" in r,
    map(r, options) {
      const hash = text(r.passwordHash);
      const params = options.firebase;
      if (hash && !params) {
        throw new ImportRecordError(
          "Firebase password hashes need the project's hash parameters: --hash-key, --salt-separator, --rounds and --mem-cost.",
        );
      }
      const digest =
        hash && params
          ? [hash, text(r.salt) ?? "", params.signerKey, params.saltSeparator, params.rounds, params.memCost].join("$")
          : undefined;
      return body({
        external_id: text(r.localId),
        ...names(r.displayName),
        email_address: list(r.email),
        phone_number: list(r.phoneNumber),
        ...password(undefined, digest, "scrypt_firebase"),
        created_at: date(r.createdAt),
      });
    },
  },
  {
    name: "supabase",
    label: "Supabase (`auth.users` rows: id, email, encrypted_password, raw_user_meta_data, …)",
    detect: (r) => "encrypted_password" in r || "raw_user_meta_data" in r,
    map: (r) =>
      body({
        external_id: text(r.id),
        email_address: list(r.email),
        phone_number: list(r.phone ? `+${String(r.phone).replace(/^\+/, "")}` : undefined),
        ...password(undefined, r.encrypted_password, "bcrypt"),
        public_metadata: object(r.raw_app_meta_data),
        unsafe_metadata: object(r.raw_user_meta_data),
        created_at: date(r.created_at),
      }),
  },
  {
    name: "auth0",
    label: "Auth0 (users export job, JSON or JSON Lines; `passwordHash` from a password export)",
    detect: (r) => "user_id" in r && ("email_verified" in r || "identities" in r || "app_metadata" in r),
    map: (r) =>
      body({
        external_id: text(r.user_id),
        first_name: text(r.given_name),
        last_name: text(r.family_name),
        ...(r.given_name || r.family_name ? {} : names(r.name === r.email ? undefined : r.name)),
        username: text(r.username),
        email_address: list(r.email),
        phone_number: list(r.phone_number),
        ...password(undefined, r.passwordHash ?? r.password_hash, "bcrypt"),
        public_metadata: object(r.app_metadata),
        unsafe_metadata: object(r.user_metadata),
        created_at: date(r.created_at),
      }),
  },
  {
    name: "migration",
    label: "Clerk's migration script (`users.json`: userId, email, firstName, lastName, password, passwordHasher)",
    detect: (r) => "userId" in r,
    map: (r) =>
      body({
        external_id: text(r.userId),
        first_name: text(r.firstName),
        last_name: text(r.lastName),
        username: text(r.username),
        email_address: list(r.email),
        phone_number: list(r.phone),
        ...(text(r.passwordHasher)
          ? password(undefined, r.password, text(r.passwordHasher))
          : password(r.password, undefined, undefined)),
        public_metadata: object(r.publicMetadata),
        private_metadata: object(r.privateMetadata),
        unsafe_metadata: object(r.unsafeMetadata),
      }),
  },
  {
    name: "clerk",
    label: "Clerk users (`clerk users export`, the Backend API's user objects)",
    detect: (r) => "email_addresses" in r || r.object === "user" || ("emails" in r && "public_metadata" in r),
    map: (r) => {
      const emails = (r.email_addresses as { email_address?: string }[] | undefined) ?? [];
      const phones = (r.phone_numbers as { phone_number?: string }[] | undefined) ?? [];
      return body({
        external_id: text(r.external_id) ?? text(r.id),
        first_name: text(r.first_name),
        last_name: text(r.last_name),
        username: text(r.username),
        email_address:
          list(...emails.map((e) => e.email_address)) ?? list(...(text(r.emails)?.split(";") ?? [])) ?? list(r.email),
        phone_number: list(...phones.map((p) => p.phone_number)) ?? list(r.phone),
        ...password(undefined, undefined, undefined),
        public_metadata: object(r.public_metadata),
        private_metadata: object(r.private_metadata),
        unsafe_metadata: object(r.unsafe_metadata),
        created_at: date(r.created_at),
      });
    },
  },
];

/** The `--from` choices, in the table's order. */
export const SOURCE_NAMES = SOURCES.map((source) => source.name);

/** A record that cannot be imported as it is; its message says why, for the report. */
export class ImportRecordError extends Error {
  override readonly name = "ImportRecordError";
}

export function sourceNamed(name: string): Source | undefined {
  return SOURCES.find((source) => source.name === name);
}

export function detectSource(record: Row): Source | undefined {
  return SOURCES.find((source) => source.detect(record));
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+[1-9]\d{6,14}$/;

/** Maps a record and checks what Clerk would refuse, before anything is sent. */
export function toCreateBody(source: Source, record: Row, options: MapOptions): CreateUserBody {
  const created = source.map(record, options);
  if (!created.email_address && !created.phone_number && !created.username) {
    throw new ImportRecordError("No email address, phone number or username: Clerk needs one to create a user.");
  }
  for (const email of created.email_address ?? []) {
    if (!EMAIL.test(email)) throw new ImportRecordError(`"${email}" is not an email address.`);
  }
  for (const phone of created.phone_number ?? []) {
    if (!PHONE.test(phone))
      throw new ImportRecordError(`"${phone}" is not a phone number in E.164 form (+14155550123).`);
  }
  if (created.password_digest) {
    const problem = digestProblem(created.password_digest, created.password_hasher);
    if (problem) throw new ImportRecordError(problem);
  }
  if (created.password !== undefined && (created.password.length < 8 || created.password.length > 72)) {
    throw new ImportRecordError("The password must be 8 to 72 characters.");
  }
  return created;
}

/** The record's identity for the report and for finding it in Clerk: external id, else its email. */
export function recordKey(created: CreateUserBody): string {
  return created.external_id ?? created.email_address?.[0] ?? created.phone_number?.[0] ?? created.username ?? "";
}
