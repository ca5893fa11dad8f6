import { describe, expect, test } from "vitest";
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

const connection = (domain: string) =>
  call("POST", "/enterprise_connections", { name: `SSO ${domain}`, provider: "saml_okta", domains: [domain] }, 201);

describe("directories over HTTP", () => {
  test("create shows the API key once; both names serve the same directories", async () => {
    const sso = await connection("acme.com");
    const roles = await call<Page>("GET", "/organization_roles?order_by=key");
    const member = roles.data.find((role) => role.key === "org:member") as Json;
    const created = await call("POST", "/directories", {
      enterprise_connection_id: sso.id,
      provider: "okta",
      group_role_mappings: [{ directory_group_id: "engineering", role_id: member.id }],
    });
    expect(created).toMatchObject({
      object: "directory",
      name: "SSO acme.com",
      enterprise_connection_id: sso.id,
      endpoint_url: expect.stringMatching(/^https:\/\/.+\/scim\/v2\/dir_/),
      provider: "okta",
      enabled: true,
      group_role_mapping_enabled: true,
      attribute_mapping: { email_address: 'emails[type eq "work"].value', first_name: "name.givenName" },
      api_key: expect.stringMatching(/^scim_/),
    });
    const viaScim = await call("GET", `/scim_directories/${created.id}`);
    expect(viaScim).toMatchObject({ object: "scim_directory", id: created.id });
    expect(viaScim).not.toHaveProperty("api_key");

    const again = await call<ErrorBody>(
      "POST",
      "/scim_directories",
      { enterprise_connection_id: sso.id, provider: "okta" },
      400,
    );
    expect(again.errors[0]?.code).toBe("directory_exists");
    await call("POST", "/directories", { enterprise_connection_id: "entconn_missing", provider: "okta" }, 404);
    const other = await connection("globex.com");
    const conflicting = await call<ErrorBody>(
      "POST",
      "/directories",
      {
        enterprise_connection_id: other.id,
        provider: "okta",
        group_role_mappings: [{ directory_group_id: "a", scim_group_id: "b", role_id: member.id }],
      },
      422,
    );
    expect(conflicting.errors[0]?.meta?.param_name).toBe("group_role_mappings.0.directory_group_id");
    await call(
      "POST",
      "/directories",
      {
        enterprise_connection_id: other.id,
        provider: "okta",
        group_role_mappings: [{ scim_group_id: "x", role_id: "role_missing" }],
      },
      404,
    );
    await call("POST", "/scim_directories", { enterprise_connection_id: other.id, provider: "azure" });

    const updated = await call("PATCH", `/scim_directories/${created.id}`, {
      enabled: false,
      attribute_mapping: {
        username: null,
        department: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
      },
    });
    expect(updated).toMatchObject({ object: "scim_directory", enabled: false });
    expect(updated.attribute_mapping).not.toHaveProperty("username");
    expect(updated.attribute_mapping).toHaveProperty("department");

    expect((await call<Page>("GET", "/directories")).total_count).toBe(2);
    expect(await call("DELETE", `/directories/${created.id}`)).toEqual({
      object: "directory",
      id: created.id,
      deleted: true,
    });
    await call("GET", `/scim_directories/${created.id}`, undefined, 404);
    // A directory goes with its enterprise connection.
    await call("DELETE", `/enterprise_connections/${other.id}`);
    expect((await call<Page>("GET", "/scim_directories")).total_count).toBe(0);
  });
});
