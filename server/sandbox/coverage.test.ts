import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type RunningSandbox, startSandbox } from "./server";
import { loadSpec } from "./testing/contract";

/**
 * Every operation of Clerk's Backend API and Platform API documents must have a route in the
 * sandbox (issue 16). A new version of either document that adds operations fails this test
 * until the sandbox routes them.
 */
const METHODS = ["get", "post", "put", "patch", "delete"] as const;

interface Operation {
  spec: "bapi" | "platform";
  method: string;
  path: string;
}

function operations(): Operation[] {
  const found: Operation[] = [];
  for (const spec of ["bapi", "platform"] as const) {
    const paths = loadSpec(spec).paths as Record<string, Record<string, unknown>>;
    for (const [path, item] of Object.entries(paths)) {
      for (const method of METHODS) if (item[method]) found.push({ spec, method: method.toUpperCase(), path });
    }
  }
  return found;
}

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox?.close());

/** Whether the sandbox routes the operation: any answer but its "No route matches" 404. */
async function routed({ spec, method, path }: Operation): Promise<boolean> {
  const concrete = path.replace(/\{[^}]+\}/g, "probe_0");
  const key = spec === "bapi" ? sandbox.credentials.development.secret_key : sandbox.credentials.platform_api_key;
  const response = await sandbox.app.inject({
    method: method as "GET",
    url: `/v1${concrete}`,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    ...(method === "GET" || method === "DELETE" ? {} : { payload: "{}" }),
  });
  return !(response.statusCode === 404 && response.body.includes("No route matches"));
}

describe("the sandbox's coverage of Clerk's API documents", () => {
  test("every documented operation has a route", async () => {
    const all = operations();
    const missing: string[] = [];
    for (const operation of all) {
      if (!(await routed(operation))) missing.push(`${operation.spec} ${operation.method} ${operation.path}`);
    }
    const routedCount = (spec: string) =>
      all.filter((op) => op.spec === spec).length - missing.filter((op) => op.startsWith(`${spec} `)).length;
    const total = (spec: string) => all.filter((op) => op.spec === spec).length;
    console.info(
      `Sandbox coverage: Backend API ${routedCount("bapi")}/${total("bapi")}, ` +
        `Platform API ${routedCount("platform")}/${total("platform")} operations routed`,
    );
    expect(missing, "documented operations without a route").toEqual([]);
  });
});
