import { describe, expect, test } from "vitest";
import { useSandbox } from "../../testing/harness";

const sandbox = useSandbox();

type Json = Record<string, unknown> & { id: string };
type Page = { data: Json[]; total_count: number };
type Item = { key: string; members_count: number; has_members: boolean };
type RoleSet = Json & {
  key: string;
  type: string;
  roles: Item[];
  default_role: Item | null;
  creator_role: Item | null;
};
type ErrorBody = { errors: { code: string; meta?: { param_name?: string } }[] };

async function call<T = Json>(method: string, path: string, body?: unknown, status = 200): Promise<T> {
  const response = await sandbox.bapi(method, path, body);
  expect(response.status, `${method} ${path}: ${await response.clone().text()}`).toBe(status);
  return (await response.json()) as T;
}

async function fails(method: string, path: string, body: unknown, status: number, code: string, param?: string) {
  const error = await call<ErrorBody>(method, path, body, status);
  expect(error.errors[0]?.code).toBe(code);
  if (param) expect(error.errors[0]?.meta?.param_name).toBe(param);
}

const keys = (items: { key: string }[]) => items.map((item) => item.key);

async function orgWithMembers(roles: string[]): Promise<string> {
  const org = await call("POST", "/organizations", { name: `Org ${Math.random()}` });
  for (const [i, role] of roles.entries()) {
    const user = await call("POST", "/users", {
      email_address: [`m${i}-${org.id.slice(-6).toLowerCase()}@example.com`],
    });
    await call("POST", `/organizations/${org.id}/memberships`, { user_id: user.id, role });
  }
  return org.id;
}

describe("organization permissions over HTTP", () => {
  test("system permissions are listed and read-only; custom ones have a full life cycle", async () => {
    const all = await call<Page>("GET", "/organization_permissions?order_by=key&limit=100");
    expect(all.total_count).toBe(8);
    expect(all.data.every((p) => p.type === "system" && String(p.key).startsWith("org:sys_"))).toBe(true);
    const system = all.data[0] as Json;
    await fails("PATCH", `/organization_permissions/${system.id}`, { name: "Mine" }, 403, "authorization_invalid");
    await fails("DELETE", `/organization_permissions/${system.id}`, undefined, 403, "authorization_invalid");

    const created = await call("POST", "/organization_permissions", {
      name: "Manage invoices",
      key: "org:invoices:manage",
      description: "Create and void invoices",
    });
    expect(created).toMatchObject({ object: "permission", type: "user", key: "org:invoices:manage" });
    expect(created.id).toMatch(/^perm_/);
    expect(await call("GET", `/organization_permissions/${created.id}`)).toEqual(created);
    const found = await call<Page>("GET", "/organization_permissions?query=invoices");
    expect(found.data.map((p) => p.id)).toEqual([created.id]);

    await fails(
      "POST",
      "/organization_permissions",
      { name: "x", key: "org:invoices:manage" },
      422,
      "form_identifier_exists",
      "key",
    );
    await fails(
      "POST",
      "/organization_permissions",
      { name: "x", key: "invoices" },
      422,
      "form_param_format_invalid",
      "key",
    );
    await fails(
      "POST",
      "/organization_permissions",
      { name: "x", key: "org:sys_x:read" },
      422,
      "form_param_format_invalid",
      "key",
    );
    await fails("POST", "/organization_permissions", { key: "org:a:b" }, 422, "form_param_missing", "name");

    const renamed = await call("PATCH", `/organization_permissions/${created.id}`, { key: "org:invoices:write" });
    expect(renamed).toMatchObject({ key: "org:invoices:write", name: "Manage invoices" });

    // A role holding the permission shows it, and loses it when the permission is deleted.
    const role = await call<Json & { permissions: Json[] }>("POST", "/organization_roles", {
      name: "Accountant",
      key: "org:accountant",
      permissions: [created.id],
    });
    expect(role.permissions.map((p) => p.key)).toEqual(["org:invoices:write"]);
    expect(await call("DELETE", `/organization_permissions/${created.id}`)).toEqual({
      object: "permission",
      id: created.id,
      deleted: true,
    });
    const after = await call<{ permissions: Json[] }>("GET", `/organization_roles/${role.id}`);
    expect(after.permissions).toEqual([]);
    await call("GET", `/organization_permissions/${created.id}`, undefined, 404);
  });
});

