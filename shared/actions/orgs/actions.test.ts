import { describe, expect, test } from "vitest";
import { ZodError } from "zod";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";
import { ActionInputError } from "../errors";

const { run, all, sandbox } = useActionSandbox();

/** Clerk's multipart logo upload (no action sends one yet), straight to the in-process sandbox. */
async function uploadLogo(organizationId: string) {
  const boundary = "clerk-logo";
  const png = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13]);
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="logo.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    png,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const response = await sandbox.server.app.inject({
    method: "PUT",
    url: `/v1/organizations/${organizationId}/logo`,
    headers: {
      authorization: `Bearer ${sandbox.secretKey}`,
      "content-type": `multipart/form-data; boundary=${boundary}`,
    },
    payload,
  });
  expect(response.statusCode, response.body).toBe(200);
}

const user = async (email: string, first_name?: string) =>
  (await run("users.create", { email_address: [email], ...(first_name ? { first_name } : {}) })).id;

describe("orgs actions", () => {
  test("create, get by id and by slug, list with search, sorting and paging", async () => {
    const ada = await user("ada@example.com");
    const acme = await run("orgs.create", { name: "Acme Inc", slug: "acme", created_by: ada });
    await run("orgs.create", { name: "Beta", slug: "beta", public_metadata: '{"tier":"gold"}' });
    expect(acme.id).toMatch(/^org_/);
    expect(await run("orgs.get", { organization_id: "acme" })).toMatchObject({ id: acme.id, name: "Acme Inc" });
    expect(await run("orgs.get", { organization_id: acme.id })).toMatchObject({ slug: "acme" });

    const byName = await run("orgs.list", { order_by: "+name", limit: 1 });
    expect(byName).toMatchObject({ total_count: 2, data: [{ name: "Acme Inc", members_count: 1 }] });
    expect((await run("orgs.list", { order_by: "+name", limit: 1, offset: 1 })).data[0]).toMatchObject({
      name: "Beta",
      public_metadata: { tier: "gold" },
    });
    expect(await run("orgs.list", { query: "bet" })).toMatchObject({ total_count: 1, data: [{ slug: "beta" }] });
    expect(await run("orgs.list", { user_id: [ada] })).toMatchObject({ total_count: 1, data: [{ slug: "acme" }] });
    expect(await all("orgs.list", { order_by: "+name" })).toHaveLength(2);
  });

  test("update and delete; a deleted org is Clerk's 404", async () => {
    const org = await run("orgs.create", { name: "Acme" });
    const updated = await run("orgs.update", {
      organization_id: org.id,
      name: "Acme Corp",
      max_allowed_memberships: 5,
    });
    expect(updated).toMatchObject({ name: "Acme Corp", max_allowed_memberships: 5 });
    expect(await run("orgs.delete", { organization_id: org.id })).toMatchObject({ id: org.id, deleted: true });
    await expect(run("orgs.get", { organization_id: org.id })).rejects.toMatchObject({ status: 404 });
  });

  test("members add, list with role filter and paging, update, remove", async () => {
    const org = await run("orgs.create", { name: "Acme", slug: "acme" });
    const ada = await user("ada@example.com", "Ada");
    const grace = await user("grace@example.com", "Grace");
    expect(await run("orgs.members.add", { organization_id: "acme", user_id: ada, role: "org:admin" })).toMatchObject({
      role: "org:admin",
    });
    expect(await run("orgs.members.add", { organization_id: org.id, user_id: grace })).toMatchObject({
      role: "org:member",
    });

    const admins = await run("orgs.members.list", { organization_id: org.id, role: ["org:admin"] });
    expect(admins.data.map((m) => m.public_user_data?.user_id)).toEqual([ada]);
    expect(await run("orgs.members.list", { organization_id: org.id, limit: 1 })).toMatchObject({
      total_count: 2,
      data: [{}],
    });
    expect(await all("orgs.members.list", { organization_id: org.id })).toHaveLength(2);
    expect(await run("users.memberships", { user_id: ada })).toMatchObject({
      total_count: 1,
      data: [{ organization: { id: org.id } }],
    });

    const other = await run("orgs.create", { name: "Other" });
    await run("orgs.members.add", { organization_id: other.id, user_id: grace });
    const everyOrg = await run("orgs.members.list", { order_by: "+created_at" });
    expect(everyOrg.total_count).toBe(3);
    expect(everyOrg.data.map((m) => m.organization.id).sort()).toEqual([org.id, org.id, other.id].sort());
    expect(await all("orgs.members.list", {})).toHaveLength(3);
    await expect(run("orgs.members.list", { role: ["org:admin"] })).rejects.toBeInstanceOf(ActionInputError);

    const promoted = await run("orgs.members.update", { organization_id: org.id, user_id: grace, role: "org:admin" });
    expect(promoted.role).toBe("org:admin");
    await run("orgs.members.remove", { organization_id: org.id, user_id: grace });
    expect(await run("orgs.members.list", { organization_id: org.id })).toMatchObject({ total_count: 1 });
  });

  test("invitations create, list by status, revoke", async () => {
    const org = await run("orgs.create", { name: "Acme" });
    const invited = await run("orgs.invitations.create", {
      organization_id: org.id,
      email_address: "new@example.com",
      role: "org:admin",
    });
    expect(invited).toMatchObject({ email_address: "new@example.com", role: "org:admin", status: "pending" });
    expect(await run("orgs.invitations.list", { organization_id: org.id, status: "pending" })).toMatchObject({
      total_count: 1,
    });
    const revoked = await run("orgs.invitations.revoke", { organization_id: org.id, invitation_id: invited.id });
    expect(revoked.status).toBe("revoked");
    expect(await run("orgs.invitations.list", { organization_id: org.id, status: "pending" })).toMatchObject({
      total_count: 0,
    });
  });

  test("metadata merged and replaced; the logo removed, and a second removal is Clerk's 404", async () => {
    const org = await run("orgs.create", { name: "Acme", slug: "acme", public_metadata: '{"tier":"gold","seats":5}' });
    const merged = await run("orgs.metadata", {
      organization_id: "acme",
      public_metadata: '{"seats":null,"region":"eu"}',
      private_metadata: { crm: "A-1" },
    });
    expect(merged).toMatchObject({
      public_metadata: { tier: "gold", region: "eu" },
      private_metadata: { crm: "A-1" },
    });
    expect(merged.public_metadata).not.toHaveProperty("seats");
    const replaced = await run("orgs.metadata", {
      organization_id: org.id,
      public_metadata: { plan: "pro" },
      replace: true,
    });
    expect(replaced.public_metadata).toEqual({ plan: "pro" });
    expect(replaced.private_metadata).toEqual({ crm: "A-1" });

    await uploadLogo(org.id);
    expect(await run("orgs.get", { organization_id: org.id })).toMatchObject({ has_image: true });
    expect(await run("orgs.logo.delete", { organization_id: "acme" })).toMatchObject({ id: org.id, has_image: false });
    await expect(run("orgs.logo.delete", { organization_id: org.id })).rejects.toMatchObject({ status: 404 });
  });

  test("a membership's metadata is merged", async () => {
    const org = await run("orgs.create", { name: "Acme" });
    const ada = await user("ada@example.com");
    await run("orgs.members.add", { organization_id: org.id, user_id: ada });
    await run("orgs.members.metadata", { organization_id: org.id, user_id: ada, public_metadata: '{"team":"ops"}' });
    const member = await run("orgs.members.metadata", {
      organization_id: org.id,
      user_id: ada,
      public_metadata: { desk: 4 },
      private_metadata: { badge: "B-7" },
    });
    expect(member).toMatchObject({
      public_metadata: { team: "ops", desk: 4 },
      private_metadata: { badge: "B-7" },
      public_user_data: { user_id: ada },
    });
  });

  test("invitations in bulk, one by id, and across every organization", async () => {
    const acme = await run("orgs.create", { name: "Acme", slug: "acme" });
    const beta = await run("orgs.create", { name: "Beta" });
    const bulk = await run("orgs.invitations.bulk-create", {
      organization_id: "acme",
      email_address: ["ada@example.com", "grace@example.com"],
      role: "admin",
    });
    expect(bulk.total_count).toBe(2);
    expect(bulk.data.map((i) => [i.email_address, i.role, i.organization_id])).toEqual([
      ["ada@example.com", "org:admin", acme.id],
      ["grace@example.com", "org:admin", acme.id],
    ]);
    const first = bulk.data[0] as (typeof bulk.data)[number];
    expect(await run("orgs.invitations.get", { organization_id: acme.id, invitation_id: first.id })).toMatchObject({
      id: first.id,
      email_address: "ada@example.com",
      status: "pending",
    });
    await run("orgs.invitations.create", { organization_id: beta.id, email_address: "linus@example.org" });
    await run("orgs.invitations.revoke", { organization_id: acme.id, invitation_id: first.id });

    expect(await run("orgs.invitations.list", {})).toMatchObject({ total_count: 3 });
    const pending = await run("orgs.invitations.list", { status: "pending", order_by: "+email_address" });
    expect(pending.data.map((i) => i.email_address)).toEqual(["grace@example.com", "linus@example.org"]);
    expect(await run("orgs.invitations.list", { query: "example.org" })).toMatchObject({
      total_count: 1,
      data: [{ organization_id: beta.id }],
    });
    expect(await all("orgs.invitations.list", { status: "pending" })).toHaveLength(2);
    await expect(run("orgs.invitations.list", { organization_id: acme.id, query: "ada" })).rejects.toBeInstanceOf(
      ActionInputError,
    );
    await expect(
      run("orgs.invitations.bulk-create", { organization_id: acme.id, email_address: [] }),
    ).rejects.toBeInstanceOf(ZodError);
  });

  test("input is validated by the action's schema", async () => {
    await expect(run("orgs.create", { name: "" })).rejects.toBeInstanceOf(ZodError);
    await expect(run("orgs.list", { offset: -1 })).rejects.toBeInstanceOf(ZodError);
    await expect(
      run("orgs.invitations.list", { organization_id: "acme", status: "lost" as "pending" }),
    ).rejects.toBeInstanceOf(ZodError);
  });
});
