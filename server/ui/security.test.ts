import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sessionsList } from "../../shared/actions/sessions/actions";
import { useSandbox } from "../sandbox/testing/harness";
import type { PanelServer } from "./app";
import { CONTENT_SECURITY_POLICY, cookieName } from "./security";
import { createSandboxPanel } from "./testing/sandbox-panel";

const sandbox = useSandbox({ resetEachTest: false });
let panel: PanelServer;
let port: number;
let cookie: string;
const staticDir = mkdtempSync(join(tmpdir(), "panel-static-"));
writeFileSync(join(staticDir, "index.html"), "<!doctype html><title>panel</title>");
writeFileSync(join(staticDir, "app.js"), "console.log('panel')");

beforeAll(async () => {
  panel = createSandboxPanel(sandbox, {
    staticDir,
    controlToken: "control-token-for-tests-0123456789",
  });
  port = await panel.listen(0);
  const launch = await fetch(panel.launchUrl(), { redirect: "manual" });
  cookie = (launch.headers.get("set-cookie") ?? "").split(";")[0] as string;
});
afterAll(() => panel.close());

const host = () => `127.0.0.1:${port}`;
const inject = (options: InjectOptions) =>
  panel.app.inject({ ...options, headers: { host: host(), cookie, ...(options.headers as Record<string, string>) } });
const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  inject({
    method: "POST",
    url,
    payload: JSON.stringify(body),
    headers: { "content-type": "application/json", "x-clerk-ui": "1", ...headers },
  });

