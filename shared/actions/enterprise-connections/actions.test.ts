import { describe, expect, test } from "vitest";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";

const { run, all } = useActionSandbox();

describe("enterprise-connections actions", () => {
  test("OIDC and SAML connections: create, list, get, activate, test, delete", async () => {
    const oidc = await run("enterprise-connections.create", {
      name: "Acme OIDC",
      provider: "oidc_custom",
      domain: ["acme.com"],
      discovery_url: "https://idp.acme.com/.well-known/openid-configuration",
      client_id: "acme-client",
      client_secret: "s3cret",
      active: true,
    });
    expect(oidc).toMatchObject({
      object: "enterprise_connection",
      provider: "oidc_custom",
      active: true,
      domains: ["acme.com"],
      saml_connection: null,
    });
    const saml = await run("enterprise-connections.create", {
      name: "Globex Okta",
      provider: "saml_okta",
      domain: ["globex.com"],
    });
    expect(saml).toMatchObject({
      active: false,
      saml_connection: { acs_url: expect.stringContaining("/v1/saml/acs/") },
    });

    expect((await run("enterprise-connections.list", { active: true })).data.map((c) => c.id)).toEqual([oidc.id]);
    expect(await all("enterprise-connections.list")).toHaveLength(2);
    expect(await run("enterprise-connections.get", { enterprise_connection_id: saml.id })).toEqual(saml);

    const activated = await run("enterprise-connections.update", {
      enterprise_connection_id: saml.id,
      idp_metadata_url: "https://globex.okta.com/app/x/sso/saml/metadata",
      active: true,
      domain: ["globex.com", "globex.org"],
    });
    expect(activated).toMatchObject({ active: true, domains: ["globex.com", "globex.org"] });

    const started = await run("enterprise-connections.test", { enterprise_connection_id: saml.id });
    expect(started.url).toContain(`/v1/enterprise_connections/${saml.id}/test_runs/`);
    const runs = await run("enterprise-connections.test-runs", { enterprise_connection_id: saml.id });
    expect(runs).toMatchObject({ total_count: 1, data: [{ status: "pending", connection_type: "saml" }] });
    expect(
      (await run("enterprise-connections.test-runs", { enterprise_connection_id: saml.id, status: ["failed"] }))
        .total_count,
    ).toBe(0);

    expect(await run("enterprise-connections.delete", { enterprise_connection_id: oidc.id })).toEqual({
      object: "enterprise_connection",
      id: oidc.id,
      deleted: true,
    });
  });

  test("an incomplete connection cannot be activated", async () => {
    await expect(
      run("enterprise-connections.create", {
        name: "Acme",
        provider: "saml_custom",
        domain: ["acme.com"],
        active: true,
      }),
    ).rejects.toMatchObject({ status: 422, errors: [{ code: "enterprise_connection_incomplete" }] });
  });

  test("saml: the older API over the same connections", async () => {
    const created = await run("saml.create", {
      name: "Initech",
      provider: "saml_custom",
      domain: ["initech.com"],
      idp_entity_id: "https://idp.initech.com",
      idp_sso_url: "https://idp.initech.com/sso",
    });
    expect(created).toMatchObject({
      object: "saml_connection",
      domains: ["initech.com"],
      idp_entity_id: "https://idp.initech.com",
      idp_sso_url: "https://idp.initech.com/sso",
      active: false,
    });
    expect(created.acs_url).toContain(created.id);
    expect((await run("saml.list", { query: "initech" })).data.map((c) => c.id)).toEqual([created.id]);
    expect(await all("saml.list")).toHaveLength(1);
    expect(await run("saml.get", { saml_connection_id: created.id })).toEqual(created);
    const updated = await run("saml.update", {
      saml_connection_id: created.id,
      name: "Initech SSO",
      idp_metadata_url: "https://idp.initech.com/metadata",
      active: true,
    });
    expect(updated).toMatchObject({ name: "Initech SSO", active: true });
    expect(
      (
        await run("enterprise-connections.get", {
          enterprise_connection_id: created.enterprise_connection_id as string,
        })
      ).saml_connection,
    ).toMatchObject({ id: created.id });
    expect(await run("saml.delete", { saml_connection_id: created.id })).toEqual({
      object: "saml_connection",
      id: created.id,
      deleted: true,
    });
    await expect(run("saml.get", { saml_connection_id: created.id })).rejects.toMatchObject({ status: 404 });
  });
});
