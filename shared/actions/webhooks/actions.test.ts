import { describe, expect, test } from "vitest";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";

const { run } = useActionSandbox();

function appIdOf(url: string): string {
  const key = new URL(url).hash.replace(/^#key=/, "");
  return (JSON.parse(Buffer.from(key, "base64url").toString()) as { appId: string }).appId;
}

describe("webhooks svix actions", () => {
  test("create the Svix app, get dashboard links to it, delete it", async () => {
    const created = await run("webhooks.svix.create", {});
    expect(created.svix_url).toMatch(/^https:\/\/app\.svix\.com\/login#key=/);
    const dashboard = await run("webhooks.svix.dashboard", {});
    expect(dashboard.svix_url).not.toBe(created.svix_url);
    expect(appIdOf(dashboard.svix_url)).toBe(appIdOf(created.svix_url));
    expect(await run("webhooks.svix.delete", {})).toEqual({ deleted: true });
  });

  test("Clerk's refusals: a second app, a dashboard or delete without one", async () => {
    await expect(run("webhooks.svix.dashboard", {})).rejects.toMatchObject({
      status: 400,
      errors: [{ code: "svix_app_missing" }],
    });
    await expect(run("webhooks.svix.delete", {})).rejects.toMatchObject({ errors: [{ code: "svix_app_missing" }] });
    await run("webhooks.svix.create", {});
    await expect(run("webhooks.svix.create", {})).rejects.toMatchObject({ errors: [{ code: "svix_app_exists" }] });
  });
});
