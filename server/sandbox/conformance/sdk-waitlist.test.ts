import { createClerkClient } from "@clerk/backend";
import { describe, expect, test } from "vitest";
import { useSandbox } from "../testing/harness";

const sandbox = useSandbox();

describe("@clerk/backend 3.x against the sandbox: redirect URLs and the waitlist", () => {
  const clerk = () => createClerkClient({ secretKey: sandbox.secretKey, apiUrl: sandbox.url });

  test("redirectUrls: create, list, get, delete", async () => {
    const client = clerk();
    const created = await client.redirectUrls.createRedirectUrl({ url: "my-app://oauth-callback" });
    expect(created.id).toMatch(/^ru_/);
    expect(created.url).toBe("my-app://oauth-callback");
    const list = await client.redirectUrls.getRedirectUrlList();
    expect(list.totalCount).toBe(1);
    expect(list.data.map((row) => row.id)).toEqual([created.id]);
    expect((await client.redirectUrls.getRedirectUrl(created.id)).url).toBe(created.url);
    await client.redirectUrls.deleteRedirectUrl(created.id);
    await expect(client.redirectUrls.getRedirectUrl(created.id)).rejects.toMatchObject({ status: 404 });
  });

  test("waitlistEntries: create, bulk, list with filters, invite, reject, delete", async () => {
    const client = clerk();
    const entry = await client.waitlistEntries.create({ emailAddress: "early@example.com", notify: false });
    expect(entry.status).toBe("pending");
    expect(entry.emailAddress).toBe("early@example.com");
    const bulk = await client.waitlistEntries.createBulk([
      { emailAddress: "a@example.com" },
      { emailAddress: "b@example.com" },
    ]);
    expect(bulk.map((row) => row.emailAddress)).toEqual(["a@example.com", "b@example.com"]);

    const invited = await client.waitlistEntries.invite(entry.id);
    expect(invited.status).toBe("invited");
    expect(invited.invitation?.status).toBe("pending");
    const sorted = await client.waitlistEntries.list({ orderBy: "+email_address", status: "pending" });
    expect(sorted.totalCount).toBe(2);
    expect(sorted.data.map((row) => row.emailAddress)).toEqual(["a@example.com", "b@example.com"]);
    expect((await client.waitlistEntries.list({ query: "early" })).data.map((row) => row.id)).toEqual([entry.id]);

    const [first, second] = bulk;
    expect((await client.waitlistEntries.reject(first?.id as string)).status).toBe("rejected");
    await client.waitlistEntries.delete(second?.id as string);
    await expect(client.waitlistEntries.delete(entry.id)).rejects.toMatchObject({ status: 400 });
    expect((await client.waitlistEntries.list()).totalCount).toBe(2);
  });
});
