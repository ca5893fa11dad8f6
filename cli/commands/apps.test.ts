import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { useCliSandbox } from "../testing/cli-sandbox";

// Resetting keeps applications (only their data goes): the tests below build on each other.
const { clerk, platform, sandbox } = useCliSandbox({ resetEachTest: false });
/** Many CLI runs per test: allow for a loaded machine. */
const SLOW = { timeout: 60_000 };

interface AppJson {
  application_id: string;
  name: string;
  instances: { instance_id: string; environment_type: string; secret_key?: string }[];
}

const errorOf = (stderr: string) => JSON.parse(stderr).error;

describe("clerk apps (Platform API)", SLOW, () => {
  test("list: the sandbox's application with its instances, as a table, JSON and YAML; no secret keys", async () => {
    const { application_id, development, production } = sandbox.credentials;
    const json = await platform(["apps", "list", "--json"]);
    expect(json.code, json.stderr).toBe(0);
    expect(json.stderr).toBe("");
    expect(json.json()).toEqual([
      {
        application_id,
        name: "Sandbox",
        instances: [
          expect.objectContaining({ instance_id: development.instance_id, environment_type: "development" }),
          expect.objectContaining({ instance_id: production.instance_id, environment_type: "production" }),
        ],
      },
    ]);
    expect(json.stdout).not.toMatch(/sk_(test|live)_/);

    const table = await platform(["apps", "list", "-o", "table"]);
    expect(table.stdout).toMatch(/^ID\s+NAME\s+INSTANCES/);
    expect(table.stdout).toContain(`${application_id}  Sandbox  development ${development.instance_id}`);

    const yaml = await platform(["apps", "list", "-o", "yaml"]);
    expect(yaml.stdout).toMatch(new RegExp(`^- application_id: ${application_id}\n  name: Sandbox\n`));
  });

  test("create: --dry-run shows the POST without sending it, then the application is created once", async () => {
    const dry = await platform([
      "apps",
      "create",
      "--name",
      "Shop",
      "--environment-types",
      "development",
      "--environment-types",
      "production",
      "--dry-run",
      "--json",
    ]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.json()).toEqual({
      method: "POST",
      url: `${sandbox.url}/v1/platform/applications`,
      headers: expect.objectContaining({ authorization: "Bearer …", "content-type": "application/json" }),
      body: { name: "Shop", environment_types: ["development", "production"] },
    });
    expect(dry.stdout).not.toContain(sandbox.credentials.platform_api_key);
    expect((await platform(["apps", "list", "--json"])).json<AppJson[]>()).toHaveLength(1);

    const created = await platform([
      "apps",
      "create",
      "--name",
      "Shop",
      "--environment-types",
      "development",
      "--environment-types",
      "production",
      "--json",
    ]);
    expect(created.code, created.stderr).toBe(0);
    const app = created.json<AppJson>();
    expect(app.application_id).toMatch(/^app_/);
    expect(app.name).toBe("Shop");
    expect(app.instances.map((i) => i.environment_type).sort()).toEqual(["development", "production"]);

    const table = await platform(["apps", "create", "--name", "Blog", "-o", "table"]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^ID\s+NAME\s+INSTANCES\s*\napp_\w+\s+Blog\s+development ins_\w+\s*$/);

    // The official CLI's positional name (`clerk apps create "My App"`).
    const positional = await platform(["apps", "create", "My App", "--json"]);
    expect(positional.code, positional.stderr).toBe(0);
    expect(positional.json<AppJson>().name).toBe("My App");

    const names = (await platform(["apps", "list", "--json"])).json<AppJson[]>().map((a) => a.name);
    expect(names.sort()).toEqual(["Blog", "My App", "Sandbox", "Shop"]);
  });

  test("with several applications, --app picks one; without it the command names the choices", async () => {
    const apps = (await platform(["apps", "list", "--json"])).json<AppJson[]>();
    expect(apps.length).toBeGreaterThan(1);
    const shop = apps.find((a) => a.name === "Shop") as AppJson;

    const ambiguous = await platform(["config", "pull", "--keys", "session"]);
    expect(ambiguous.code).toBe(1);
    expect(errorOf(ambiguous.stderr)).toMatchObject({ code: "application_ambiguous" });
    expect(errorOf(ambiguous.stderr).hint).toContain(`${shop.application_id} (Shop)`);

    const chosen = await platform(["config", "pull", "--keys", "session", "--app", shop.application_id, "--json"]);
    expect(chosen.code, chosen.stderr).toBe(0);
    expect(chosen.json()).toMatchObject({ config_version: "1", session: { lifetime_seconds: 604800 } });

    // Backend API commands fetch the chosen app's instance key from the Platform API.
    const users = await platform(["users", "count", "--json"]);
    expect(users.code).toBe(2);
    expect(errorOf(users.stderr).hint).toContain("--app");
    const count = await platform(["users", "count", "--app", shop.application_id, "--instance", "prod", "--json"]);
    expect(count.code, count.stderr).toBe(0);
    expect(count.json()).toEqual({ object: "total_count", total_count: 0 });
  });

  test("failures: no Platform access, a bad key, a missing name, an unknown application", async () => {
    const noAccess = await clerk(["apps", "list"]);
    expect(noAccess.code).toBe(1);
    expect(errorOf(noAccess.stderr)).toMatchObject({ code: "platform_access_missing" });
    expect(errorOf(noAccess.stderr).hint).toContain("CLERK_PLATFORM_API_KEY");

    const badKey = await platform(["apps", "list"], { env: { CLERK_PLATFORM_API_KEY: "ak_wrongwrongwrongwrong" } });
    expect(badKey.code).toBe(1);
    expect(errorOf(badKey.stderr)).toMatchObject({ status: 401 });

    const missing = await platform(["apps", "create"]);
    expect(missing.code).toBe(2);
    expect(errorOf(missing.stderr).message).toBe("missing argument <name>");

    const badEnv = await platform(["apps", "create", "--name", "X", "--environment-types", "staging"]);
    expect(badEnv.code).toBe(2);
    expect(errorOf(badEnv.stderr).message).toContain("--environment-types");

    const unknown = await platform(["config", "pull", "--app", "app_missing"]);
    expect(unknown.code).toBe(1);
    expect(errorOf(unknown.stderr)).toMatchObject({ status: 404, code: "resource_not_found" });
  });

  test("logo set: the image goes over HTTP as multipart; rotate-keys needs --yes off a terminal", async () => {
    const { application_id } = sandbox.credentials;
    const png = join(mkdtempSync(join(tmpdir(), "clerk-logo-")), "logo.png");
    writeFileSync(
      png,
      Buffer.from(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
        "base64",
      ),
    );
    const logo = await platform(["apps", "logo", "set", png, "--app", application_id, "--json"]);
    expect(logo.code, logo.stderr).toBe(0);
    expect(logo.json()).toMatchObject({ application_id });
    // Removing it is disruptive (another upload puts one back): off a terminal it needs --yes.
    expect((await platform(["apps", "logo", "delete", "--app", application_id, "--json"])).code).toBe(2);
    expect((await platform(["apps", "logo", "delete", "--app", application_id, "--yes", "--json"])).code).toBe(0);

    const refused = await platform(["apps", "rotate-keys", "--app", application_id, "--instance", "dev"]);
    expect(refused.code).toBe(2);
    expect(errorOf(refused.stderr)).toMatchObject({
      message: expect.stringMatching(/^Rotate .*It cannot be undone\. Refusing without confirmation\.$/),
      hint: expect.stringContaining("--yes"),
    });
    const shop = await platform(["apps", "create", "--name", "Keys", "--json"]);
    const shopId = (shop.json() as AppJson).application_id;
    const rotated = await platform(["apps", "rotate-keys", "--app", shopId, "--instance", "dev", "--yes", "--json"]);
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.json()).toMatchObject({
      application_id: shopId,
      instances: [{ environment_type: "development", secret_key: expect.stringMatching(/^sk_test_/) }],
    });
  });
});
