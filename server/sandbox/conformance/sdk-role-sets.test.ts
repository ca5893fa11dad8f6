import { createClerkClient } from "@clerk/backend";
import { describe, expect, test } from "vitest";
import { useSandbox } from "../testing/harness";

const sandbox = useSandbox();

/** Only @clerk/backend 3.x has the permissions and role sets APIs. */
describe("@clerk/backend 3.x against the sandbox: organization permissions and role sets", () => {
  const clerk = () => createClerkClient({ secretKey: sandbox.secretKey, apiUrl: sandbox.url });

  test("permissions: list, create, update, delete", async () => {
    const client = clerk();
    const system = await client.organizationPermissions.getOrganizationPermissionList({ limit: 100 });
    expect(system.totalCount).toBe(8);
    const created = await client.organizationPermissions.createOrganizationPermission({
      name: "Read reports",
      key: "org:reports:read",
    });
    expect(created).toMatchObject({ key: "org:reports:read", name: "Read reports" });
    const updated = await client.organizationPermissions.updateOrganizationPermission({
      permissionId: created.id,
      name: "View reports",
    });
    expect(updated.name).toBe("View reports");
    expect((await client.organizationPermissions.getOrganizationPermission(created.id)).name).toBe("View reports");
    const found = await client.organizationPermissions.getOrganizationPermissionList({ query: "reports" });
    expect(found.data.map((p) => p.id)).toEqual([created.id]);
    expect(await client.organizationPermissions.deleteOrganizationPermission(created.id)).toMatchObject({
      id: created.id,
      deleted: true,
    });
  });

  test("role sets: list, create, update, add and replace roles, replace the set", async () => {
    const client = clerk();
    const [primary] = (await client.roleSets.getRoleSetList()).data;
    expect(primary).toMatchObject({ key: "role_set:primary", type: "initial" });
    expect(primary?.defaultRole?.key).toBe("org:member");
    expect(primary?.creatorRole?.key).toBe("org:admin");

    await client.organizationRoles.createOrganizationRole({ name: "Viewer", key: "org:viewer", permissions: [] });
    const lite = await client.roleSets.createRoleSet({
      name: "Lite",
      roles: ["org:admin"],
      defaultRoleKey: "org:admin",
      creatorRoleKey: "org:admin",
    });
    expect(lite).toMatchObject({ key: "role_set:lite", type: "custom" });
    const grown = await client.roleSets.addRolesToRoleSet({
      roleSetKeyOrId: lite.id,
      roleKeys: ["org:viewer", "org:member"],
      defaultRoleKey: "org:viewer",
    });
    expect(grown.roles.map((r) => r.key)).toEqual(["org:admin", "org:viewer", "org:member"]);
    expect(grown.defaultRole?.key).toBe("org:viewer");
    const shrunk = await client.roleSets.replaceRoleInRoleSet({
      roleSetKeyOrId: "role_set:lite",
      roleKey: "org:member",
      toRoleKey: "org:viewer",
    });
    expect(shrunk.roles.map((r) => r.key)).toEqual(["org:admin", "org:viewer"]);
    const renamed = await client.roleSets.updateRoleSet({ roleSetKeyOrId: lite.id, description: "Small teams" });
    expect(renamed.description).toBe("Small teams");
    expect((await client.roleSets.getRoleSet("role_set:lite")).id).toBe(lite.id);

    const deleted = await client.roleSets.replaceRoleSet({
      roleSetKeyOrId: "role_set:primary",
      destRoleSetKey: "role_set:lite",
    });
    expect(deleted).toMatchObject({ id: primary?.id, deleted: true });
    expect((await client.roleSets.getRoleSet(lite.id)).type).toBe("initial");
  });
});
