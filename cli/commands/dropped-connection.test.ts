import { describe, expect, test } from "vitest";
import { useCliSandbox } from "../testing/cli-sandbox";

/**
 * Issue 13, item 13: the sandbox's `drop_after` fault lets a request run (and commit) and then
 * drops the connection before the answer, as a flaky network does. The CLI must not claim it
 * could not reach Clerk when the change may well have been made, and a retried delete that
 * finds the record gone has succeeded.
 */
const { clerk, sandbox } = useCliSandbox();
const SLOW = { timeout: 60_000 };

async function createUser(email: string): Promise<string> {
  const created = await clerk(["users", "create", "--email-address", email, "--json"]);
  expect(created.code, created.stderr).toBe(0);
  return created.json<{ id: string }>().id;
}

describe("a connection dropped after the request was sent", SLOW, () => {
  test("users create: says the user may have been created and how to check, not 'could not reach'", async () => {
    await sandbox.control("faults", { kind: "drop_after", count: 1, path_prefix: "/v1/users", method: "POST" });
    const lost = await clerk(["users", "create", "--email-address", "maybe@example.com"]);
    expect(lost.code).toBe(1);
    const { error } = JSON.parse(lost.stderr);
    expect(error).toMatchObject({
      code: "network_error",
      outcome: "unknown",
      check: "clerk users list --query maybe@example.com",
      hint: "Check whether it was made before trying again: `clerk users list --query maybe@example.com`.",
    });
    expect(error.message).toMatch(
      /^The connection to http:\/\/127\.0\.0\.1:\d+ dropped after POST \/v1\/users was sent \(.+\): the change may have been made$/,
    );
    expect(error.message).not.toContain("Could not reach");

    // The suggested check works: it was made, once.
    const check = await clerk(["users", "list", "--query", "maybe@example.com", "--json"]);
    expect(check.json()).toMatchObject({
      total_count: 1,
      data: [{ email_addresses: [{ email_address: "maybe@example.com" }] }],
    });
  });

  test("a connection refused before anything was sent still says it could not reach the server", async () => {
    const refused = await clerk(["users", "create", "--email-address", "never@example.com"], {
      env: { CLERK_API_URL: "http://127.0.0.1:9" },
    });
    expect(refused.code).toBe(1);
    const { error } = JSON.parse(refused.stderr);
    expect(error.message).toMatch(/^Could not reach http:\/\/127\.0\.0\.1:9/);
    expect(error).not.toHaveProperty("outcome");
    expect(error.hint).toContain("Check your network");
  });

  test("users delete retried after a lost answer finds it gone: already deleted, exit 0", async () => {
    const id = await createUser("gone@example.com");
    await sandbox.control("faults", { kind: "drop_after", count: 1, path_prefix: `/v1/users/${id}`, method: "DELETE" });
    const deleted = await clerk(["users", "delete", id, "--yes", "--json"]);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.json()).toEqual({ object: "user", id, deleted: true, already_deleted: true });
    expect(await sandbox.control("faults", undefined, "GET")).toEqual({ faults: [] });

    const again = await createUser("gone-too@example.com");
    await sandbox.control("faults", {
      kind: "drop_after",
      count: 1,
      path_prefix: `/v1/users/${again}`,
      method: "DELETE",
    });
    const table = await clerk(["users", "delete", again, "--yes"]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stderr).toContain(`${again} was already deleted: the first attempt did it, but its answer was lost.`);
    expect(table.stdout).toMatch(new RegExp(`${again}\\s+true`));

    const get = await clerk(["users", "get", again, "--json"]);
    expect(JSON.parse(get.stderr).error).toMatchObject({ status: 404 });
  });

  test("a delete of something that never existed is still 'not found' (exit 1)", async () => {
    const missing = await clerk(["users", "delete", "user_missing", "--yes", "--json"]);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stderr).error).toMatchObject({ status: 404, code: "resource_not_found" });
  });
});
