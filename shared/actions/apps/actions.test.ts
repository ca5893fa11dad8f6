import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { ZodError } from "zod";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";
import { ClerkTransport, DryRunStop } from "../../clerk/transport";
import type { Action } from "../action";
import { findAction } from "../catalog";
import type { RotatedKeys } from "./schemas";

type AnyAction = Action;

/** A 1×1 PNG on disk, as the upload actions read their files. */
const images = mkdtempSync(join(tmpdir(), "clerk-apps-"));
const png = join(images, "logo.png");
writeFileSync(
  png,
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64"),
);

const { run, all, context, sandbox } = useActionSandbox();
const prod = "production";

describe("apps actions (Platform API)", () => {
  test("get, rename and delete an application; get and rename default to --app", async () => {
    const { application_id } = sandbox.credentials;
    const app = await run("apps.get", {});
    expect(app.application_id).toBe(application_id);
    expect(app.instances.every((i) => i.secret_key === undefined)).toBe(true);
    const withKeys = await run("apps.get", { application_id, include_secret_keys: true });
    expect(withKeys.instances.map((i) => i.secret_key)).toContain(sandbox.credentials.development.secret_key);
    expect(await run("apps.update", { name: "Renamed" })).toMatchObject({ application_id, name: "Renamed" });
    const doomed = await run("apps.create", { name: "Doomed" });
    expect(await run("apps.delete", { application_id: doomed.application_id })).toEqual({
      object: "application",
      id: doomed.application_id,
      deleted: true,
    });
    await expect(run("apps.get", { application_id: doomed.application_id })).rejects.toMatchObject({ status: 404 });
    await expect(run("apps.delete", {} as { application_id: string })).rejects.toBeInstanceOf(ZodError);
  });

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
    // On an application of its own: the sandbox's keys (which every other test uses) stay valid.
    const shop = await run("apps.create", { name: "Shop", environment_types: ["development", "production"] });
    const production = shop.instances.find((i) => i.environment_type === "production");
    const rotate = findAction("apps.rotate-keys") as AnyAction;
    const onShop = { ...context(prod), target: { applicationId: shop.application_id, instance: prod } };
    const one = (await rotate.run(onShop, rotate.input.parse({ reason: "leaked" }))) as RotatedKeys;
    expect(one).toMatchObject({ application_id: shop.application_id, name: "Shop" });
    expect(one.instances).toEqual([
      {
        instance_id: production?.instance_id,
        environment_type: "production",
        secret_key: expect.stringMatching(/^sk_live_/),
      },
    ]);
    expect(one.instances[0]?.secret_key).not.toBe(production?.secret_key);
    const every = (await rotate.run(
      onShop,
      rotate.input.parse({ all_instances: true, delay_hours: 24 }),
    )) as RotatedKeys;
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

  test("the instance's users through the Platform API: create, list, ban, unban, delete", async () => {
    const ada = await run("apps.users.create", { email_address: ["ada@example.com"], first_name: "Ada" }, prod);
    expect(ada).toMatchObject({ first_name: "Ada", email_addresses: [{ email_address: "ada@example.com" }] });
    // The same user through the Backend API with production's secret key: one instance, two APIs.
    expect(await run("users.get", { user_id: ada.id }, prod)).toMatchObject({ id: ada.id });
    await expect(run("users.get", { user_id: ada.id })).rejects.toMatchObject({ status: 404 });
    await run("apps.users.create", { email_address: ["grace@example.com"] }, prod);
    const found = await run("apps.users.list", { query: "ada" }, prod);
    expect(found).toMatchObject({ total_count: 1, data: [{ id: ada.id }] });
    expect(await all("apps.users.list", { order_by: "+created_at" }, prod)).toHaveLength(2);
    expect(await run("apps.users.ban", { user_id: ada.id }, prod)).toMatchObject({ banned: true });
    expect(await run("apps.users.unban", { user_id: ada.id }, prod)).toMatchObject({ banned: false });
    expect(await run("apps.users.delete", { user_id: ada.id }, prod)).toMatchObject({ id: ada.id, deleted: true });
    await expect(run("apps.users.list", { order_by: "age" })).rejects.toBeInstanceOf(ZodError);
  });

  test("the instance's JWT templates through the Platform API: the JWT template actions, same flags", async () => {
    const created = await run("apps.jwt-templates.create", { name: "convex", claims: '{"aud":"convex"}' }, prod);
    expect(created).toMatchObject({ object: "jwt_template", name: "convex", claims: { aud: "convex" } });
    expect(await run("apps.jwt-templates.list", {}, prod)).toEqual([created]);
    expect(await run("jwt-templates.list", {})).toMatchObject({ total_count: 0 });
    expect(await run("apps.jwt-templates.get", { template_id: created.id }, prod)).toEqual(created);
    const updated = await run("apps.jwt-templates.update", { template_id: created.id, lifetime: 300 }, prod);
    expect(updated).toMatchObject({ name: "convex", lifetime: 300, claims: { aud: "convex" } });
    expect(await run("apps.jwt-templates.delete", { template_id: created.id }, prod)).toMatchObject({
      id: created.id,
      deleted: true,
    });
    await expect(run("apps.jwt-templates.get", { template_id: created.id }, prod)).rejects.toMatchObject({
      status: 404,
    });
  });

  test("logo and favicon: upload as multipart, replace, delete; a missing file is named", async () => {
    const app = await run("apps.logo.set", { file: png });
    expect(app.application_id).toBe(sandbox.credentials.application_id);
    await run("apps.logo.set", { file: png });
    expect(await run("apps.logo.delete", {})).toMatchObject({ application_id: app.application_id });
    await expect(run("apps.logo.delete", {})).rejects.toMatchObject({ status: 404 });
    expect(await run("apps.favicon.set", { file: png })).toMatchObject({ application_id: app.application_id });
    expect(await run("apps.favicon.delete", {})).toMatchObject({ application_id: app.application_id });
    await expect(run("apps.favicon.set", { file: join(images, "missing.png") })).rejects.toMatchObject({
      code: "file_unreadable",
    });
    await expect(run("apps.logo.set", { file: join(images, "logo.txt") })).rejects.toMatchObject({
      code: "image_type_unknown",
    });
  });

  test("a user's profile image through the Platform API", async () => {
    const ada = await run("apps.users.create", { email_address: ["ada@example.com"] }, prod);
    const withImage = await run("apps.users.profile-image.set", { user_id: ada.id, file: png }, prod);
    expect(withImage.image_url).not.toBe(ada.image_url);
    const without = await run("apps.users.profile-image.delete", { user_id: ada.id }, prod);
    expect(without).toMatchObject({ id: ada.id, has_image: false });
  });

  test("--dry-run shows an upload by name, type and size, and sends nothing", async () => {
    const logo = findAction("apps.logo.set") as AnyAction;
    const dry = context();
    const preview = {
      ...dry,
      platform: new ClerkTransport({ ...(dry.platform as ClerkTransport).options, dryRun: "mutations" }),
    };
    const stop = await logo.run(preview, { file: png }).catch((error: unknown) => error);
    expect(stop).toBeInstanceOf(DryRunStop);
    expect((stop as DryRunStop).request).toMatchObject({
      method: "POST",
      headers: { "content-type": expect.stringMatching(/^multipart\/form-data; boundary=/) },
      body: { file: "logo.png (image/png, 68 bytes)" },
    });
  });
});
