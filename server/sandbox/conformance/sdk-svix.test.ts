import { createClerkClient as createClerkClientV3 } from "@clerk/backend";
import { createClerkClient as createClerkClientV2 } from "@clerk/backend-v2";
import { describe, expect, test } from "vitest";
import { useSandbox } from "../testing/harness";

const sandbox = useSandbox();

const sdks = [
  ["@clerk/backend 3.x", createClerkClientV3],
  ["@clerk/backend 2.x", createClerkClientV2],
] as const;

describe.each(sdks)("%s webhooks' Svix app against the sandbox", (_name, createClerkClient) => {
  test("createSvixApp, generateSvixAuthURL, deleteSvixApp", async () => {
    const clerk = createClerkClient({ secretKey: sandbox.secretKey, apiUrl: sandbox.url });
    const created = JSON.stringify(await clerk.webhooks.createSvixApp());
    expect(created).toContain("https://app.svix.com/login#key=");
    const url = JSON.stringify(await clerk.webhooks.generateSvixAuthURL());
    expect(url).toContain("https://app.svix.com/login#key=");
    await clerk.webhooks.deleteSvixApp();
    await expect(clerk.webhooks.generateSvixAuthURL()).rejects.toMatchObject({ status: 400 });
  });
});
