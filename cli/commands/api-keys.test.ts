import { describe, expect, test } from "vitest";
import { useCliSandbox } from "../testing/cli-sandbox";

const { clerk, sandbox } = useCliSandbox();

interface ApiKeyJson {
  id: string;
  name: string;
  subject: string;
  scopes: string[];
  secret?: string;
  revoked: boolean;
  revocation_reason: string | null;
}

async function createUser(email: string): Promise<string> {
  const result = await clerk(["users", "create", "--email-address", email, "--json"]);
  expect(result.code, result.stderr).toBe(0);
  return result.json<{ id: string }>().id;
}

async function createKey(subject: string, name: string, ...flags: string[]): Promise<ApiKeyJson> {
  const result = await clerk(["api-keys", "create", "--name", name, "--subject", subject, ...flags, "--json"]);
  expect(result.code, result.stderr).toBe(0);
  return result.json<ApiKeyJson>();
}

describe("clerk api-keys", () => {
  test("create prints the secret with --json and masks it in tables; --debug never logs it", async () => {
    const user = await createUser("keys@example.com");
    const key = await createKey(user, "ci-deploy", "--scope", "read", "--scope", "deploy", "--claims", '{"env":"ci"}');
    expect(key).toMatchObject({ object: "api_key", name: "ci-deploy", subject: user, scopes: ["read", "deploy"] });
    expect(key.secret).toMatch(/^ak_[A-Za-z0-9]{40}$/);
    // The secret is real: Clerk's verify endpoint accepts it.
    const verified = await sandbox.bapi("POST", "/api_keys/verify", { secret: key.secret });
    expect(verified.status).toBe(200);

    const table = await clerk(["api-keys", "create", "--name", "table-key", "--subject", user, "--debug"]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/ID\s+NAME\s+SUBJECT\s+SCOPES\s+STATUS/);
    expect(table.stdout).toMatch(/SECRET/);
    expect(table.stdout).toMatch(/ak_…[A-Za-z0-9]{4}/);
    expect(table.stdout).toContain("add --json");
    const listed = await sandbox.bapi("GET", `/api_keys?subject=${user}`);
    const tableKey = ((await listed.json()) as { data: ApiKeyJson[] }).data.find((k) => k.name === "table-key");
    const secret = (
      (await (await sandbox.bapi("GET", `/api_keys/${tableKey?.id}/secret`)).json()) as { secret: string }
    ).secret;
    expect(table.stdout).not.toContain(secret);
    expect(table.stderr).toContain("[debug] → POST");
    expect(table.stderr).not.toContain(secret);
    expect(table.stderr).not.toContain(sandbox.secretKey);
  });

  test("list a subject's keys; revoked ones only with --include-invalid; --all streams", async () => {
    const user = await createUser("lister@example.com");
    const first = await createKey(user, "first-key");
    const second = await createKey(user, "second-key");
    const list = await clerk(["api-keys", "list", "--subject", user, "--json"]);
    expect(list.code, list.stderr).toBe(0);
    const page = list.json<{ data: ApiKeyJson[]; total_count: number }>();
    expect(page.total_count).toBe(2);
    expect(page.data.map((k) => k.id).sort()).toEqual([first.id, second.id].sort());
    expect(page.data.every((k) => k.secret === undefined)).toBe(true);

    const table = await clerk(["api-keys", "list", "--subject", user]);
    expect(table.stdout).toContain("2 of 2 API keys");
    expect(table.stdout).not.toContain(first.secret);

    const revoke = await clerk(["api-keys", "revoke", first.id, "--reason", "rotated", "--yes", "--json"]);
    expect(revoke.code, revoke.stderr).toBe(0);
    expect(revoke.json()).toMatchObject({ id: first.id, revoked: true, revocation_reason: "rotated" });
    const valid = await clerk(["api-keys", "list", "--subject", user, "--json"]);
    expect(valid.json<{ data: ApiKeyJson[] }>().data.map((k) => k.id)).toEqual([second.id]);
    const everything = await clerk(["api-keys", "list", "--subject", user, "--include-invalid", "--all", "--json"]);
    expect(everything.code, everything.stderr).toBe(0);
    expect(
      everything
        .json<ApiKeyJson[]>()
        .map((k) => k.id)
        .sort(),
    ).toEqual([first.id, second.id].sort());
    // Clerk's Backend API lists one subject's keys (GET /api_keys requires `subject`), so the Go
    // CLI's bare `apikeys list` is a usage error naming the option.
    const bare = await clerk(["apikeys", "list", "--json"]);
    expect(bare.code).toBe(2);
    expect(JSON.parse(bare.stderr)).toMatchObject({
      error: { message: "missing option --subject", code: "usage_error" },
    });
  });

  test("get, and get --show-secret (printed only with --json)", async () => {
    const user = await createUser("getter@example.com");
    const key = await createKey(user, "get-me");
    const got = await clerk(["api-keys", "get", key.id, "--json"]);
    expect(got.code, got.stderr).toBe(0);
    expect(got.json()).toMatchObject({ id: key.id, name: "get-me" });
    expect(got.json()).not.toHaveProperty("secret");
    const withSecret = await clerk(["api-keys", "get", key.id, "--show-secret", "--json"]);
    expect(withSecret.json()).toMatchObject({ id: key.id, secret: key.secret });
    const masked = await clerk(["api-keys", "get", key.id, "--show-secret"]);
    expect(masked.code).toBe(0);
    expect(masked.stdout).toContain(key.id);
    expect(masked.stdout).not.toContain(key.secret);
  });

  test("revoke confirms when not interactive, previews with --dry-run, and the key stops verifying", async () => {
    const user = await createUser("revoker@example.com");
    const key = await createKey(user, "revoke-me");
    const refused = await clerk(["api-keys", "revoke", key.id]);
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stderr).error.hint).toContain("--yes");
    const dry = await clerk(["api-keys", "revoke", key.id, "--dry-run", "--json"]);
    expect(dry.code).toBe(0);
    expect(dry.json()).toMatchObject({ method: "POST", url: `${sandbox.apiUrl}/api_keys/${key.id}/revoke` });
    expect((await sandbox.bapi("POST", "/api_keys/verify", { secret: key.secret })).status).toBe(200);

    const revoked = await clerk(["api-keys", "revoke", key.id, "--yes"]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toMatch(/revoked/);
    const verify = await sandbox.bapi("POST", "/api_keys/verify", { secret: key.secret });
    expect(verify.status).toBe(404);
  });

  test("usage and Clerk errors", async () => {
    const noSubject = await clerk(["api-keys", "list"]);
    expect(noSubject.code).toBe(2);
    expect(JSON.parse(noSubject.stderr).error.message).toContain("--subject");
    const badSubject = await clerk(["api-keys", "create", "--name", "x-key", "--subject", "bob"]);
    expect(badSubject.code).toBe(2);
    expect(JSON.parse(badSubject.stderr).error.message).toContain("--subject");
    const tooMany = await clerk(["api-keys", "list", "--subject", "user_x", "--limit", "101"]);
    expect(tooMany.code).toBe(2);
    const missing = await clerk(["api-keys", "get", "ak_00000000000000000000000000000000"]);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stderr).error).toMatchObject({ status: 404, code: "resource_not_found" });
    const unknownSubject = await clerk([
      "api-keys",
      "create",
      "--name",
      "orphan",
      "--subject",
      "user_2aaaaaaaaaaaaaaaaaaaaaaaaaa",
    ]);
    expect(unknownSubject.code).toBe(1);
    expect(JSON.parse(unknownSubject.stderr).error.status).toBe(404);
  });
});
