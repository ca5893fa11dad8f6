import { describe, expect, test } from "vitest";
import { useSandbox } from "../../server/sandbox/testing/harness";
import { ActionError, ActionInputError } from "../actions/errors";
import {
  backendBaseUrl,
  chooseApplication,
  fetchApplication,
  findInstance,
  normalizeInstance,
  parseInstance,
  resolveInstanceKey,
} from "./target";
import { ClerkTransport } from "./transport";

const sandbox = useSandbox();
const platform = () =>
  new ClerkTransport({
    baseUrl: `${sandbox.url}/v1/platform`,
    token: async () => sandbox.credentials.platform_api_key,
    userAgent: "test",
  });

/** The rejection of `promise`, which must fail. */
async function failure(promise: Promise<unknown>): Promise<ActionError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ActionError);
  return error as ActionError;
}

describe("instance spellings", () => {
  test.each([
    ["dev", "development"],
    ["DEV", "development"],
    ["development", "development"],
    ["prod", "production"],
    ["Production", "production"],
    ["ins_2abc", "ins_2abc"],
  ])("%s → %s", (spelling, instance) => {
    expect(normalizeInstance(spelling)).toBe(instance);
    expect(parseInstance(spelling, "--instance")).toBe(instance);
  });

  test("a bad spelling is an input error (exit 2) naming where it came from and the spellings", () => {
    expect(normalizeInstance("staging")).toBeUndefined();
    expect(() => parseInstance("staging", "CLERK_INSTANCE")).toThrow(ActionInputError);
    expect(() => parseInstance("staging", "CLERK_INSTANCE")).toThrow(
      'instance must be dev, development, prod, production or an ins_… id, not "staging" (CLERK_INSTANCE).',
    );
  });
});

describe("resolving a target against the sandbox's Platform API", () => {
  test("dev, prod, the long names and ins_ ids all resolve to the instance's Backend API key", async () => {
    const { application_id, application_name, development, production } = sandbox.credentials;
    for (const [instance, expected] of [
      ["dev", development],
      ["development", development],
      ["prod", production],
      ["production", production],
      [production.instance_id, production],
    ] as const) {
      const key = await resolveInstanceKey(platform(), { application: application_id, instance });
      expect(key).toEqual({
        secretKey: expected.secret_key,
        publishableKey: expected.publishable_key,
        applicationId: application_id,
        applicationName: application_name,
        instanceId: expected.instance_id,
        environment: expected.environment_type,
      });
      // The key reaches the instance it was resolved for.
      const self = await fetch(`${backendBaseUrl(sandbox.url)}/instance`, {
        headers: { authorization: `Bearer ${key.secretKey}` },
      });
      expect(((await self.json()) as { id: string }).id).toBe(expected.instance_id);
    }
  });

  test("without an application, the account's only one is used", async () => {
    expect(await chooseApplication(platform(), undefined)).toBe(sandbox.credentials.application_id);
    const key = await resolveInstanceKey(platform(), { instance: "dev" });
    expect(key.instanceId).toBe(sandbox.credentials.development.instance_id);
  });

  test("an unknown application or instance names the fix", async () => {
    const unknownApp = await failure(
      resolveInstanceKey(platform(), { application: "app_nope", applicationOrigin: "CLERK_APP", instance: "dev" }),
    );
    expect(unknownApp.message).toBe("Application app_nope (from CLERK_APP) is not in your Clerk account.");
    expect(unknownApp.hint).toContain("clerk apps list");
    expect(unknownApp).toBeInstanceOf(ActionInputError);
    expect(unknownApp.code).toBe("usage_error");

    const unknownInstance = await failure(
      resolveInstanceKey(platform(), { application: sandbox.credentials.application_id, instance: "ins_nope" }),
    );
    expect(unknownInstance).toBeInstanceOf(ActionInputError);
    expect(unknownInstance.message).toBe(`Application ${sandbox.credentials.application_id} has no instance ins_nope.`);
    expect(unknownInstance.hint).toContain(`production (${sandbox.credentials.production.instance_id})`);

    const badSpelling = await failure(resolveInstanceKey(platform(), { instance: "staging" }));
    expect(badSpelling).toBeInstanceOf(ActionInputError);
  });

  test("fetchApplication returns secret keys only when asked; findInstance takes every spelling", async () => {
    const id = sandbox.credentials.application_id;
    const bare = await fetchApplication(platform(), id);
    expect(bare.instances.every((i) => i.secret_key === undefined)).toBe(true);
    const withKeys = await fetchApplication(platform(), id, { secretKeys: true });
    expect(findInstance(withKeys, "prod")?.secret_key).toBe(sandbox.credentials.production.secret_key);
    expect(findInstance(withKeys, sandbox.credentials.development.instance_id)?.environment_type).toBe("development");
    expect(findInstance(withKeys, "ins_nope")).toBeUndefined();
  });

  test("several applications without a choice is an input error listing them", async () => {
    await platform().request({ method: "POST", path: "/applications", body: { name: "Second app" } });
    const ambiguous = await failure(chooseApplication(platform(), undefined));
    expect(ambiguous).toBeInstanceOf(ActionInputError);
    expect(ambiguous.message).toBe("Your Clerk account has 2 applications; choose one.");
    expect(ambiguous.hint).toContain(sandbox.credentials.application_id);
  });
});
