import { describe, expect, test } from "vitest";
import { ZodError } from "zod";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";

const { run } = useActionSandbox();
/** Satellites, proxies and DNS records are production matters: run against the production instance. */
const prod = "production";

describe("domains actions", () => {
  test("list and get the primary domain by id or name; an unknown one is the action's error", async () => {
    const list = await run("domains.list", {}, prod);
    expect(list.total_count).toBe(1);
    const primary = list.data[0] as (typeof list.data)[number];
    expect(primary).toMatchObject({ is_satellite: false, proxy_url: null });
    expect(await run("domains.get", { domain: primary.id }, prod)).toEqual(primary);
    expect(await run("domains.get", { domain: primary.name.toUpperCase() }, prod)).toEqual(primary);
    await expect(run("domains.get", { domain: "nope.example.com" }, prod)).rejects.toMatchObject({
      code: "domain_not_found",
    });
  });

  test("satellites: add with a proxy, rename, remove the proxy, delete", async () => {
    const added = await run(
      "domains.add",
      { name: "shop.example.com", proxy_url: "https://shop.example.com/__clerk" },
      prod,
    );
    expect(added).toMatchObject({
      name: "shop.example.com",
      is_satellite: true,
      proxy_url: "https://shop.example.com/__clerk",
      cname_targets: [{ host: "clerk.shop.example.com", required: false }],
    });
    const renamed = await run("domains.update", { domain_id: added.id, name: "store.example.com" }, prod);
    expect(renamed).toMatchObject({ name: "store.example.com", proxy_url: "https://shop.example.com/__clerk" });
    const unproxied = await run("domains.update", { domain_id: added.id, proxy_url: "" }, prod);
    expect(unproxied).toMatchObject({ proxy_url: null, cname_targets: [{ required: true }] });
    expect(await run("domains.list", {}, prod)).toMatchObject({ total_count: 2 });
    expect(await run("domains.delete", { domain_id: added.id }, prod)).toEqual({
      object: "domain",
      id: added.id,
      deleted: true,
    });
    expect(await run("domains.list", {}, prod)).toMatchObject({ total_count: 1 });
  });

  test("Clerk's refusals: the primary cannot be deleted, a proxy needs production, names are unique", async () => {
    const [primary] = (await run("domains.list", {}, prod)).data;
    await expect(run("domains.delete", { domain_id: primary?.id as string }, prod)).rejects.toMatchObject({
      status: 403,
      errors: [{ code: "primary_domain_deletion_forbidden" }],
    });
    await expect(
      run("domains.add", { name: "app.localhost", proxy_url: "https://x.example.com" }),
    ).rejects.toMatchObject({
      status: 422,
      errors: [{ meta: { param_name: "proxy_url" } }],
    });
    expect(await run("domains.add", { name: "localhost:3001" })).toMatchObject({ is_satellite: true });
    await expect(run("domains.add", { name: "LOCALHOST:3001" })).rejects.toMatchObject({
      errors: [{ code: "form_identifier_exists" }],
    });
  });

  test("input is validated by the action's schema", async () => {
    await expect(run("domains.add", { name: "" })).rejects.toBeInstanceOf(ZodError);
    await expect(run("domains.update", { domain_id: "." })).rejects.toThrow(/give the domain id as Clerk shows it/);
  });
});

describe("domains check-proxy", () => {
  test("a proxy on the domain passes; one elsewhere is Clerk's 400", async () => {
    const [primary] = (await run("domains.list", {}, prod)).data;
    const domain = primary as { id: string; name: string };
    const proxy = `https://${domain.name}/__clerk`;
    expect(await run("domains.check-proxy", { domain_id: domain.id, proxy_url: proxy }, prod)).toMatchObject({
      object: "proxy_check",
      domain_id: domain.id,
      proxy_url: proxy,
      successful: true,
    });
    await expect(
      run("domains.check-proxy", { domain_id: domain.id, proxy_url: "https://elsewhere.example.org/__clerk" }, prod),
    ).rejects.toMatchObject({ status: 400, errors: [{ code: "proxy_url_invalid" }] });
  });
});