describe("role sets over HTTP", () => {
  test("the instance starts with the Primary role set: default roles, member default, admin creator", async () => {
    const page = await call<Page>("GET", "/role_sets");
    expect(page.total_count).toBe(1);
    const primary = page.data[0] as RoleSet;
    expect(primary).toMatchObject({
      object: "role_set",
      key: "role_set:primary",
      type: "initial",
      description: null,
      role_set_migration: null,
      default_role: { object: "role_set_item", key: "org:member" },
      creator_role: { key: "org:admin" },
    });
    expect(keys(primary.roles)).toEqual(["org:admin", "org:member"]);
    expect(await call("GET", `/role_sets/${primary.id}`)).toEqual(primary);
    expect(await call("GET", "/role_sets/role_set:primary")).toEqual(primary);
    await call("GET", "/role_sets/role_set:nope", undefined, 404);

    await orgWithMembers(["org:member", "org:member"]);
    const counted = await call<RoleSet>("GET", "/role_sets/role_set:primary");
    expect(counted.roles.find((r) => r.key === "org:member")).toMatchObject({ members_count: 2, has_members: true });
  });

  test("create validates roles, default and creator; the creator role follows the instance setting", async () => {
    const permissions = await call<Page>("GET", "/organization_permissions?limit=100");
    const byKey = (key: string) => permissions.data.find((p) => p.key === key)?.id as string;
    await call("POST", "/organization_roles", {
      name: "Owner",
      key: "org:owner",
      permissions: [
        byKey("org:sys_memberships:manage"),
        byKey("org:sys_memberships:read"),
        byKey("org:sys_profile:delete"),
      ],
      include_in_initial_role_set: true,
    });
    await call("POST", "/organization_roles", { name: "Viewer", key: "org:viewer" });
    expect(keys((await call<RoleSet>("GET", "/role_sets/role_set:primary")).roles)).toEqual([
      "org:admin",
      "org:member",
      "org:owner",
    ]);

    const body = {
      name: "Pro Tier",
      roles: ["org:owner", "org:viewer"],
      default_role_key: "org:viewer",
      creator_role_key: "org:owner",
    };
    const pro = await call<RoleSet>("POST", "/role_sets", body);
    expect(pro).toMatchObject({
      key: "role_set:pro_tier",
      type: "custom",
      default_role: { key: "org:viewer", members_count: 0, has_members: false },
      creator_role: { key: "org:owner" },
    });
    expect(pro.id).toMatch(/^rs_/);
    await fails("POST", "/role_sets", body, 422, "form_identifier_exists", "key");
    await fails("POST", "/role_sets", { ...body, key: "pro" }, 422, "form_param_format_invalid", "key");
    await fails(
      "POST",
      "/role_sets",
      { ...body, key: "role_set:a", roles: ["org:nope"] },
      422,
      "form_param_value_invalid",
      "roles",
    );
    await fails(
      "POST",
      "/role_sets",
      { ...body, key: "role_set:b", roles: [] },
      422,
      "form_param_format_invalid",
      "roles",
    );
    await fails(
      "POST",
      "/role_sets",
      { ...body, key: "role_set:c", default_role_key: "org:admin" },
      422,
      "form_param_value_invalid",
      "default_role_key",
    );
    await fails(
      "POST",
      "/role_sets",
      { ...body, key: "role_set:d", creator_role_key: "org:viewer" },
      422,
      "organization_missing_creator_role_permissions",
    );
    await fails("POST", "/role_sets", { ...body, key: "role_set:e", extra: 1 }, 422, "form_param_format_invalid");

    // Making it initial demotes the Primary set and makes its creator the instance's creator role.
    const initial = await call<RoleSet>("PATCH", "/role_sets/role_set:pro_tier", {
      type: "initial",
      description: "Paid",
    });
    expect(initial).toMatchObject({ type: "initial", description: "Paid", creator_role: { key: "org:owner" } });
    const primary = await call<RoleSet>("GET", "/role_sets/role_set:primary");
    expect(primary).toMatchObject({ type: "custom", creator_role: { key: "org:admin" } });
    const settings = await call<{ creator_role: string }>("GET", "/instance/organization_settings");
    expect(settings.creator_role).toBe("org:owner");
    const org = await call("POST", "/organizations", {
      name: "New Co",
      created_by: (await call("POST", "/users", { email_address: ["founder@example.com"] })).id,
    });
    const members = await call<Page>("GET", `/organizations/${org.id}/memberships`);
    expect(members.data[0]).toMatchObject({ role: "org:owner" });

    const listed = await call<Page>("GET", "/role_sets?order_by=key");
    expect(keys(listed.data as RoleSet[])).toEqual(["role_set:primary", "role_set:pro_tier"]);
    expect((await call<Page>("GET", "/role_sets?query=pro")).total_count).toBe(1);
    const renamed = await call<RoleSet>("PATCH", `/role_sets/${pro.id}`, { key: "role_set:pro", name: "Pro" });
    expect(renamed).toMatchObject({ key: "role_set:pro", name: "Pro" });
  });

  test("adding roles and replacing a role moves members, default and creator to the target", async () => {
    await call("POST", "/organization_roles", { name: "Viewer", key: "org:viewer" });
    const added = await call<RoleSet>("POST", "/role_sets/role_set:primary/roles", {
      role_keys: ["org:viewer"],
      default_role_key: "org:viewer",
    });
    expect(keys(added.roles)).toEqual(["org:admin", "org:member", "org:viewer"]);
    expect(added.default_role?.key).toBe("org:viewer");
    await fails(
      "POST",
      "/role_sets/role_set:primary/roles",
      { role_keys: ["org:viewer"] },
      422,
      "form_param_value_invalid",
      "role_keys",
    );
    await fails(
      "POST",
      "/role_sets/role_set:primary/roles",
      { role_keys: ["org:nope"] },
      422,
      "form_param_value_invalid",
      "role_keys",
    );

    const orgId = await orgWithMembers(["org:member", "org:viewer"]);
    const replaced = await call<RoleSet>("POST", "/role_sets/role_set:primary/roles/replace", {
      role_key: "org:viewer",
      to_role_key: "org:member",
    });
    expect(keys(replaced.roles)).toEqual(["org:admin", "org:member"]);
    expect(replaced.default_role?.key).toBe("org:member");
    expect(replaced.roles.find((r) => r.key === "org:member")?.members_count).toBe(2);
    const members = await call<Page>("GET", `/organizations/${orgId}/memberships`);
    expect(members.data.map((m) => m.role)).toEqual(["org:member", "org:member"]);
    await fails(
      "POST",
      "/role_sets/role_set:primary/roles/replace",
      { role_key: "org:viewer", to_role_key: "org:member" },
      422,
      "form_param_value_invalid",
      "role_key",
    );
  });

  test("replacing the initial role set maps members to the destination's roles and deletes it", async () => {
    await call("POST", "/organization_roles", { name: "Viewer", key: "org:viewer" });
    const dest = await call<RoleSet>("POST", "/role_sets", {
      name: "Lite",
      roles: ["org:admin", "org:viewer"],
      default_role_key: "org:viewer",
      creator_role_key: "org:admin",
    });
    const orgId = await orgWithMembers(["org:member", "org:admin"]);
    await fails(
      "POST",
      "/role_sets/role_set:primary/replace",
      { dest_role_set_key: "role_set:lite" },
      422,
      "role_set_reassignment_mappings_missing",
      "reassignment_mappings",
    );
    await fails(
      "POST",
      "/role_sets/role_set:primary/replace",
      { dest_role_set_key: "role_set:primary" },
      422,
      "form_param_value_invalid",
    );
    await fails(
      "POST",
      "/role_sets/role_set:primary/replace",
      { dest_role_set_key: "role_set:lite", reassignment_mappings: { "org:member": "org:member" } },
      422,
      "form_param_value_invalid",
      "reassignment_mappings",
    );
    const primary = await call<RoleSet>("GET", "/role_sets/role_set:primary");
    const deleted = await call("POST", "/role_sets/role_set:primary/replace", {
      dest_role_set_key: "role_set:lite",
      reassignment_mappings: { "org:member": "org:viewer" },
    });
    expect(deleted).toEqual({ object: "role_set", id: primary.id, deleted: true });
    const members = await call<Page>("GET", `/organizations/${orgId}/memberships?order_by=created_at`);
    expect(members.data.map((m) => m.role).sort()).toEqual(["org:admin", "org:viewer"]);
    const lite = await call<RoleSet>("GET", `/role_sets/${dest.id}`);
    expect(lite).toMatchObject({ type: "initial", creator_role: { key: "org:admin" } });
    expect((await call<Page>("GET", "/role_sets")).total_count).toBe(1);
  });
});
