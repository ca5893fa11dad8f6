import { describe, expect, test } from "vitest";
import { useSandbox } from "../testing/harness";
import { platformClient } from "./test-client";

const sandbox = useSandbox();
const platform = platformClient(sandbox);

interface Application {
  application_id: string;
  name: string;
  instances: { instance_id: string; environment_type: string; publishable_key: string; secret_key?: string }[];
}

/** Backend API call with an arbitrary secret key. */
const bapiWith = (secretKey: string, method: string, path: string, body?: unknown) =>
  sandbox.bapi(method, path, body, { authorization: `Bearer ${secretKey}` });

describe("Platform API applications", () => {
  test("list and get omit secret keys unless include_secret_keys=true", async () => {
    const list = await platform.json<Application[]>("GET", "/applications");
    const own = list.find((app) => app.application_id === sandbox.credentials.application_id) as Application;
    expect(own.name).toBe(sandbox.credentials.application_name);
    expect(own.instances.map((i) => i.environment_type)).toEqual(["development", "production"]);
    expect(own.instances.every((i) => i.secret_key === undefined)).toBe(true);
    expect(own.instances[0]?.publishable_key).toBe(sandbox.credentials.development.publishable_key);

    const withKeys = await platform.json<Application>(
      "GET",
      `/applications/${sandbox.credentials.application_id}?include_secret_keys=true`,
    );
    expect(withKeys.instances.map((i) => i.secret_key)).toEqual([
      sandbox.credentials.development.secret_key,
      sandbox.credentials.production.secret_key,
    ]);
    const listed = await platform.json<Application[]>("GET", "/applications?include_secret_keys=true");
    expect(listed.find((app) => app.application_id === own.application_id)).toEqual(withKeys);
    await platform.error(404, "GET", "/applications/app_missing");
  });

  test("create: development by default, keys that work, validation", async () => {
    const created = await platform.json<Application>("POST", "/applications", { name: "Docs app" });
    expect(created.application_id).toMatch(/^app_/);
    expect(created.instances).toHaveLength(1);
    const [development] = created.instances;
    expect(development).toMatchObject({
      environment_type: "development",
      secret_key: expect.stringMatching(/^sk_test_/),
    });
    // The new instance is a real instance: its secret key reaches the Backend API.
    const instance = await bapiWith(development?.secret_key as string, "GET", "/instance");
    expect(await instance.json()).toMatchObject({ id: development?.instance_id, environment_type: "development" });

    const missing = await platform.error(422, "POST", "/applications", {});
    expect(missing).toMatchObject({ code: "form_param_missing", meta: { param_name: "name" } });
    const badEnv = await platform.error(422, "POST", "/applications", { name: "x", environment_types: ["staging"] });
    expect(badEnv?.meta?.param_name).toBe("environment_types.0");
    const domainWithoutProduction = await platform.error(422, "POST", "/applications", {
      name: "x",
      domain: "x.example.com",
    });
    expect(domainWithoutProduction?.meta?.param_name).toBe("domain");
  });

  test("create with production, a domain and a template", async () => {
    const created = await platform.json<Application>("POST", "/applications", {
      name: "Launch",
      environment_types: ["development", "production"],
      domain: "launch.example.com",
      template: "waitlist",
    });
    expect(created.instances.map((i) => i.environment_type)).toEqual(["development", "production"]);
    expect(created.instances[1]?.secret_key).toMatch(/^sk_live_/);
    const domain = await platform.json("GET", `/applications/${created.application_id}/domains/launch.example.com`);
    expect(domain).toMatchObject({ name: "launch.example.com", is_satellite: false });
    const config = await platform.json(
      "GET",
      `/applications/${created.application_id}/instances/production/config?keys=sign_up`,
    );
    expect(config.sign_up.mode).toBe("waitlist");

    const taken = await platform.error(422, "POST", "/applications", {
      name: "Copycat",
      environment_types: ["production"],
      domain: "launch.example.com",
    });
    expect(taken).toMatchObject({ code: "form_identifier_exists", meta: { param_name: "domain" } });
  });

  test("update and delete", async () => {
    const created = await platform.json<Application>("POST", "/applications", { name: "Before" });
    const path = `/applications/${created.application_id}`;
    const renamed = await platform.json<Application>("PATCH", path, { name: "After" });
    expect(renamed.name).toBe("After");
    expect(renamed.instances[0]?.secret_key).toBeUndefined();
    await platform.error(422, "PATCH", path, { name: "" });

    const secretKey = created.instances[0]?.secret_key as string;
    await sandbox.bapi(
      "POST",
      "/users",
      { email_address: ["owner@example.com"] },
      { authorization: `Bearer ${secretKey}` },
    );
    expect(await platform.json("DELETE", path)).toEqual({
      object: "application",
      id: created.application_id,
      deleted: true,
    });
    await platform.error(404, "GET", path);
    await platform.error(404, "DELETE", path);
    expect((await bapiWith(secretKey, "GET", "/users")).status).toBe(401);
  });

  test("rotating secret keys replaces them for the application or one instance", async () => {
    const created = await platform.json<Application>("POST", "/applications", {
      name: "Rotating",
      environment_types: ["development", "production"],
    });
    const [development, production] = created.instances;
    const path = `/applications/${created.application_id}`;

    const single = await platform.json("POST", `${path}/instances/production/rotate_secret_keys`, { reason: "leak" });
    expect(single.instances).toHaveLength(1);
    expect(single.instances[0]).toMatchObject({ instance_id: production?.instance_id, environment_type: "production" });
    expect(single.instances[0].secret_key).not.toBe(production?.secret_key);
    expect((await bapiWith(production?.secret_key as string, "GET", "/instance")).status).toBe(401);
    expect((await bapiWith(single.instances[0].secret_key, "GET", "/instance")).status).toBe(200);
    expect((await bapiWith(development?.secret_key as string, "GET", "/instance")).status).toBe(200);

    const all = await platform.json("POST", `${path}/rotate_secret_keys`, {});
    expect(all).toMatchObject({ application_id: created.application_id, name: "Rotating" });
    expect(all.instances.map((i: { environment_type: string }) => i.environment_type)).toEqual([
      "development",
      "production",
    ]);
    expect((await bapiWith(development?.secret_key as string, "GET", "/instance")).status).toBe(401);
    await platform.error(404, "POST", `${path}/instances/staging/rotate_secret_keys`, {});
    await platform.error(422, "POST", `${path}/rotate_secret_keys`, { delay_old_secrets_expiration_hours: -1 });
  });

  test("a production instance can be added once, optionally cloning development's config", async () => {
    const created = await platform.json<Application>("POST", "/applications", { name: "Grows up" });
    const development = created.instances[0];
    const path = `/applications/${created.application_id}`;
    await platform.json("PATCH", `${path}/instances/development/config`, { sign_up: { password_required: false } });

    const badClone = await platform.error(422, "POST", `${path}/instances`, {
      domain: "grows.example.com",
      clone_instance_id: "ins_missing",
    });
    expect(badClone?.meta?.param_name).toBe("clone_instance_id");

    const instance = await platform.json(
      "POST",
      `${path}/instances`,
      { domain: "grows.example.com", clone_instance_id: development?.instance_id },
      { status: 201 },
    );
    expect(instance).toMatchObject({
      object: "instance",
      environment_type: "production",
      secret_key: expect.stringMatching(/^sk_live_/),
      publishable_key: expect.stringMatching(/^pk_live_/),
      active_domain: { object: "domain", name: "grows.example.com", is_satellite: false },
    });
    const config = await platform.json("GET", `${path}/instances/${instance.id}/config?keys=sign_up`);
    expect(config.sign_up.password_required).toBe(false);

    const again = await platform.error(422, "POST", `${path}/instances`, { domain: "again.example.com" });
    expect(again?.code).toBe("production_instance_exists");
  });

  test("instance users reuse the Backend API's users, with the Platform's paging envelope", async () => {
    for (const name of ["ada", "grace", "alan"]) {
      await sandbox.bapi("POST", "/users", { email_address: [`${name}@example.com`], first_name: name });
    }
    const path = `/applications/${sandbox.credentials.application_id}/instances/development/users`;
    const page = await platform.json("GET", `${path}?limit=2&order_by=%2Bfirst_name`);
    expect(page.total_count).toBe(3);
    expect(page.data.map((user: { first_name: string }) => user.first_name)).toEqual(["ada", "alan"]);
    const found = await platform.json("GET", `${path}?query=grace`);
    expect(found.total_count).toBe(1);
    expect(found.data[0].email_addresses[0].email_address).toBe("grace@example.com");
    await platform.json("GET", `${path}?order_by=-web3_wallet`);
    const empty = await platform.json("GET", path.replace("development", "production"));
    expect(empty).toEqual({ data: [], total_count: 0 });
    await platform.error(422, "GET", `${path}?limit=0`);
  });

  test("usage reads zero over the requested period", async () => {
    const path = `/applications/${sandbox.credentials.application_id}/instances/development/usage`;
    const usage = await platform.json("GET", `${path}?start=2025-01-01&end=2025-01-31`);
    expect(usage).toMatchObject({
      application_id: sandbox.credentials.application_id,
      instance_id: sandbox.credentials.development.instance_id,
      period_start: "2025-01-01T00:00:00.000Z",
      period_end: "2025-02-01T00:00:00.000Z",
      mau: { total_usage: 0, total_billable_usage: 0 },
    });
    const current = await platform.json("GET", path);
    expect(current.period_start).toMatch(/-01T00:00:00.000Z$/);
    const half = await platform.error(422, "GET", `${path}?start=2025-01-01`);
    expect(half?.meta?.param_name).toBe("end");
  });

  test("the Platform API needs its key", async () => {
    const response = await fetch(`${sandbox.url}/v1/platform/applications`, {
      headers: { authorization: `Bearer ${sandbox.secretKey}` },
    });
    expect(response.status).toBe(401);
  });
});
