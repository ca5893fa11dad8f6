import { describe, expect, test } from "vitest";
import { expectJson, useSandbox } from "../testing/harness";

const sandbox = useSandbox();

type Errors = { errors: { code: string }[] };

function dashboardKey(url: string): { appId: string; oneTimeToken: string } {
  expect(url).toMatch(/^https:\/\/app\.svix\.com\/login#key=/);
  return JSON.parse(Buffer.from(url.split("#key=")[1] ?? "", "base64url").toString("utf8"));
}

describe("the instance's Svix app over HTTP", () => {
  test("create, dashboard URL, delete", async () => {
    const none = await expectJson<Errors>(await sandbox.bapi("POST", "/webhooks/svix_url"), 400);
    expect(none.errors[0]?.code).toBe("svix_app_missing");

    const created = await expectJson<{ svix_url: string }>(await sandbox.bapi("POST", "/webhooks/svix"));
    const app = dashboardKey(created.svix_url);
    const twice = await expectJson<Errors>(await sandbox.bapi("POST", "/webhooks/svix"), 400);
    expect(twice.errors[0]?.code).toBe("svix_app_exists");

    const url = await expectJson<{ svix_url: string }>(await sandbox.bapi("POST", "/webhooks/svix_url"));
    const fresh = dashboardKey(url.svix_url);
    expect(fresh.appId).toBe(app.appId);
    expect(fresh.oneTimeToken).not.toBe(app.oneTimeToken);

    const production = { authorization: `Bearer ${sandbox.credentials.production.secret_key}` };
    await expectJson(await sandbox.bapi("POST", "/webhooks/svix_url", undefined, production), 400);

    const deleted = await sandbox.bapi("DELETE", "/webhooks/svix");
    expect(deleted.status).toBe(204);
    await expectJson(await sandbox.bapi("DELETE", "/webhooks/svix"), 400);
    await expectJson(await sandbox.bapi("POST", "/webhooks/svix_url"), 400);
  });
});
