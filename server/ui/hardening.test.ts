import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { catalog } from "../../shared/actions/catalog";
import { useSandbox } from "../sandbox/testing/harness";
import { createPanelServer, type PanelServer } from "./app";
import { createPanelBackend } from "./panel-backend";

/** Bad input reaches the panel's API as 4xx answers in its error shape, never as a 500. */
const sandbox = useSandbox({ resetEachTest: false });
let panel: PanelServer;
let port: number;
let cookie: string;

beforeAll(async () => {
  const key = sandbox.credentials.platform_api_key;
  panel = createPanelServer({
    backend: createPanelBackend({
      apiUrl: sandbox.url,
      platformApiUrl: sandbox.url,
      sandbox: true,
      platformToken: async () => key,
      userAgent: "test",
    }),
    catalog,
    staticDir: mkdtempSync(join(tmpdir(), "panel-hardening-")),
  });
  port = await panel.listen(0);
  const launch = await fetch(panel.launchUrl(), { redirect: "manual" });
  cookie = (launch.headers.get("set-cookie") ?? "").split(";")[0] as string;
});
afterAll(() => panel.close());

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  panel.app.inject({
    method: "POST",
    url,
    payload: JSON.stringify(body),
    headers: { host: `127.0.0.1:${port}`, cookie, "content-type": "application/json", "x-clerk-ui": "1", ...headers },
  });

describe("POST /api/target", () => {
  test("a malformed body is a 400 invalid_input naming the field, not a 500 with zod's text", async () => {
    for (const body of [{ application_id: 5, instance: "development" }, {}, { application_id: "app_1" }]) {
      const answer = await post("/api/target", body);
      expect(answer.statusCode, JSON.stringify(body)).toBe(400);
      const { error } = answer.json();
      expect(error).toMatchObject({ status: 400, code: "invalid_input" });
      expect(error.message).not.toContain('"code"');
    }
    expect((await post("/api/target", { application_id: 5, instance: "x" })).json().error.param_name).toBe(
      "application_id",
    );
  });

  test("an unknown application or instance is a 400 target_not_found, and the target stays as it was", async () => {
    const before = (
      await panel.app.inject({ method: "GET", url: "/api/info", headers: { host: `127.0.0.1:${port}`, cookie } })
    ).json();
    const unknownApp = await post("/api/target", { application_id: "app_nope", instance: "development" });
    expect(unknownApp.statusCode).toBe(400);
    expect(unknownApp.json().error).toMatchObject({ status: 400, code: "target_not_found" });
    const unknownInstance = await post("/api/target", { application_id: before.application.id, instance: "ins_nope" });
    expect(unknownInstance.statusCode).toBe(400);
    expect(unknownInstance.json().error.code).toBe("target_not_found");
    const after = (
      await panel.app.inject({ method: "GET", url: "/api/info", headers: { host: `127.0.0.1:${port}`, cookie } })
    ).json();
    expect(after.application).toEqual(before.application);
    expect(after.instance).toEqual(before.instance);
    const back = await post("/api/target", { application_id: before.application.id, instance: "production" });
    expect(back.statusCode).toBe(200);
    expect(back.json().instance.environment_type).toBe("production");
  });
});

describe("ids are path segments", () => {
  const BAD_IDS = ["\ud800", "a\udc00b", "..", ".", ""];

  test("users.get with a lone surrogate, `..`, `.` or an empty id is a 400 naming the field, never sent upstream", async () => {
    for (const bad of BAD_IDS) {
      const answer = await post("/api/actions/users.get", { user_id: bad });
      expect(answer.statusCode, JSON.stringify(bad)).toBe(400);
      expect(answer.json().error).toMatchObject({ code: "invalid_input", param_name: "user_id" });
    }
  });

  test("m2m.machines.get-secret with `..` (was GET /v1/secret_key) is a 400", async () => {
    for (const bad of ["..", ".", "\ud800"]) {
      const answer = await post("/api/actions/m2m.machines.get-secret", { machine_id: bad });
      expect(answer.statusCode, JSON.stringify(bad)).toBe(400);
      expect(answer.json().error).toMatchObject({ code: "invalid_input", param_name: "machine_id" });
    }
  });

  test("no catalog action answers 500 for a malformed id in any of its positionals", async () => {
    const { actions } = (
      await panel.app.inject({ method: "GET", url: "/api/catalog", headers: { host: `127.0.0.1:${port}`, cookie } })
    ).json() as { actions: { id: string; positionals: string[] }[] };
    let cases = 0;
    for (const action of actions) {
      for (const field of action.positionals) {
        for (const bad of ["\ud800", ".."]) {
          const answer = await post(`/api/actions/${action.id}`, { [field]: bad });
          cases++;
          expect(answer.statusCode, `${action.id} ${field}=${JSON.stringify(bad)}`).toBeLessThan(500);
          expect(answer.statusCode, `${action.id} ${field}=${JSON.stringify(bad)}`).not.toBe(200);
        }
      }
    }
    expect(cases).toBeGreaterThan(30);
  });
});
