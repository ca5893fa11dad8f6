import { describe, expect, test } from "vitest";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";

const { run, sandbox } = useActionSandbox();

describe("admin-portal actions", () => {
  test("create a link token for an organization (token once), then revoke it", async () => {
    const org = (await (await sandbox.bapi("POST", "/organizations", { name: "Acme" })).json()) as { id: string };
    const link = await run("admin-portal.create-link", {
      organization_id: org.id,
      scope: ["sso"],
      expires_in_seconds: 600,
    });
    expect(link).toMatchObject({
      object: "admin_portal_link_token",
      organization_id: org.id,
      scopes: ["sso"],
      revoked: false,
      expired: false,
    });
    expect(link.token).toMatch(/^aplt_/);
    expect(link.expiration - link.created_at).toBe(600_000);

    const revoked = await run("admin-portal.revoke-link", { link_token_id: link.id, reason: "wrong contact" });
    expect(revoked).toMatchObject({ id: link.id, revoked: true, revocation_reason: "wrong contact" });
    expect(revoked.token).toBeUndefined();
  });

  test("an unknown organization or token is Clerk's error", async () => {
    await expect(
      run("admin-portal.create-link", { organization_id: "org_000000000000000000000000000" }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/Organization not found/) });
    await expect(
      run("admin-portal.revoke-link", { link_token_id: "aplt_00000000000000000000000000000000" }),
    ).rejects.toMatchObject({ status: 404 });
  });
});
