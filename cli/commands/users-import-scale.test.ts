import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { FIREBASE_PARAMETERS, type FixtureSource, passwordOf, writeFixture } from "../../shared/bulk/testing/fixtures";
import { useCliSandbox } from "../testing/cli-sandbox";

/** 10,000 users in each source's format, as the issue asks: all created once, passwords verify. */
const { clerk, sandbox } = useCliSandbox();
const dir = mkdtempSync(join(tmpdir(), "clerk-import-scale-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COUNT = 10_000;
const FIREBASE_FLAGS = [
  ...["--hash-key", FIREBASE_PARAMETERS.signerKey, "--salt-separator", FIREBASE_PARAMETERS.saltSeparator],
  ...["--rounds", String(FIREBASE_PARAMETERS.rounds), "--mem-cost", String(FIREBASE_PARAMETERS.memCost)],
];

async function verifies(n: number): Promise<boolean> {
  const [user] = (await (await sandbox.bapi("GET", `/users?email_address=user${n}@import.example.com`)).json()) as {
    id: string;
  }[];
  return (await sandbox.bapi("POST", `/users/${user?.id}/verify_password`, { password: passwordOf(n) })).status === 200;
}

describe("clerk users import at scale", { timeout: 600_000 }, () => {
  const cases: [FixtureSource, string, string[]][] = [
    ["migration", "migration.json", []],
    ["auth0", "auth0.jsonl", []],
    ["firebase", "firebase.json", FIREBASE_FLAGS],
    ["supabase", "supabase.csv", []],
  ];
  for (const [source, name, flags] of cases) {
    test(`${source}: ${COUNT} users, each created once, passwords verify`, async () => {
      const file = join(dir, name);
      await writeFixture(file, source, COUNT);
      const result = await clerk(["users", "import", file, ...flags, "--json"], { timeoutMs: 580_000 });
      expect(result.code, result.stderr.slice(-2000)).toBe(0);
      expect(result.json()).toMatchObject({ source, records: COUNT, created: COUNT, failed: 0 });
      const count = (await (await sandbox.bapi("GET", "/users/count")).json()) as { total_count: number };
      expect(count.total_count).toBe(COUNT);
      for (const n of [1, 4_321, COUNT]) expect(await verifies(n)).toBe(true);
    });
  }
});
