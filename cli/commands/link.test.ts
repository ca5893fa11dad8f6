import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { useSandbox } from "../../server/sandbox/testing/harness";
import { runCli } from "../testing/run-cli";
import { runCliOnTty } from "../testing/tty";

const sandbox = useSandbox();
const SLOW = { timeout: 60_000 };

let project: string;
beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), "clerk-link-"));
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

const env = (extra: Record<string, string | undefined> = {}) => ({
  CLERK_API_URL: sandbox.url,
  CLERK_PLATFORM_API_KEY: sandbox.credentials.platform_api_key,
  CLERK_CONFIG_DIR: join(project, ".config"),
  ...extra,
});
const clerk = (args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}) =>
  runCli(args, { cwd: options.cwd ?? project, env: env(options.env) });
const linkFile = (dir = project) => JSON.parse(readFileSync(join(dir, ".clerk", "project.json"), "utf8"));
const errorOf = (stderr: string) => JSON.parse(stderr).error as { message: string; hint?: string };
const appId = () => sandbox.credentials.application_id;

describe("clerk link / unlink", SLOW, () => {
  test("link --app --instance writes .clerk/project.json, and commands here (and below) use it", async () => {
    const linked = await clerk(["link", "--app", appId(), "--instance", "prod", "--json"]);
    expect(linked.code, linked.stderr).toBe(0);
    expect(linked.json()).toMatchObject({
      file: join(project, ".clerk", "project.json"),
      app: appId(),
      verified: true,
    });
    expect(linkFile()).toEqual({ app: appId(), instance: "production", app_name: "Sandbox" });

    const sub = join(project, "packages", "web");
    mkdirSync(sub, { recursive: true });
    const settings = await clerk(["config", "list", "--json"], { cwd: sub });
    const { app, instance } = settings.json<{ settings: Record<string, { value: string; source: string }> }>().settings;
    expect(app).toMatchObject({ value: appId(), source: "project" });
    expect(instance).toMatchObject({ value: "production", source: "project" });
    expect(settings.json()).toMatchObject({ link_file: join(project, ".clerk", "project.json") });

    // With only a Platform key, the linked instance's secret key is used: the user lands in production.
    const created = await clerk(["users", "create", "--email-address", "prod@example.com", "--json"], { cwd: sub });
    expect(created.code, created.stderr).toBe(0);
    const inProduction = await fetch(`${sandbox.apiUrl}/users/count`, {
      headers: { authorization: `Bearer ${sandbox.credentials.production.secret_key}` },
    });
    expect(await inProduction.json()).toMatchObject({ total_count: 1 });
    expect(await (await sandbox.bapi("GET", "/users/count")).json()).toMatchObject({ total_count: 0 });

    // env pull follows the link too; a flag still wins over it.
    writeFileSync(join(project, "package.json"), JSON.stringify({ dependencies: { vite: "6" } }));
    expect((await clerk(["env", "pull"], { cwd: sub })).code).toBe(0);
    expect(parseEnv(readFileSync(join(project, ".env.local"), "utf8")).CLERK_SECRET_KEY).toBe(
      sandbox.credentials.production.secret_key,
    );
    const flagged = await clerk(["config", "list", "--json", "--instance", "dev"], { cwd: sub });
    expect(flagged.json<{ settings: { instance: { value: string } } }>().settings.instance.value).toBe("development");

    // Not on a terminal (agent mode), unlink needs --yes, as in the official CLI.
    const refused = await clerk(["unlink"], { cwd: sub });
    expect(refused.code).toBe(2);
    expect(errorOf(refused.stderr).hint).toContain("--yes");
    expect(linkFile().app).toBe(appId());
    const unlinked = await clerk(["unlink", "--yes"], { cwd: sub });
    expect(unlinked.code, unlinked.stderr).toBe(0);
    expect(unlinked.stdout).toContain(`Unlinked: removed ${join(project, ".clerk", "project.json")}`);
    const after = await clerk(["config", "list", "--json"], { cwd: sub });
    expect(after.json<{ settings: { instance: { source: string } } }>().settings.instance.source).toBe("default");
    const again = await clerk(["unlink", "--json"]);
    expect(again.code).toBe(0);
    expect(again.json()).toEqual({ unlinked: false });
  });

  test("unknown applications and instances are refused; scripts must pass --app", async () => {
    const unknownApp = await clerk(["link", "--app", "app_nope"]);
    expect(unknownApp.code).toBe(2);
    expect(errorOf(unknownApp.stderr).message).toBe("Application app_nope is not in your Clerk account.");
    const unknownInstance = await clerk(["link", "--app", appId(), "--instance", "ins_nope"]);
    expect(unknownInstance.code).toBe(2);
    expect(errorOf(unknownInstance.stderr).hint).toContain("production (");
    const noApp = await clerk(["link"]);
    expect(noApp.code).toBe(2);
    expect(errorOf(noApp.stderr).hint).toContain("--app");

    // Without Platform access the ids are stored as given, with a warning.
    const unchecked = await clerk(["link", "--app", "app_offline"], { env: { CLERK_PLATFORM_API_KEY: undefined } });
    expect(unchecked.code, unchecked.stderr).toBe(0);
    expect(unchecked.stderr).toContain("were not checked");
    expect(linkFile()).toEqual({ app: "app_offline", instance: "development" });
  });

  test("a broken link file is named in errors, and link / unlink repair it", async () => {
    mkdirSync(join(project, ".clerk"));
    writeFileSync(join(project, ".clerk", "project.json"), "{oops");
    const broken = await clerk(["users", "list"]);
    expect(broken.code).toBe(2);
    expect(errorOf(broken.stderr).message).toContain("project.json is not a valid project link");
    expect((await clerk(["link", "--app", appId()])).code).toBe(0);
    expect(linkFile()).toMatchObject({ app: appId(), instance: "development" });
    writeFileSync(join(project, ".clerk", "project.json"), "{oops");
    expect((await clerk(["unlink", "--yes"])).code).toBe(0);
    expect(() => readFileSync(join(project, ".clerk", "project.json"))).toThrow();
  });

  test("on a terminal, link with no --app lets you pick the application and the instance", async () => {
    const shop = await fetch(`${sandbox.url}/v1/platform/applications`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${sandbox.credentials.platform_api_key}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ name: "Shop" }),
    });
    const shopId = ((await shop.json()) as { application_id: string }).application_id;

    // The second application has one instance: no instance question.
    const pickShop = runCliOnTty(["link"], { cwd: project, env: env() });
    await pickShop.waitFor(/Application to link/);
    pickShop.type("\x1b[B\r");
    const shopLinked = await pickShop.exited;
    expect(shopLinked.code, shopLinked.output).toBe(0);
    expect(linkFile()).toEqual({ app: shopId, instance: "development", app_name: "Shop" });

    const pickSandbox = runCliOnTty(["link"], { cwd: project, env: env() });
    await pickSandbox.waitFor(/Application to link/);
    pickSandbox.type("\r");
    await pickSandbox.waitFor(/Instance/);
    pickSandbox.type("\x1b[B\r");
    const sandboxLinked = await pickSandbox.exited;
    expect(sandboxLinked.code, sandboxLinked.output).toBe(0);
    expect(sandboxLinked.output).toContain(`(was ${shopId}, development)`);
    expect(linkFile()).toEqual({ app: appId(), instance: "production", app_name: "Sandbox" });

    // On a terminal unlink asks; no keeps the link.
    const kept = runCliOnTty(["unlink"], { cwd: project, env: env() });
    await kept.waitFor(/Continue\?/);
    kept.type("n\r");
    expect((await kept.exited).code).toBe(1);
    expect(linkFile().app).toBe(appId());
    const removed = runCliOnTty(["unlink"], { cwd: project, env: env() });
    await removed.waitFor(/Continue\?/);
    removed.type("y\r");
    const unlinked = await removed.exited;
    expect(unlinked.code, unlinked.output).toBe(0);
    expect(unlinked.output).toContain("Unlinked: removed");
  });
});
