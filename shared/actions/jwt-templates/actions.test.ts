import { describe, expect, test } from "vitest";
import { ZodError } from "zod";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";

const { run, all } = useActionSandbox();

describe("jwt-templates actions", () => {
  test("create with claims and settings, get, list with paging and the --all stream", async () => {
    const convex = await run("jwt-templates.create", {
      name: "convex",
      claims: '{"aud":"convex","name":"{{user.full_name}}"}',
      lifetime: 300,
      allowed_clock_skew: 10,
    });
    expect(convex).toMatchObject({
      name: "convex",
      claims: { aud: "convex", name: "{{user.full_name}}" },
      lifetime: 300,
      allowed_clock_skew: 10,
      custom_signing_key: false,
    });
    await run("jwt-templates.create", { name: "api" });
    expect(await run("jwt-templates.get", { template_id: convex.id })).toEqual(convex);
    expect(await run("jwt-templates.list", { limit: 1 })).toMatchObject({ total_count: 2, data: [{}] });
    expect((await run("jwt-templates.list", { limit: 1, offset: 1 })).data).toHaveLength(1);
    expect(await all("jwt-templates.list")).toHaveLength(2);
  });

  test("update keeps what is not given; a custom signing key and back; delete", async () => {
    const template = await run("jwt-templates.create", { name: "api", claims: { aud: "api" }, lifetime: 120 });
    const longer = await run("jwt-templates.update", { template_id: template.id, lifetime: 3600 });
    expect(longer).toMatchObject({ name: "api", claims: { aud: "api" }, lifetime: 3600 });
    const signed = await run("jwt-templates.update", {
      template_id: template.id,
      signing_algorithm: "HS256",
      signing_key: "a-shared-secret-of-enough-length",
    });
    expect(signed).toMatchObject({ custom_signing_key: true, signing_algorithm: "HS256", lifetime: 3600 });
    expect(await run("jwt-templates.update", { template_id: template.id, custom_signing_key: false })).toMatchObject({
      custom_signing_key: false,
    });
    expect(await run("jwt-templates.delete", { template_id: template.id })).toMatchObject({ deleted: true });
    await expect(run("jwt-templates.get", { template_id: template.id })).rejects.toMatchObject({ status: 404 });
  });

  test("jwks lists the instance's public keys", async () => {
    const { keys } = await run("jwks.get", {});
    expect(keys.length).toBeGreaterThan(0);
    expect(keys[0]).toMatchObject({ kty: "RSA" });
  });

  test("input is validated by the action's schema", async () => {
    await expect(run("jwt-templates.create", { name: "x", lifetime: 10 })).rejects.toBeInstanceOf(ZodError);
    await expect(run("jwt-templates.create", { name: "x", signing_key: "k" })).rejects.toThrow(
      /is needed with --signing-key/,
    );
    await expect(run("jwt-templates.create", { name: "x", signing_algorithm: "HS256" })).rejects.toThrow(
      /is needed with --signing-algorithm/,
    );
    await expect(run("jwt-templates.create", { name: "x", claims: "[]" })).rejects.toThrow(/must be a JSON object/);
  });
});
