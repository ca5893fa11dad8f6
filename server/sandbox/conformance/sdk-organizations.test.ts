import { createClerkClient as createClerkClientV3 } from "@clerk/backend";
import { createClerkClient as createClerkClientV1 } from "@clerk/backend-v1";
import { createClerkClient as createClerkClientV2 } from "@clerk/backend-v2";
import { describe, expect, test } from "vitest";
import { useSandbox } from "../testing/harness";

const sandbox = useSandbox();

const sdks = [
  ["@clerk/backend 3.x", createClerkClientV3],
  ["@clerk/backend 2.x", createClerkClientV2],
  ["@clerk/backend 1.x", createClerkClientV1],
] as const;

describe.each(sdks)("%s against the sandbox", (_name, createClerkClient) => {
  const clerk = () => createClerkClient({ secretKey: sandbox.secretKey, apiUrl: sandbox.url });

  test("organizations: create, get by id and slug, list, update, metadata, delete", async () => {
    const client = clerk();
    const owner = await client.users.createUser({ emailAddress: ["owner@example.com"], firstName: "Owner" });
    const created = await client.organizations.createOrganization({
      name: "Acme Corp",
      createdBy: owner.id,
      publicMetadata: { plan: "pro" },
      maxAllowedMemberships: 10,
    });
    expect(created.id).toMatch(/^org_/);
    expect(created.slug).toBe("acme-corp");
    expect(created.createdBy).toBe(owner.id);
    expect(created.publicMetadata).toEqual({ plan: "pro" });
    for (const name of ["Beta", "Gamma", "Acme Labs"]) await client.organizations.createOrganization({ name });

    expect((await client.organizations.getOrganization({ organizationId: created.id })).name).toBe("Acme Corp");
    const bySlug = await client.organizations.getOrganization({ slug: "acme-corp", includeMembersCount: true });
    expect(bySlug.id).toBe(created.id);
    expect(bySlug.membersCount).toBe(1);

    const page = await client.organizations.getOrganizationList({
      query: "acme",
      limit: 1,
      offset: 1,
      orderBy: "+name",
    });
    expect(page.totalCount).toBe(2);
    expect(page.data.map((o) => o.name)).toEqual(["Acme Labs"]);
    expect((await client.organizations.getOrganizationList({ limit: 2 })).totalCount).toBe(4);

    const updated = await client.organizations.updateOrganization(created.id, { name: "Acme Inc", slug: "acme-inc" });
    expect(updated).toMatchObject({ name: "Acme Inc", slug: "acme-inc" });
    const merged = await client.organizations.updateOrganizationMetadata(created.id, {
      publicMetadata: { seats: 3 },
      privateMetadata: { secret: true },
    });
    expect(merged.publicMetadata).toEqual({ plan: "pro", seats: 3 });
    expect(merged.privateMetadata).toEqual({ secret: true });

    await client.organizations.deleteOrganization(created.id);
    await expect(client.organizations.getOrganization({ organizationId: created.id })).rejects.toMatchObject({
      status: 404,
      errors: [expect.objectContaining({ code: "resource_not_found" })],
    });
    expect((await client.users.getOrganizationMembershipList({ userId: owner.id })).totalCount).toBe(0);
  });

  test("memberships: create, list, update, delete, and the user's view", async () => {
    const client = clerk();
    const owner = await client.users.createUser({ emailAddress: ["owner@example.com"] });
    const member = await client.users.createUser({ emailAddress: ["member@example.com"], firstName: "Mem" });
    const org = await client.organizations.createOrganization({ name: "Team", createdBy: owner.id });

    const membership = await client.organizations.createOrganizationMembership({
      organizationId: org.id,
      userId: member.id,
      role: "org:member",
    });
    expect(membership.role).toBe("org:member");
    expect(membership.organization.id).toBe(org.id);
    expect(membership.publicUserData?.userId).toBe(member.id);
    expect(membership.publicUserData?.identifier).toBe("member@example.com");

    const list = await client.organizations.getOrganizationMembershipList({ organizationId: org.id, limit: 1 });
    expect(list.totalCount).toBe(2);
    expect(list.data).toHaveLength(1);
    const admins = await client.organizations.getOrganizationMembershipList({
      organizationId: org.id,
      role: ["org:admin"],
    });
    expect(admins.data.map((m) => m.publicUserData?.userId)).toEqual([owner.id]);

    const promoted = await client.organizations.updateOrganizationMembership({
      organizationId: org.id,
      userId: member.id,
      role: "org:admin",
    });
    expect(promoted.role).toBe("org:admin");
    expect(promoted.permissions).toContain("org:sys_memberships:manage");

    const ofUser = await client.users.getOrganizationMembershipList({ userId: member.id });
    expect(ofUser.totalCount).toBe(1);
    expect(ofUser.data[0]?.organization.name).toBe("Team");

    const removed = await client.organizations.deleteOrganizationMembership({
      organizationId: org.id,
      userId: member.id,
    });
    expect(removed.id).toBe(membership.id);
    expect((await client.organizations.getOrganizationMembershipList({ organizationId: org.id })).totalCount).toBe(1);
  });

  test("invitations: create, list, get, revoke", async () => {
    const client = clerk();
    const owner = await client.users.createUser({ emailAddress: ["owner@example.com"] });
    const org = await client.organizations.createOrganization({ name: "Hiring", createdBy: owner.id });

    const invitation = await client.organizations.createOrganizationInvitation({
      organizationId: org.id,
      emailAddress: "candidate@example.com",
      role: "org:member",
      inviterUserId: owner.id,
      publicMetadata: { source: "sdk" },
    });
    expect(invitation).toMatchObject({
      emailAddress: "candidate@example.com",
      role: "org:member",
      roleName: "Member",
      organizationId: org.id,
      status: "pending",
      publicMetadata: { source: "sdk" },
    });
    await client.organizations.createOrganizationInvitation({
      organizationId: org.id,
      emailAddress: "other@example.com",
      role: "org:admin",
    });

    const pending = await client.organizations.getOrganizationInvitationList({
      organizationId: org.id,
      status: ["pending"],
    });
    expect(pending.totalCount).toBe(2);
    const got = await client.organizations.getOrganizationInvitation({
      organizationId: org.id,
      invitationId: invitation.id,
    });
    expect(got.id).toBe(invitation.id);

    const revoked = await client.organizations.revokeOrganizationInvitation({
      organizationId: org.id,
      invitationId: invitation.id,
      requestingUserId: owner.id,
    });
    expect(revoked.status).toBe("revoked");
    const revokedList = await client.organizations.getOrganizationInvitationList({
      organizationId: org.id,
      status: ["revoked"],
    });
    expect(revokedList.data.map((i) => i.id)).toEqual([invitation.id]);
    await expect(
      client.organizations.revokeOrganizationInvitation({ organizationId: org.id, invitationId: invitation.id }),
    ).rejects.toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ code: "organization_invitation_not_pending" })],
    });
  });

  test("errors surface as the SDK's typed errors with code and param name", async () => {
    const client = clerk();
    const user = await client.users.createUser({ emailAddress: ["dup@example.com"] });
    const org = await client.organizations.createOrganization({ name: "Unique", slug: "unique" });
    await expect(client.organizations.createOrganization({ name: "Again", slug: "unique" })).rejects.toMatchObject({
      status: 422,
      errors: [
        expect.objectContaining({
          code: "form_identifier_exists",
          meta: expect.objectContaining({ paramName: "slug" }),
        }),
      ],
    });
    await client.organizations.createOrganizationMembership({
      organizationId: org.id,
      userId: user.id,
      role: "org:member",
    });
    await expect(
      client.organizations.createOrganizationMembership({
        organizationId: org.id,
        userId: user.id,
        role: "org:member",
      }),
    ).rejects.toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ code: "already_a_member_in_organization" })],
    });
    const other = await client.users.createUser({ emailAddress: ["other@example.com"] });
    await expect(
      client.organizations.createOrganizationMembership({ organizationId: org.id, userId: other.id, role: "org:nope" }),
    ).rejects.toMatchObject({
      status: 422,
      errors: [expect.objectContaining({ meta: expect.objectContaining({ paramName: "role" }) })],
    });
  });
});
