import { describe, expect, test } from "vitest";
import { useSandbox } from "../testing/harness";
import { platformClient } from "./test-client";

const sandbox = useSandbox();
const platform = platformClient(sandbox);

describe("Platform API instance JWT templates", () => {
  const templates = (env = "development") =>
    `/applications/${sandbox.credentials.application_id}/instances/${env}/jwt_templates`;

  test("create, list, get, update, delete: the Backend API's templates", async () => {
    const created = await platform.json("POST", templates(), {
      name: "api",
      claims: { aud: "https://api.example.com" },
    });
    expect(created).toMatchObject({ object: "jwt_template", name: "api", lifetime: 60, allowed_clock_skew: 5 });

    // One table, two APIs: the Backend API lists the template, and the reverse.
    const viaBapi = await (await sandbox.bapi("GET", `/jwt_templates/${created.id}`)).json();
    expect(viaBapi).toEqual(created);
    await sandbox.bapi("POST", "/jwt_templates", { name: "from-bapi", claims: {} });
    const listed = await platform.json("GET", templates(sandbox.credentials.development.instance_id));
    expect(listed.map((t: { name: string }) => t.name)).toEqual(["from-bapi", "api"]);

    expect(await platform.json("GET", `${templates()}/${created.id}`)).toEqual(created);
    const updated = await platform.json("PATCH", `${templates()}/${created.id}`, {
      name: "api",
      claims: { aud: "https://other.example.com" },
      lifetime: 300,
    });
    expect(updated).toMatchObject({ id: created.id, lifetime: 300, claims: { aud: "https://other.example.com" } });

    const deleted = await platform.json("DELETE", `${templates()}/${created.id}`);
    expect(deleted).toEqual({ object: "jwt_template", id: created.id, deleted: true });
    await platform.error(404, "GET", `${templates()}/${created.id}`);
    expect((await sandbox.bapi("GET", `/jwt_templates/${created.id}`)).status).toBe(404);
  });

  test("the Backend API's validation; templates are per instance", async () => {
    const reserved = await platform.error(400, "POST", templates(), { name: "a", claims: { sub: "x" } });
    expect(reserved).toMatchObject({ code: "jwt_template_reserved_claim", meta: { param_name: "claims" } });
    const short = await platform.error(422, "POST", templates(), { name: "a", claims: {}, lifetime: 10 });
    expect(short?.meta?.param_name).toBe("lifetime");
    const missing = await platform.error(422, "POST", templates(), { name: "a" });
    expect(missing?.meta?.param_name).toBe("claims");

    const dev = await platform.json("POST", templates(), { name: "dev-only", claims: {} });
    expect(await platform.json("GET", templates("production"))).toEqual([]);
    await platform.error(404, "GET", `${templates("production")}/${dev.id}`);
    await platform.error(404, "PATCH", `${templates("production")}/${dev.id}`, { name: "x", claims: {} });
    await platform.error(404, "DELETE", `${templates("production")}/${dev.id}`);
    await platform.error(404, "GET", templates("staging"));
  });
});
