import { createClerkClient as createClerkClientV3 } from "@clerk/backend";
import { createClerkClient as createClerkClientV1 } from "@clerk/backend-v1";
import { createClerkClient as createClerkClientV2 } from "@clerk/backend-v2";
import { describe, expect, test } from "vitest";
import { useSandbox } from "../testing/harness";

const sandbox = useSandbox();

/** A self-signed IdP certificate. */
const CERTIFICATE =
  "-----BEGIN CERTIFICATE-----\nMIICEDCCAXmgAwIBAgIUeJ3fW9zc37zHto2D4AwTF5LvDeIwDQYJKoZIhvcNAQEL\nBQAwGjEYMBYGA1UEAwwPaWRwLmV4YW1wbGUuY29tMB4XDTI2MTIwNzIzMDcxNFoX\nDTM2MTIwNDIzMDcxNFowGjEYMBYGA1UEAwwPaWRwLmV4YW1wbGUuY29tMIGfMA0G\nCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCv5KKQJlj9zCo4axNhd0VtAqS96+cbD15J\ngUz8d5F84qfQFLu11G9XHtNVQLQO055KBJPlAGPJHRDwk3SZ2vQx93vKaFwvG69P\nUFg/yGLWhE6Ccp+xcf9V6DYDDPzguB5vmwiRSWZZHxCFohSQyM8k++yPSIyEaZUj\nnCUQqNqVlQIDAQABo1MwUTAdBgNVHQ4EFgQU2XZxq3t+dUwwjZ308+qp8INmcgAw\nHwYDVR0jBBgwFoAU2XZxq3t+dUwwjZ308+qp8INmcgAwDwYDVR0TAQH/BAUwAwEB\n/zANBgkqhkiG9w0BAQsFAAOBgQAEfJOy4sfIphwxsuhkN6RZlVD0lbJ3TAIfd+5b\nJ80jQc1//onzWRUQ9EUhjxz3iIhEwy3jx3g+8/Z1f2LnTn6vZGH+eKf5dqSXjhEz\nF/zumIbV+HIEhV4psmVyA5pk7IM9x1nqL6XO6SNWt03qCrOgEh5HacQj/QjjxS18\n1xtvNg==\n-----END CERTIFICATE-----\n";

describe("@clerk/backend 3.x against the sandbox: enterprise connections", () => {
  const clerk = () => createClerkClientV3({ secretKey: sandbox.secretKey, apiUrl: sandbox.url });

  test("create, activate with IdP settings, list, delete", async () => {
    const client = clerk();
    const created = await client.enterpriseConnections.createEnterpriseConnection({
      name: "Acme SSO",
      provider: "saml_okta",
      domains: ["acme.com"],
    });
    expect(created).toMatchObject({ name: "Acme SSO", active: false, domains: ["acme.com"] });
    const active = await client.enterpriseConnections.updateEnterpriseConnection(created.id, {
      active: true,
      saml: {
        idpEntityId: "https://idp.example.com/entity",
        idpSsoUrl: "https://idp.example.com/sso",
        idpCertificate: CERTIFICATE,
        attributeMapping: { emailAddress: "mail" },
      },
    });
    expect(active.active).toBe(true);
    const list = await client.enterpriseConnections.getEnterpriseConnectionList({ active: true });
    expect(list.data.map((c) => c.id)).toEqual([created.id]);
    expect((await client.enterpriseConnections.getEnterpriseConnection(created.id)).name).toBe("Acme SSO");
    await client.enterpriseConnections.deleteEnterpriseConnection(created.id);
    expect((await client.enterpriseConnections.getEnterpriseConnectionList()).totalCount).toBe(0);
  });
});

/** 1.x types the SAML list as a bare array; every major receives Clerk's paginated answer. */
const countOf = (list: unknown[] | { totalCount: number }) => ("totalCount" in list ? list.totalCount : list.length);

const sdks = [
  ["@clerk/backend 3.x", createClerkClientV3],
  ["@clerk/backend 2.x", createClerkClientV2],
  ["@clerk/backend 1.x", createClerkClientV1],
] as const;

describe.each(sdks)("%s against the sandbox: SAML connections", (_name, createClerkClient) => {
  const clerk = () => createClerkClient({ secretKey: sandbox.secretKey, apiUrl: sandbox.url });

  test("create, update, list, delete", async () => {
    const client = clerk();
    const created = await client.samlConnections.createSamlConnection({
      name: "Legacy",
      domain: "legacy.com",
      provider: "saml_custom",
      idpEntityId: "https://idp.example.com/entity",
      idpSsoUrl: "https://idp.example.com/sso",
      idpCertificate: CERTIFICATE,
    });
    expect(created).toMatchObject({ name: "Legacy", domain: "legacy.com", active: false, provider: "saml_custom" });
    const updated = await client.samlConnections.updateSamlConnection(created.id, { active: true });
    expect(updated.active).toBe(true);
    expect((await client.samlConnections.getSamlConnection(created.id)).idpSsoUrl).toBe("https://idp.example.com/sso");
    expect(countOf(await client.samlConnections.getSamlConnectionList())).toBe(1);
    await client.samlConnections.deleteSamlConnection(created.id);
    expect(countOf(await client.samlConnections.getSamlConnectionList())).toBe(0);
  });
});
