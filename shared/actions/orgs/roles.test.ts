import { describe, expect, test } from "vitest";
import { ZodError } from "zod";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";

const { run, all } = useActionSandbox();

const keys = (items: { key: string }[]) => items.map((item) => item.key);

describe("orgs permissions, roles and role sets actions", () => {
  test("permissions: system ones listed, a custom one created, found, renamed and deleted", async () => {
    const system = await run("orgs.permissions.list", { order_by: "+key", limit: 100 });
    expect(system.total_count).toBe(8);
    expect(system.data.every((p) => p.type === "system" && p.key.startsWith("org:sys_"))).toBe(true);

    const created = await run("orgs.permissions.create", {
      key: "org:invoices:read",
      name: "Read invoices",
      description: "See the invoices",
    });
    expect(created).toMatchObject({ object: "permission", type: "user", key: "org:invoices:read" });
    expect(await run("orgs.permissions.get", { permission_id: created.id })).toEqual(created);
    expect(await run("orgs.permissions.list", { query: "invoices" })).toMatchObject({
      total_count: 1,
      data: [{ id: created.id }],
    });
    expect(await all("orgs.permissions.list", {})).toHaveLength(9);

    const renamed = await run("orgs.permissions.update", { permission_id: created.id, name: "View invoices" });
    expect(renamed).toMatchObject({ id: created.id, name: "View invoices", key: "org:invoices:read" });
    expect(await run("orgs.permissions.delete", { permission_id: created.id })).toMatchObject({
      id: created.id,
      deleted: true,
    });
    await expect(run("orgs.permissions.get", { permission_id: created.id })).rejects.toMatchObject({ status: 404 });
  });

  test("roles: create with permissions, add and remove one, update, delete", async () => {
    const defaults = await run("orgs.roles.list", { order_by: "+key" });
    expect(keys(defaults.data)).toEqual(["org:admin", "org:member"]);

    const read = await run("orgs.permissions.create", { key: "org:invoices:read", name: "Read invoices" });
    const pay = await run("orgs.permissions.create", { key: "org:invoices:pay", name: "Pay invoices" });
    const role = await run("orgs.roles.create", {
      key: "org:billing",
      name: "Billing",
      permissions: [read.id],
    });
    expect(role).toMatchObject({ object: "role", key: "org:billing", name: "Billing" });
    expect(keys(role.permissions)).toEqual(["org:invoices:read"]);
    expect(await run("orgs.roles.get", { role_id: role.id })).toMatchObject({ id: role.id, key: "org:billing" });
    expect(await all("orgs.roles.list", {})).toHaveLength(3);

    const added = await run("orgs.roles.add-permission", { role_id: role.id, permission_id: pay.id });
    expect(keys(added.permissions).sort()).toEqual(["org:invoices:pay", "org:invoices:read"]);
    await expect(run("orgs.roles.add-permission", { role_id: role.id, permission_id: pay.id })).rejects.toMatchObject({
      status: 409,
    });
    const removed = await run("orgs.roles.remove-permission", { role_id: role.id, permission_id: read.id });
    expect(keys(removed.permissions)).toEqual(["org:invoices:pay"]);

    const updated = await run("orgs.roles.update", { role_id: role.id, name: "Finance", permissions: [read.id] });
    expect(updated).toMatchObject({ name: "Finance", key: "org:billing" });
    expect(keys(updated.permissions)).toEqual(["org:invoices:read"]);
    expect(await run("orgs.roles.delete", { role_id: role.id })).toMatchObject({ id: role.id, deleted: true });
    expect(await run("orgs.roles.list", {})).toMatchObject({ total_count: 2 });
  });

  test("role sets: create, add roles, replace a role, update, replace the set by another", async () => {
    const initial = (await run("orgs.role-sets.list", {})).data;
    expect(initial).toHaveLength(1);
    const primary = initial[0] as (typeof initial)[number];
    expect(primary).toMatchObject({ type: "initial", default_role: { key: "org:member" } });
    expect(await run("orgs.role-sets.get", { role_set: primary.key })).toMatchObject({ id: primary.id });

    await run("orgs.roles.create", { key: "org:viewer", name: "Viewer" });
    await run("orgs.roles.create", { key: "org:agent", name: "Agent" });
    const support = await run("orgs.role-sets.create", {
      name: "Support",
      key: "role_set:support",
      roles: ["org:admin", "org:member"],
      default_role_key: "org:member",
      creator_role_key: "org:admin",
    });
    expect(support).toMatchObject({ type: "custom", key: "role_set:support", creator_role: { key: "org:admin" } });
    expect(keys(support.roles).sort()).toEqual(["org:admin", "org:member"]);

    const grown = await run("orgs.role-sets.add-roles", {
      role_set: "role_set:support",
      role_keys: ["org:viewer", "org:agent"],
      default_role_key: "org:viewer",
    });
    expect(keys(grown.roles).sort()).toEqual(["org:admin", "org:agent", "org:member", "org:viewer"]);
    expect(grown.default_role?.key).toBe("org:viewer");

    const shrunk = await run("orgs.role-sets.replace-role", {
      role_set: support.id,
      role_key: "org:viewer",
      to_role_key: "org:member",
    });
    expect(keys(shrunk.roles).sort()).toEqual(["org:admin", "org:agent", "org:member"]);
    expect(shrunk.default_role?.key).toBe("org:member");

    const renamed = await run("orgs.role-sets.update", { role_set: support.id, name: "Support teams", initial: true });
    expect(renamed).toMatchObject({ name: "Support teams", type: "initial" });
    expect(await run("orgs.role-sets.get", { role_set: primary.id })).toMatchObject({ type: "custom" });

    expect(
      await run("orgs.role-sets.replace", {
        role_set: "role_set:support",
        with: primary.key,
        map: ["org:agent=org:member"],
      }),
    ).toMatchObject({ object: "role_set", id: support.id, deleted: true });
    expect(await run("orgs.role-sets.get", { role_set: primary.id })).toMatchObject({ type: "initial" });
    expect(await all("orgs.role-sets.list", {})).toHaveLength(1);
  });

  test("inputs are checked before sending, and Clerk's refusals surface", async () => {
    await expect(
      run("orgs.role-sets.replace", { role_set: "role_set:x", with: "role_set:y", map: ["org:a"] }),
    ).rejects.toBeInstanceOf(ZodError);
    await expect(run("orgs.role-sets.add-roles", { role_set: "role_set:x", role_keys: [] })).rejects.toBeInstanceOf(
      ZodError,
    );
    await expect(run("orgs.roles.create", { key: "billing", name: "Billing" })).rejects.toMatchObject({
      status: 422,
    });
  });
});
