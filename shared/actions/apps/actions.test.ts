import { describe, expect, test } from "vitest";
import { ZodError } from "zod";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";

const { run, all, sandbox } = useActionSandbox();
const prod = "production";

describe("apps actions (Platform API)", () => {
  test("claim an accountless application, once", async () => {
    const accountless = (await sandbox.control("accountless_applications")) as {
      application_id: string;
      claim_token: string;
    };
    const claimed = await run("apps.claim", { token: accountless.claim_token, name: "Claimed shop" });
    expect(claimed).toMatchObject({ application_id: accountless.application_id, name: "Claimed shop" });
    expect((await run("apps.list")).map((app) => app.application_id)).toContain(accountless.application_id);
    await expect(run("apps.claim", { token: accountless.claim_token, name: "Again" })).rejects.toMatchObject({
      status: 404,
    });
  });

  test("rotate the target instance's key, or every instance's", async () => {
    const { credentials } = sandbox;
    const one = await run("apps.rotate-keys", { reason: "leaked" }, prod);
    expect(one.application_id).toBe(credentials.application_id);
    expect(one.instances).toEqual([
      {
        instance_id: credentials.production.instance_id,
        environment_type: "production",
        secret_key: expect.stringMatching(/^sk_live_/),
      },
    ]);
    expect(one.instances[0]?.secret_key).not.toBe(credentials.production.secret_key);
    const every = await run("apps.rotate-keys", { all_instances: true, delay_hours: 24 });
    expect(every.instances.map((i) => i.environment_type).sort()).toEqual(["development", "production"]);
  });

  test("usage of the target instance; a half range is refused before any request", async () => {
    const usage = await run("apps.usage", { start: "2025-01-01", end: "2025-01-31" }, prod);
    expect(usage).toMatchObject({
      application_id: sandbox.credentials.application_id,
      instance_id: sandbox.credentials.production.instance_id,
      period_start: "2025-01-01T00:00:00.000Z",
      period_end: "2025-02-01T00:00:00.000Z",
      mau: { total_usage: expect.any(Number), total_billable_usage: expect.any(Number) },
    });
    await expect(run("apps.usage", { start: "2025-01-01" })).rejects.toMatchObject({ code: "usage_range_incomplete" });
    await expect(run("apps.usage", { start: "January" })).rejects.toBeInstanceOf(ZodError);
  });

  test("domains: add a provider domain, find it workspace-wide, change production's, delete", async () => {
    const added = await run("apps.domains.add", { name: "my-shop.vercel.app" });
    expect(added).toMatchObject({ object: "domain", name: "my-shop.vercel.app", is_provider_domain: true });
    const listed = await run("apps.domains.list", {});
    expect(listed.data.map((d) => d.name)).toContain("my-shop.vercel.app");
    expect(listed.data.every((d) => d.instance.environment_type === "production")).toBe(true);
    const withDev = await all("apps.domains.list", { include_development: true });
    expect(withDev.length).toBeGreaterThan(listed.data.length);
    expect((await run("apps.domains.list", { name: "vercel" })).data.map((d) => d.id)).toEqual([added.id]);
    const found = await run("apps.domains.get", { domain: "my-shop.vercel.app" });
    expect(found).toMatchObject({ id: added.id, application: { id: sandbox.credentials.application_id } });

    const primary = await run("apps.domains.set-production", { name: "shop.example.com" });
    expect(primary).toMatchObject({ name: "shop.example.com", is_satellite: false });
    await expect(run("apps.domains.delete", { domain: primary.id })).rejects.toMatchObject({ status: 422 });
    expect(await run("apps.domains.delete", { domain: added.id })).toEqual({
      object: "domain",
      id: added.id,
      deleted: true,
    });
    await expect(run("apps.domains.get", { domain: added.id })).rejects.toMatchObject({ status: 404 });
  });

  test("domain intents: create, list, complete into a domain, cancel another", async () => {
    const intent = await run("apps.domain-intents.create", { name: "later.example.com" });
    expect(intent).toMatchObject({ status: "pending", domain_name: "later.example.com" });
    expect(intent.records.length).toBeGreaterThan(0);
    expect(await run("apps.domain-intents.get", { domain_intent_id: intent.id })).toEqual(intent);
    const other = await run("apps.domain-intents.create", { name: "never.example.com" });
    const pending = await all("apps.domain-intents.list", { status: ["pending"] });
    expect(pending.map((i) => (i as { id: string }).id)).toEqual([other.id, intent.id]);

    const domain = await run("apps.domains.add", { name: "later.example.com", domain_intent_id: intent.id });
    expect(await run("apps.domain-intents.get", { domain_intent_id: intent.id })).toMatchObject({
      status: "completed",
      domain_id: domain.id,
    });
    expect(await run("apps.domain-intents.cancel", { domain_intent_id: other.id })).toMatchObject({
      status: "canceled",
    });
    expect((await run("apps.domain-intents.list", { name: "never.example.com" })).data).toMatchObject([
      { status: "canceled" },
    ]);
  });

  test("transfers: start one, see it, cancel it; one pending at a time", async () => {
    const transfer = await run("apps.transfers.create", {});
    expect(transfer).toMatchObject({
      application_id: sandbox.credentials.application_id,
      status: "pending",
      code: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    await expect(run("apps.transfers.create", {})).rejects.toMatchObject({ status: 409 });
    expect(await run("apps.transfers.get", { transfer_id: transfer.id })).toEqual(transfer);
    const canceled = await run("apps.transfers.cancel", { transfer_id: transfer.id });
    expect(canceled).toMatchObject({ id: transfer.id, status: "canceled" });
    const next = await run("apps.transfers.create", {});
    expect((await run("apps.transfers.list", { status: ["pending"] })).data).toEqual([next]);
    expect(await all("apps.transfers.list", {})).toEqual([next, canceled]);
  });
});
