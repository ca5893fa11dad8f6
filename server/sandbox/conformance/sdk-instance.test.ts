import { createClerkClient as createClerkClientV3 } from "@clerk/backend";
import { createClerkClient as createClerkClientV2 } from "@clerk/backend-v2";
import { describe, expect, test } from "vitest";
import { useSandbox } from "../testing/harness";

const sandbox = useSandbox();

const sdks = [
  ["@clerk/backend 3.x", createClerkClientV3],
  ["@clerk/backend 2.x", createClerkClientV2],
] as const;

describe.each(sdks)("%s instance settings and domains against the sandbox", (_name, createClerkClient) => {
  const clerk = (secretKey = sandbox.secretKey) => createClerkClient({ secretKey, apiUrl: sandbox.url });

  test("instance: get, update, restrictions, organization settings", async () => {
    const client = clerk();
    const instance = await client.instance.get();
    expect(instance.id).toBe(sandbox.credentials.development.instance_id);
    expect(instance.environmentType).toBe("development");
    expect(instance.allowedOrigins).toEqual([]);

    // PATCH /instance answers 204; the SDK resolves without a body.
    await client.instance.update({ allowedOrigins: ["capacitor://localhost"], supportEmail: "help@example.com" });
    expect((await client.instance.get()).allowedOrigins).toEqual(["capacitor://localhost"]);

    const restrictions = await client.instance.updateRestrictions({ allowlist: true, blockEmailSubaddresses: true });
    expect(restrictions).toMatchObject({ allowlist: true, blocklist: false, blockEmailSubaddresses: true });

    const settings = await client.instance.updateOrganizationSettings({
      maxAllowedMemberships: 25,
      domainsEnabled: true,
      domainsEnrollmentModes: ["automatic_suggestion"],
      domainsDefaultRoleId: "org:member",
    });
    expect(settings).toMatchObject({
      enabled: true,
      maxAllowedMemberships: 25,
      domainsEnabled: true,
      domainsEnrollmentModes: ["automatic_suggestion"],
      creatorRole: "org:admin",
      domainsDefaultRole: "org:member",
    });
  });

  test("domains: list, add, update, delete", async () => {
    const client = clerk(sandbox.credentials.production.secret_key);
    const initial = await client.domains.list();
    expect(initial.totalCount).toBe(1);
    const primary = initial.data[0];
    expect(primary?.isSatellite).toBe(false);
    expect(primary?.cnameTargets?.length).toBe(5);

    const satellite = await client.domains.add({ name: "blog.example.com", is_satellite: true });
    expect(satellite).toMatchObject({
      name: "blog.example.com",
      isSatellite: true,
      frontendApiUrl: "https://clerk.blog.example.com",
      proxyUrl: null,
    });
    const proxied = await client.domains.update({
      domainId: satellite.id,
      proxy_url: "https://blog.example.com/__clerk",
    });
    expect(proxied.proxyUrl).toBe("https://blog.example.com/__clerk");
    expect((await client.domains.list()).totalCount).toBe(2);

    const deleted = await client.domains.deleteDomain(satellite.id);
    expect(deleted).toMatchObject({ id: satellite.id, deleted: true });
    expect((await client.domains.list()).totalCount).toBe(1);
  });

  test("errors surface as the SDK's typed errors", async () => {
    const client = clerk();
    await expect(client.instance.update({ supportEmail: "not-an-email" })).rejects.toMatchObject({
      status: 422,
      errors: [
        expect.objectContaining({
          code: "form_param_format_invalid",
          meta: expect.objectContaining({ paramName: "support_email" }),
        }),
      ],
    });
    await expect(client.instance.updateOrganizationSettings({ creatorRoleId: "role_missing" })).rejects.toMatchObject({
      status: 422,
      errors: [expect.objectContaining({ meta: expect.objectContaining({ paramName: "creator_role_id" }) })],
    });
    await expect(client.domains.add({ name: "a.example.com", is_satellite: false })).rejects.toMatchObject({
      status: 422,
      errors: [expect.objectContaining({ meta: expect.objectContaining({ paramName: "is_satellite" }) })],
    });
    const primary = (await client.domains.list()).data[0];
    await expect(client.domains.deleteDomain(primary?.id as string)).rejects.toMatchObject({
      status: 403,
      errors: [expect.objectContaining({ code: "primary_domain_deletion_forbidden" })],
      clerkTraceId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
  });
});
