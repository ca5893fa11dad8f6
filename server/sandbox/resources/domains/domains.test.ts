import { describe, expect, test } from "vitest";
import { expectJson, useSandbox } from "../../testing/harness";

const sandbox = useSandbox();

interface Domain {
  id: string;
  name: string;
  is_satellite: boolean;
  frontend_api_url: string;
  accounts_portal_url: string | null;
  proxy_url: string | null;
  development_origin: string;
  cname_targets: { host: string; value: string; required: boolean }[] | null;
}

const asProduction = () => ({ authorization: `Bearer ${sandbox.credentials.production.secret_key}` });

async function clerkError(response: Promise<Response>, status: number) {
  const body = await expectJson<{ errors: { code: string; meta?: { param_name?: string } }[] }>(response, status);
  return body.errors[0];
}

describe("domains over HTTP", () => {
  test("the primary domain comes from the instance's Frontend API host", async () => {
    const list = await expectJson<{ data: Domain[]; total_count: number }>(sandbox.bapi("GET", "/domains"));
    expect(list.total_count).toBe(1);
    const primary = list.data[0] as Domain;
    expect(primary.id).toMatch(/^dmn_/);
    expect(primary.is_satellite).toBe(false);
    expect(primary.cname_targets).toBeNull();
    expect(primary.development_origin).toBe("http://localhost:3000");
    const host = Buffer.from(sandbox.credentials.development.publishable_key.slice(8), "base64")
      .toString()
      .replace(/\$$/, "");
    expect(primary.frontend_api_url).toBe(`https://${host}`);

    // The development origin is the instance setting of the same name.
    await sandbox.bapi("PATCH", "/instance", { development_origin: "http://localhost:5173" });
    const again = await expectJson<{ data: Domain[] }>(sandbox.bapi("GET", "/domains"));
    expect(again.data[0]?.development_origin).toBe("http://localhost:5173");
    expect(again.data[0]?.id).toBe(primary.id);
  });

  test("production domains list the CNAME records Clerk asks for", async () => {
    const list = await expectJson<{ data: Domain[] }>(sandbox.bapi("GET", "/domains", undefined, asProduction()));
    const primary = list.data[0] as Domain;
    expect(primary.frontend_api_url).toBe(`https://clerk.${primary.name}`);
    expect(primary.accounts_portal_url).toBe(`https://accounts.${primary.name}`);
    expect(primary.cname_targets?.map((target) => target.host)).toEqual([
      `clerk.${primary.name}`,
      `accounts.${primary.name}`,
      `clkmail.${primary.name}`,
      `clk._domainkey.${primary.name}`,
      `clk2._domainkey.${primary.name}`,
    ]);
  });

  test("satellites: add, update, delete; the primary cannot be deleted", async () => {
    const satellite = await expectJson<Domain>(
      sandbox.bapi("POST", "/domains", { name: "Shop.Example.com", is_satellite: true }, asProduction()),
    );
    expect(satellite).toMatchObject({
      name: "shop.example.com",
      is_satellite: true,
      accounts_portal_url: null,
      proxy_url: null,
      frontend_api_url: "https://clerk.shop.example.com",
      cname_targets: [{ host: "clerk.shop.example.com", value: "frontend-api.clerk.services", required: true }],
    });
    const list = await expectJson<{ data: Domain[]; total_count: number }>(
      sandbox.bapi("GET", "/domains", undefined, asProduction()),
    );
    expect(list.total_count).toBe(2);
    expect(list.data[0]?.id).toBe(satellite.id);

    const proxied = await expectJson<Domain>(
      sandbox.bapi(
        "PATCH",
        `/domains/${satellite.id}`,
        { proxy_url: "https://shop.example.com/__clerk/" },
        asProduction(),
      ),
    );
    expect(proxied.proxy_url).toBe("https://shop.example.com/__clerk");
    expect(proxied.cname_targets?.[0]?.required).toBe(false);
    const unproxied = await expectJson<Domain>(
      sandbox.bapi("PATCH", `/domains/${satellite.id}`, { proxy_url: null, name: "store.example.com" }, asProduction()),
    );
    expect(unproxied).toMatchObject({ proxy_url: null, name: "store.example.com" });

    const primary = list.data[1] as Domain;
    const refused = await clerkError(sandbox.bapi("DELETE", `/domains/${primary.id}`, undefined, asProduction()), 403);
    expect(refused?.code).toBe("primary_domain_deletion_forbidden");

    const deleted = await expectJson(sandbox.bapi("DELETE", `/domains/${satellite.id}`, undefined, asProduction()));
    expect(deleted).toEqual({ object: "domain", id: satellite.id, deleted: true });
    await clerkError(sandbox.bapi("DELETE", `/domains/${satellite.id}`, undefined, asProduction()), 404);
  });

  test("adding validates: satellite only, FQDN, unique, proxy only in production", async () => {
    const notSatellite = await clerkError(
      sandbox.bapi("POST", "/domains", { name: "a.example.com", is_satellite: false }),
      422,
    );
    expect(notSatellite?.meta?.param_name).toBe("is_satellite");
    const missing = await clerkError(sandbox.bapi("POST", "/domains", { is_satellite: true }), 422);
    expect(missing).toMatchObject({ code: "form_param_missing", meta: { param_name: "name" } });
    const scheme = await clerkError(
      sandbox.bapi("POST", "/domains", { name: "https://a.example.com", is_satellite: true }, asProduction()),
      422,
    );
    expect(scheme?.meta?.param_name).toBe("name");
    const port = await clerkError(
      sandbox.bapi("POST", "/domains", { name: "a.example.com:8080", is_satellite: true }, asProduction()),
      422,
    );
    expect(port?.meta?.param_name).toBe("name");

    // Development satellites may carry a port, but not a proxy.
    const local = await expectJson<Domain>(
      sandbox.bapi("POST", "/domains", { name: "localhost:3001", is_satellite: true }),
    );
    expect(local.name).toBe("localhost:3001");
    const proxy = await clerkError(
      sandbox.bapi("POST", "/domains", { name: "other.localhost", is_satellite: true, proxy_url: "https://x.dev" }),
      422,
    );
    expect(proxy?.meta?.param_name).toBe("proxy_url");

    const taken = await clerkError(
      sandbox.bapi("POST", "/domains", { name: "LOCALHOST:3001", is_satellite: true }),
      422,
    );
    expect(taken).toMatchObject({ code: "form_identifier_exists", meta: { param_name: "name" } });
  });
});
