import { describe, expect, test } from "vitest";
import { useCliSandbox } from "../testing/cli-sandbox";

const { clerk, sandbox } = useCliSandbox();
/** Many CLI runs per test: allow for a loaded machine. */
const SLOW = { timeout: 60_000 };

interface OrgJson {
  object: string;
  id: string;
  name: string;
  slug: string;
  max_allowed_memberships: number;
  members_count?: number;
}
interface MembershipJson {
  object: string;
  role: string;
  organization: { id: string };
  public_user_data: { user_id: string; identifier: string };
}
interface InvitationJson {
  object: string;
  id: string;
  email_address: string;
  role: string;
  status: string;
  organization_id: string;
}

const errorOf = (stderr: string) => JSON.parse(stderr).error;

async function ok<T>(args: string[]): Promise<T> {
  const result = await clerk([...args, "--json"]);
  expect(result.code, result.stderr).toBe(0);
  return result.json<T>();
}

const createUser = async (email: string) =>
  (await ok<{ id: string }>(["users", "create", "--email-address", email])).id;

describe("clerk orgs", SLOW, () => {
  test("create, get by id and slug, list with search, sorting and paging, update", async () => {
    const ada = await createUser("ada@example.com");
    const acme = await ok<OrgJson>(["orgs", "create", "--name", "Acme Inc", "--slug", "acme", "--created-by", ada]);
    expect(acme).toMatchObject({ object: "organization", name: "Acme Inc", slug: "acme" });
    expect(acme.id).toMatch(/^org_/);
    await ok(["orgs", "create", "--name", "Beta", "--public-metadata", '{"plan":"pro"}']);

    expect(await ok<OrgJson>(["orgs", "get", acme.id])).toMatchObject({ id: acme.id, slug: "acme" });
    expect(await ok<OrgJson>(["orgs", "get", "acme"])).toMatchObject({ id: acme.id });

    const list = await ok<{ data: OrgJson[]; total_count: number }>(["orgs", "list", "--order-by", "+name"]);
    expect(list.total_count).toBe(2);
    expect(list.data.map((o) => [o.name, o.members_count])).toEqual([
      ["Acme Inc", 1],
      ["Beta", 0],
    ]);
    const page = await ok(["orgs", "list", "--order-by", "+name", "--limit", "1", "--offset", "1"]);
    expect(page).toMatchObject({ total_count: 2, data: [{ name: "Beta" }] });
    // "acme inc" (with its space) cannot occur inside a random id, which `query` searches too.
    expect(await ok(["orgs", "list", "--query", "acme inc"])).toMatchObject({
      total_count: 1,
      data: [{ id: acme.id }],
    });
    expect(await ok(["orgs", "list", "--user-id", ada])).toMatchObject({ total_count: 1, data: [{ id: acme.id }] });

    const table = await clerk(["orgs", "list", "--order-by", "+name"]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ID\s+NAME\s+SLUG\s+MEMBERS\s+CREATED/);
    expect(table.stdout).toMatch(new RegExp(`${acme.id}\\s+Acme Inc\\s+acme\\s+1\\s+\\d{4}-\\d{2}-\\d{2}`));
    expect(table.stdout).toContain("2 of 2 organizations");

    const updated = await ok<OrgJson>([
      "orgs",
      "update",
      "acme",
      "--name",
      "Acme Corp",
      "--max-allowed-memberships",
      "50",
      "--private-metadata",
      '{"tier":"gold"}',
    ]);
    expect(updated).toMatchObject({ id: acme.id, name: "Acme Corp", max_allowed_memberships: 50 });
    expect(await ok(["orgs", "get", acme.id])).toMatchObject({
      name: "Acme Corp",
      private_metadata: { tier: "gold" },
    });
  });

  test("--all streams every organization", async () => {
    await sandbox.control("seed", { organizations: 130 });
    const all = await clerk(["orgs", "list", "--all", "--json"]);
    expect(all.code, all.stderr).toBe(0);
    const orgs = all.json<OrgJson[]>();
    expect(orgs).toHaveLength(130);
    expect(new Set(orgs.map((o) => o.id)).size).toBe(130);
    const table = await clerk(["orgs", "list", "--all", "--query", orgs[0]?.name as string]);
    expect(table.stdout).toContain(orgs[0]?.id);
  });

  test("delete asks first, previews with --dry-run, deletes with --yes", async () => {
    const org = await ok<OrgJson>(["orgs", "create", "--name", "Doomed", "--slug", "doomed"]);

    const refused = await clerk(["orgs", "delete", "doomed"]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe("");
    expect(errorOf(refused.stderr)).toMatchObject({ code: "usage_error" });
    // Named as people know it (its name, and the slug the panel asks to type).
    expect(errorOf(refused.stderr).message).toBe(
      "Delete Doomed (doomed)? It cannot be undone. Refusing without confirmation.",
    );
    expect(errorOf(refused.stderr).hint).toContain("--yes");

    const dry = await clerk(["orgs", "delete", "doomed", "--dry-run", "--json"]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.json()).toMatchObject({ method: "DELETE", url: `${sandbox.apiUrl}/organizations/doomed` });
    expect(dry.stderr).toContain("Dry run: this request was not sent.");
    expect(await ok(["orgs", "get", org.id])).toMatchObject({ id: org.id });

    expect(await ok(["orgs", "delete", "doomed", "--yes"])).toEqual({
      object: "organization",
      id: org.id,
      slug: "doomed",
      deleted: true,
    });
    const gone = await clerk(["orgs", "get", org.id]);
    expect(gone.code).toBe(1);
    expect(errorOf(gone.stderr)).toMatchObject({ status: 404, code: "resource_not_found" });
  });

  test("members: add, list (filters, --all, table), update the role, remove", async () => {
    const ada = await createUser("ada@example.com");
    const bob = await createUser("bob@example.com");
    const org = await ok<OrgJson>(["orgs", "create", "--name", "Acme", "--slug", "acme", "--created-by", ada]);

    const added = await ok<MembershipJson>(["orgs", "members", "add", "acme", "--user-id", bob]);
    expect(added).toMatchObject({
      object: "organization_membership",
      role: "org:member",
      organization: { id: org.id },
      public_user_data: { user_id: bob, identifier: "bob@example.com" },
    });

    const members = await ok<{ data: MembershipJson[]; total_count: number }>(["orgs", "members", "list", org.id]);
    expect(members.total_count).toBe(2);
    expect(members.data.map((m) => [m.public_user_data.identifier, m.role]).sort()).toEqual([
      ["ada@example.com", "org:admin"],
      ["bob@example.com", "org:member"],
    ]);
    expect(await ok(["orgs", "members", "list", "acme", "--role", "org:admin"])).toMatchObject({
      total_count: 1,
      data: [{ public_user_data: { user_id: ada } }],
    });
    expect(await ok(["orgs", "members", "list", "acme", "--query", "bob@"])).toMatchObject({ total_count: 1 });
    const streamed = await ok<MembershipJson[]>(["orgs", "members", "list", "acme", "--all"]);
    expect(streamed.map((m) => m.public_user_data.user_id).sort()).toEqual([ada, bob].sort());
    const table = await clerk(["orgs", "members", "list", "acme"]);
    expect(table.stdout).toMatch(/^USER\s+IDENTIFIER\s+NAME\s+ROLE\s+SINCE/);
    expect(table.stdout).toMatch(new RegExp(`${bob}\\s+bob@example.com\\s+org:member`));
    expect(table.stdout).toContain("2 of 2 members");

    const promoted = await ok<MembershipJson>(["orgs", "members", "update", "acme", bob, "--role", "org:admin"]);
    expect(promoted).toMatchObject({ role: "org:admin", public_user_data: { user_id: bob } });

    const dry = await clerk(["orgs", "members", "remove", "acme", bob, "--dry-run", "--json"]);
    expect(dry.json()).toMatchObject({
      method: "DELETE",
      url: `${sandbox.apiUrl}/organizations/acme/memberships/${bob}`,
    });
    expect((await ok<{ total_count: number }>(["orgs", "members", "list", "acme"])).total_count).toBe(2);

    // Unasked off a terminal, as in the Go CLI; stderr says what it does.
    const removing = await clerk(["orgs", "members", "remove", "acme", bob, "--json"]);
    expect(removing.code, removing.stderr).toBe(0);
    expect(removing.stderr).toContain(`Going to remove bob@example.com (${bob}) from Acme`);
    const removed = removing.json<MembershipJson>();
    expect(removed).toMatchObject({ object: "organization_membership", public_user_data: { user_id: bob } });
    expect(await ok(["orgs", "members", "list", "acme"])).toMatchObject({
      total_count: 1,
      data: [{ public_user_data: { user_id: ada } }],
    });
  });

  test("invitations: create, list by status, revoke (unasked off a terminal)", async () => {
    const ada = await createUser("ada@example.com");
    await ok(["orgs", "create", "--name", "Acme", "--slug", "acme", "--created-by", ada]);

    const invited = await ok<InvitationJson>([
      "orgs",
      "invitations",
      "create",
      "acme",
      "--email-address",
      "new@example.com",
      "--role",
      "org:admin",
      "--inviter-user-id",
      ada,
      "--expires-in-days",
      "7",
    ]);
    expect(invited).toMatchObject({
      object: "organization_invitation",
      email_address: "new@example.com",
      role: "org:admin",
      status: "pending",
    });
    expect(invited.id).toMatch(/^orginv_/);

    const pending = await ok(["orgs", "invitations", "list", "acme", "--status", "pending"]);
    expect(pending).toMatchObject({ total_count: 1, data: [{ id: invited.id }] });
    const table = await clerk(["orgs", "invitations", "list", "acme"]);
    expect(table.stdout).toMatch(/^ID\s+EMAIL\s+ROLE\s+STATUS\s+EXPIRES/);
    expect(table.stdout).toMatch(new RegExp(`${invited.id}\\s+new@example.com\\s+org:admin\\s+pending`));
    expect(table.stdout).toContain("1 of 1 invitations");

    const dry = await clerk(["orgs", "invitations", "revoke", "acme", invited.id, "--dry-run", "--json"]);
    expect(dry.json()).toMatchObject({
      method: "POST",
      url: `${sandbox.apiUrl}/organizations/acme/invitations/${invited.id}/revoke`,
      body: {},
    });
    expect(await ok(["orgs", "invitations", "list", "acme", "--status", "pending"])).toMatchObject({ total_count: 1 });

    const revoked = await ok<InvitationJson>([
      "orgs",
      "invitations",
      "revoke",
      "acme",
      invited.id,
      "--requesting-user-id",
      ada,
    ]);
    expect(revoked).toMatchObject({ id: invited.id, status: "revoked" });
    expect(await ok(["orgs", "invitations", "list", "acme", "--status", "pending"])).toMatchObject({ total_count: 0 });
    expect(await ok(["orgs", "invitations", "list", "acme", "--status", "revoked"])).toMatchObject({
      total_count: 1,
      data: [{ id: invited.id }],
    });
  });

  test("Clerk's errors: 404 for each kind of missing thing, 422 naming the parameter, 400 already a member", async () => {
    const ada = await createUser("ada@example.com");
    await ok(["orgs", "create", "--name", "Acme", "--slug", "acme", "--created-by", ada]);

    for (const args of [
      ["orgs", "get", "org_missing"],
      ["orgs", "update", "org_missing", "--name", "X"],
      ["orgs", "delete", "org_missing", "--yes"],
      ["orgs", "members", "list", "org_missing"],
      ["orgs", "members", "add", "acme", "--user-id", "user_missing"],
      ["orgs", "members", "update", "acme", "user_missing", "--role", "org:admin"],
      ["orgs", "members", "remove", "acme", "user_missing", "--yes"],
      ["orgs", "invitations", "revoke", "acme", "orginv_missing", "--yes"],
    ]) {
      const result = await clerk(args);
      expect(result.code, args.join(" ")).toBe(1);
      expect(result.stdout).toBe("");
      expect(errorOf(result.stderr), args.join(" ")).toMatchObject({ status: 404, code: "resource_not_found" });
    }

    const invalid: [string[], string, string][] = [
      [["orgs", "create", "--name", "Dup", "--slug", "acme"], "form_identifier_exists", "slug"],
      [["orgs", "update", "acme", "--slug", "Not A Slug"], "form_param_format_invalid", "slug"],
      [["orgs", "members", "update", "acme", ada, "--role", "org:nope"], "form_param_value_invalid", "role"],
      [
        ["orgs", "invitations", "create", "acme", "--email-address", "nope"],
        "form_param_format_invalid",
        "email_address",
      ],
    ];
    for (const [args, code, param] of invalid) {
      const result = await clerk(args);
      expect(result.code, args.join(" ")).toBe(1);
      const error = errorOf(result.stderr);
      expect(error, args.join(" ")).toMatchObject({ status: 422, code, param_name: param });
      expect(error.errors[0]).toMatchObject({ code, meta: { param_name: param } });
      expect(error.clerk_trace_id).toMatch(/^[0-9a-f]{32}$/);
    }

    const again = await clerk(["orgs", "members", "add", "acme", "--user-id", ada]);
    expect(again.code).toBe(1);
    expect(errorOf(again.stderr)).toMatchObject({ status: 400, code: "already_a_member_in_organization" });
  });

  test("usage errors exit 2 before any request, naming the command's help", async () => {
    const cases: [string, string[], string][] = [
      ["orgs get", [], "missing argument <organization_id>"],
      ["orgs create", [], "missing option --name"],
      ["orgs members add", ["acme"], "missing argument <user_id>"],
      ["orgs members update", ["acme", "user_1"], "missing option --role"],
      ["orgs invitations revoke", ["acme"], "missing argument <invitation_id>"],
      ["orgs invitations list", ["acme", "--status", "lost"], "--status"],
      ["orgs update", ["acme", "--max-allowed-memberships", "many"], "--max-allowed-memberships"],
      ["orgs create", ["--name", "X", "--public-metadata", "[1]"], "--public-metadata"],
    ];
    for (const [command, args, message] of cases) {
      const result = await clerk([...command.split(" "), ...args]);
      expect(result.code, command).toBe(2);
      expect(errorOf(result.stderr).message, command).toContain(message);
      expect(errorOf(result.stderr).hint).toBe(`Run \`clerk ${command} --help\` for usage.`);
    }
    const typo = await clerk(["orgs", "membrs", "list", "acme"]);
    expect(typo.code).toBe(2);
    expect(errorOf(typo.stderr).hint).toContain("clerk orgs members");
  });
});
