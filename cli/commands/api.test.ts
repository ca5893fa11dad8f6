import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, test } from "vitest";
import { parse as parseYaml } from "yaml";
import { type Endpoint, endpointsOf, OPENAPI_DOCUMENTS } from "../api/endpoints";
import { useCliSandbox } from "../testing/cli-sandbox";
import { CLI_BIN, runCli } from "../testing/run-cli";
import { runCliOnTty } from "../testing/run-tty";

const { clerk, sandbox, env } = useCliSandbox();
const SLOW = { timeout: 60_000 };
const scratch = mkdtempSync(join(tmpdir(), "clerk-api-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const errorOf = (stderr: string) => JSON.parse(stderr).error as { message: string; hint?: string; status?: number };
/** Only the Platform API key: the Backend API key is then fetched, as after `clerk auth login`. */
const platformOnly = () => ({
  CLERK_API_URL: sandbox.url,
  CLERK_SECRET_KEY: undefined,
  CLERK_PLATFORM_API_KEY: sandbox.credentials.platform_api_key,
});

/** Runs the CLI behind a real shell pipe (`printf … | clerk …`): stdin is a FIFO, as for users. */
async function piped(body: string, args: string[]) {
  const quoted = args.map((arg) => `'${arg.replace(/'/g, "'\\''")}'`).join(" ");
  try {
    const { stdout, stderr } = await promisify(execFile)(
      "sh",
      ["-c", `printf '%s' "$BODY" | "${process.execPath}" "${CLI_BIN}" ${quoted}`],
      { env: { PATH: process.env.PATH, HOME: "/nonexistent", NO_COLOR: "1", BODY: body, ...env() } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("clerk api", SLOW, () => {
  test("GET a path with a query string; the body is printed as JSON, -o yaml as YAML", async () => {
    await sandbox.bapi("POST", "/users", { email_address: ["ada@example.com"] });
    await sandbox.bapi("POST", "/users", { email_address: ["grace@example.com"] });
    const list = await clerk(["api", "/users?limit=1&order_by=-created_at"]);
    expect(list.code, list.stderr).toBe(0);
    const users = JSON.parse(list.stdout) as { email_addresses: { email_address: string }[] }[];
    expect(users).toHaveLength(1);
    expect(users[0]?.email_addresses[0]?.email_address).toBe("grace@example.com");

    // `/v1` in the path and a missing leading slash are both accepted.
    const count = await clerk(["api", "v1/users/count", "-o", "yaml"]);
    expect(parseYaml(count.stdout)).toEqual({ object: "total_count", total_count: 2 });
  });

  test("--include prints the status line and headers on stdout before the body", async () => {
    const included = await clerk(["api", "/users/count", "-i"]);
    expect(included.code).toBe(0);
    const [head, body] = included.stdout.split("\n\n");
    expect(head?.split("\n")[0]).toBe("HTTP 200 OK");
    expect(head).toMatch(/^content-type: application\/json/m);
    expect(JSON.parse(body as string)).toEqual({ object: "total_count", total_count: 0 });
  });

  test("a non-2xx answer exits 1: Clerk's body on stdout, the error on stderr", async () => {
    const missing = await clerk(["api", "/users/user_missing", "--include"]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/^HTTP 404 Not Found\n/);
    const body = JSON.parse(missing.stdout.split("\n\n")[1] as string);
    expect(body.errors[0]).toMatchObject({ code: "resource_not_found" });
    expect(errorOf(missing.stderr)).toMatchObject({ status: 404, message: "User not found" });
  });

  test("mutations: -d is POST, -X sets the method; asked on a terminal, sent unasked in agent mode", async () => {
    const body = '{"email_address":["ada@example.com"]}';
    const declined = runCliOnTty(["api", "/users", "-d", body], { env: env() });
    await declined.waitFor(`This sends POST ${sandbox.apiUrl}/users`);
    declined.type("n\r");
    // Declining is not a usage error: nothing was done (exit 1).
    expect((await declined.done).code).toBe(1);
    expect((await clerk(["users", "count", "--json"])).json()).toMatchObject({ total_count: 0 });

    // Not on a terminal (agent mode), as in the official CLI: sent without asking, said on stderr.
    const created = await clerk(["api", "/users", "-d", body]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stderr).toContain(`Sending POST ${sandbox.apiUrl}/users (not interactive, so not asked`);
    const user = JSON.parse(created.stdout) as { id: string };

    const patched = await clerk(["api", `/users/${user.id}`, "-X", "patch", "-d", '{"first_name":"Ada"}', "-y"]);
    expect(JSON.parse(patched.stdout)).toMatchObject({ id: user.id, first_name: "Ada" });

    const deleted = await clerk(["api", `/users/${user.id}`, "--method", "DELETE", "--mode", "agent"]);
    expect(JSON.parse(deleted.stdout)).toMatchObject({ id: user.id, deleted: true });
  });

  test("the body from a file (--file, -d @file) or a pipe (-d @- or plain piping)", async () => {
    const file = join(scratch, "user.json");
    writeFileSync(file, JSON.stringify({ email_address: ["file@example.com"] }));
    expect((await clerk(["api", "/users", "--file", file, "--yes"])).code).toBe(0);

    writeFileSync(file, JSON.stringify({ email_address: ["at@example.com"] }));
    expect((await clerk(["api", "/users", "-d", `@${file}`, "--yes"])).code).toBe(0);

    const stdin = await clerk(["api", "/users", "-d", "@-", "--yes"], {
      input: JSON.stringify({ email_address: ["stdin@example.com"] }),
    });
    expect(stdin.code, stdin.stderr).toBe(0);

    const pipe = await piped(JSON.stringify({ email_address: ["pipe@example.com"] }), [
      "api",
      "/users",
      "-X",
      "POST",
      "--yes",
    ]);
    expect(pipe.code, pipe.stderr).toBe(0);
    expect(JSON.parse(pipe.stdout).email_addresses[0].email_address).toBe("pipe@example.com");

    const emails = await clerk(["users", "list", "--json"]);
    expect(
      emails
        .json<{ data: { email_addresses: { email_address: string }[] }[] }>()
        .data.map((u) => u.email_addresses[0]?.email_address)
        .sort(),
    ).toEqual(["at@example.com", "pipe@example.com", "stdin@example.com", "file@example.com"].sort());
  });

  test("a piped body without -X is POSTed, as the official CLI does (not a silent GET)", async () => {
    const pipe = await piped(JSON.stringify({ email_address: ["implicit@example.com"] }), ["api", "/users", "--yes"]);
    expect(pipe.code, pipe.stderr).toBe(0);
    expect(JSON.parse(pipe.stdout)).toMatchObject({
      object: "user",
      email_addresses: [{ email_address: "implicit@example.com" }],
    });
    const listed = await sandbox.bapi("GET", "/users?email_address=implicit@example.com");
    expect(((await listed.json()) as unknown[]).length).toBe(1);

    // Without --yes and a terminal, it is a mutation like -d: sent unasked, as in the official CLI (000:73).
    const unasked = await piped(JSON.stringify({ email_address: ["unasked@example.com"] }), ["api", "/users"]);
    expect(unasked.code, unasked.stderr).toBe(0);
    expect(unasked.stderr).toContain("Sending POST");
    expect(JSON.parse(unasked.stdout)).toMatchObject({ email_addresses: [{ email_address: "unasked@example.com" }] });

    // An empty pipe is no body: still a GET.
    const empty = await piped("", ["api", "/users"]);
    expect(empty.code, empty.stderr).toBe(0);
    expect(Array.isArray(JSON.parse(empty.stdout))).toBe(true);
  });

  test("--dry-run shows the exact request with the key redacted, and sends nothing", async () => {
    const dry = await clerk(["api", "/users", "-d", '{"email_address":["dry@example.com"]}', "--dry-run"]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toContain("Dry run: this request was not sent.");
    expect(dry.stdout).toMatch(new RegExp(`^POST ${sandbox.apiUrl}/users\n`));
    expect(dry.stdout).toMatch(/^authorization: Bearer …$/m);
    expect(dry.stdout).toMatch(/^clerk-api-version: 2025-11-10$/m);
    expect(dry.stdout).toContain('"dry@example.com"');
    expect(dry.stdout + dry.stderr).not.toContain(sandbox.secretKey);

    const json = await clerk(["api", "/users/user_1", "-X", "DELETE", "--dry-run", "--json"]);
    expect(json.json()).toMatchObject({ method: "DELETE", url: `${sandbox.apiUrl}/users/user_1` });
    expect((await clerk(["users", "count", "--json"])).json()).toMatchObject({ total_count: 0 });
  });

  test("--platform calls the Platform API with the same credentials resolution", async () => {
    const apps = await clerk(["api", "--platform", "/applications"], { env: platformOnly() });
    expect(apps.code, apps.stderr).toBe(0);
    expect(JSON.parse(apps.stdout)).toEqual([
      expect.objectContaining({ application_id: sandbox.credentials.application_id }),
    ]);
    // A Platform path given whole works too; without --platform it is a usage error naming the fix.
    const whole = await clerk(
      ["api", "--platform", `/v1/platform/applications/${sandbox.credentials.application_id}`],
      {
        env: platformOnly(),
      },
    );
    expect(JSON.parse(whole.stdout)).toMatchObject({ application_id: sandbox.credentials.application_id });
    const wrongApi = await clerk(["api", "/platform/applications"], { env: platformOnly() });
    expect(wrongApi.code).toBe(2);
    expect(errorOf(wrongApi.stderr).hint).toContain("clerk api --platform /applications");

    // Backend API requests work with only the Platform key: the instance's secret key is fetched.
    const count = await clerk(["api", "/users/count"], { env: platformOnly() });
    expect(count.code, count.stderr).toBe(0);
    expect(JSON.parse(count.stdout)).toMatchObject({ object: "total_count" });

    const noAccess = await clerk(["api", "--platform", "/applications"]);
    expect(noAccess.code).toBe(1);
    expect(errorOf(noAccess.stderr).hint).toContain("clerk auth login");
  });

  test("bad requests are usage errors (exit 2) that name the fix", async () => {
    const cases: [string[], RegExp][] = [
      [["api", "/users", "-d", "{nope"], /--data is not valid JSON/],
      [["api", "/users", "-X", "GET", "-d", "{}"], /a GET request takes no body/],
      [["api", "/users", "-X", "FETCH"], /--method: must be one of GET, HEAD, POST, PUT, PATCH, DELETE/],
      [["api", "/users", "-d", "{}", "--file", "x.json"], /--data and --file both/],
      [["api", "https://api.clerk.com/v1/users"], /give the path only, not a URL/],
      [["api", "/users", "--file", join(scratch, "missing.json")], /--file: cannot read/],
    ];
    for (const [args, message] of cases) {
      const result = await clerk(args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(errorOf(result.stderr).message).toMatch(message);
    }
  });
});

describe("clerk api ls", SLOW, () => {
  test("lists the endpoints of the bundled documents, offline, with no credentials", async () => {
    // No settings at all, and an API URL nothing listens on: the list comes from the package.
    const offline = { env: { CLERK_API_URL: "http://127.0.0.1:9", CLERK_SECRET_KEY: undefined } };
    const all = await runCli(["api", "ls", "--json"], offline);
    expect(all.code, all.stderr).toBe(0);
    const endpoints = all.json<Endpoint[]>();
    expect(endpoints.length).toBeGreaterThan(200);
    expect(endpoints).toContainEqual(
      expect.objectContaining({ api: "backend", method: "GET", path: "/users", summary: "List all users" }),
    );
    expect(endpoints).toContainEqual(
      expect.objectContaining({ api: "platform", method: "GET", path: "/applications", summary: "List applications" }),
    );

    const users = await runCli(["api", "ls", "post users"], offline);
    expect(users.code).toBe(0);
    expect(users.stdout).toMatch(/^METHOD\s+PATH\s+SUMMARY\s+API/);
    expect(users.stdout).toMatch(/^POST\s+\/users\s+Create a new user\s+backend/m);
    expect(users.stdout).not.toMatch(/^GET /m);
    const matching = (await runCli(["api", "ls", "post users", "--json"], offline)).json<Endpoint[]>();
    expect(matching.every((e) => e.method === "POST" && e.path.includes("users"))).toBe(true);
    expect(users.stdout).toMatch(new RegExp(`\n${matching.length} endpoints\n$`));

    const platform = await runCli(["api", "ls", "--platform", "--json"], offline);
    expect(platform.json<Endpoint[]>().every((e) => e.api === "platform")).toBe(true);
    const backend = await runCli(["api", "ls", "applications", "--no-platform", "--json"], offline);
    expect(backend.json<Endpoint[]>().every((e) => e.api === "backend")).toBe(true);
  });

  test("the official CLI's filters match: `api ls --platform apps` lists the applications endpoints", async () => {
    const offline = { env: { CLERK_API_URL: "http://127.0.0.1:9", CLERK_SECRET_KEY: undefined } };
    const apps = await runCli(["api", "ls", "--platform", "apps", "--json"], offline);
    expect(apps.code, apps.stderr).toBe(0);
    const paths = apps.json<Endpoint[]>().map((e) => `${e.method} ${e.path}`);
    expect(paths).toContain("GET /applications");
    expect(paths).toContain("POST /applications");
    const orgs = (await runCli(["api", "ls", "get orgs", "--json"], offline)).json<Endpoint[]>();
    expect(orgs.map((e) => e.path)).toContain("/organizations");
  });

  test("the index built into dist/cli is exactly what the bundled OpenAPI documents hold", () => {
    const built = JSON.parse(readFileSync(new URL("../../dist/cli/endpoints.json", import.meta.url), "utf8"));
    const fromDocuments = Object.entries(OPENAPI_DOCUMENTS).flatMap(([api, file]) =>
      endpointsOf(
        api as Endpoint["api"],
        parseYaml(readFileSync(new URL(`../../shared/clerk-openapi/${file}`, import.meta.url), "utf8")),
      ),
    );
    expect(built).toEqual(fromDocuments);
    // Every operation of the documents is there once.
    expect(new Set(fromDocuments.map((e) => `${e.api} ${e.method} ${e.path}`)).size).toBe(fromDocuments.length);
  });

  test("the npm package ships the index, the manifest and the OpenAPI documents", async () => {
    const { stdout } = await promisify(execFile)("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: new URL("../../", import.meta.url).pathname,
    });
    const files = (JSON.parse(stdout) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
    for (const path of [
      "bin/clerk.js",
      "dist/cli/main.js",
      "dist/cli/endpoints.json",
      "dist/cli/commands.json",
      "shared/clerk-openapi/bapi-2025-11-10.yml",
      "shared/clerk-openapi/platform-beta.yml",
      "shared/clerk-openapi/LICENSE",
    ]) {
      expect(files).toContain(path);
    }
  });
});
