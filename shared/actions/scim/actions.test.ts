import { describe, expect, test } from "vitest";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";

const { run, all } = useActionSandbox();

async function connection(name: string, domain: string) {
  return run("enterprise-connections.create", { name, provider: "saml_okta", domain: [domain] });
}

describe("scim actions", () => {
  test("create (API key once), list, get, update, delete", async () => {
    const acme = await connection("Acme", "acme.com");
    const created = await run("scim.create", { enterprise_connection_id: acme.id, provider: "okta" });
    expect(created).toMatchObject({
      object: "scim_directory",
      name: "Acme",
      provider: "okta",
      enabled: true,
      enterprise_connection_id: acme.id,
    });
    expect(created.api_key).toMatch(/^scim_/);
    expect(created.endpoint_url).toMatch(new RegExp(`/scim/v2/${created.id}$`));

    const globex = await connection("Globex", "globex.com");
    await run("scim.create", { enterprise_connection_id: globex.id, provider: "entra_id", name: "Globex directory" });
    expect((await run("scim.list", { limit: 1 })).total_count).toBe(2);
    expect(await all("scim.list")).toHaveLength(2);

    const got = await run("scim.get", { scim_directory_id: created.id });
    expect(got.api_key).toBeUndefined();
    expect(got.attribute_mapping).toMatchObject({ username: "userName" });

    const updated = await run("scim.update", {
      scim_directory_id: created.id,
      enabled: false,
      attribute_mapping: '{"username":"emails[type eq \\"work\\"].value"}',
    });
    expect(updated).toMatchObject({
      enabled: false,
      attribute_mapping: { username: 'emails[type eq "work"].value', first_name: "name.givenName" },
    });

    expect(await run("scim.delete", { scim_directory_id: created.id })).toEqual({
      object: "scim_directory",
      id: created.id,
      deleted: true,
    });
  });

  test("an enterprise connection has at most one directory", async () => {
    const acme = await connection("Acme", "acme.com");
    await run("scim.create", { enterprise_connection_id: acme.id, provider: "okta" });
    await expect(run("scim.create", { enterprise_connection_id: acme.id, provider: "okta" })).rejects.toMatchObject({
      status: 400,
      errors: [{ code: "directory_exists" }],
    });
  });
});
