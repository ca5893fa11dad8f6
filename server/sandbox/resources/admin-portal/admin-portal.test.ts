import { describe, expect, test } from "vitest";
import { useSandbox } from "../../testing/harness";

const sandbox = useSandbox();

type Token = Record<string, unknown> & { id: string; token?: string; admin_portal_link_id: string };
type ErrorBody = { errors: { code: string; long_message: string }[] };

async function call<T = Token>(method: string, path: string, body?: unknown, status = 200): Promise<T> {
  const response = await sandbox.bapi(method, path, body);
  expect(response.status, `${method} ${path}: ${await response.clone().text()}`).toBe(status);
  return (await response.json()) as T;
}

describe("admin portal link tokens over HTTP", () => {
  test("create shows the token once; revoke keeps the first reason", async () => {
    await sandbox.control("clock", { now: Date.UTC(2025, 5, 1), freeze: true });
    const org = await call<{ id: string }>("POST", "/organizations", { name: "Acme" });
    const created = await call(
      "POST",
      "/admin_portal_link_tokens",
      {
        organization_id: org.id,
        it_contact_id: "it@acme.com",
        scopes: ["admin_portal:read"],
        seconds_until_expiration: 600,
      },
      201,
    );
    expect(created).toEqual({
      object: "admin_portal_link_token",
      id: expect.stringMatching(/^aplt_[0-9a-f]{32}$/),
      admin_portal_link_id: expect.stringMatching(/^apl_\w{27}$/),
      instance_id: expect.stringMatching(/^ins_/),
      organization_id: org.id,
      it_contact_id: "it@acme.com",
      scopes: ["admin_portal:read"],
      token: expect.stringMatching(/^aplt_/),
      revoked: false,
      revocation_reason: null,
      expired: false,
      expiration: Date.UTC(2025, 5, 1) + 600_000,
      created_at: Date.UTC(2025, 5, 1),
      updated_at: Date.UTC(2025, 5, 1),
    });
    const second = await call("POST", "/admin_portal_link_tokens", {}, 201);
    expect(second).toMatchObject({ organization_id: null, scopes: null, expiration: Date.UTC(2025, 5, 1) + 3_600_000 });
    expect(second.admin_portal_link_id).toBe(created.admin_portal_link_id);

    const bad = await call<ErrorBody>("POST", "/admin_portal_link_tokens", { seconds_until_expiration: 86401 }, 400);
    expect(bad.errors[0]?.code).toBe("bad_request");
    await call("POST", "/admin_portal_link_tokens", { organization_id: "org_2xhFjEI5X2qWRvtV13BzSj8H6Dk" }, 400);

    await sandbox.control("clock", { advance_ms: 1000 });
    const revoked = await call("POST", `/admin_portal_link_tokens/${created.id}/revoke`, { revocation_reason: "left" });
    expect(revoked).toMatchObject({
      revoked: true,
      revocation_reason: "left",
      updated_at: Date.UTC(2025, 5, 1) + 1000,
    });
    expect(revoked).not.toHaveProperty("token");
    const again = await call("POST", `/admin_portal_link_tokens/${created.id}/revoke`, { revocation_reason: "other" });
    expect(again.revocation_reason).toBe("left");
    await call("POST", "/admin_portal_link_tokens/aplt_00000000000000000000000000000000/revoke", {}, 404);
    await call("POST", "/admin_portal_link_tokens/nope/revoke", {}, 400);

    await sandbox.control("clock", { advance_ms: 600_000 });
    const expired = await call("POST", `/admin_portal_link_tokens/${created.id}/revoke`, {});
    expect(expired.expired).toBe(true);
    expect((await call("POST", `/admin_portal_link_tokens/${second.id}/revoke`, {})).expired).toBe(false);
  });
});
