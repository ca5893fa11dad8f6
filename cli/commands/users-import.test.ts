import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { FIREBASE_PARAMETERS, type FixtureSource, passwordOf, writeFixture } from "../../shared/bulk/testing/fixtures";
import { useCliSandbox } from "../testing/cli-sandbox";
import { startCli } from "../testing/run-cli";

const { clerk, sandbox, env } = useCliSandbox();
const dir = mkdtempSync(join(tmpdir(), "clerk-import-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FIREBASE_FLAGS = [
  ...["--hash-key", FIREBASE_PARAMETERS.signerKey, "--salt-separator", FIREBASE_PARAMETERS.saltSeparator],
  ...["--rounds", String(FIREBASE_PARAMETERS.rounds), "--mem-cost", String(FIREBASE_PARAMETERS.memCost)],
];

interface Summary {
  source: string;
  records: number;
  created: number;
  already_existed: number;
  failed: number;
  rate_limited: number;
  interrupted: boolean;
  report_file: string;
  state_file: string;
}

async function userCount(): Promise<number> {
  const response = await sandbox.bapi("GET", "/users/count");
  return ((await response.json()) as { total_count: number }).total_count;
}

/** Every email address the instance has, each as often as it is there. */
async function emails(): Promise<string[]> {
  const all: string[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = (await (await sandbox.bapi("GET", `/users?limit=500&offset=${offset}`)).json()) as {
      email_addresses: { email_address: string }[];
    }[];
    all.push(...page.flatMap((user) => user.email_addresses.map((e) => e.email_address)));
    if (page.length < 500) return all;
  }
}

async function verifies(email: string, password: string): Promise<boolean> {
  const [user] = (await (await sandbox.bapi("GET", `/users?email_address=${encodeURIComponent(email)}`)).json()) as {
    id: string;
  }[];
  const response = await sandbox.bapi("POST", `/users/${user?.id}/verify_password`, { password });
  return response.status === 200;
}

describe("clerk users import", () => {
  const cases: [FixtureSource, string, string[]][] = [
    ["migration", "migration.json", []],
    ["auth0", "auth0.jsonl", []],
    ["firebase", "firebase.json", FIREBASE_FLAGS],
    ["supabase", "supabase.csv", []],
  ];
  for (const [source, name, flags] of cases) {
    test(`${source}: recognised, every user created with a password that verifies; a re-run creates no one`, async () => {
      const file = join(dir, name);
      await writeFixture(file, source, 30);
      const first = await clerk(["users", "import", file, ...flags, "--json"]);
      expect(first.code, first.stderr).toBe(0);
      expect(first.json<Summary>()).toMatchObject({ source, records: 30, created: 30, failed: 0 });
      expect(await userCount()).toBe(30);
      expect(await verifies("user7@import.example.com", passwordOf(7))).toBe(true);
      expect(await verifies("user8@import.example.com", passwordOf(7))).toBe(false);

      // Without the state file too: Clerk's unique emails make the users "already there".
      rmSync(`${file}.import-state.jsonl`);
      const again = await clerk(["users", "import", file, ...flags, "--json"]);
      expect(again.json<Summary>()).toMatchObject({ created: 0, already_existed: 30, failed: 0 });
      expect(await userCount()).toBe(30);
    });
  }

  test("--dry-run checks every record locally, names each bad one by line, sends nothing, exits 1", async () => {
    const file = join(dir, "bad.jsonl");
    writeFileSync(
      file,
      [
        { userId: "1", email: "ok@example.com", password: "a fine password" },
        { userId: "2", email: "not-an-email" },
        { userId: "3" },
        { userId: "4", email: "d@example.com", password: "nope", passwordHasher: "bcrypt" },
        { userId: "5", email: "e@example.com", password: "x".repeat(80) },
      ]
        .map((record) => JSON.stringify(record))
        .join("\n"),
    );
    const dry = await clerk(["users", "import", file, "--dry-run", "--json"]);
    expect(dry.code).toBe(1);
    const report = dry.json<{ source: string; valid: number; invalid: { line: number; message: string }[] }>();
    expect(report.source).toBe("migration");
    expect(report.valid).toBe(1);
    expect(report.invalid.map((bad) => bad.line)).toEqual([2, 3, 4, 5]);
    expect(report.invalid[0]?.message).toMatch(/not an email address/);
    expect(report.invalid[1]?.message).toMatch(/No email address, phone number or username/);
    expect(report.invalid[2]?.message).toMatch(/bcrypt digest has the form/);
    expect(await userCount()).toBe(0);

    const human = await clerk(["users", "import", file, "--dry-run"]);

    expect(human.stdout).toContain("Nothing was sent (--dry-run).");

    // For real: the good one is created, the others are in the report with why; exit 1.
    const real = await clerk(["users", "import", file, "--json"]);
    expect(real.code).toBe(1);
    expect(real.json<Summary>()).toMatchObject({ created: 1, failed: 4 });
    const lines = readFileSync(`${file}.import-report.jsonl`, "utf8").trim().split("\n");
    expect(lines.map((line) => JSON.parse(line).line)).toEqual([2, 3, 4, 5]);
  });

  test("Clerk's error for a record it refuses is in the report (line, code, param); a taken identifier is already there", async () => {
    const file = join(dir, "refused.json");
    writeFileSync(
      file,
      JSON.stringify([
        { userId: "a", email: "a@example.com" },
        { userId: "b", email: "b@example.com", privateMetadata: { notes: "x".repeat(9000) } },
        { userId: "c", email: "taken@example.com" },
      ]),
    );
    await sandbox.bapi("POST", "/users", { email_address: ["taken@example.com"] });
    const result = await clerk(["users", "import", file, "--json"]);
    expect(result.code).toBe(1);
    expect(result.json<Summary>()).toMatchObject({ created: 1, already_existed: 1, failed: 1 });
    const [failure] = readFileSync(`${file}.import-report.jsonl`, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(failure).toMatchObject({
      line: 2,
      key: "b",
      status: "failed",
      code: "form_param_format_invalid",
      param: "private_metadata",
    });
  });

  test("at the instance's rate limit: 429s slow it down, every user is still created once", async () => {
    await sandbox.control("rate-limits", { enabled: true, development: 25, window_ms: 1000 });
    try {
      const file = join(dir, "limited.json");
      await writeFixture(file, "migration", 120);
      const result = await clerk(["users", "import", file, "--json", "--concurrency", "32"], { timeoutMs: 60_000 });
      expect(result.code, result.stderr).toBe(0);
      const summary = result.json<Summary>();
      expect(summary).toMatchObject({ created: 120, failed: 0 });
      expect(summary.rate_limited).toBeGreaterThan(0);
      expect(await userCount()).toBe(120);
    } finally {
      await sandbox.control("rate-limits", { enabled: false });
    }
  });

  test("killed (SIGKILL) half-way and run again: every user exactly once", async () => {
    await sandbox.control("rate-limits", { enabled: true, development: 40, window_ms: 1000 });
    try {
      const file = join(dir, "killed.jsonl");
      await writeFixture(file, "migration", 200);
      const state = `${file}.import-state.jsonl`;
      const running = startCli(["users", "import", file, "--json"], { env: env() });
      for (let i = 0; i < 400; i++) {
        if (existsSync(state) && readFileSync(state, "utf8").split("\n").length > 60) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      running.signal("SIGKILL");
      await running.done;
      await sandbox.control("rate-limits", { enabled: false }); // counting must not meet the import's 429s
      const before = await userCount();
      expect(before).toBeGreaterThan(0);
      expect(before).toBeLessThan(200);
      const resumed = await clerk(["users", "import", file, "--json"], { timeoutMs: 60_000 });
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.json<Summary>()).toMatchObject({ failed: 0 });
      const all = await emails();
      expect(all).toHaveLength(200);
      expect(new Set(all).size).toBe(200);
    } finally {
      await sandbox.control("rate-limits", { enabled: false });
    }
  });

  test("a dropped connection after a create was made: looked up, not created twice", async () => {
    const file = join(dir, "dropped.json");
    await writeFixture(file, "migration", 10);
    await sandbox.control("faults", { kind: "drop_after", method: "POST", path_prefix: "/v1/users", count: 2 });
    const result = await clerk(["users", "import", file, "--json", "--concurrency", "1"]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.json<Summary>()).toMatchObject({ created: 8, already_existed: 2, failed: 0 });
    const all = await emails();
    expect(all).toHaveLength(10);
    expect(new Set(all).size).toBe(10);
  });

  test("users export (JSON Lines and CSV, streamed) imports back into another instance with metadata", async () => {
    for (let n = 1; n <= 25; n++) {
      await sandbox.bapi("POST", "/users", {
        email_address: [`export${n}@example.com`],
        first_name: `Ex${n}`,
        public_metadata: { tier: n % 3 },
        private_metadata: { crm: `c${n}` },
      });
    }
    const production = { env: { CLERK_SECRET_KEY: sandbox.credentials.production.secret_key } };
    for (const name of ["export.jsonl", "export.csv"]) {
      const file = join(dir, name);
      const exported = await clerk(["users", "export", file]);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stderr).toContain(`Exported 25 users to ${file}`);
      const imported = await clerk(["users", "import", file, "--json"], production);
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.json<Summary>()).toMatchObject({
        source: "clerk",
        records: 25,
        created: name.endsWith("jsonl") ? 25 : 0,
      });
    }
    const copy = (await (
      await sandbox.bapi("GET", "/users?email_address=export7@example.com", undefined, {
        authorization: `Bearer ${sandbox.credentials.production.secret_key}`,
      })
    ).json()) as { first_name: string; external_id: string; public_metadata: unknown; private_metadata: unknown }[];
    expect(copy[0]).toMatchObject({ first_name: "Ex7", public_metadata: { tier: 1 }, private_metadata: { crm: "c7" } });
    expect(copy[0]?.external_id).toMatch(/^user_/);

    const piped = await clerk(["users", "export", "--format", "csv", "--query", "export1"]);
    const rows = piped.stdout.trim().split("\n");
    expect(rows[0]).toBe(
      "id,external_id,first_name,last_name,username,email,emails,phone,created_at,last_sign_in_at,banned,locked,public_metadata,private_metadata,unsafe_metadata",
    );
    expect(rows.length).toBeGreaterThan(1);
  });
});
