import { describe, expect, test } from "vitest";
import { useSandbox } from "../testing/harness";
import { platformClient } from "./test-client";

const sandbox = useSandbox();
const platform = platformClient(sandbox);

const appPath = () => `/applications/${sandbox.credentials.application_id}`;

/** Calls the domain test control; returns the HTTP status and body (failures included). */
async function advance(domain: string, body: Record<string, unknown> = {}) {
  const response = await fetch(`${sandbox.url}/__sandbox/domains/${domain}/advance`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function primaryDomain() {
  const list = await platform.json(`GET`, `${appPath()}/domains`);
  return list.data.find((domain: { is_satellite: boolean }) => !domain.is_satellite) as { id: string; name: string };
}

const status = (domain: string) => platform.json("GET", `${appPath()}/domains/${domain}/status`);

describe("Platform API domains", () => {
  test("the production domain's setup runs from not_started to complete via dns_check and advance", async () => {
    const domain = await primaryDomain();
    const initial = await status(domain.id);
    expect(initial.status).toBe("incomplete");
    expect(initial.dns.status).toBe("not_started");
    expect(initial.ssl).toEqual({ status: "not_started", required: true, failure_hints: null });
    expect(initial.mail).toMatchObject({ status: "not_started", required: true });
    expect(Object.keys(initial.dns.cnames)).toEqual([
      "clerk",
      "accounts",
      "clkmail",
      "clk._domainkey",
      "clk2._domainkey",
    ]);
    expect(initial.dns.cnames.clerk).toEqual({
      actual: [],
      clerk_subdomain: "clerk",
      from: `clerk.${domain.name}`,
      to: "frontend-api.clerk.services",
      verified: false,
      required: true,
      failure_hints: null,
    });
    expect((await advance(domain.id)).status).toBe(409);

    const checked = await platform.json("POST", `${appPath()}/domains/${domain.id}/dns_check`);
    expect(checked).toMatchObject({ domain_id: domain.id, dns: { status: "in_progress" }, status: "incomplete" });
    expect(typeof checked.last_run_at).toBe("number");
    const busy = await platform.error(409, "POST", `${appPath()}/domains/${domain.id}/dns_check`);
    expect(busy?.code).toBe("conflict");

    const ssl = await advance(domain.name);
    expect(ssl.body).toMatchObject({
      stage: "ssl_issuing",
      dns: { status: "complete" },
      ssl: { status: "in_process" },
    });
    expect((await status(domain.name)).dns.cnames.clerk).toMatchObject({
      verified: true,
      actual: ["frontend-api.clerk.services"],
    });
    await advance(domain.id);
    const mail = await status(domain.id);
    expect(mail).toMatchObject({ ssl: { status: "complete" }, mail: { status: "in_process" }, status: "incomplete" });
    expect(mail.ssl_hosts[`clerk.${domain.name}`]).toEqual({ status: "complete", required: true, failure_hints: null });
    await advance(domain.id);
    const complete = await status(domain.id);
    expect(complete).toMatchObject({
      dns: { status: "complete" },
      ssl: { status: "complete" },
      mail: { status: "complete" },
      status: "complete",
    });
    expect((await advance(domain.id)).status).toBe(409);
    // Checking a complete domain again is harmless.
    expect((await platform.json("POST", `${appPath()}/domains/${domain.id}/dns_check`)).status).toBe("complete");
  });

  test("a failed step shows failure hints until a new DNS check retries it", async () => {
    const domain = await primaryDomain();
    await platform.json("POST", `${appPath()}/domains/${domain.id}/dns_check`);
    const hints = [{ code: "cname_mismatch", message: "clerk points to the wrong target" }];
    const failed = await advance(domain.id, { fail: true, failure_hints: hints });
    expect(failed.status).toBe(200);
    const dnsFailed = await status(domain.id);
    expect(dnsFailed.status).toBe("incomplete");
    expect(dnsFailed.dns.cnames.clerk).toMatchObject({ verified: false, failure_hints: hints });
    expect((await advance(domain.id)).status).toBe(409);

    const retried = await platform.json("POST", `${appPath()}/domains/${domain.id}/dns_check`);
    expect(retried.dns).toMatchObject({ status: "in_progress" });
    expect(retried.dns.cnames.clerk.failure_hints).toBeNull();
    await advance(domain.id);
    await advance(domain.id, { fail: true });
    const sslFailed = await status(domain.id);
    expect(sslFailed.ssl.status).toBe("failed");
    expect(sslFailed.ssl.failure_hints[0].code).toBe("certificate_issuance_failed");

    await platform.json("POST", `${appPath()}/domains/${domain.id}/dns_check`);
    expect((await status(domain.id)).ssl).toEqual({ status: "in_process", required: true, failure_hints: null });
  });

  test("provider domains: create, read by id or name, delete; the primary stays", async () => {
    const created = await platform.json(
      "POST",
      `${appPath()}/domains`,
      { name: "tenant.provider.dev", proxy_path: "/__auth" },
      { status: 201 },
    );
    expect(created).toMatchObject({
      object: "domain",
      name: "tenant.provider.dev",
      is_satellite: true,
      is_provider_domain: true,
      proxy_url: "https://tenant.provider.dev/__auth",
      frontend_api_url: "https://clerk.tenant.provider.dev",
      cname_targets: [{ host: "clerk.tenant.provider.dev", required: false }],
    });
    expect(created.accounts_portal_url).toBeUndefined();
    expect(created.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await platform.json("GET", `${appPath()}/domains/tenant.provider.dev`)).toEqual(created);

    const duplicate = await platform.error(409, "POST", `${appPath()}/domains`, { name: "tenant.provider.dev" });
    expect(duplicate?.code).toBe("domain_exists");
    await platform.error(422, "POST", `${appPath()}/domains`, { name: "x.dev", proxy_path: "no/slash" });

    // The Backend API sees the same domain on the production instance.
    const bapi = await sandbox.bapi("GET", "/domains", undefined, {
      authorization: `Bearer ${sandbox.credentials.production.secret_key}`,
    });
    const bapiList = (await bapi.json()) as { data: { id: string }[] };
    expect(bapiList.data.map((domain) => domain.id)).toContain(created.id);

    const primary = await primaryDomain();
    const refused = await platform.error(422, "DELETE", `${appPath()}/domains/${primary.id}`);
    expect(refused?.code).toBe("domain_not_deletable");
    expect(await platform.json("DELETE", `${appPath()}/domains/${created.id}`)).toEqual({
      object: "domain",
      id: created.id,
      deleted: true,
    });
    await platform.error(404, "GET", `${appPath()}/domains/${created.id}`);
  });

  test("renaming the production domain starts its setup over", async () => {
    const domain = await primaryDomain();
    await platform.json("POST", `${appPath()}/domains/${domain.id}/dns_check`);
    const renamed = await platform.json("PATCH", `${appPath()}/domain`, { name: "www-less.example.com" });
    expect(renamed).toMatchObject({ id: domain.id, name: "www-less.example.com" });
    expect((await status("www-less.example.com")).dns.status).toBe("not_started");
    await platform.error(422, "PATCH", `${appPath()}/domain`, { name: "not a domain" });
  });

  test("domains across the workspace: production by default, filters and cursors", async () => {
    const second = await platform.json("POST", "/applications", {
      name: "Second",
      environment_types: ["development", "production"],
      domain: "second.example.com",
    });
    const all = await platform.json("GET", "/domains");
    expect(
      all.data.every(
        (domain: { instance: { environment_type: string } }) => domain.instance.environment_type === "production",
      ),
    ).toBe(true);
    expect(all.total_count).toBeGreaterThanOrEqual(2);
    const withDevelopment = await platform.json("GET", "/domains?include_development=true");
    expect(withDevelopment.total_count).toBeGreaterThan(all.total_count);
    await platform.error(422, "GET", "/domains?include_development=yes");

    const named = await platform.json("GET", "/domains?name=SECOND.example");
    expect(named.total_count).toBe(1);
    expect(named.data[0]).toMatchObject({
      name: "second.example.com",
      application: { object: "application", id: second.application_id },
      instance: { object: "instance", environment_type: "production" },
    });

    const first = await platform.json("GET", "/domains?limit=1");
    expect(first.data).toHaveLength(1);
    const next = await platform.json("GET", `/domains?limit=1&starting_after=${first.data[0].id}`);
    expect(next.data[0].id).not.toBe(first.data[0].id);
    const back = await platform.json("GET", `/domains?limit=1&ending_before=${next.data[0].id}`);
    expect(back.data[0].id).toBe(first.data[0].id);
    await platform.error(422, "GET", "/domains?starting_after=dmn_missing");

    const byName = await platform.json("GET", "/domains/second.example.com");
    expect(byName).toEqual(named.data[0]);
    await platform.error(404, "GET", "/domains/nowhere.example.com");
  });
});
