import { createClerkClient as createClerkClientV3 } from "@clerk/backend";
import { createClerkClient as createClerkClientV1 } from "@clerk/backend-v1";
import { createClerkClient as createClerkClientV2 } from "@clerk/backend-v2";
import { describe, expect, test } from "vitest";
import { useSandbox } from "../testing/harness";

const sandbox = useSandbox();

type DomainJson = { id: string; verification: { status: string } | null };

const sdks = [
  ["@clerk/backend 3.x", createClerkClientV3],
  ["@clerk/backend 2.x", createClerkClientV2],
  ["@clerk/backend 1.x", createClerkClientV1],
] as const;

describe.each(sdks)("%s against the sandbox: organization domains", (_name, createClerkClient) => {
  const clerk = () => createClerkClient({ secretKey: sandbox.secretKey, apiUrl: sandbox.url });

  test("create, list, update, delete", async () => {
    const client = clerk();
    await client.instance.updateOrganizationSettings({
      domainsEnabled: true,
      domainsEnrollmentModes: ["automatic_invitation"],
    });
    const organization = await client.organizations.createOrganization({ name: "Acme" });
    const organizationId = organization.id;
    // The SDKs type domains as OrganizationDomain but have no deserializer for them: callers
    // get Clerk's JSON as it is, so that is what the sandbox must get right.
    const domain = (await client.organizations.createOrganizationDomain({
      organizationId,
      name: "acme.com",
      enrollmentMode: "automatic_invitation",
    })) as unknown as DomainJson;
    expect(domain).toMatchObject({
      organization_id: organizationId,
      name: "acme.com",
      enrollment_mode: "automatic_invitation",
      verification: { status: "verified" },
    });
    const unverified = (await client.organizations.createOrganizationDomain({
      organizationId,
      name: "acme.dev",
      enrollmentMode: "manual_invitation",
      verified: false,
    })) as unknown as DomainJson;
    expect(unverified.verification).toBeNull();

    const list = await client.organizations.getOrganizationDomainList({ organizationId, limit: 1 });
    expect(list.totalCount).toBe(2);
    expect(list.data.map((d) => d.name)).toEqual(["acme.dev"]);
    const updated = (await client.organizations.updateOrganizationDomain({
      organizationId,
      domainId: unverified.id,
      verified: true,
    })) as unknown as DomainJson;
    expect(updated.verification?.status).toBe("verified");
    await client.organizations.deleteOrganizationDomain({ organizationId, domainId: domain.id });
    expect((await client.organizations.getOrganizationDomainList({ organizationId })).totalCount).toBe(1);
  });
});
