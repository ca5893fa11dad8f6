import { afterEach, describe, expect, test } from "vitest";
import { useSandbox } from "../../testing/harness";

const sandbox = useSandbox();

type Json = Record<string, unknown> & { id: string };
type Page = { data: Json[]; total_count: number };
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

const createUser = (email: string, extra: Record<string, unknown> = {}) =>
  call("POST", "/users", { email_address: [email], ...extra });
const createOrganization = (body: Record<string, unknown>) => call("POST", "/organizations", body);
const ids = (page: Page) => page.data.map((item) => item.id);

afterEach(async () => {
  await sandbox.control("clock", { reset: true });
});

describe("organizations over HTTP", () => {
  test("create, get by id and slug, list with query, order, pagination and counts", async () => {
    const ada = await createUser("ada@example.com");
    const acme = await createOrganization({ name: "Acme Inc.", created_by: ada.id, public_metadata: { plan: "pro" } });
    expect(acme.id).toMatch(/^org_[0-9A-Za-z]{27}$/);
    expect(acme).toMatchObject({ slug: "acme-inc", created_by: ada.id, max_allowed_memberships: 5 });
    const globex = await createOrganization({ name: "Globex", slug: "globex-corp", max_allowed_memberships: 0 });
    const initech = await createOrganization({ name: "Acme Labs" });
    expect(initech.slug).toBe("acme-labs");
    expect((await createOrganization({ name: "Acme Inc" })).slug).toBe("acme-inc-2");

    expect(await call("GET", `/organizations/${acme.id}`)).toEqual(acme);
    expect(await call("GET", "/organizations/globex-corp")).toEqual(globex);
    await fails("GET", "/organizations/nope", undefined, 404, "resource_not_found");

    const withCounts = await call("GET", `/organizations/${acme.id}?include_members_count=true`);
    expect(withCounts).toMatchObject({ members_count: 1, pending_invitations_count: 0 });
    const elevated = await call(
      "GET",
      `/organizations/${globex.id}?include_missing_member_with_elevated_permissions=true`,
    );
    expect(elevated.missing_member_with_elevated_permissions).toBe(true);

    const byQuery = await call<Page>("GET", "/organizations?query=ACME&limit=2&order_by=%2Bname");
    expect(byQuery.total_count).toBe(3);
    expect(byQuery.data.map((o) => o.name)).toEqual(["Acme Inc", "Acme Inc."]);
    const secondPage = await call<Page>("GET", "/organizations?query=acme&limit=2&offset=2&order_by=name");
    expect(secondPage.data.map((o) => o.name)).toEqual(["Acme Labs"]);
    expect(ids(await call<Page>("GET", `/organizations?query=${globex.id}`))).toEqual([globex.id]);

    const newest = await call<Page>("GET", "/organizations");
    expect(newest.total_count).toBe(4);
    expect(newest.data.at(-1)?.id).toBe(acme.id);
    const byMembers = await call<Page>("GET", "/organizations?order_by=-members_count&include_members_count=true");
    expect(byMembers.data[0]).toMatchObject({ id: acme.id, members_count: 1 });

    expect(ids(await call<Page>("GET", `/organizations?user_id=${ada.id}`))).toEqual([acme.id]);
    expect(await call<Page>("GET", `/organizations?user_id=-${ada.id}`)).toMatchObject({ total_count: 3 });
    const included = await call<Page>("GET", `/organizations?organization_id=${acme.id}&organization_id=${globex.id}`);
    expect(included.total_count).toBe(2);

    await fails("GET", "/organizations?order_by=slug", undefined, 422, "form_param_value_invalid", "order_by");
    await fails("GET", "/organizations?limit=0", undefined, 422, "form_param_value_invalid", "limit");
  });

  test("slugs are validated and unique per instance", async () => {
    await createOrganization({ name: "One", slug: "taken" });
    await fails("POST", "/organizations", { name: "Two", slug: "taken" }, 422, "form_identifier_exists", "slug");
    await fails("POST", "/organizations", { name: "Two", slug: "Not Valid" }, 422, "form_param_format_invalid", "slug");
    await fails("POST", "/organizations", { slug: "no-name" }, 422, "form_param_missing", "name");
    await fails("POST", "/organizations", { name: "<b>bold</b>" }, 422, "form_param_value_invalid", "name");
    await fails("POST", "/organizations", { name: "X", created_by: "user_missing" }, 404, "resource_not_found");
    const two = await createOrganization({ name: "Two" });
    await fails("PATCH", `/organizations/${two.id}`, { slug: "taken" }, 422, "form_identifier_exists", "slug");
  });

  test("update, metadata merge and replace", async () => {
    const org = await createOrganization({ name: "Meta", private_metadata: { a: { b: 1, c: 2 } } });
    const updated = await call("PATCH", `/organizations/${org.id}`, {
      name: "Renamed",
      slug: "renamed",
      max_allowed_memberships: 10,
      admin_delete_enabled: false,
    });
    expect(updated).toMatchObject({ name: "Renamed", slug: "renamed", max_allowed_memberships: 10 });
    expect(updated.admin_delete_enabled).toBe(false);
    expect(ids(await call<Page>("GET", "/organizations?query=renamed"))).toEqual([org.id]);

    const merged = await call("PATCH", `/organizations/${org.id}/metadata`, {
      public_metadata: { seats: 3 },
      private_metadata: { a: { b: null, d: 4 } },
    });
    expect(merged.public_metadata).toEqual({ seats: 3 });
    expect(merged.private_metadata).toEqual({ a: { c: 2, d: 4 } });
    const replaced = await call("PUT", `/organizations/${org.id}/metadata`, { private_metadata: { only: true } });
    expect(replaced.public_metadata).toEqual({ seats: 3 });
    expect(replaced.private_metadata).toEqual({ only: true });

    const rejected = await sandbox.bapi(
      "PATCH",
      `/organizations/${org.id}`,
      { public_metadata: { x: 1 } },
      { "clerk-api-version": "2026-05-12" },
    );
    expect(rejected.status).toBe(422);
  });

  test("memberships: create, filter, order, update, delete, limits", async () => {
    const ada = await createUser("ada@example.com", { first_name: "Ada", username: "ada" });
    const bob = await createUser("bob@example.com", { first_name: "Bob" });
    const cy = await createUser("cy@example.com", { first_name: "Cy" });
    const org = await createOrganization({ name: "Team", created_by: ada.id, max_allowed_memberships: 3 });
    const path = `/organizations/${org.id}/memberships`;

    const bobMembership = await call("POST", path, { user_id: bob.id, role: "org:member", public_metadata: { x: 1 } });
    expect(bobMembership).toMatchObject({
      object: "organization_membership",
      role: "org:member",
      role_name: "Member",
      permissions: ["org:sys_memberships:read", "org:sys_billing:read"],
      public_user_data: { user_id: bob.id, identifier: "bob@example.com", first_name: "Bob" },
      organization: { id: org.id },
    });
    await fails("POST", path, { user_id: bob.id, role: "org:member" }, 400, "already_a_member_in_organization");
    await fails("POST", path, { user_id: cy.id, role: "org:owner" }, 422, "form_param_value_invalid", "role");
    await fails("POST", path, { user_id: "user_nope", role: "org:member" }, 404, "resource_not_found");
    await fails("POST", path, { role: "org:member" }, 422, "form_param_missing", "user_id");
    await call("POST", path, { user_id: cy.id, role: "org:member" });
    const dan = await createUser("dan@example.com");
    await fails("POST", path, { user_id: dan.id, role: "org:member" }, 403, "organization_membership_quota_exceeded");

    const all = await call<Page>("GET", `${path}?order_by=%2Bfirst_name`);
    expect(all.total_count).toBe(3);
    expect(all.data.map((m) => (m.public_user_data as { first_name: string }).first_name)).toEqual([
      "Ada",
      "Bob",
      "Cy",
    ]);
    const admins = await call<Page>("GET", `${path}?role=org:admin`);
    expect(admins.data.map((m) => (m.public_user_data as { user_id: string }).user_id)).toEqual([ada.id]);
    expect((await call<Page>("GET", `${path}?query=bob`)).total_count).toBe(1);
    expect((await call<Page>("GET", `${path}?user_id=-${ada.id}&limit=1`)).total_count).toBe(2);
    expect((await call<Page>("GET", `${path}?email_address=cy@example.com`)).total_count).toBe(1);

    const promoted = await call("PATCH", `${path}/${bob.id}`, { role: "org:admin" });
    expect(promoted).toMatchObject({ role: "org:admin", role_name: "Admin" });
    await fails("PATCH", `${path}/${dan.id}`, { role: "org:admin" }, 404, "resource_not_found");
    const meta = await call("PATCH", `${path}/${bob.id}/metadata`, { public_metadata: { y: 2 } });
    expect(meta.public_metadata).toEqual({ x: 1, y: 2 });

    const removed = await call("DELETE", `${path}/${cy.id}`);
    expect(removed).toMatchObject({ object: "organization_membership", role: "org:member" });
    expect((await call<Page>("GET", path)).total_count).toBe(2);
    await call("POST", path, { user_id: dan.id, role: "org:member" });

    const ofUser = await call<Page>("GET", `/users/${ada.id}/organization_memberships`);
    expect(ofUser.data.map((m) => (m.organization as { id: string }).id)).toEqual([org.id]);
    const instanceWide = await call<Page>("GET", "/organization_memberships?order_by=email_address&limit=2");
    expect(instanceWide.total_count).toBe(3);
    expect(instanceWide.data.map((m) => (m.public_user_data as { identifier: string }).identifier)).toEqual([
      "ada@example.com",
      "bob@example.com",
    ]);

    await call("DELETE", `/users/${dan.id}`);
    expect((await call<Page>("GET", path)).total_count).toBe(2);
  });

  test("invitations: create, list, revoke, expire, accept", async () => {
    const ada = await createUser("ada@example.com");
    const bob = await createUser("bob@example.com");
    const org = await createOrganization({ name: "Invites", created_by: ada.id, max_allowed_memberships: 0 });
    await call("POST", `/organizations/${org.id}/memberships`, { user_id: bob.id, role: "org:member" });
    const path = `/organizations/${org.id}/invitations`;

    const first = await call("POST", path, {
      email_address: "new@example.com",
      role: "org:member",
      inviter_user_id: ada.id,
      public_metadata: { team: "a" },
      expires_in_days: 1,
    });
    expect(first).toMatchObject({
      object: "organization_invitation",
      status: "pending",
      role_name: "Member",
      organization_id: org.id,
      inviter_id: ada.id,
      public_inviter_data: { user_id: ada.id, identifier: "ada@example.com" },
      url: null,
    });
    expect(first.id).toMatch(/^orginv_/);
    expect(first.expires_at).toBe((first.created_at as number) + 86_400_000);
    await fails(
      "POST",
      path,
      { email_address: "x@example.com", role: "org:member", inviter_user_id: bob.id },
      403,
      "not_an_admin_in_organization",
    );
    await fails(
      "POST",
      path,
      { email_address: "BOB@example.com", role: "org:member" },
      400,
      "already_a_member_in_organization",
    );
    await fails(
      "POST",
      path,
      { email_address: "not-an-email", role: "org:member" },
      422,
      "form_param_format_invalid",
      "email_address",
    );

    const bulk = await call<Page>("POST", `${path}/bulk`, [
      { email_address: "second@example.com", role: "org:admin" },
      { email_address: "third@example.com", role: "org:member" },
    ]);
    expect(bulk.total_count).toBe(2);
    const [second, third] = bulk.data as [Json, Json];

    const revoked = await call("POST", `${path}/${second.id}/revoke`, { requesting_user_id: ada.id });
    expect(revoked.status).toBe("revoked");
    await fails("POST", `${path}/${second.id}/revoke`, {}, 400, "organization_invitation_not_pending");

    await sandbox.control("clock", { advance_ms: 2 * 86_400_000 });
    expect((await call("GET", `${path}/${first.id}`)).status).toBe("expired");
    await fails("POST", `${path}/${first.id}/revoke`, {}, 400, "organization_invitation_not_pending");
    expect(ids(await call<Page>("GET", `${path}?status=expired`))).toEqual([first.id]);
    expect(ids(await call<Page>("GET", `${path}/pending`))).toEqual([third.id]);
    expect((await call<Page>("GET", `${path}?status=pending&status=revoked`)).total_count).toBe(2);
    expect(ids(await call<Page>("GET", `${path}?order_by=email_address`))).toEqual([first.id, second.id, third.id]);
    await fails("GET", `${path}?status=open`, undefined, 422, "form_param_value_invalid", "status");

    const invitee = await createUser("third@example.com");
    const ofInvitee = await call<Page>("GET", `/users/${invitee.id}/organization_invitations?status=pending`);
    expect(ofInvitee.data).toHaveLength(1);
    expect(ofInvitee.data[0]).toMatchObject({ id: third.id, public_organization_data: { id: org.id, slug: org.slug } });

    const accepted = (await sandbox.control(`organization_invitations/${third.id}/accept`, {})) as {
      membership: { role: string };
    };
    expect(accepted.membership.role).toBe("org:member");
    expect((await call("GET", `${path}/${third.id}`)).status).toBe("accepted");
    expect((await call<Page>("GET", `/organizations/${org.id}/memberships`)).total_count).toBe(3);

    const instance = await call<Page>("GET", "/organization_invitations?query=example.com&order_by=%2Bcreated_at");
    expect(instance.total_count).toBe(3);
    expect(instance.data[0]?.public_organization_data).toMatchObject({ name: "Invites" });
    expect((await call<Page>("GET", "/organization_invitations?status=accepted")).total_count).toBe(1);
  });

  test("membership limit counts pending invitations", async () => {
    const org = await createOrganization({ name: "Small", max_allowed_memberships: 2 });
    const path = `/organizations/${org.id}/invitations`;
    await call<Page>("POST", `${path}/bulk`, [
      { email_address: "a@example.com", role: "org:member" },
      { email_address: "b@example.com", role: "org:member" },
    ]);
    await fails(
      "POST",
      path,
      { email_address: "c@example.com", role: "org:member" },
      403,
      "organization_membership_quota_exceeded",
    );
    const user = await createUser("c@example.com");
    await fails(
      "POST",
      `/organizations/${org.id}/memberships`,
      { user_id: user.id, role: "org:member" },
      403,
      "organization_membership_quota_exceeded",
    );
    const pending = await call<Page>("GET", `${path}/pending`);
    await call("POST", `${path}/${pending.data[0]?.id}/revoke`, {});
    await call("POST", `/organizations/${org.id}/memberships`, { user_id: user.id, role: "org:member" });
  });

  test("deleting an organization removes its memberships and invitations", async () => {
    const ada = await createUser("ada@example.com");
    const org = await createOrganization({ name: "Doomed", created_by: ada.id });
    const invitation = await call("POST", `/organizations/${org.id}/invitations`, {
      email_address: "x@example.com",
      role: "org:member",
    });
    const deleted = await call("DELETE", `/organizations/${org.id}`);
    expect(deleted).toEqual({ object: "organization", id: org.id, slug: org.slug, deleted: true });
    await fails("GET", `/organizations/${org.id}`, undefined, 404, "resource_not_found");
    await fails("DELETE", `/organizations/${org.id}`, undefined, 404, "resource_not_found");
    expect((await call<Page>("GET", `/users/${ada.id}/organization_memberships`)).total_count).toBe(0);
    expect((await call<Page>("GET", "/organization_memberships")).total_count).toBe(0);
    const invitations = await call<Page>("GET", "/organization_invitations");
    expect(ids(invitations)).not.toContain(invitation.id);
    expect(invitations.total_count).toBe(0);
  });

  test("seeded organizations are searchable and their members carry the default roles", async () => {
    await sandbox.control("seed", { users: 20, organizations: 3 });
    const organizations = await call<Page>("GET", "/organizations?include_members_count=true&order_by=name");
    expect(organizations.total_count).toBe(3);
    const first = organizations.data[0] as Json & { members_count: number; slug: string };
    expect(first.members_count).toBeGreaterThan(0);
    expect(ids(await call<Page>("GET", `/organizations?query=${first.slug}`))).toContain(first.id);
    const members = await call<Page>("GET", `/organizations/${first.id}/memberships?role=org:admin`);
    expect(members.data[0]).toMatchObject({ role: "org:admin", role_name: "Admin" });
  });

  test("roles: defaults, custom roles, permissions, deletion rules", async () => {
    const roles = await call<Page>("GET", "/organization_roles?order_by=key");
    expect(roles.data.map((r) => r.key)).toEqual(["org:admin", "org:member"]);
    const admin = roles.data[0] as Json & { permissions: Json[] };
    expect(admin).toMatchObject({ object: "role", name: "Admin", is_creator_eligible: true });
    const readMembers = admin.permissions.find((p) => p.key === "org:sys_memberships:read") as Json;
    const manageMembers = admin.permissions.find((p) => p.key === "org:sys_memberships:manage") as Json;
    expect(readMembers).toMatchObject({ object: "permission", type: "system" });

    const billing = await call("POST", "/organization_roles", {
      name: "Billing",
      key: "org:billing",
      description: "Pays the bills",
      permissions: [readMembers.id],
    });
    expect(billing).toMatchObject({ key: "org:billing", description: "Pays the bills", is_creator_eligible: false });
    await fails(
      "POST",
      "/organization_roles",
      { name: "Dup", key: "org:billing" },
      422,
      "form_identifier_exists",
      "key",
    );
    await fails(
      "POST",
      "/organization_roles",
      { name: "Bad", key: "billing" },
      422,
      "form_param_format_invalid",
      "key",
    );
    expect(await call("GET", `/organization_roles/${billing.id}`)).toEqual(billing);
    expect((await call<Page>("GET", "/organization_roles?query=bill")).total_count).toBe(1);

    const granted = await call<{ permissions: Json[] }>(
      "POST",
      `/organization_roles/${billing.id}/permissions/${manageMembers.id}`,
    );
    expect(granted.permissions.map((p) => p.key)).toEqual(["org:sys_memberships:read", "org:sys_memberships:manage"]);
    await fails(
      "POST",
      `/organization_roles/${billing.id}/permissions/${manageMembers.id}`,
      undefined,
      409,
      "organization_role_permission_association_exists",
    );
    const revoked = await call<{ permissions: Json[] }>(
      "DELETE",
      `/organization_roles/${billing.id}/permissions/${readMembers.id}`,
    );
    expect(revoked.permissions.map((p) => p.key)).toEqual(["org:sys_memberships:manage"]);
    await fails(
      "DELETE",
      `/organization_roles/${admin.id}/permissions/${manageMembers.id}`,
      undefined,
      422,
      "organization_missing_creator_role_permissions",
    );

    const user = await createUser("payer@example.com");
    const org = await createOrganization({ name: "Payers" });
    await call("POST", `/organizations/${org.id}/memberships`, { user_id: user.id, role: "org:billing" });
    const renamed = await call("PATCH", `/organization_roles/${billing.id}`, { key: "org:payments", name: "Payments" });
    expect(renamed).toMatchObject({ key: "org:payments", name: "Payments" });
    const members = await call<Page>("GET", `/organizations/${org.id}/memberships`);
    expect(members.data[0]).toMatchObject({ role: "org:payments", role_name: "Payments" });

    await fails("DELETE", `/organization_roles/${billing.id}`, undefined, 422, "organization_role_assigned_members");
    await fails("DELETE", `/organization_roles/${admin.id}`, undefined, 422, "organization_role_default_creator_role");
    await call("DELETE", `/organizations/${org.id}/memberships/${user.id}`);
    expect(await call("DELETE", `/organization_roles/${billing.id}`)).toEqual({
      object: "role",
      id: billing.id,
      deleted: true,
    });
    await fails("GET", `/organization_roles/${billing.id}`, undefined, 404, "resource_not_found");
  });
});
