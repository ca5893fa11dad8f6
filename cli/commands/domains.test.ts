import { describe, expect, test } from "vitest";
import { useCliSandbox } from "../testing/cli-sandbox";

const { clerk, sandbox } = useCliSandbox();

interface DomainJson {
  id: string;
  name: string;
  is_satellite: boolean;
  proxy_url: string | null;
  frontend_api_url: string;
  cname_targets: { host: string; value: string; required: boolean }[] | null;
}

/** Satellites, proxies and DNS records are production matters: run against the production instance. */
const production = () => ({ CLERK_SECRET_KEY: sandbox.credentials.production.secret_key });

async function ok<T>(args: string[]): Promise<T> {
  const result = await clerk([...args, "--json"], { env: production() });
  expect(result.code, result.stderr).toBe(0);
  return result.json<T>();
}

describe("clerk domains", () => {
  test("list and get the primary domain, by id or by name, with its DNS records", async () => {
    const list = await ok<{ data: DomainJson[]; total_count: number }>(["domains", "list"]);
    expect(list.total_count).toBe(1);
    const primary = list.data[0] as DomainJson;
    expect(primary).toMatchObject({ is_satellite: false, proxy_url: null });
    expect(primary.id).toMatch(/^dmn_/);

    expect(await ok(["domains", "get", primary.id])).toEqual(primary);
    expect(await ok(["domains", "get", primary.name.toUpperCase()])).toEqual(primary);
    const table = await clerk(["domains", "get", primary.id], { env: production() });
    expect(table.stdout).toMatch(/ID\s+NAME\s+KIND\s+FRONTEND API\s+PROXY/);
    expect(table.stdout).toContain(`CNAME clerk.${primary.name}`);
    expect(table.stdout).toMatch(/required\s+frontend-api\.clerk\.services/);

    const missing = await clerk(["domains", "get", "nope.example.com"], { env: production() });
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stderr).error).toMatchObject({
      code: "domain_not_found",
      hint: "Run `clerk domains list` to see its domains.",
    });
  });

  test("satellites: add with a proxy, update, remove the proxy, delete", async () => {
    const added = await ok<DomainJson>([
      "domains",
      "add",
      "shop.example.com",
      "--proxy-url",
      "https://shop.example.com/__clerk",
    ]);
    expect(added).toMatchObject({
      name: "shop.example.com",
      is_satellite: true,
      proxy_url: "https://shop.example.com/__clerk",
      cname_targets: [{ host: "clerk.shop.example.com", required: false }],
    });
    const renamed = await ok<DomainJson>(["domains", "update", added.id, "--name", "store.example.com"]);
    expect(renamed).toMatchObject({ name: "store.example.com", proxy_url: "https://shop.example.com/__clerk" });
    const unproxied = await ok<DomainJson>(["domains", "update", added.id, "--proxy-url", ""]);
    expect(unproxied).toMatchObject({ proxy_url: null, cname_targets: [{ required: true }] });
    expect((await ok<{ total_count: number }>(["domains", "list"])).total_count).toBe(2);

    const unconfirmed = await clerk(["domains", "delete", added.id], { env: production() });
    expect(unconfirmed.code).toBe(2);
    expect(await ok(["domains", "delete", added.id, "--yes"])).toEqual({
      object: "domain",
      id: added.id,
      deleted: true,
    });
    expect((await ok<{ total_count: number }>(["domains", "list"])).total_count).toBe(1);
  });

  test("Clerk's refusals: the primary cannot be deleted, a proxy needs production, names are unique", async () => {
    const [primary] = (await ok<{ data: DomainJson[] }>(["domains", "list"])).data;
    const primaryDelete = await clerk(["domains", "delete", primary?.id as string, "--yes"], { env: production() });
    expect(primaryDelete.code).toBe(1);
    expect(JSON.parse(primaryDelete.stderr).error).toMatchObject({
      status: 403,
      code: "primary_domain_deletion_forbidden",
    });

    // The development instance (the default key) takes satellites with ports, but no proxy.
    const devProxy = await clerk(["domains", "add", "app.localhost", "--proxy-url", "https://x.example.com", "--json"]);
    expect(devProxy.code).toBe(1);
    expect(JSON.parse(devProxy.stderr).error).toMatchObject({ status: 422, param_name: "proxy_url" });
    const dev = await clerk(["domains", "add", "localhost:3001", "--json"]);
    expect(dev.code, dev.stderr).toBe(0);
    const taken = await clerk(["domains", "add", "LOCALHOST:3001"]);
    expect(taken.code).toBe(1);
    expect(JSON.parse(taken.stderr).error.code).toBe("form_identifier_exists");

    const dry = await clerk(["domains", "add", "blog.example.com", "--dry-run", "--json"], { env: production() });
    expect(dry.json()).toMatchObject({ method: "POST", body: { name: "blog.example.com", is_satellite: true } });
  });
});
