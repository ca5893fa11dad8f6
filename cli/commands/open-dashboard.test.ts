import { describe, expect, test } from "vitest";
import { useCliSandbox } from "../testing/cli-sandbox";
import { runCliOnTty } from "../testing/run-tty";

const { platform, platformEnv, sandbox } = useCliSandbox();
const SLOW = { timeout: 60_000 };

describe("clerk open [dashboard] [subpath], users open, orgs open (the official CLI's)", SLOW, () => {
  test("not on a terminal: prints the instance's Dashboard URL as a JSON descriptor, opens nothing", async () => {
    const app = sandbox.credentials.application_id;
    const result = await platform(["open", "dashboard", "users", "--app", app]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.json()).toEqual({
      url: `https://dashboard.clerk.com/apps/${app}/instances/${sandbox.credentials.development.instance_id}/users`,
      application_id: app,
      instance_id: sandbox.credentials.development.instance_id,
      opened: false,
    });
    const prod = await platform(["open", "dashboard", "--app", app, "--instance", "prod", "--print"]);
    expect(prod.json()).toMatchObject({
      url: `https://dashboard.clerk.com/apps/${app}/instances/${sandbox.credentials.production.instance_id}`,
    });
  });

  test("bare `clerk open [subpath]` is the Dashboard too, as in the official CLI", async () => {
    const app = sandbox.credentials.application_id;
    const instance = sandbox.credentials.development.instance_id;
    const bare = await platform(["open", "--app", app]);
    expect(bare.code, bare.stderr).toBe(0);
    expect(bare.json()).toMatchObject({ url: `https://dashboard.clerk.com/apps/${app}/instances/${instance}` });
    const keys = await platform(["open", "api-keys", "--app", app, "--print"]);
    expect(keys.json()).toMatchObject({
      url: `https://dashboard.clerk.com/apps/${app}/instances/${instance}/api-keys`,
    });
  });

  test("users open / orgs open: the Dashboard page of one; agent mode needs the id", async () => {
    const app = sandbox.credentials.application_id;
    const base = `https://dashboard.clerk.com/apps/${app}/instances/${sandbox.credentials.development.instance_id}`;
    const user = await platform(["users", "open", "user_2x9k", "--app", app]);
    expect(user.code, user.stderr).toBe(0);
    expect(user.json()).toMatchObject({ url: `${base}/users/user_2x9k`, opened: false });
    const org = await platform(["orgs", "open", "org_2x9k", "--app", app, "--print", "--mode", "agent"]);
    expect(org.json()).toMatchObject({ url: `${base}/organizations/org_2x9k` });
    const missing = await platform(["users", "open", "--mode", "agent"]);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stderr).error).toMatchObject({
      code: "usage_error",
      message: "clerk users open needs the user id",
    });
  });

  test("bare users open on a terminal lets you pick the user", async () => {
    const app = sandbox.credentials.application_id;
    const created = await sandbox.bapi("POST", "/users", { email_address: ["pick@example.com"] });
    const user = ((await created.json()) as { id: string }).id;
    const tty = runCliOnTty(["users", "open", "--app", app, "--print"], { env: platformEnv() });
    await tty.waitFor("User to open");
    await tty.waitFor("pick@example.com");
    tty.type("\r");
    const done = await tty.done;
    expect(done.code, done.output).toBe(0);
    expect(done.output).toContain(
      `https://dashboard.clerk.com/apps/${app}/instances/${sandbox.credentials.development.instance_id}/users/${user}`,
    );
  });

  test("without Platform API access it says how to get it (exit 1)", async () => {
    const result = await platform(["open", "dashboard", "--app", sandbox.credentials.application_id], {
      env: { CLERK_PLATFORM_API_KEY: undefined, CLERK_SECRET_KEY: sandbox.secretKey },
    });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stderr).error).toMatchObject({ code: "platform_access_missing" });
  });
});
