import { describe, expect, test } from "vitest";
import { useCliSandbox } from "../testing/cli-sandbox";

const { platform, sandbox } = useCliSandbox();
const SLOW = { timeout: 60_000 };

describe("clerk open dashboard [subpath] (the official CLI's `clerk open`)", SLOW, () => {
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

  test("without Platform API access it says how to get it (exit 1)", async () => {
    const result = await platform(["open", "dashboard", "--app", sandbox.credentials.application_id], {
      env: { CLERK_PLATFORM_API_KEY: undefined, CLERK_SECRET_KEY: sandbox.secretKey },
    });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stderr).error).toMatchObject({ code: "platform_access_missing" });
  });
});
