import { describe, expect, test } from "vitest";
import { useSandbox } from "../testing/harness";
import { platformClient } from "./test-client";

const sandbox = useSandbox();
const platform = platformClient(sandbox);

describe("Platform API domain intents", () => {
  test("create with its DNS records, get, list with filters and cursors, cancel", async () => {
    const intent = await platform.json("POST", "/domain_intents", { name: "Shop.Example.com" }, { status: 201 });
    expect(intent).toEqual({
      object: "domain_intent",
      id: expect.stringMatching(/^dmnint_/),
      domain_name: "shop.example.com",
      status: "pending",
      records: [{ host: "clerk.shop.example.com", value: "frontend-api.clerk.services", required: true }],
    });
    // Behind a proxy, the Frontend API record is optional.
    const proxied = await platform.json(
      "POST",
      "/domain_intents",
      { name: "blog.example.com", proxy_path: "/__clerk" },
      { status: 201 },
    );
    expect(proxied.records).toEqual([
      { host: "clerk.blog.example.com", value: "frontend-api.clerk.services", required: false },
    ]);
    expect(await platform.json("GET", `/domain_intents/${intent.id}`)).toEqual(intent);

    const canceled = await platform.json("DELETE", `/domain_intents/${proxied.id}`);
    expect(canceled).toEqual({ ...proxied, status: "canceled" });
    expect((await platform.error(400, "DELETE", `/domain_intents/${proxied.id}`))?.code).toBe(
      "domain_intent_not_pending",
    );

    expect(await platform.json("GET", "/domain_intents")).toEqual({ data: [canceled, intent], total_count: 2 });
    expect(await platform.json("GET", "/domain_intents?status=pending")).toEqual({ data: [intent], total_count: 1 });
    expect(await platform.json("GET", "/domain_intents?name=blog.example.com")).toEqual({
      data: [canceled],
      total_count: 1,
    });
    expect((await platform.json("GET", `/domain_intents?limit=1&starting_after=${canceled.id}`)).data).toEqual([
      intent,
    ]);
    expect((await platform.json("GET", `/domain_intents?ending_before=${intent.id}`)).data).toEqual([canceled]);
    await platform.error(422, "GET", "/domain_intents?status=lost");
    await platform.error(404, "GET", "/domain_intents/dmnint_missing");
    await platform.error(404, "DELETE", "/domain_intents/dmnint_missing");
  });

  test("validation: a production domain name and a proxy path", async () => {
    const missing = await platform.error(422, "POST", "/domain_intents", {});
    expect(missing?.meta?.param_name).toBe("name");
    const single = await platform.error(422, "POST", "/domain_intents", { name: "localhost" });
    expect(single?.meta?.param_name).toBe("name");
    const path = await platform.error(422, "POST", "/domain_intents", { name: "a.example.com", proxy_path: "x" });
    expect(path?.meta?.param_name).toBe("proxy_path");
  });

  test("an application's domain completes the intent it names", async () => {
    const appId = sandbox.credentials.application_id;
    const intent = await platform.json(
      "POST",
      "/domain_intents",
      { name: "store.example.com", proxy_path: "/auth" },
      { status: 201 },
    );
    const wrongName = await platform.error(422, "POST", `/applications/${appId}/domains`, {
      name: "other.example.com",
      domain_intent_id: intent.id,
    });
    expect(wrongName?.meta?.param_name).toBe("domain_intent_id");
    await platform.error(404, "POST", `/applications/${appId}/domains`, {
      name: "store.example.com",
      domain_intent_id: "dmnint_missing",
    });

    const domain = await platform.json(
      "POST",
      `/applications/${appId}/domains`,
      { name: "store.example.com", domain_intent_id: intent.id },
      { status: 201 },
    );
    expect(domain.proxy_url).toBe("https://store.example.com/auth");
    const completed = await platform.json("GET", `/domain_intents/${intent.id}`);
    expect(completed).toMatchObject({ status: "completed", domain_id: domain.id });
    // A completed intent is spent: it neither cancels nor completes again.
    await platform.error(400, "DELETE", `/domain_intents/${intent.id}`);
    await platform.error(404, "POST", `/applications/${appId}/domains`, {
      name: "store.example.com",
      domain_intent_id: intent.id,
    });
  });
});
