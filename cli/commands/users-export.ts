import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import { z } from "zod";
import { usersList } from "../../shared/actions/users/actions";
import type { User } from "../../shared/clerk/schemas";
import { defineCommand } from "../command";
import type { GlobalOptions } from "../globals";

/**
 * The CSV columns: one row a user, metadata as JSON text. `clerk users import` reads them back
 * (the "clerk" format), as it reads the JSON Lines of whole user objects.
 */
const CSV_COLUMNS = [
  "id",
  "external_id",
  "first_name",
  "last_name",
  "username",
  "email",
  "emails",
  "phone",
  "created_at",
  "last_sign_in_at",
  "banned",
  "locked",
  "public_metadata",
  "private_metadata",
  "unsafe_metadata",
] as const;

function csvRow(u: User): Record<(typeof CSV_COLUMNS)[number], unknown> {
  const primaryEmail = u.email_addresses.find((e) => e.id === u.primary_email_address_id) ?? u.email_addresses[0];
  const phone = u.phone_numbers.find((p) => p.id === u.primary_phone_number_id) ?? u.phone_numbers[0];
  const json = (value: unknown) => (value && Object.keys(value).length ? JSON.stringify(value) : "");
  const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : "");
  return {
    id: u.id,
    external_id: u.external_id ?? "",
    first_name: u.first_name ?? "",
    last_name: u.last_name ?? "",
    username: u.username ?? "",
    email: primaryEmail?.email_address ?? "",
    emails: u.email_addresses.map((e) => e.email_address).join(";"),
    phone: phone?.phone_number ?? "",
    created_at: iso(u.created_at),
    last_sign_in_at: iso(u.last_sign_in_at),
    banned: u.banned,
    locked: u.locked,
    public_metadata: json(u.public_metadata),
    private_metadata: json(u.private_metadata),
    unsafe_metadata: json(u.unsafe_metadata),
  };
}

export const usersExportCommand = defineCommand({
  id: "users.export",
  summary: "Export every user (or those the filters select) as JSON Lines or CSV, streamed",
  description:
    "Writes one user a line (JSON Lines: Clerk's user objects; CSV: a row a user, metadata as JSON) to the file " +
    "or to stdout, fetching page by page so memory stays flat at any size. Takes the filters of `clerk users list`. " +
    "`clerk users import` reads both back (into another instance, say).",
  input: usersList.input.omit({ limit: true, offset: true }).extend({
    file: z.string().optional().describe("Write here (default: stdout); .csv means CSV"),
    format: z.enum(["jsonl", "csv"]).optional().describe("jsonl (default) or csv (default for a .csv file)"),
  }),
  positionals: ["file"],
  examples: [
    "clerk users export users.jsonl",
    "clerk users export users.csv",
    "clerk users export --banned true --format csv > banned.csv",
    "clerk users export --organization-id org_123 | jq .id",
  ],
  async run(input, globals) {
    await exportUsers(input, globals);
  },
});

type Input = z.infer<typeof usersExportCommand.input>;

async function exportUsers(input: Input, globals: GlobalOptions): Promise<void> {
  const [{ createActionContext }, { abortSignal }, { stringify }] = await Promise.all([
    import("../context"),
    import("../shutdown"),
    import("csv-stringify"),
  ]);
  const { file, format: given, ...filters } = input;
  const format = given ?? (file?.toLowerCase().endsWith(".csv") ? "csv" : "jsonl");
  const ctx = await createActionContext(globals, { signal: abortSignal(), dryRun: false, backendOnly: true });
  const out: Writable = file ? createWriteStream(file, { mode: 0o600 }) : process.stdout;
  const write = (text: string) =>
    new Promise<void>((resolve, reject) => out.write(text, (error) => (error ? reject(error) : resolve())));
  const csv = format === "csv" ? stringify({ header: true, columns: [...CSV_COLUMNS] }) : undefined;
  csv?.on("data", (chunk: Buffer) => out.write(chunk));
  const stream = usersList.stream?.(ctx, { ...filters, limit: 500, offset: 0 }) ?? [];
  const progress = file && process.stderr.isTTY;
  let count = 0;
  for await (const item of stream) {
    const user = item as User;
    if (csv) {
      if (!csv.write(csvRow(user))) await new Promise((resolve) => csv.once("drain", resolve));
    } else await write(`${JSON.stringify(user)}\n`);
    count += 1;
    if (progress && count % 500 === 0) process.stderr.write(`\rExported ${count} users…`);
  }
  if (csv) await new Promise<void>((resolve) => csv.end(resolve));
  if (file)
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  if (file) process.stderr.write(`${progress ? "\r" : ""}Exported ${count} users to ${file} (${format}).\n`);
}
