import { describe, expect, test } from "vitest";
import { useSandbox } from "../testing/harness";
import { platformClient } from "./test-client";

const sandbox = useSandbox();
const platform = platformClient(sandbox);

interface Accountless {
  application_id: string;
  publishable_key: string;
  secret_key: string;
  claim_token: string;
}

describe("Platform API accountless application claim", () => {
  test("a claim token brings the accountless application into the workspace, once", async () => {
    const accountless = (await sandbox.control("accountless_applications")) as Accountless;
    expect(accountless.secret_key).toMatch(/^sk_test_/);
    // Working keys before any claim (keyless mode), but outside the workspace.
    expect(
      (await sandbox.bapi("GET", "/users", undefined, { authorization: `Bearer ${accountless.secret_key}` })).status,
    ).toBe(200);
    const listed = await platform.json<{ application_id: string }[]>("GET", "/applications");
    expect(listed.map((app) => app.application_id)).not.toContain(accountless.application_id);
    await platform.error(404, "GET", `/applications/${accountless.application_id}`);

    const claimed = await platform.json("POST", "/accountless_applications/claim", {
      token: accountless.claim_token,
      name: "My keyless app",
    });
    expect(claimed).toEqual({
      application_id: accountless.application_id,
      name: "My keyless app",
      instances: [
        {
          instance_id: expect.stringMatching(/^ins_/),
          environment_type: "development",
          publishable_key: accountless.publishable_key,
        },
      ],
    });
    expect(await platform.json("GET", `/applications/${accountless.application_id}`)).toEqual(claimed);

    const again = await platform.error(404, "POST", "/accountless_applications/claim", {
      token: accountless.claim_token,
      name: "Again",
    });
    expect(again?.code).toBe("resource_not_found");
  });

  test("validation", async () => {
    const { claim_token: token } = (await sandbox.control("accountless_applications")) as Accountless;
    expect((await platform.error(422, "POST", "/accountless_applications/claim", { token }))?.meta?.param_name).toBe(
      "name",
    );
    const long = await platform.error(422, "POST", "/accountless_applications/claim", { token, name: "x".repeat(51) });
    expect(long?.meta?.param_name).toBe("name");
    const extra = await platform.error(422, "POST", "/accountless_applications/claim", {
      token,
      name: "x",
      plan: "pro",
    });
    expect(extra?.long_message).toContain("plan");
    await platform.error(404, "POST", "/accountless_applications/claim", { token: "wrong", name: "x" });
  });
});
