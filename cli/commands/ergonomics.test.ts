import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { parse as parseYaml } from "yaml";
import { useCliSandbox } from "../testing/cli-sandbox";

const { clerk, sandbox } = useCliSandbox();
const SLOW = { timeout: 60_000 };
const scratch = mkdtempSync(join(tmpdir(), "clerk-ergonomics-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const errorOf = (stderr: string) => JSON.parse(stderr).error as { message: string; hint?: string };
/** Anything that looks like a whole Clerk secret (masked ones keep only a prefix and 4 characters). */
const SECRET = /\b(sk|ak)_(test_|live_)?[A-Za-z0-9]{10,}/;

interface UserJson {
  id: string;
  first_name: string | null;
  last_name: string | null;
  email_addresses: { email_address: string }[];
}

describe("command words", SLOW, () => {
  test("unambiguous prefixes and the ls/rm synonyms: `clerk us ls`", async () => {
    await sandbox.bapi("POST", "/users", { email_address: ["ada@example.com"] });
    const short = await clerk(["us", "ls", "--json"]);
    expect(short.code, short.stderr).toBe(0);
    expect(short.json()).toEqual((await clerk(["users", "list", "--json"])).json());
    const user = short.json<{ data: UserJson[] }>().data[0] as UserJson;
    const removed = await clerk(["us", "rm", user.id, "--yes", "--json"]);
    expect(removed.json()).toMatchObject({ id: user.id, deleted: true });

    const ambiguous = await clerk(["u", "ls"]);
    expect(ambiguous.code).toBe(2);
    expect(errorOf(ambiguous.stderr).message).toMatch(/^"u" is ambiguous: .*users/);
  });
});

describe("-o yaml", SLOW, () => {
  test("prints the same data as --json, as YAML", async () => {
    await sandbox.bapi("POST", "/users", { email_address: ["ada@example.com"], first_name: "Ada" });
    const yaml = await clerk(["users", "list", "-o", "yaml"]);
    expect(yaml.code, yaml.stderr).toBe(0);
    expect(yaml.stdout).toMatch(/^data:\n {2}- id: user_/);
    expect(parseYaml(yaml.stdout)).toEqual((await clerk(["users", "list", "--json"])).json());
    expect(parseYaml((await clerk(["users", "list", "--output=yaml", "--all"])).stdout)).toHaveLength(1);
    const bad = await clerk(["users", "list", "-o", "xml"]);
    expect(bad.code).toBe(2);
    expect(errorOf(bad.stderr).message).toBe('--output must be table, json or yaml, not "xml"');
  });
});

describe("--debug", SLOW, () => {
  test("logs each request and response on stderr, with no secret in it", async () => {
    const withKey = await clerk([
      "users",
      "create",
      "--email-address",
      "debug@example.com",
      "--private-metadata",
      `{"stored_key":"${sandbox.secretKey}"}`,
      "--debug",
      "--json",
    ]);
    expect(withKey.code, withKey.stderr).toBe(0);
    expect(withKey.stderr).toMatch(new RegExp(`^\\[debug\\] → POST ${sandbox.apiUrl}/users `, "m"));
    expect(withKey.stderr).toMatch(new RegExp(`^\\[debug\\] ← 200 POST ${sandbox.apiUrl}/users \\d+ ms$`, "m"));
    expect(withKey.stderr).toContain('"stored_key":"sk_test_…');
    expect(withKey.stderr).not.toMatch(SECRET);
    expect(withKey.stdout).not.toContain("[debug]");

    // Platform key only: the instance's secret key is fetched (include_secret_keys) and never logged.
    const viaPlatform = await clerk(["api", "/users/count", "--debug"], {
      env: { CLERK_SECRET_KEY: undefined, CLERK_PLATFORM_API_KEY: sandbox.credentials.platform_api_key },
    });
    expect(viaPlatform.code, viaPlatform.stderr).toBe(0);
    expect(viaPlatform.stderr).toContain("include_secret_keys=true");
    expect(viaPlatform.stderr).toMatch(/^\[debug\] ← 200 GET .*\/v1\/users\/count/m);
    expect(viaPlatform.stderr).not.toMatch(SECRET);
    expect(viaPlatform.stderr).not.toContain(sandbox.credentials.platform_api_key);
  });

  test("a password in the body is hidden from --debug and --dry-run, whatever it looks like", async () => {
    const password = "correct horse battery staple 42";
    for (const flag of ["--debug", "--dry-run"]) {
      const run = await clerk([
        "users",
        "create",
        "--email-address",
        `hidden${flag}@example.com`,
        "--password",
        password,
        flag,
        "--json",
      ]);
      expect(run.code, run.stderr).toBe(0);
      // --debug logs compact JSON on stderr, --dry-run prints the request indented on stdout.
      expect(`${run.stdout}${run.stderr}`).toMatch(/"password": ?"\*{8}"/);
      expect(`${run.stdout}${run.stderr}`).not.toContain(password);
    }
  });
});

describe("--input-json", SLOW, () => {
  test("options as one JSON object, inline, from a file or stdin; explicit flags win", async () => {
    const inline = await clerk([
      "users",
      "create",
      "--input-json",
      '{"email_address":["ada@example.com"],"first-name":"Ada","last_name":"Lovelace","public_metadata":{"plan":"pro"}}',
      "--last-name",
      "Byron",
      "--json",
    ]);
    expect(inline.code, inline.stderr).toBe(0);
    expect(inline.json()).toMatchObject({
      first_name: "Ada",
      last_name: "Byron",
      public_metadata: { plan: "pro" },
      email_addresses: [{ email_address: "ada@example.com" }],
    });

    const file = join(scratch, "grace.json");
    writeFileSync(file, JSON.stringify({ email_address: "grace@example.com", first_name: "Grace" }));
    const fromFile = await clerk(["users", "create", "--input-json", `@${file}`, "--json"]);
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(fromFile.json()).toMatchObject({
      first_name: "Grace",
      email_addresses: [{ email_address: "grace@example.com" }],
    });

    // Numbers for number options and positionals by name, from stdin.
    const id = inline.json<UserJson>().id;
    const fromStdin = await clerk(["users", "get", "--input-json", "-", "--json"], {
      input: JSON.stringify({ user_id: id }),
    });
    expect(fromStdin.json()).toMatchObject({ id, first_name: "Ada" });
    const limited = await clerk(["users", "list", "--input-json", '{"limit": 1, "order_by": "created_at"}', "--json"]);
    expect(limited.json<{ data: UserJson[] }>().data.map((u) => u.id)).toEqual([id]);
  });

  test("validated like flags: unknown options, bad values and bad JSON are usage errors", async () => {
    const cases: [string, RegExp][] = [
      ['{"limt": 5}', /--input-json: unknown option "limt"/],
      ['{"limit": 9999}', /^--limit must be at most 500$/],
      ['{"limit": 5', /--input-json: --input-json is not valid JSON/],
      ["[1, 2]", /must hold a JSON object of options/],
      [`@${join(scratch, "missing.json")}`, /--input-json: cannot read/],
    ];
    for (const [value, message] of cases) {
      const result = await clerk(["users", "list", "--input-json", value]);
      expect(result.code, value).toBe(2);
      expect(errorOf(result.stderr).message).toMatch(message);
    }
    const hint = errorOf((await clerk(["users", "list", "--input-json", '{"limt": 5}'])).stderr).hint;
    expect(hint).toContain('Did you mean "limit"?');
  });
});
