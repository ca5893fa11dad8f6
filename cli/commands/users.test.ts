import { describe, expect, test } from "vitest";
import { useCliSandbox } from "../testing/cli-sandbox";

const { clerk, sandbox } = useCliSandbox();
/** Many CLI runs per test: allow for a loaded machine. */
const SLOW = { timeout: 60_000 };

async function createUser(...args: string[]) {
  const result = await clerk(["users", "create", ...args, "--json"]);
  expect(result.code, result.stderr).toBe(0);
  return result.json<{ id: string; email_addresses: { id: string }[] }>();
}

describe("clerk users", SLOW, () => {
  test("create, get, list (filters, sort, paging), count", async () => {
    const ada = await createUser("--email-address", "ada@example.com", "--first-name", "Ada", "--username", "ada");
    await createUser("--email-address", "grace@example.com", "--first-name", "Grace", "--phone-number", "+15555550123");
    expect(ada.id).toMatch(/^user_/);

    const got = await clerk(["users", "get", ada.id, "--json"]);
    expect(got.json()).toMatchObject({ id: ada.id, username: "ada" });

    const list = await clerk(["users", "list", "--order-by", "+first_name", "--limit", "1", "--json"]);
    expect(list.json()).toMatchObject({ total_count: 2, data: [{ first_name: "Ada" }] });

    const byPhone = await clerk(["users", "list", "--phone-number", "+15555550123", "--json"]);
    expect(byPhone.json<{ data: { first_name: string }[] }>().data.map((u) => u.first_name)).toEqual(["Grace"]);

    // "@": a bare name could also match inside a random user id, which `query` searches too.
    const table = await clerk(["users", "list", "--query", "ada@", "-o", "table"]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/ID\s+EMAIL\s+NAME/);
    expect(table.stdout).toContain("ada@example.com");
    expect(table.stdout).toContain("1 of 1 users");

    const yaml = await clerk(["users", "count", "-o", "yaml"]);
    expect(yaml.stdout.trim()).toBe("object: total_count\ntotal_count: 2");
  });

  test("list --json carries hasMore, as the official CLI's {data, hasMore} (beside total_count)", async () => {
    for (const name of ["a", "b", "c"]) await createUser("--email-address", `${name}@example.com`);
    const first = await clerk(["users", "list", "--limit", "2", "--json"]);
    expect(first.json()).toMatchObject({ total_count: 3, hasMore: true });
    const last = await clerk(["users", "list", "--limit", "2", "--offset", "2", "--json"]);
    expect(last.json()).toMatchObject({ total_count: 3, hasMore: false, data: [{}] });
  });

  test("update, metadata merge and replace, ban/unban, lock/unlock, verify-password", async () => {
    const user = await createUser("--email-address", "m@example.com", "--password", "correct horse battery");
    const updated = await clerk(["users", "update", user.id, "--last-name", "Lovelace", "--json"]);
    expect(updated.json()).toMatchObject({ last_name: "Lovelace" });

    await clerk(["users", "metadata", user.id, "--public-metadata", '{"plan":"pro","seats":2}']);
    const merged = await clerk([
      "users",
      "metadata",
      user.id,
      "--public-metadata",
      '{"seats":null,"team":"a"}',
      "--json",
    ]);
    expect(merged.json()).toMatchObject({ public_metadata: { plan: "pro", team: "a" } });
    const replaced = await clerk(["users", "metadata", user.id, "--public-metadata", "{}", "--replace", "--json"]);
    expect(replaced.json()).toMatchObject({ public_metadata: {} });

    expect((await clerk(["users", "ban", user.id, "--json"])).json()).toMatchObject({ banned: true });
    expect((await clerk(["users", "list", "--banned", "--json"])).json()).toMatchObject({ total_count: 1 });
    expect((await clerk(["users", "unban", user.id, "--json"])).json()).toMatchObject({ banned: false });
    expect((await clerk(["users", "lock", user.id, "--json"])).json()).toMatchObject({ locked: true });
    expect((await clerk(["users", "unlock", user.id, "--json"])).json()).toMatchObject({ locked: false });

    const ok = await clerk(["users", "verify-password", user.id, "--password", "correct horse battery", "--json"]);
    expect(ok.json()).toEqual({ verified: true });
    const wrong = await clerk(["users", "verify-password", user.id, "--password", "nope nope nope"]);
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stderr).error).toMatchObject({ status: 422, param_name: "password" });
  });

  test("emails and phones add/remove", async () => {
    const user = await createUser("--email-address", "one@example.com");
    const added = await clerk(["users", "emails", "add", user.id, "--email-address", "two@example.com", "--json"]);
    expect(added.code, added.stderr).toBe(0);
    const emailId = added.json<{ id: string }>().id;
    const phone = await clerk(["users", "phones", "add", user.id, "--phone-number", "+15555550100", "--json"]);
    expect(phone.code, phone.stderr).toBe(0);
    const phoneId = phone.json<{ id: string }>().id;
    expect((await clerk(["users", "get", user.id, "--json"])).json()).toMatchObject({
      email_addresses: [{ email_address: "one@example.com" }, { email_address: "two@example.com" }],
      phone_numbers: [{ phone_number: "+15555550100" }],
    });
    expect((await clerk(["users", "emails", "remove", emailId, "--yes", "--json"])).json()).toMatchObject({
      deleted: true,
    });
    expect((await clerk(["users", "phones", "remove", phoneId, "--yes", "--json"])).json()).toMatchObject({
      deleted: true,
    });
  });

  test("delete needs confirmation when not interactive; --dry-run sends nothing", async () => {
    const user = await createUser("--email-address", "del@example.com");
    const refused = await clerk(["users", "delete", user.id]);
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stderr).error.hint).toContain("--yes");

    const dry = await clerk(["users", "delete", user.id, "--dry-run", "--json"]);
    expect(dry.code).toBe(0);
    expect(dry.json()).toMatchObject({ method: "DELETE", url: `${sandbox.apiUrl}/users/${user.id}` });
    expect(JSON.stringify(dry.json())).not.toContain(sandbox.secretKey);

    const deleted = await clerk(["users", "delete", user.id, "--yes", "--json"]);
    expect(deleted.json()).toEqual({ id: user.id, object: "user", deleted: true });
    expect((await clerk(["users", "get", user.id])).code).toBe(1);
  });

  test("--all streams every page", async () => {
    await sandbox.control("seed", { users: 1234 });
    const all = await clerk(["users", "list", "--all", "--json"]);
    expect(all.code, all.stderr).toBe(0);
    const users = all.json<{ id: string }[]>();
    expect(users).toHaveLength(1234);
    expect(new Set(users.map((u) => u.id)).size).toBe(1234);
  });

  test("usage errors exit 2 and name the fix", async () => {
    const unknown = await clerk(["users", "list", "--limt", "5"]);
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stderr).error.hint).toContain("--limit");
    const bad = await clerk(["users", "list", "--limit", "9999"]);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stderr).error.message).toContain("--limit");
    const missing = await clerk(["users", "get"]);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stderr).error.message).toBe("missing argument <user_id>");
    const json = await clerk(["users", "metadata", "user_x", "--public-metadata", "{nope"]);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stderr).error.message).toContain("--public-metadata");
    const command = await clerk(["users", "lsit"]);
    expect(command.code).toBe(2);
    expect(JSON.parse(command.stderr).error.hint).toContain("clerk users list");
  });

  test("Clerk errors: 401 bad key, 404, 422 with param_name, exit 1 with the trace id", async () => {
    const badKey = await clerk(["users", "list"], { env: { CLERK_SECRET_KEY: "sk_test_wrong" } });
    expect(badKey.code).toBe(1);
    expect(JSON.parse(badKey.stderr).error).toMatchObject({ status: 401, code: "clerk_key_invalid" });

    const notFound = await clerk(["users", "get", "user_missing"]);
    expect(notFound.code).toBe(1);
    expect(JSON.parse(notFound.stderr).error).toMatchObject({ status: 404, code: "resource_not_found" });
    expect(JSON.parse(notFound.stderr).error.clerk_trace_id).toMatch(/^[0-9a-f]{32}$/);

    await createUser("--email-address", "taken@example.com");
    const taken = await clerk(["users", "create", "--email-address", "taken@example.com"]);
    expect(taken.code).toBe(1);
    expect(JSON.parse(taken.stderr).error).toMatchObject({
      status: 422,
      code: "form_identifier_exists",
      param_name: "email_address",
    });
  });

  test("injected 429 and 500 are retried and recovered", async () => {
    await sandbox.control("faults", { kind: "429", count: 2, path_prefix: "/v1/users", retry_after_seconds: 0 });
    const afterLimit = await clerk(["users", "list", "--json"]);
    expect(afterLimit.code, afterLimit.stderr).toBe(0);
    await sandbox.control("faults", { kind: "500", count: 2, path_prefix: "/v1/users" });
    const afterError = await clerk(["users", "count", "--json"]);
    expect(afterError.code, afterError.stderr).toBe(0);
    expect(afterError.json()).toEqual({ object: "total_count", total_count: 0 });
    expect(await sandbox.control("faults", undefined, "GET")).toEqual({ faults: [] });
  });

  test("a create whose response is lost is not sent again", async () => {
    await sandbox.control("faults", { kind: "drop_after", count: 1, path_prefix: "/v1/users", method: "POST" });
    const lost = await clerk(["users", "create", "--email-address", "once@example.com"]);
    expect(lost.code).toBe(1);
    expect(JSON.parse(lost.stderr).error.code).toBe("network_error");
    const count = await clerk(["users", "count", "--query", "once@example.com", "--json"]);
    expect(count.json()).toEqual({ object: "total_count", total_count: 1 });
  });
});