describe("the panel server's security", () => {
  test("binds to 127.0.0.1 only", () => {
    const address = panel.app.server.address();
    expect(typeof address === "object" && address?.address).toBe("127.0.0.1");
  });

  test("the launch code sets an HttpOnly SameSite=Strict cookie named per port, redirects, and works once", async () => {
    const url = panel.launchUrl("/users/user_1");
    const first = await fetch(url, { redirect: "manual" });
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe("/users/user_1");
    const setCookie = first.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(new RegExp(`^${cookieName(port)}=`));
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Strict");
    const again = await fetch(url, { redirect: "manual" });
    expect(again.status).toBe(403);
    expect(again.headers.get("set-cookie")).toBeNull();
  });

  test("a foreign Host (DNS rebinding) is refused", async () => {
    const response = await inject({ method: "GET", url: "/api/info", headers: { host: `evil.example:${port}` } });
    expect(response.statusCode).toBe(421);
    const other = await inject({ method: "GET", url: "/api/info", headers: { host: "127.0.0.1:1" } });
    expect(other.statusCode).toBe(421);
  });

  test("a wrong Origin or a cross-site fetch is refused on every route", async () => {
    for (const url of ["/api/info", "/", "/app.js"]) {
      expect((await inject({ method: "GET", url, headers: { origin: "https://evil.example" } })).statusCode).toBe(403);
      expect(
        (await inject({ method: "GET", url, headers: { "sec-fetch-site": "cross-site", "sec-fetch-mode": "cors" } }))
          .statusCode,
      ).toBe(403);
      expect(
        (await inject({ method: "GET", url, headers: { "sec-fetch-site": "same-site", "sec-fetch-mode": "cors" } }))
          .statusCode,
      ).toBe(403);
    }
    const posted = await post("/api/actions/users.list", {}, { origin: "http://127.0.0.1:9999" });
    expect(posted.statusCode).toBe(403);
  });

  test("no session cookie: no data", async () => {
    const response = await panel.app.inject({ method: "GET", url: "/api/info", headers: { host: host() } });
    expect(response.statusCode).toBe(401);
    const page = await panel.app.inject({ method: "GET", url: "/", headers: { host: host() } });
    expect(page.statusCode).toBe(401);
    expect(page.body).not.toContain("app.js");
  });

  test("state changes need application/json and the custom header (forms and text/plain fail)", async () => {
    const form = await inject({
      method: "POST",
      url: "/api/actions/users.list",
      payload: "limit=1",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.statusCode).toBe(415);
    const text = await inject({
      method: "POST",
      url: "/api/actions/users.list",
      payload: "{}",
      headers: { "content-type": "text/plain" },
    });
    expect(text.statusCode).toBe(415);
    const noHeader = await inject({
      method: "POST",
      url: "/api/actions/users.list",
      payload: "{}",
      headers: { "content-type": "application/json" },
    });
    expect(noHeader.statusCode).toBe(403);
    expect((await post("/api/actions/users.list", { limit: 1 })).statusCode).toBe(200);
  });

  test("strict headers everywhere, no CORS, no-store on the API", async () => {
    const api = await inject({ method: "GET", url: "/api/info" });
    expect(api.headers["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain("unsafe-inline");
    expect(api.headers["x-content-type-options"]).toBe("nosniff");
    expect(api.headers["referrer-policy"]).toBe("no-referrer");
    expect(api.headers["cache-control"]).toBe("no-store");
    const preflight = await inject({
      method: "OPTIONS",
      url: "/api/actions/users.list",
      headers: { "access-control-request-method": "POST" },
    });
    for (const response of [api, preflight]) {
      expect(Object.keys(response.headers).filter((h) => h.startsWith("access-control-"))).toEqual([]);
    }
  });

  test("static files only from the panel folder", async () => {
    expect((await inject({ method: "GET", url: "/app.js" })).statusCode).toBe(200);
    for (const url of ["/../package.json", "/%2e%2e/package.json", "/..%2fpackage.json"]) {
      const response = await inject({ method: "GET", url });
      expect(response.body).not.toContain('"dependencies"');
    }
  });

  test("routes exist only for catalog actions: no open pass-through", async () => {
    expect((await post("/api/actions/users.list/../../v1/users", {})).statusCode).not.toBe(200);
    expect((await post("/api/proxy/v1/users", {})).statusCode).toBe(404);
    expect((await post("/api/actions/nope", {})).statusCode).toBe(404);
  });

  test("irreversible actions need the name people know typed; disruptive ones a yes naming whom", async () => {
    const user = await post("/api/actions/users.create", {
      email_address: ["confirm@example.com"],
      first_name: "Ada",
      last_name: "Lovelace",
    });
    const id = user.json().output.id as string;
    const refused = await post("/api/actions/users.delete", { user_id: id });
    expect(refused.statusCode).toBe(428);
    expect(refused.json().error).toMatchObject({
      code: "confirmation_required",
      stakes: "irreversible",
      question: "Delete Ada Lovelace (confirm@example.com)? It cannot be undone.",
      subject: { label: "Ada Lovelace", name_to_type: "confirm@example.com", id },
      confirm: "confirm@example.com",
    });
    // The id is not the name people know: it confirms nothing.
    for (const wrong of ["user_other", id]) {
      const answer = await post("/api/actions/users.delete", { user_id: id }, { "x-clerk-confirm": wrong });
      expect(answer.statusCode).toBe(428);
    }

    const ban = await post("/api/actions/users.ban", { user_id: id });
    expect(ban.statusCode).toBe(428);
    expect(ban.json().error).toMatchObject({
      stakes: "disruptive",
      question: "Ban Ada Lovelace (confirm@example.com)?",
      confirm: id,
    });
    expect((await post("/api/actions/users.ban", { user_id: id }, { "x-clerk-confirm": id })).statusCode).toBe(200);
    // Lifting the ban asks nothing.
    expect((await post("/api/actions/users.unban", { user_id: id })).statusCode).toBe(200);

    const confirmed = await post(
      "/api/actions/users.delete",
      { user_id: id },
      { "x-clerk-confirm": encodeURIComponent("confirm@example.com") },
    );
    expect(confirmed.statusCode).toBe(200);
  });

  test("Clerk's errors reach the panel with code, message, param name and trace id", async () => {
    await post("/api/actions/users.create", { email_address: ["dupe@example.com"] });
    const duplicate = await post("/api/actions/users.create", { email_address: ["dupe@example.com"] });
    expect(duplicate.statusCode).toBe(422);
    expect(duplicate.json().error).toMatchObject({
      code: "form_identifier_exists",
      param_name: "email_address",
      clerk_trace_id: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    const invalid = await post("/api/actions/users.list", { limit: 9999 });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error).toMatchObject({ code: "invalid_input", param_name: "limit" });
  });

  test("no response contains a secret key, the platform key or a token", async () => {
    const bodies = [
      (await inject({ method: "GET", url: "/api/info" })).body,
      (await inject({ method: "GET", url: "/api/catalog" })).body,
      (await post("/api/actions/users.list", {})).body,
      (await post("/api/actions/apps.list", {})).body,
      (await post("/api/actions/apps.list?view=table", {})).body,
      (await post("/api/actions/config.pull", {})).body,
    ];
    const secrets = [
      sandbox.credentials.development.secret_key,
      sandbox.credentials.production.secret_key,
      sandbox.credentials.platform_api_key,
    ];
    for (const body of bodies) {
      // An API key's id (ak_ and 32 hex digits, in the catalog's examples) is not a secret.
      expect(body).not.toMatch(/sk_(test|live)_|ak_(?![0-9a-f]{32}\b)[A-Za-z0-9]{16}/);
      for (const secret of secrets) expect(body).not.toContain(secret);
    }
  });

  test("the control endpoint needs its token and mints working launch links", async () => {
    const denied = await panel.app.inject({
      method: "POST",
      url: "/__control/launch",
      headers: { host: host(), "content-type": "application/json" },
      payload: "{}",
    });
    expect(denied.statusCode).toBe(401);
    const granted = await panel.app.inject({
      method: "POST",
      url: "/__control/launch",
      headers: {
        host: host(),
        "content-type": "application/json",
        authorization: "Bearer control-token-for-tests-0123456789",
      },
      payload: JSON.stringify({ path: "/orgs" }),
    });
    const { launch_url } = granted.json() as { launch_url: string };
    const opened = await fetch(launch_url, { redirect: "manual" });
    expect(opened.status).toBe(303);
    expect(opened.headers.get("location")).toBe("/orgs");
  });
});

describe("the action routes for the generic screens", () => {
  test("?view=table adds the rows and footer the CLI's table prints; the catalog has its columns", async () => {
    const user = await post("/api/actions/users.create", { email_address: ["table.view@example.com"] });
    const userId = user.json().output.id as string;
    for (let i = 0; i < 2; i++) expect((await sandbox.bapi("POST", "/sessions", { user_id: userId })).status).toBe(200);

    const answer = (await post("/api/actions/sessions.list?view=table", { user_id: userId })).json();
    const view = sessionsList.table as Required<NonNullable<typeof sessionsList.table>>;
    expect(answer.table).toEqual({ rows: view.rows(answer.output), footer: view.footer(answer.output) });
    expect(answer.table.rows).toHaveLength(2);
    expect(answer.table.rows[0]).toMatchObject({ user: userId, status: "active" });
    const described = (await inject({ method: "GET", url: "/api/catalog" })).json().actions as {
      id: string;
      table: unknown;
    }[];
    expect(described.find((a) => a.id === "sessions.list")?.table).toEqual({ columns: view.columns });
    expect(described.find((a) => a.id === "config.schema")?.table).toBeNull();

    // Without the parameter, or for an action without a table view, the answer is the output alone.
    expect(Object.keys((await post("/api/actions/sessions.list", { user_id: userId })).json())).toEqual(["output"]);
    expect(Object.keys((await post("/api/actions/config.schema?view=table", {})).json())).toEqual(["output"]);
  });
});
