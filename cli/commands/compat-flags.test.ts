import { describe, expect, test } from "vitest";
import { useCliSandbox } from "../testing/cli-sandbox";

// Command lines as Clerk's official CLI (npm `clerk` 3.x) and its Go CLI document them.
const { clerk } = useCliSandbox();
/** Many CLI runs per test: allow for a loaded machine. */
const SLOW = { timeout: 90_000 };

async function ok<T>(args: string[]): Promise<T> {
  const result = await clerk([...args, "--json"]);
  expect(result.code, result.stderr).toBe(0);
  return result.json<T>();
}

interface UserJson {
  id: string;
  first_name: string | null;
  primary_email_address_id: string | null;
  email_addresses: { id: string; email_address: string }[];
  phone_numbers: { phone_number: string }[];
  public_metadata: Record<string, unknown>;
}

describe("flag synonyms and comma-separated lists", SLOW, () => {
  test("users create/list --email/--phone, users update with the Go CLI's spellings", async () => {
    const ada = await ok<UserJson>([
      "users",
      "create",
      "--email",
      "ada@example.com,ada@work.example",
      "--phone",
      "+15555550100",
      "--first-name",
      "Ada",
    ]);
    expect(ada.email_addresses.map((e) => e.email_address)).toEqual(["ada@example.com", "ada@work.example"]);
    expect(ada.phone_numbers.map((p) => p.phone_number)).toEqual(["+15555550100"]);
    // Our spelling and theirs add up, repeated or comma-separated.
    await ok(["users", "create", "--email-address", "grace@example.com", "--email", "grace@work.example"]);

    const found = await ok<{ data: UserJson[] }>(["users", "list", "--email", "ada@example.com"]);
    expect(found.data.map((u) => u.id)).toEqual([ada.id]);
    const both = await ok<{ total_count: number }>(["users", "count", "--email", "ada@example.com,grace@example.com"]);
    expect(both.total_count).toBe(2);

    const work = ada.email_addresses.find((e) => e.email_address === "ada@work.example")?.id as string;
    const updated = await ok<UserJson>([
      "users",
      "update",
      ada.id,
      "--primary-email-id",
      work,
      "--public-metadata",
      '{"plan":"pro"}',
      "--password",
      "correct horse battery staple",
      "--sign-out-other-sessions",
    ]);
    expect(updated).toMatchObject({ primary_email_address_id: work, public_metadata: { plan: "pro" } });
  });

  test("invitations create --email, bulk-create --emails a,b, invitations get", async () => {
    const single = await ok<{ id: string; email_address: string }>([
      "invitations",
      "create",
      "--email",
      "ada@example.com",
      "--no-notify",
    ]);
    expect(single.email_address).toBe("ada@example.com");
    const bulk = await ok<{ email_address: string }[]>([
      "invitations",
      "bulk-create",
      "--emails",
      "grace@example.com,alan@example.com",
      "--no-notify",
    ]);
    expect(bulk.map((i) => i.email_address)).toEqual(["grace@example.com", "alan@example.com"]);

    expect(await ok(["invitations", "get", single.id])).toMatchObject({
      id: single.id,
      email_address: "ada@example.com",
    });
    const missing = await clerk(["invitations", "get", "inv_missing", "--json"]);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stderr).error.message).toContain("inv_missing");
  });

  test("orgs members add <org> <user>, orgs invitations create --email, --include-members-count", async () => {
    const user = (await ok<{ id: string }>(["users", "create", "--email", "lin@example.com"])).id;
    const org = (await ok<{ id: string }>(["orgs", "create", "--name", "Acme"])).id;
    const member = await ok<{ role: string; public_user_data: { user_id: string } }>([
      "orgs",
      "members",
      "add",
      org,
      user,
      "--role",
      "org:admin",
    ]);
    expect(member).toMatchObject({ role: "org:admin", public_user_data: { user_id: user } });
    const invited = await ok<{ email_address: string }>([
      "orgs",
      "invitations",
      "create",
      org,
      "--email",
      "new@example.com",
    ]);
    expect(invited.email_address).toBe("new@example.com");

    const counted = await ok<{ data: { members_count?: number }[] }>(["orgs", "list", "--include-members-count"]);
    expect(counted.data[0]?.members_count).toBe(1);
    const uncounted = await ok<{ data: { members_count?: number }[] }>(["orgs", "list", "--no-include-members-count"]);
    expect(uncounted.data[0]?.members_count).toBeUndefined();
  });

  test("jwt-templates --clock-skew, api-keys --scopes a,b --expires-in", async () => {
    const template = await ok<{ allowed_clock_skew: number }>([
      "jwt-templates",
      "create",
      "--name",
      "hasura",
      "--clock-skew",
      "10",
    ]);
    expect(template.allowed_clock_skew).toBe(10);
    const user = (await ok<{ id: string }>(["users", "create", "--email", "key@example.com"])).id;
    const key = await ok<{ scopes: string[]; expiration: number | null }>([
      "api-keys",
      "create",
      "--name",
      "reports",
      "--subject",
      user,
      "--scopes",
      "read,write",
      "--scope",
      "export",
      "--expires-in",
      "3600",
    ]);
    expect(key.scopes).toEqual(["read", "write", "export"]);
    expect(key.expiration).not.toBeNull();
  });

  test("help shows our spelling first and names the synonym; completion offers it", async () => {
    const help = await clerk(["users", "create", "--help"]);
    expect(help.stdout).toMatch(/--email-address <value>.*\(also --email\)/);
    const invite = await clerk(["invitations", "create", "--help"]);
    expect(invite.stdout).toMatch(/--email <value>\s+Same as <email_address>/);
    const completion = await clerk(["__complete", "bash", "--", "users", "create", "--em"]);
    expect(completion.stdout.split("\n")).toEqual(expect.arrayContaining(["--email-address", "--email"]));
  });
});
