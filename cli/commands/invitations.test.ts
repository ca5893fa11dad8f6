import { describe, expect, test } from "vitest";
import { useCliSandbox } from "../testing/cli-sandbox";

const { clerk, sandbox } = useCliSandbox();

interface InvitationJson {
  id: string;
  email_address: string;
  status: string;
  url?: string;
  public_metadata: Record<string, unknown>;
  expires_at: number;
  created_at: number;
}

async function ok<T>(args: string[]): Promise<T> {
  const result = await clerk([...args, "--json"]);
  expect(result.code, result.stderr).toBe(0);
  return result.json<T>();
}

const DAY = 24 * 60 * 60 * 1000;

/** The addresses the sandbox emailed while `run` ran (its `email.created` events). */
async function emailsSentDuring(run: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const stop = sandbox.server.context.onEvent((event) => {
    if (event.type === "email.created") sent.push(String(event.data.to_email_address));
  });
  try {
    await run();
  } finally {
    stop();
  }
  return sent;
}

describe("clerk invitations", () => {
  test("create with every option; the table view; an existing address is Clerk's error", async () => {
    let created = {} as InvitationJson;
    const silent = await emailsSentDuring(async () => {
      created = await ok<InvitationJson>([
        "invitations",
        "create",
        "ada@example.com",
        "--expires-in-days",
        "7",
        "--redirect-url",
        "https://app.example.com/welcome",
        "--public-metadata",
        '{"plan":"pro"}',
        "--no-notify",
      ]);
    });
    expect(silent).toEqual([]);
    expect(created).toMatchObject({
      email_address: "ada@example.com",
      status: "pending",
      public_metadata: { plan: "pro" },
    });
    expect(created.id).toMatch(/^inv_/);
    expect(created.expires_at - created.created_at).toBe(7 * DAY);
    expect(new URL(created.url as string).searchParams.get("redirect_url")).toBe("https://app.example.com/welcome");

    const duplicate = await clerk(["invitations", "create", "ada@example.com"]);
    expect(duplicate.code).toBe(1);
    expect(JSON.parse(duplicate.stderr).error).toMatchObject({ status: 400, code: "duplicate_record" });
    const again = await ok<InvitationJson>(["invitations", "create", "ada@example.com", "--ignore-existing"]);
    expect(again.id).not.toBe(created.id);

    let table = { code: 0 as number | null, stdout: "", stderr: "" };
    const notified = await emailsSentDuring(async () => {
      table = await clerk(["invitations", "create", "grace@example.com"]);
    });
    expect(notified).toEqual(["grace@example.com"]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/ID\s+EMAIL\s+STATUS\s+CREATED\s+EXPIRES/);
    expect(table.stdout).toContain("grace@example.com");

    const badDays = await clerk(["invitations", "create", "x@example.com", "--expires-in-days", "0"]);
    expect(badDays.code).toBe(2);
    expect(JSON.parse(badDays.stderr).error.message).toContain("--expires-in-days");
    const badMetadata = await clerk(["invitations", "create", "x@example.com", "--public-metadata", "[1]"]);
    expect(badMetadata.code).toBe(2);
  });

  test("bulk-create is all or nothing and limited to 10", async () => {
    const created = await ok<InvitationJson[]>([
      "invitations",
      "bulk-create",
      "--email-address",
      "one@example.com",
      "--email-address",
      "two@example.com",
      "--expires-in-days",
      "2",
      "--no-notify",
    ]);
    expect(created.map((i) => i.email_address)).toEqual(["one@example.com", "two@example.com"]);
    expect(created.every((i) => i.expires_at - i.created_at === 2 * DAY)).toBe(true);

    const refused = await clerk([
      "invitations",
      "bulk-create",
      "--email-address",
      "three@example.com",
      "--email-address",
      "one@example.com",
    ]);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stderr).error.code).toBe("duplicate_record");
    const all = await ok<{ total_count: number }>(["invitations", "list"]);
    expect(all.total_count).toBe(2);

    const eleven = Array.from({ length: 11 }, (_, i) => ["--email-address", `p${i}@example.com`]).flat();
    const tooMany = await clerk(["invitations", "bulk-create", ...eleven]);
    expect(tooMany.code).toBe(2);
    expect(JSON.parse(tooMany.stderr).error.message).toContain("at most 10");
    const none = await clerk(["invitations", "bulk-create"]);
    expect(none.code).toBe(2);
    expect(JSON.parse(none.stderr).error.message).toBe("missing option --email-address");
  });

  test("list: status and query filters, sorting, paging with total_count, --all", async () => {
    for (const email of ["carol@example.com", "alice@example.com", "bob@other.com"]) {
      await ok(["invitations", "create", email, "--no-notify"]);
      await sandbox.control("clock", { advance_ms: 1000 });
    }
    const newest = await ok<{ data: InvitationJson[]; total_count: number }>(["invitations", "list", "--limit", "2"]);
    expect(newest.total_count).toBe(3);
    expect(newest.data.map((i) => i.email_address)).toEqual(["bob@other.com", "alice@example.com"]);
    const second = await ok<{ data: InvitationJson[] }>(["invitations", "list", "--limit", "2", "--offset", "2"]);
    expect(second.data.map((i) => i.email_address)).toEqual(["carol@example.com"]);

    const byQuery = await ok<{ data: InvitationJson[] }>([
      "invitations",
      "list",
      "--query",
      "example.com",
      "--order-by",
      "+email_address",
    ]);
    expect(byQuery.data.map((i) => i.email_address)).toEqual(["alice@example.com", "carol@example.com"]);

    const all = await ok<InvitationJson[]>(["invitations", "list", "--all"]);
    expect(all).toHaveLength(3);
    const table = await clerk(["invitations", "list"]);
    expect(table.stdout).toContain("3 of 3 invitations");

    const badOrder = await clerk(["invitations", "list", "--order-by", "name"]);
    expect(badOrder.code).toBe(2);
    const badStatus = await clerk(["invitations", "list", "--status", "lost"]);
    expect(badStatus.code).toBe(2);
    expect(JSON.parse(badStatus.stderr).error.message).toContain("--status");
  });

  test("revoke confirms, then revokes; the revoked invitation moves to --status revoked", async () => {
    const created = await ok<InvitationJson>(["invitations", "create", "rev@example.com"]);
    const unconfirmed = await clerk(["invitations", "revoke", created.id]);
    expect(unconfirmed.code).toBe(2);
    expect(JSON.parse(unconfirmed.stderr).error.hint).toContain("--yes");

    const dry = await ok<{ method: string; url: string }>(["invitations", "revoke", created.id, "--dry-run"]);
    expect(dry).toMatchObject({ method: "POST", url: `${sandbox.apiUrl}/invitations/${created.id}/revoke` });

    const revoked = await ok<InvitationJson>(["invitations", "revoke", created.id, "--yes"]);
    expect(revoked).toMatchObject({ id: created.id, status: "revoked" });
    expect(revoked).not.toHaveProperty("url");
    expect(await ok(["invitations", "list"])).toEqual({ data: [], total_count: 0 });
    const listed = await ok<{ data: InvitationJson[] }>(["invitations", "list", "--status", "revoked"]);
    expect(listed.data.map((i) => i.id)).toEqual([created.id]);

    const again = await clerk(["invitations", "revoke", created.id, "--yes"]);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stderr).error.code).toBe("invitation_already_revoked");
  });
});
