import { describe, expect, test } from "vitest";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";
import { ActionInputError } from "../errors";

const { run, all, sandbox } = useActionSandbox();

async function enableDomains() {
  const response = await sandbox.bapi("PATCH", "/instance/organization_settings", {
    domains_enabled: true,
    domains_enrollment_modes: ["automatic_invitation", "automatic_suggestion"],
  });
  expect(response.status).toBe(200);
}

describe("orgs domains actions", () => {
  test("create, list per organization and across them, update, verify, delete", async () => {
    await enableDomains();
    const acme = await run("orgs.create", { name: "Acme", slug: "acme" });
    const beta = await run("orgs.create", { name: "Beta", slug: "beta" });
    const acmeCom = await run("orgs.domains.create", {
      organization_id: "acme",
      name: "acme.com",
      enrollment_mode: "automatic_invitation",
      verified: false,
    });
    expect(acmeCom).toMatchObject({
      object: "organization_domain",
      organization_id: acme.id,
      name: "acme.com",
      enrollment_mode: "automatic_invitation",
    });
    expect(acmeCom.id).toMatch(/^orgdmn_/);
    await run("orgs.domains.create", {
      organization_id: beta.id,
      name: "beta.io",
      enrollment_mode: "automatic_suggestion",
    });

    expect(await run("orgs.domains.list", { organization_id: "acme" })).toMatchObject({
      total_count: 1,
      data: [{ id: acmeCom.id }],
    });
    expect(await run("orgs.domains.list", {})).toMatchObject({ total_count: 2 });
    expect(await run("orgs.domains.list", { query: "beta" })).toMatchObject({
      total_count: 1,
      data: [{ name: "beta.io" }],
    });
    expect(await run("orgs.domains.list", { enrollment_mode: ["automatic_suggestion"] })).toMatchObject({
      total_count: 1,
      data: [{ organization_id: beta.id }],
    });
    expect(await all("orgs.domains.list", { organization_id: acme.id })).toHaveLength(1);

    const updated = await run("orgs.domains.update", {
      organization_id: acme.id,
      domain_id: acmeCom.id,
      enrollment_mode: "automatic_suggestion",
    });
    expect(updated.enrollment_mode).toBe("automatic_suggestion");

    expect(acmeCom.ownership_verification?.status).not.toBe("verified");
    const verified = await run("orgs.domains.verify", { organization_id: acme.id, domain_id: acmeCom.id });
    expect(verified.ownership_verification?.status).toBe("verified");

    expect(await run("orgs.domains.delete", { organization_id: acme.id, domain_id: acmeCom.id })).toMatchObject({
      id: acmeCom.id,
      deleted: true,
    });
    expect(await run("orgs.domains.list", {})).toMatchObject({ total_count: 1 });
  });

  test("--query with one organization is a usage error; Clerk's refusal when domains are off", async () => {
    await expect(run("orgs.domains.list", { organization_id: "acme", query: "x" })).rejects.toBeInstanceOf(
      ActionInputError,
    );
    const org = await run("orgs.create", { name: "Acme" });
    await expect(
      run("orgs.domains.create", {
        organization_id: org.id,
        name: "acme.com",
        enrollment_mode: "automatic_invitation",
      }),
    ).rejects.toMatchObject({ status: 403 });
  });
});
