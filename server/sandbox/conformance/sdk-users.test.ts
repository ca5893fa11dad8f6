import { createClerkClient as createClerkClientV3 } from "@clerk/backend";
import { createClerkClient as createClerkClientV1 } from "@clerk/backend-v1";
import { createClerkClient as createClerkClientV2 } from "@clerk/backend-v2";
import { describe, expect, test } from "vitest";
import { useSandbox } from "../testing/harness";

const sandbox = useSandbox();

const sdks = [
  ["@clerk/backend 3.x", createClerkClientV3],
  ["@clerk/backend 2.x", createClerkClientV2],
  ["@clerk/backend 1.x", createClerkClientV1],
] as const;

describe.each(sdks)("%s against the sandbox", (_name, createClerkClient) => {
  const clerk = () => createClerkClient({ secretKey: sandbox.secretKey, apiUrl: sandbox.url });

  test("users: create, list, filter, paginate, update, ban, delete", async () => {
    const client = clerk();
    const created = await client.users.createUser({
      emailAddress: ["sdk@example.com"],
      firstName: "Sdk",
      lastName: "User",
      password: "correct-horse-battery",
      publicMetadata: { plan: "pro" },
    });
    expect(created.id).toMatch(/^user_/);
    expect(created.primaryEmailAddress?.emailAddress).toBe("sdk@example.com");
    for (let i = 0; i < 4; i++) await client.users.createUser({ emailAddress: [`more${i}@example.com`] });

    const page = await client.users.getUserList({ limit: 2, offset: 0, orderBy: "+created_at" });
    expect(page.totalCount).toBe(5);
    expect(page.data).toHaveLength(2);
    expect(page.data[0]?.id).toBe(created.id);

    const filtered = await client.users.getUserList({ emailAddress: ["sdk@example.com"] });
    expect(filtered.data.map((u) => u.id)).toEqual([created.id]);
    expect(await client.users.getCount({ query: "more" })).toBe(4);

    const updated = await client.users.updateUser(created.id, { firstName: "Renamed" });
    expect(updated.firstName).toBe("Renamed");
    const merged = await client.users.updateUserMetadata(created.id, { publicMetadata: { seats: 3 } });
    expect(merged.publicMetadata).toEqual({ plan: "pro", seats: 3 });

    expect(
      (await client.users.verifyPassword({ userId: created.id, password: "correct-horse-battery" })).verified,
    ).toBe(true);

    const banned = await client.users.banUser(created.id);
    expect(banned.banned).toBe(true);
    expect((await client.users.unbanUser(created.id)).banned).toBe(false);
    expect((await client.users.lockUser(created.id)).locked).toBe(true);
    expect((await client.users.unlockUser(created.id)).locked).toBe(false);

    await client.users.deleteUser(created.id);
    await expect(client.users.getUser(created.id)).rejects.toMatchObject({
      status: 404,
      errors: [expect.objectContaining({ code: "resource_not_found" })],
      clerkTraceId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
  });

  test("errors surface as the SDK's typed errors with code and param name", async () => {
    const client = clerk();
    await client.users.createUser({ emailAddress: ["taken@example.com"] });
    await expect(client.users.createUser({ emailAddress: ["taken@example.com"] })).rejects.toMatchObject({
      status: 422,
      errors: [
        expect.objectContaining({
          code: "form_identifier_exists",
          meta: expect.objectContaining({ paramName: "email_address" }),
        }),
      ],
    });
    const wrongKey = createClerkClient({ secretKey: "sk_test_wrong", apiUrl: sandbox.url });
    await expect(wrongKey.users.getUserList()).rejects.toMatchObject({ status: 401 });
  });
});
