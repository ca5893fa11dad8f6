import { describe, expect, test } from "vitest";
import { expectJson, useSandbox } from "../../testing/harness";

const sandbox = useSandbox();

type ApiKey = {
  id: string;
  subject: string;
  name: string;
  secret?: string;
  scopes: string[];
  claims: unknown;
  revoked: boolean;
  revocation_reason: string | null;
  expired: boolean;
  expiration: number | null;
  last_used_at: number | null;
};
type Errors = { errors: { code: string; long_message: string }[] };

async function createUser(email: string): Promise<string> {
  return (await expectJson<{ id: string }>(await sandbox.bapi("POST", "/users", { email_address: [email] }))).id;
}

async function createKey(body: Record<string, unknown>): Promise<ApiKey> {
  await sandbox.control("clock", { advance_ms: 1 });
  return expectJson<ApiKey>(await sandbox.bapi("POST", "/api_keys", body));
}

describe("API keys over HTTP", () => {
  test("create shows the secret once; get and list never do", async () => {
    const user = await createUser("owner@example.com");
    const key = await createKey({ name: "ci-deploy", subject: user, scopes: ["deploy"], claims: { env: "prod" } });
    expect(key.id).toMatch(/^ak_[0-9a-f]{32}$/);
    expect(key.secret).toMatch(/^ak_[A-Za-z0-9]{40}$/);
    expect(key).toMatchObject({
      object: "api_key",
      type: "api_key",
      subject: user,
      scopes: ["deploy"],
      claims: { env: "prod" },
      revoked: false,
      expired: false,
      expiration: null,
      description: null,
    });
    const got = await expectJson<ApiKey>(await sandbox.bapi("GET", `/api_keys/${key.id}`));
    expect(got).not.toHaveProperty("secret");
    expect(got.name).toBe("ci-deploy");
    // `api_key_…` is another spelling of the same id.
    await expectJson(await sandbox.bapi("GET", `/api_keys/${key.id.replace("ak_", "api_key_")}`));
    expect(await expectJson(await sandbox.bapi("GET", `/api_keys/${key.id}/secret`))).toEqual({ secret: key.secret });
  });

  test("list a subject's keys newest first; revoked and expired only with include_invalid", async () => {
    const user = await createUser("lister@example.com");
    const other = await createUser("other@example.com");
    const short = await createKey({ name: "short-lived", subject: user, seconds_until_expiration: 60 });
    const revoked = await createKey({ name: "old-key", subject: user });
    const live = await createKey({ name: "live-key", subject: user, description: "used by the app" });
    await createKey({ name: "not-mine", subject: other });

    const afterRevoke = await expectJson<ApiKey>(
      await sandbox.bapi("POST", `/api_keys/${revoked.id}/revoke`, { revocation_reason: "rotated" }),
    );
    expect(afterRevoke).toMatchObject({ revoked: true, revocation_reason: "rotated" });
    await sandbox.control("clock", { advance_ms: 61_000 });

    type List = { data: ApiKey[]; total_count: number };
    const valid = await expectJson<List>(await sandbox.bapi("GET", `/api_keys?subject=${user}`));
    expect(valid.total_count).toBe(1);
    expect(valid.data.map((k) => k.id)).toEqual([live.id]);
    const all = await expectJson<List>(await sandbox.bapi("GET", `/api_keys?subject=${user}&include_invalid=true`));
    expect(all.data.map((k) => k.id)).toEqual([live.id, revoked.id, short.id]);
    expect(all.data[2]?.expired).toBe(true);
    const paged = await expectJson<List>(
      await sandbox.bapi("GET", `/api_keys?subject=${user}&include_invalid=true&limit=1&offset=1`),
    );
    expect(paged).toMatchObject({ total_count: 3, data: [{ id: revoked.id }] });
    const searched = await expectJson<List>(
      await sandbox.bapi("GET", `/api_keys?subject=${user}&include_invalid=true&query=OLD`),
    );
    expect(searched.data.map((k) => k.id)).toEqual([revoked.id]);

    const noSubject = await expectJson<Errors>(await sandbox.bapi("GET", "/api_keys"), 400);
    expect(noSubject.errors[0]).toMatchObject({
      code: "bad_request",
      long_message: "Invalid 'query.subject': Required",
    });
    await expectJson(await sandbox.bapi("GET", `/api_keys?subject=${user}&limit=101`), 400);
  });

  test("verify accepts a live secret and refuses unknown, revoked and expired ones with 404", async () => {
    const user = await createUser("verify@example.com");
    const key = await createKey({ name: "verify-me", subject: user, seconds_until_expiration: 120 });
    const verified = await expectJson<ApiKey>(await sandbox.bapi("POST", "/api_keys/verify", { secret: key.secret }));
    expect(verified).toMatchObject({ id: key.id, subject: user });
    expect(verified).not.toHaveProperty("secret");
    expect(verified.last_used_at).toEqual(expect.any(Number));
    expect((await expectJson<ApiKey>(await sandbox.bapi("GET", `/api_keys/${key.id}`))).last_used_at).toBe(
      verified.last_used_at,
    );

    const unknown = await expectJson<Errors>(
      await sandbox.bapi("POST", "/api_keys/verify", { secret: "ak_unknown" }),
      404,
    );
    expect(unknown.errors[0]).toMatchObject({ code: "resource_not_found", long_message: "API key not found" });
    await sandbox.control("clock", { advance_ms: 121_000 });
    const expired = await expectJson<Errors>(
      await sandbox.bapi("POST", "/api_keys/verify", { secret: key.secret }),
      404,
    );
    expect(expired.errors[0]?.long_message).toBe("The API key has expired");

    const other = await createKey({ name: "revoke-me", subject: user });
    await expectJson(await sandbox.bapi("POST", `/api_keys/${other.id}/revoke`, {}));
    const revoked = await expectJson<Errors>(
      await sandbox.bapi("POST", "/api_keys/verify", { secret: other.secret }),
      404,
    );
    expect(revoked.errors[0]?.long_message).toBe("The API key has been revoked");
    await expectJson(await sandbox.bapi("POST", "/api_keys/verify", {}), 400);
  });

  test("validation, subjects that must exist, update and delete", async () => {
    const user = await createUser("edit@example.com");
    const bad = await expectJson<Errors>(await sandbox.bapi("POST", "/api_keys", { name: "ab", subject: user }), 400);
    expect(bad.errors[0]?.long_message).toMatch(/^Invalid 'body\.name': /);
    await expectJson(await sandbox.bapi("POST", "/api_keys", { name: "valid", subject: "user_nope" }), 400);
    await expectJson(await sandbox.bapi("POST", "/api_keys", { name: "valid", subject: user, colour: "red" }), 400);
    const missing = await expectJson<Errors>(
      await sandbox.bapi("POST", "/api_keys", { name: "valid", subject: "user_2aaaaaaaaaaaaaaaaaaaaaaaaaa" }),
      404,
    );
    expect(missing.errors[0]?.code).toBe("resource_not_found");
    const org = await expectJson<{ id: string }>(await sandbox.bapi("POST", "/organizations", { name: "Keyholders" }));
    const orgKey = await createKey({ name: "org-key", subject: org.id });
    expect(orgKey.subject).toBe(org.id);

    const updated = await expectJson<ApiKey>(
      await sandbox.bapi("PATCH", `/api_keys/${orgKey.id}`, { scopes: ["read"], seconds_until_expiration: 3600 }),
    );
    expect(updated.scopes).toEqual(["read"]);
    expect(updated.expiration).toEqual(expect.any(Number));
    expect(await expectJson(await sandbox.bapi("DELETE", `/api_keys/${orgKey.id}`))).toEqual({
      id: orgKey.id,
      object: "api_key",
      deleted: true,
    });
    await expectJson(await sandbox.bapi("GET", `/api_keys/${orgKey.id}`), 404);
    await expectJson(await sandbox.bapi("GET", "/api_keys/not-an-id"), 400);
  });

  test("the unversioned paths Clerk's SDKs call (`/api_keys`) are the same endpoints; others stay under /v1", async () => {
    const user = await createUser("sdk-path@example.com");
    const key = await createKey({ name: "sdk-path", subject: user });
    const headers = { authorization: `Bearer ${sandbox.secretKey}` };
    const unversioned = await expectJson<ApiKey>(await fetch(`${sandbox.url}/api_keys/${key.id}`, { headers }));
    expect(unversioned.id).toBe(key.id);
    const listed = await expectJson<{ total_count: number }>(
      await fetch(`${sandbox.url}/api_keys?subject=${user}`, { headers }),
    );
    expect(listed.total_count).toBe(1);
    await expectJson(await fetch(`${sandbox.url}/api_keys/${key.id}`), 401);
    await expectJson(await fetch(`${sandbox.url}/users`, { headers }), 404);
  });
});
