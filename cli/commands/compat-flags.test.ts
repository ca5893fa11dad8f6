import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { useCliSandbox } from "../testing/cli-sandbox";

// Command lines as Clerk's official CLI (npm `clerk` 3.x) and its Go CLI document them.
const { clerk, sandbox, platform } = useCliSandbox();
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
    const future = String(Date.now() + 24 * 60 * 60 * 1000);
    expect(await ok(["users", "count", "--last-active-since", future])).toMatchObject({ total_count: 0 });

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

  test("the Go CLI's role names without org: (admin, basic_member) in members add/update and invitations", async () => {
    const user = (await ok<{ id: string }>(["users", "create", "--email", "kay@example.com"])).id;
    const org = (await ok<{ id: string }>(["orgs", "create", "--name", "Roles"])).id;
    const added = await ok<{ role: string }>(["orgs", "members", "add", org, user, "--role", "basic_member"]);
    expect(added.role).toBe("org:member");
    const updated = await ok<{ role: string }>(["orgs", "members", "update", org, user, "--role", "admin"]);
    expect(updated.role).toBe("org:admin");
    const invited = await ok<{ role: string }>([
      "orgs",
      "invitations",
      "create",
      org,
      "--email",
      "kim@example.com",
      "--role",
      "basic_member",
    ]);
    expect(invited.role).toBe("org:member");
    // A custom role is found by its name without the prefix too; an unknown one is Clerk's error.
    const created = await sandbox.bapi("POST", "/organization_roles", {
      key: "org:billing",
      name: "Billing",
      permissions: [],
    });
    expect(created.status).toBe(200);
    expect(await ok(["orgs", "members", "update", org, user, "--role", "billing"])).toMatchObject({
      role: "org:billing",
    });
    const unknown = await clerk(["orgs", "members", "update", org, user, "--role", "owner", "--json"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("owner is not a valid organization role");
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

describe("the official CLI's raw body and --secret-key", SLOW, () => {
  test("-d/--data is the request body: its keys fill the options, unknown ones reach the API", async () => {
    const created = await ok<UserJson & { username: string | null }>([
      "users",
      "create",
      "-d",
      '{"email_address":["raw@example.com"],"username":"rawuser","public_metadata":{"from":"data"}}',
      "--first-name",
      "Raw",
    ]);
    expect(created).toMatchObject({ username: "rawuser", first_name: "Raw", public_metadata: { from: "data" } });
    expect(created.email_addresses.map((e) => e.email_address)).toEqual(["raw@example.com"]);

    // A required argument met by the body.
    const invitation = await ok<{ email_address: string }>([
      "invitations",
      "create",
      "--data",
      '{"email_address":"body@example.com","notify":false}',
    ]);
    expect(invitation.email_address).toBe("body@example.com");

    // Options given as flags win over the body's keys.
    const updated = await ok<UserJson & { last_name: string }>([
      "users",
      "update",
      created.id,
      "-d",
      '{"first_name":"Body","last_name":"Body"}',
      "--first-name",
      "Flag",
    ]);
    expect(updated).toMatchObject({ first_name: "Flag", last_name: "Body" });

    const preview = await clerk([
      "users",
      "create",
      "-d",
      '{"email_address":["x@example.com"],"legal_accepted_at":1}',
      "--dry-run",
      "--json",
    ]);
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.json()).toMatchObject({
      method: "POST",
      body: { email_address: ["x@example.com"], legal_accepted_at: 1 },
    });

    const bad = await clerk(["users", "create", "-d", "{nope", "--json"]);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stderr).error.message).toContain("--data is not valid JSON");
  });

  test("--file reads the body from a JSON or YAML file; -d wins over it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "clerk-body-"));
    const path = join(dir, "user.yaml");
    writeFileSync(path, "email_address: [file@example.com]\nfirst_name: FromFile\nlast_name: Kept\n");
    const created = await ok<UserJson & { last_name: string }>([
      "users",
      "create",
      "--file",
      path,
      "-d",
      '{"first_name":"FromData"}',
    ]);
    expect(created).toMatchObject({ first_name: "FromData", last_name: "Kept" });
  });

  test("--secret-key on a backend command wins over the configured key", async () => {
    const wrong = { CLERK_SECRET_KEY: "sk_test_wrongwrongwrongwrongwrong" };
    const refused = await clerk(["users", "count", "--json"], { env: wrong });
    expect(refused.code).toBe(1);
    const counted = await clerk(["users", "count", "--secret-key", sandbox.secretKey, "--json"], { env: wrong });
    expect(counted.code, counted.stderr).toBe(0);
    expect(counted.json()).toHaveProperty("total_count");
    const help = await clerk(["users", "list", "--help"]);
    expect(help.stdout).toContain("--secret-key");
  });
});

