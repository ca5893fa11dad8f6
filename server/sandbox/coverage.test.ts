import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type RunningSandbox, startSandbox } from "./server";
import { loadSpec } from "./testing/contract";

/**
 * Every operation of Clerk's Backend API and Platform API documents must have a route in the
 * sandbox (issue 16). `coverage-missing.json` lists those that do not yet, each by
 * `METHOD path` as the document writes it; the list may only shrink: an operation that gains a
 * route must leave it (the test fails until it does), and one missing but not listed fails too.
 */
const MISSING_FILE = new URL("./coverage-missing.json", import.meta.url);
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
  test("every documented operation has a route, except the listed ones (a list that only shrinks)", async () => {
    const all = operations();
    const missing: string[] = [];
    for (const operation of all) {
      if (!(await routed(operation))) missing.push(`${operation.spec} ${operation.method} ${operation.path}`);
    }
    if (process.env.COVERAGE_RECORD) {
      writeFileSync(MISSING_FILE, `${JSON.stringify({ missing }, null, 2)}\n`);
    }
    const listed = (JSON.parse(readFileSync(MISSING_FILE, "utf8")) as { missing: string[] }).missing;
    const count = (spec: string, list: string[]) => list.filter((op) => op.startsWith(`${spec} `)).length;
    const total = (spec: string) => all.filter((op) => op.spec === spec).length;
    console.info(
      `Sandbox coverage: Backend API ${total("bapi") - count("bapi", missing)}/${total("bapi")}, ` +
        `Platform API ${total("platform") - count("platform", missing)}/${total("platform")} operations routed`,
    );
    expect(
      missing.filter((op) => !listed.includes(op)),
      "operations without a route, not listed",
    ).toEqual([]);
    expect(
      listed.filter((op) => !missing.includes(op)),
      "listed as missing but routed now: remove them",
    ).toEqual([]);
  });
});
