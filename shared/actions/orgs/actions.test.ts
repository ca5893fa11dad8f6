import { describe, expect, test } from "vitest";
import { ZodError } from "zod";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";

const { run, all } = useActionSandbox();

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

  test("input is validated by the action's schema", async () => {
    await expect(run("orgs.create", { name: "" })).rejects.toBeInstanceOf(ZodError);
    await expect(run("orgs.list", { offset: -1 })).rejects.toBeInstanceOf(ZodError);
    await expect(
      run("orgs.invitations.list", { organization_id: "acme", status: "lost" as "pending" }),
    ).rejects.toBeInstanceOf(ZodError);
  });
});