describe("the Go CLI's command names and subcommands", SLOW, () => {
  test("apikeys, jwttemplates, organizations, invite; restrictions rm", async () => {
    expect(await ok(["jwttemplates", "list"])).toMatchObject({ total_count: 0 });
    const org = await ok<{ id: string }>(["organizations", "create", "--name", "Acme Corp"]);
    expect(await ok(["apikeys", "list", "--subject", org.id])).toMatchObject({ total_count: 0 });
    expect(await ok(["organizations", "list"])).toMatchObject({ total_count: 1 });
    expect(await ok(["invite", "create", "--email", "inv@example.com", "--no-notify"])).toMatchObject({
      email_address: "inv@example.com",
    });
    const entry = await ok<{ id: string }>(["restrictions", "add", "spam@example.com", "--block"]);
    const removed = await clerk(["restrictions", "rm", entry.id, "--yes", "--json"]);
    expect(removed.code, removed.stderr).toBe(0);
    expect(await ok(["restrictions", "list"])).toMatchObject({ total_count: 0 });
    const items = await clerk(["billing", "subscription-items", "list", "--help"]);
    expect(items.code, items.stderr).toBe(0);
    expect(items.stdout).toContain("clerk billing items list");
  });

  test("users emails/phones list, get, update", async () => {
    const ada = await ok<UserJson>(["users", "create", "--email", "ada@example.com", "--phone", "+15555550100"]);
    const added = await ok<{ id: string }>([
      "users",
      "email",
      "add",
      ada.id,
      "--email",
      "ada@work.example",
      "--no-verified",
    ]);
    const emails = await ok<{ data: { id: string; email_address: string }[]; total_count: number }>([
      "users",
      "emails",
      "list",
      ada.id,
    ]);
    expect(emails.data.map((e) => e.email_address)).toEqual(["ada@example.com", "ada@work.example"]);
    expect(await ok(["users", "emails", "get", added.id])).toMatchObject({
      id: added.id,
      verification: null,
    });
    expect(await ok(["users", "emails", "update", added.id, "--verified", "--primary"])).toMatchObject({
      verification: { status: "verified" },
    });
    expect(await ok<UserJson>(["users", "get", ada.id])).toMatchObject({ primary_email_address_id: added.id });
    const table = await clerk(["users", "emails", "list", ada.id]);
    expect(table.stdout).toMatch(/ID\s+EMAIL ADDRESS\s+VERIFIED/);

    const phones = await ok<{ data: { id: string; phone_number: string }[] }>(["users", "phones", "list", ada.id]);
    const phone = phones.data[0]?.id as string;
    expect(await ok(["users", "phone", "get", phone])).toMatchObject({ phone_number: "+15555550100" });
    expect(await ok(["users", "phones", "update", phone, "--no-verified"])).toMatchObject({ verification: null });
    const missing = await clerk(["users", "emails", "get", "idn_missing", "--json"]);
    expect(missing.code).toBe(1);
  });

  test("protect schema type takes type names in any case, and in words as the Go CLI spells them", async () => {
    const types = await ok<{ types: { name: string }[] }>(["protect", "schema", "type", "ipprivacy", "asn"]);
    expect(types.types.map((t) => t.name)).toEqual(["IPPrivacy", "ASN"]);
    const words = ["ip", "geo", "IP", "privacy", "bot", "score", "user", "agent", "sign", "in", "event", "ip", "ASN"];
    const named = await ok<{ types: { name: string }[] }>(["protect", "schema", "type", ...words]);
    expect(named.types.map((t) => t.name)).toEqual([
      "IPGeo",
      "IPPrivacy",
      "BotScore",
      "UserAgent",
      "SignInEvent",
      "IP",
      "ASN",
    ]);
    const unknown = await clerk(["protect", "schema", "type", "ip", "nope", "--json"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown type: nope.");
  });
});

describe("the official CLI's config spellings", SLOW, () => {
  test("config patch --file <path> is config patch <path>", async () => {
    const dir = mkdtempSync(join(tmpdir(), "clerk-config-"));
    const path = join(dir, "patch.json");
    writeFileSync(path, JSON.stringify({ session: { lifetime_seconds: 3600 } }));
    const patched = await platform(["config", "patch", "--file", path, "--yes", "--json"]);
    expect(patched.code, patched.stderr).toBe(0);
    expect(patched.json()).toMatchObject({
      applied: true,
      changes: [{ path: "session.lifetime_seconds", after: 3600 }],
    });
  });
});
