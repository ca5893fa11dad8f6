import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { useSandbox } from "../sandbox/testing/harness";
import type { PanelServer } from "./app";
import { createSandboxPanel } from "./testing/sandbox-panel";

/** Bad input reaches the panel's API as 4xx answers in its error shape, never as a 500. */
const sandbox = useSandbox({ resetEachTest: false });
let panel: PanelServer;
let port: number;
let cookie: string;

beforeAll(async () => {
  panel = createSandboxPanel(sandbox, {
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

  test("dev and prod name instances here as they do in the CLI", async () => {
    const { application } = (
      await panel.app.inject({ method: "GET", url: "/api/info", headers: { host: `127.0.0.1:${port}`, cookie } })
    ).json();
    for (const [instance, environment] of [
      ["dev", "development"],
      ["prod", "production"],
      ["Development", "development"],
    ]) {
      const answer = await post("/api/target", { application_id: application.id, instance });
      expect(answer.statusCode, instance).toBe(200);
      expect(answer.json().instance.environment_type).toBe(environment);
    }
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
    // Positionals that are free text, not ids: any value is valid (`clerk apps create "My App"`).
    const freeText = new Set(["apps.create name"]);
    let cases = 0;
    for (const action of actions) {
      for (const field of action.positionals) {
        for (const bad of ["\ud800", ".."]) {
          const answer = await post(`/api/actions/${action.id}`, { [field]: bad });
          cases++;
          expect(answer.statusCode, `${action.id} ${field}=${JSON.stringify(bad)}`).toBeLessThan(500);
          if (freeText.has(`${action.id} ${field}`)) continue;
          expect(answer.statusCode, `${action.id} ${field}=${JSON.stringify(bad)}`).not.toBe(200);
        }
      }
    }
    expect(cases).toBeGreaterThan(30);
  });
});

describe("tokens never reach the browser", () => {
  /** Any credential shape in a panel answer (what the secret scan also refuses). */
  const CREDENTIAL =
    /mt_(?![0-9a-f]{32}\b)[A-Za-z0-9]{16,}|eyJ[\w-]{8,}\.eyJ|ticket=|ak_(?![0-9a-f]{32}\b)[A-Za-z0-9]{16,}/;

  test("impersonate answers the actor token without its JWT and sign-in URL, with a note", async () => {
    const user = (await post("/api/actions/users.create", { email_address: ["impersonated@example.com"] })).json();
    const answer = await post("/api/actions/impersonate?view=table", { user: user.output.id });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.body).not.toMatch(CREDENTIAL);
    const { output, withheld, table } = answer.json();
    expect(output).toMatchObject({ object: "actor_token", id: expect.stringMatching(/^act_/), status: "pending" });
    expect(output).not.toHaveProperty("token");
    expect(output).not.toHaveProperty("url");
    expect(withheld.fields.sort()).toEqual(["token", "url"]);
    expect(withheld.message).toContain("The change was made");
    expect(withheld.hint).toContain("CLI");
    expect(table.rows[0]).toMatchObject({ id: output.id, url: "" });
  });

  test("m2m: the new machine's secret key and a new M2M token (opaque or JWT) are withheld with a note", async () => {
    const machine = await post("/api/actions/m2m.machines.create", { name: "withheld-worker" });
    expect(machine.statusCode, machine.body).toBe(200);
    expect(machine.body).not.toMatch(CREDENTIAL);
    expect(machine.json().withheld.fields).toEqual(["secret_key"]);
    const machineId = machine.json().output.id as string;
    for (const format of ["opaque", "jwt"]) {
      const token = await post("/api/actions/m2m.tokens.create", { machine_id: machineId, format });
      expect(token.statusCode, token.body).toBe(200);
      expect(token.body).not.toMatch(CREDENTIAL);
      expect(token.json().output).toMatchObject({ object: "machine_to_machine_token", subject: machineId });
      expect(token.json().output.id).toMatch(/^mt_[0-9a-f]{32}$/);
      expect(token.json().withheld.fields).toEqual(["token"]);
    }
    // Listing tokens shows their ids (mt_ and 32 hex digits), which are not secrets.
    const list = await post("/api/actions/m2m.tokens.list", { machine_id: machineId });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().withheld).toBeUndefined();
  });

  test("invitations: their sign-in ticket URLs are withheld from the list and the create answer", async () => {
    const created = await post("/api/actions/invitations.create", { email_address: "invited@example.com" });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.body).not.toMatch(CREDENTIAL);
    expect(created.json().withheld.fields).toEqual(["url"]);
    const list = await post("/api/actions/invitations.list", {});
    expect(list.statusCode, list.body).toBe(200);
    expect(list.body).not.toMatch(CREDENTIAL);
    expect(list.json().output.data.length).toBeGreaterThan(0);
  });
});
